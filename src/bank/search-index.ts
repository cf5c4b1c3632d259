import MiniSearch from 'minisearch';
import type { Item } from './types.ts';

const FIELDS = ['prompt', 'answer', 'section', 'title', 'tags'] as const;

/** Full-text index over items (prefix + fuzzy), updatable note by note so a reload stays cheap. */
export class SearchIndex {
  private readonly mini = new MiniSearch<Item>({
    fields: [...FIELDS],
    storeFields: [],
    extractField: (item, field) => {
      const value = item[field as keyof Item];
      return Array.isArray(value) ? value.join(' ') : String(value ?? '');
    },
    searchOptions: {
      prefix: true,
      // Fuzzy matching of 1–3 letter terms matches nearly everything and is the slowest part of a search.
      fuzzy: (term) => (term.length >= 4 ? 0.2 : false),
      maxFuzzy: 2,
      boost: { prompt: 2, section: 1.2 },
      combineWith: 'AND',
    },
  });

  /** Indexes items; they must not be indexed already. */
  add(items: readonly Item[]): void {
    this.mini.addAll(items);
  }

  /** Removes items from results at once (MiniSearch cleans its tree up lazily). */
  discard(items: readonly Item[]): void {
    for (const item of items) if (this.mini.has(item.id)) this.mini.discard(item.id);
  }

  /** Ids and scores of matches, best first; an AND search first, widened to OR when nothing matches. */
  search(query: string): { id: string; score: number }[] {
    const strict = this.mini.search(query);
    const results = strict.length > 0 ? strict : this.mini.search(query, { combineWith: 'OR' });
    return results.map((result) => ({ id: String(result.id), score: result.score }));
  }
}
