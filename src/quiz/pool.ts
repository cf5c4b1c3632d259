import type { Item } from '../bank/types.ts';
import { looseNormalize } from './normalize.ts';
import { type AnswerKind, firstSentence, kindOf, profileOf } from './profile.ts';

/** All the quiz engine needs of a bank: its items. A loaded Bank satisfies it. */
export interface ItemPool {
  readonly items: readonly Item[];
}

/** A text that can stand as a wrong option for some other item. */
export interface Candidate {
  text: string;
  /** `looseNormalize(text)`, precomputed for comparisons. */
  loose: string;
  kind: AnswerKind;
  itemId: string;
}

/** Lookups over a pool, built lazily once per items array. */
export interface PoolIndex {
  byId: Map<string, Item>;
  /** Candidates by note path. */
  byNote: Map<string, Candidate[]>;
  /** Candidates by the note's folder: the topic. */
  byFolder: Map<string, Candidate[]>;
  /** Fact cells by note + table + column index. */
  byColumn: Map<string, Candidate[]>;
  /** How many columns each table (note + table) has. */
  columnCount: Map<string, number>;
  /** Every candidate by kind, for the last resort: highlights of similar length and kind. */
  byKind: Map<AnswerKind, Candidate[]>;
}

const indexes = new WeakMap<readonly Item[], PoolIndex>();

/** The index of `pool`, built on first use and cached for as long as its items array lives. */
export function indexOf(pool: ItemPool): PoolIndex {
  let index = indexes.get(pool.items);
  if (!index) {
    index = buildIndex(pool.items);
    indexes.set(pool.items, index);
  }
  return index;
}

/** The folder of a note path ("aws/ami.md" → "aws"), the empty string at the root. */
export function folderOf(note: string): string {
  const slash = note.lastIndexOf('/');
  return slash === -1 ? '' : note.slice(0, slash);
}

/** Key of a table column in `PoolIndex.byColumn`. */
export function columnKey(note: string, table: string, columnIndex: number): string {
  return `${note}\u0000${table}\u0000${columnIndex}`;
}

/** Key of a table in `PoolIndex.columnCount`. */
export function tableKey(note: string, table: string): string {
  return `${note}\u0000${table}`;
}

/** A candidate for `text`, or null when it normalizes to nothing. */
export function candidateOf(text: string, itemId: string, kind: AnswerKind = kindOf(text)): Candidate | null {
  const trimmed = text.trim();
  const loose = looseNormalize(trimmed);
  return loose === '' ? null : { text: trimmed, loose, kind, itemId };
}

function buildIndex(items: readonly Item[]): PoolIndex {
  const index: PoolIndex = {
    byId: new Map(),
    byNote: new Map(),
    byFolder: new Map(),
    byColumn: new Map(),
    columnCount: new Map(),
    byKind: new Map(),
  };
  const columns = new Map<string, Set<number>>();
  for (const item of items) {
    if (!index.byId.has(item.id)) index.byId.set(item.id, item);
    const candidates = candidatesOf(item);
    append(index.byNote, item.note, candidates);
    append(index.byFolder, folderOf(item.note), candidates);
    for (const candidate of candidates) append(index.byKind, candidate.kind, [candidate]);
    if (item.kind === 'fact' && item.fact) {
      const cell = candidateOf(item.answer, item.id);
      if (cell) append(index.byColumn, columnKey(item.note, item.fact.table, item.fact.columnIndex), [cell]);
      const table = tableKey(item.note, item.fact.table);
      const seen = columns.get(table) ?? new Set<number>();
      seen.add(item.fact.columnIndex);
      columns.set(table, seen);
    }
  }
  for (const [table, seen] of columns) index.columnCount.set(table, seen.size + 1); // + the row-key column
  return index;
}

/** The texts an item contributes as wrong options elsewhere: its gist, highlights, steps, first sentence. */
function candidatesOf(item: Item): Candidate[] {
  const texts = new Set<string>();
  const profile = profileOf(item);
  // A sequence's display is all its steps joined: its steps stand on their own below.
  if (profile.kind !== 'yesno' && item.kind !== 'sequence') texts.add(profile.display);
  for (const key of item.keys) texts.add(key);
  for (const step of item.steps ?? []) texts.add(step);
  for (const choice of item.choices ?? []) texts.add(choice.text);
  if (item.kind === 'qa') texts.add(firstSentence(item.answer));
  const out: Candidate[] = [];
  for (const text of texts) {
    const candidate = candidateOf(text, item.id, text === profile.display ? profile.kind : kindOf(text));
    if (candidate && candidate.kind !== 'yesno') out.push(candidate);
  }
  return out;
}

function append<K, V>(map: Map<K, V[]>, key: K, values: readonly V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values.slice());
}
