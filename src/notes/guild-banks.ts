import type { Bank, NoteSummary, SearchHit, Topic } from '../bank/bank.ts';
import type { Diagnostic, Item } from '../bank/types.ts';

/** The one seam features use to get "the bank of this server": the shared notes plus its own. */
export interface BankSource {
  /** Shared + the server's own notes; the shared bank alone in DMs or for a server without notes. */
  forGuild(guildId: string | null | undefined): Bank;
}

interface Composed {
  shared: Bank;
  own: Bank;
  bank: Bank;
}

/**
 * Per-server banks: the live shared bank, and for each server with own notes a composed bank, built
 * on first use and rebuilt only when the shared bank was swapped or that server's notes changed.
 */
export class GuildBanks implements BankSource {
  readonly #own = new Map<string, Bank>();
  readonly #composed = new Map<string, Composed>();

  constructor(private readonly shared: { readonly current: Bank }) {}

  forGuild(guildId: string | null | undefined): Bank {
    const shared = this.shared.current;
    const own = guildId ? this.#own.get(guildId) : undefined;
    if (!guildId || !own || own.notes.length === 0) return shared;
    const cached = this.#composed.get(guildId);
    if (cached && cached.shared === shared && cached.own === own) return cached.bank;
    const bank = composeBanks(shared, own);
    this.#composed.set(guildId, { shared, own, bank });
    return bank;
  }

  /** The server's own notes as a bank of their own, if it has any. */
  ownBank(guildId: string): Bank | undefined {
    return this.#own.get(guildId);
  }

  /** Replaces the server's own notes (after an upload, a removal, or loading them at start). */
  setOwn(guildId: string, own: Bank): void {
    this.#own.set(guildId, own);
    this.#composed.delete(guildId);
  }
}

/**
 * A bank serving `shared` and `own` together without re-indexing the shared notes: lookups and
 * searches ask both. An own item whose id a shared item already has (a copied `^block-id`) is
 * dropped with an error, as a duplicate within one bank would be.
 */
export function composeBanks(shared: Bank, own: Bank): Bank {
  const clashes: Diagnostic[] = [];
  const ownItems = own.items.filter((item) => {
    const first = shared.get(item.id);
    if (!first) return true;
    clashes.push({
      file: item.note,
      line: item.line,
      column: 1,
      severity: 'error',
      message: `duplicate id ${item.id} (also in the shared note ${first.note}:${first.line}); this item is dropped`,
    });
    return false;
  });
  const keep = (item: Item) => shared.get(item.id) === undefined;
  const items = [...shared.items, ...ownItems];
  const notes: readonly NoteSummary[] = [...shared.notes, ...own.notes];
  const diagnostics: readonly Diagnostic[] = [...shared.diagnostics, ...own.diagnostics, ...clashes];
  let topics: Topic[] | undefined;
  return {
    items,
    notes,
    diagnostics,
    get: (id) => shared.get(id) ?? own.get(id),
    search(query, options = {}): SearchHit[] {
      const limit = options.limit ?? 10;
      const hits = [
        ...shared.search(query, { limit }),
        ...own.search(query, { limit }).filter((h) => keep(h.item)),
      ];
      return hits.sort((a, b) => b.score - a.score).slice(0, Math.max(0, limit));
    },
    topics() {
      topics ??= mergeTopics(shared.topics(), own.topics());
      return topics;
    },
    itemsForTopic: (topic) => [...shared.itemsForTopic(topic), ...own.itemsForTopic(topic).filter(keep)],
  };
}

function mergeTopics(a: readonly Topic[], b: readonly Topic[]): Topic[] {
  const tags = new Map<string, number>();
  const notes: Topic[] = [];
  for (const topic of [...a, ...b]) {
    if (topic.kind === 'tag') tags.set(topic.name, (tags.get(topic.name) ?? 0) + topic.items);
    else notes.push(topic);
  }
  const merged: Topic[] = [...tags].map(([name, items]) => ({ name, kind: 'tag', items }));
  return [...merged, ...notes].sort((x, y) => y.items - x.items || x.name.localeCompare(y.name));
}
