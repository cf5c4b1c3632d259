import { IdTable } from './id-table.ts';
import type { ParsedNote } from './parse-note.ts';
import { SearchIndex } from './search-index.ts';
import type { Diagnostic, Item, ItemKind } from './types.ts';

/** One note as the bank summarises it. */
export interface NoteSummary {
  path: string;
  title: string;
  tags: string[];
  /** Items the note contributes, by kind. */
  counts: Record<ItemKind, number>;
  /** Total items the note contributes. */
  items: number;
}

/** A search result: the item and MiniSearch's relevance score (higher is better). */
export interface SearchHit {
  item: Item;
  score: number;
}

/** Something a quiz can be about: a tag or a note, with how many items it has (for autocomplete). */
export interface Topic {
  name: string;
  kind: 'tag' | 'note';
  items: number;
  /** For `note` topics: the note path. */
  note?: string;
}

/** The question bank: every item of every note, its diagnostics, and search. Never changes once built. */
export interface Bank {
  readonly items: readonly Item[];
  readonly notes: readonly NoteSummary[];
  readonly diagnostics: readonly Diagnostic[];
  /** The item with this id, if any. */
  get(id: string): Item | undefined;
  /** Best matches for a free-text query (prefix + fuzzy), at most `limit` (default 10). */
  search(query: string, options?: { limit?: number }): SearchHit[];
  /** Tags and note titles with item counts, most items first. */
  topics(): Topic[];
  /** Items of a tag, note title or note path (case-insensitive); no topic means all items. */
  itemsForTopic(topic?: string): Item[];
}

/** Builds a bank from parsed notes; a duplicate id across notes is an error and the later item is dropped. */
export function buildBank(parsedNotes: readonly ParsedNote[]): Bank {
  return assembleBank(parsedNotes, undefined);
}

/** What a note contributes once duplicates are dropped. */
interface NoteEntry {
  summary: NoteSummary;
  items: readonly Item[];
  diagnostics: readonly Diagnostic[];
}

/** Lets the event loop run; `rebuildBankInSlices` awaits it between slices of work. */
export type YieldNow = () => Promise<void>;

/** Items indexed per `add` call by `rebuildBankInSlices`, and the most work (ms) between two yields. */
const INDEX_CHUNK_ITEMS = 40;
const SLICE_MS = 8;

/**
 * Builds a bank like `assembleBank`, with a search index of its own, in slices that yield in between,
 * so a large reload never blocks the event loop for long; its topics are worked out before it is
 * served. The previous bank and its index are left untouched and keep serving until the caller swaps
 * the result in.
 */
export async function rebuildBankInSlices(
  parsedNotes: readonly ParsedNote[],
  yieldNow: YieldNow,
): Promise<Bank> {
  let sliceStart = performance.now();
  const yieldIfDue = async (): Promise<void> => {
    if (performance.now() - sliceStart < SLICE_MS) return;
    await yieldNow();
    sliceStart = performance.now();
  };
  // Assembling 2,000 notes in one go held the event loop ≈ 50 ms, on top of the index below.
  const steps = assembleSteps(parsedNotes, undefined, { index: new SearchIndex() });
  let step = steps.next();
  while (!step.done) {
    await yieldIfDue();
    step = steps.next();
  }
  const draft = step.value;
  const index = draft.searchIndex();
  const { items } = draft;
  for (let i = 0; i < items.length; i += INDEX_CHUNK_ITEMS) {
    await yieldIfDue();
    index.add(items.slice(i, i + INDEX_CHUNK_ITEMS));
  }
  // Topics are worked out lazily on first use, which after a reload is some member's interaction.
  await yieldIfDue();
  draft.topics();
  return draft;
}

/**
 * Builds a bank, reusing `previous`'s search index when given: only the items that are no longer
 * served are discarded and the new ones added, which keeps reloads of a large bank fast.
 */
