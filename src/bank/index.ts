export type { Bank, NoteSummary, SearchHit, Topic } from './bank.ts';
export { buildBank } from './bank.ts';
export { type BankLoaderOptions, LiveBank, loadBank, type ReloadReport } from './loader.ts';
export { parserFingerprint } from './parse-cache.ts';
export { type ParsedNote, parseNote } from './parse-note.ts';
export { sourceOf } from './source.ts';
export type { Diagnostic, FactSource, Item, ItemKind, Severity } from './types.ts';
