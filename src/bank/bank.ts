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

/**
 * Builds a bank, reusing `previous`'s search index when given: only the items that are no longer
 * served are discarded and the new ones added, which keeps reloads of a large bank fast.
 */
export function assembleBank(parsedNotes: readonly ParsedNote[], previous: Bank | undefined): Bank {
  const sorted = [...parsedNotes].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const byId = new Map<string, Item>();
  const items: Item[] = [];
  const diagnostics: Diagnostic[] = [];
  const notes: NoteSummary[] = [];
  for (const note of sorted) {
    diagnostics.push(...note.diagnostics);
    const summary: NoteSummary = {
      path: note.path,
      title: note.title,
      tags: note.tags,
      counts: zeroCounts(),
      items: 0,
    };
    for (const item of note.items) {
      const first = byId.get(item.id);
      if (first) {
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
      items.push(item);
      summary.counts[item.kind] += 1;
      summary.items += 1;
    }
    notes.push(summary);
  }
  const index = previous instanceof MemoryBank ? previous.takeIndex(byId) : freshIndex(items);
  return new MemoryBank(items, notes, diagnostics, byId, index);
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

  constructor(
    readonly items: readonly Item[],
    readonly notes: readonly NoteSummary[],
    readonly diagnostics: readonly Diagnostic[],
    private readonly byId: ReadonlyMap<string, Item>,
    private readonly index: SearchIndex,
  ) {}

  get(id: string): Item | undefined {
    return this.byId.get(id);
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