export function assembleBank(
  parsedNotes: readonly ParsedNote[],
  previous: Bank | undefined,
  options: { index?: SearchIndex } = {},
): Bank {
  const steps = assembleSteps(parsedNotes, previous, options);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/** `assembleBank`'s work, pausing after each note so that `rebuildBankInSlices` can yield in between. */
function* assembleSteps(
  parsedNotes: readonly ParsedNote[],
  previous: Bank | undefined,
  options: { index?: SearchIndex },
): Generator<void, MemoryBank, void> {
  const sorted = [...parsedNotes].sort((a, b) => comparePaths(a.path, b.path));
  const byId = new Map<string, Item>();
  const entries = new Map<string, NoteEntry>();
  let duplicates = false;
  for (const note of sorted) {
    const diagnostics: Diagnostic[] = [...note.diagnostics];
    const kept: Item[] = [];
    for (const item of note.items) {
      const first = byId.get(item.id);
      if (first) {
        duplicates = true;
        diagnostics.push({
          file: note.path,
          line: item.line,
          column: 1,
          severity: 'error',
          message: `duplicate id ${item.id} (also in ${first.note}:${first.line}); this item is dropped`,
        });
        continue;
      }
      byId.set(item.id, item);
      kept.push(item);
    }
    entries.set(note.path, entryOf(note, kept, diagnostics));
    yield;
  }
  const paths = sorted.map((note) => note.path);
  const items = flatten(paths, entries, (entry) => entry.items);
  const index =
    options.index ?? (previous instanceof MemoryBank ? previous.takeIndex(byId) : freshIndex(items));
  return new MemoryBank(paths, entries, items, IdTable.of(byId), index, duplicates);
}

/**
 * The bank after some notes changed (`changed`, new or re-parsed) and others left (`removed`),
 * sharing the previous bank's search index and id table and touching only those notes' items.
 * Falls back to a full `assembleBank(all())` when a duplicate id is involved, since which copy wins
 * depends on every note's path.
 */
export function updateBank(
  previous: Bank | undefined,
  changed: readonly ParsedNote[],
  removed: readonly string[],
  all: () => readonly ParsedNote[],
): Bank {
  const updated = previous instanceof MemoryBank ? previous.withChanges(changed, removed) : undefined;
  return updated ?? assembleBank(all(), previous);
}

/**
 * Like `updateBank` for a live reload: `prepare` (the quiz pool index, built in slices) runs on the next
 * bank's items before anything the served bank uses changes, so the bank still served during those
 * slices never answers from a half-applied change. A change needing a full rebuild is rebuilt in slices.
 */
export async function updateBankPrepared(
  previous: Bank,
  changed: readonly ParsedNote[],
  removed: readonly string[],
  all: () => readonly ParsedNote[],
  prepare: (pool: { readonly items: readonly Item[] }) => Promise<void>,
  yieldNow: YieldNow,
): Promise<Bank> {
  const plan = previous instanceof MemoryBank ? previous.planChanges(changed, removed) : undefined;
  if (!plan || !(previous instanceof MemoryBank)) {
    const rebuilt = await rebuildBankInSlices(all(), yieldNow);
    await prepare(rebuilt);
    return rebuilt;
  }
  await prepare(plan);
  return previous.applyChanges(plan);
}

function entryOf(note: ParsedNote, items: readonly Item[], diagnostics: readonly Diagnostic[]): NoteEntry {
  const counts = zeroCounts();
  for (const item of items) counts[item.kind] += 1;
  return {
    summary: { path: note.path, title: note.title, tags: note.tags, counts, items: items.length },
    items,
    diagnostics,
  };
}

function flatten<T>(
  paths: readonly string[],
  entries: ReadonlyMap<string, NoteEntry>,
  pick: (entry: NoteEntry) => readonly T[],
): T[] {
  const out: T[] = [];
  for (const path of paths) {
    const entry = entries.get(path);
    if (entry) for (const value of pick(entry)) out.push(value);
  }
  return out;
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function freshIndex(items: readonly Item[]): SearchIndex {
  const index = new SearchIndex();
  index.add(items);
  return index;
}

function zeroCounts(): Record<ItemKind, number> {
  return { qa: 0, cloze: 0, fact: 0, sequence: 0, choice: 0 };
}

class MemoryBank implements Bank {
  private topicCache: Topic[] | undefined;
  private diagnosticsCache: readonly Diagnostic[] | undefined;
  private notesCache: readonly NoteSummary[] | undefined;

  constructor(
    /** Note paths in order. */
    private readonly paths: readonly string[],
    private readonly entries: ReadonlyMap<string, NoteEntry>,
    readonly items: readonly Item[],
    private readonly byId: IdTable,
    private readonly index: SearchIndex,
    /** True when some item was dropped as a duplicate: such a bank is only ever rebuilt in full. */
    private readonly hasDuplicates: boolean,
  ) {}

  get notes(): readonly NoteSummary[] {
    this.notesCache ??= this.paths.flatMap((path) => this.entries.get(path)?.summary ?? []);
    return this.notesCache;
  }

  get diagnostics(): readonly Diagnostic[] {
    this.diagnosticsCache ??= flatten(this.paths, this.entries, (entry) => entry.diagnostics);
    return this.diagnosticsCache;
  }

  get(id: string): Item | undefined {
    return this.byId.get(id);
  }

  /** The search index behind this bank (for `rebuildBankInSlices`, which fills it after building). */
  searchIndex(): SearchIndex {
    return this.index;
  }

  search(query: string, options: { limit?: number } = {}): SearchHit[] {
    const limit = options.limit ?? 10;
    if (query.trim() === '' || limit <= 0) return [];
    const hits: SearchHit[] = [];
    for (const { id, score } of this.index.search(query)) {
      // The index may be shared with a newer bank after a reload; serve only this bank's items.
      const item = this.byId.get(id);
      if (!item) continue;
      hits.push({ item, score });
      if (hits.length >= limit) break;
    }
    return hits;
  }

  topics(): Topic[] {
    this.topicCache ??= computeTopics(this.items, this.notes);
    return this.topicCache;
  }

  itemsForTopic(topic?: string): Item[] {
    const wanted = topic?.trim().toLowerCase() ?? '';
    if (wanted === '') return [...this.items];
    const notePaths = new Set(
      this.notes
        .filter((note) => {
          const path = note.path.toLowerCase();
          return (
            note.title.toLowerCase() === wanted || path === wanted || path.replace(/\.md$/, '') === wanted
          );
        })
        .map((note) => note.path),
    );
    return this.items.filter((item) => notePaths.has(item.note) || item.tags.includes(wanted));
  }

  /**
   * Hands this bank's index to the bank that replaces it, updated in place: items no longer present
   * are discarded, new ones added. This bank keeps answering from its own items meanwhile.
   */
  takeIndex(next: ReadonlyMap<string, Item>): SearchIndex {
    const gone = this.items.filter((item) => next.get(item.id) !== item);
    const added = [...next.values()].filter((item) => this.byId.get(item.id) !== item);
    this.index.discard(gone);
    this.index.add(added);
    return this.index;
  }

  /** The next bank after a few notes changed, or undefined when a duplicate id needs a full rebuild. */
  withChanges(changed: readonly ParsedNote[], removed: readonly string[]): MemoryBank | undefined {
    const plan = this.planChanges(changed, removed);
    return plan && this.applyChanges(plan);
  }

  /**
   * Everything of the next bank but its search index (which this bank shares and still serves from),
   * or undefined when a duplicate id needs a full rebuild. Changes nothing.
   */
  planChanges(changed: readonly ParsedNote[], removed: readonly string[]): PlannedChange | undefined {
    if (this.hasDuplicates) return undefined;
    const touched = new Set([...changed.map((note) => note.path), ...removed]);
    const fresh: Item[] = [];
    const freshIds = new Set<string>();
    for (const note of changed) {
      for (const item of note.items) {
        const owner = this.byId.get(item.id);
        // The same id twice in the changed notes, or in a note that stays as it is.
        if (freshIds.has(item.id) || (owner && !touched.has(owner.note))) return undefined;
        freshIds.add(item.id);
        fresh.push(item);
      }
    }
    const gone: Item[] = [];
    const entries = new Map(this.entries);
    for (const path of touched) {
      for (const item of this.entries.get(path)?.items ?? []) gone.push(item);
      entries.delete(path);
    }
    for (const note of changed) entries.set(note.path, entryOf(note, note.items, note.diagnostics));
    const paths =
      changed.every((note) => this.entries.has(note.path)) && removed.every((path) => !this.entries.has(path))
        ? this.paths
        : [...entries.keys()].sort(comparePaths);
    const items = flatten(paths, entries, (entry) => entry.items);
    return { paths, entries, items, gone, fresh };
  }

  /** The next bank of `plan`: hands it this bank's search index, updated in place. */
  applyChanges(plan: PlannedChange): MemoryBank {
    const { items } = plan;
    const byId = this.byId.with(plan.gone, plan.fresh, () => items);
    this.index.discard(plan.gone);
    this.index.add(plan.fresh);
    return new MemoryBank(plan.paths, plan.entries, items, byId, this.index, false);
  }
}

/** A bank update worked out but not applied yet (see `MemoryBank.planChanges`). */
interface PlannedChange {
  paths: readonly string[];
  entries: ReadonlyMap<string, NoteEntry>;
  /** The next bank's items, in note order: the array the next bank serves. */
  items: readonly Item[];
  gone: readonly Item[];
  fresh: readonly Item[];
}

function computeTopics(items: readonly Item[], notes: readonly NoteSummary[]): Topic[] {
  const tagCounts = new Map<string, number>();
  for (const item of items) for (const tag of item.tags) tagCounts.set(tag, (tagCounts.get(tag) ?? 0) + 1);
  const topics: Topic[] = [...tagCounts].map(([name, count]) => ({ name, kind: 'tag', items: count }));
  for (const note of notes) {
    if (note.items > 0) topics.push({ name: note.title, kind: 'note', items: note.items, note: note.path });
  }
  return topics.sort((a, b) => b.items - a.items || a.name.localeCompare(b.name));
}
