/**
 * Decks in other formats than Markdown notes, by file extension: each reader turns a file's bytes into
 * the same `ParsedNote` a note gives (items and diagnostics), so the bank, live reload, `/bank add`
 * and every feature take them as they take notes. Readers never throw and never run what they read.
 */
import type { ParsedNote } from '../bank/parse-note.ts';
import { readAnkiPackage } from './anki.ts';
import { readCsvDeck } from './csv.ts';

/** Reads one file of a deck format. */
export type DeckReader = (relPath: string, bytes: Uint8Array) => ParsedNote | Promise<ParsedNote>;

/** The reader of each imported format, by lower-case extension. */
export const DECK_READERS: Readonly<Record<string, DeckReader>> = {
  '.apkg': readAnkiPackage,
  '.colpkg': readAnkiPackage,
  '.csv': readCsvDeck,
  '.tsv': readCsvDeck,
};

/** Extensions of the deck formats (binary ones are `.apkg`, `.colpkg`). */
export const DECK_EXTENSIONS: readonly string[] = Object.keys(DECK_READERS);

/** The reader for this path's extension, if it is a deck format. */
export function deckReaderFor(path: string): DeckReader | undefined {
  const dot = path.lastIndexOf('.');
  return dot < 0 ? undefined : DECK_READERS[path.slice(dot).toLowerCase()];
}

/** True for an Anki package (binary: stored and sent as bytes, never as text). */
export function isBinaryDeck(path: string): boolean {
  return /\.(apkg|colpkg)$/i.test(path);
}
