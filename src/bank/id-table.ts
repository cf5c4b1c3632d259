import type { Item } from './types.ts';

/** Overlay size (relative to the base) past which a new table is built from scratch. */
const COMPACT_RATIO = 1 / 8;
const COMPACT_MIN = 2_000;

/**
 * Item lookup by id that a reload can change without copying: a large base map that is never
 * mutated, plus a small overlay of added and removed ids. Copying a 250,000-entry map costs more
 * than the 100 ms a one-note reload may take, so each reload copies only the overlay; once the
 * overlay grows past an eighth of the base, the next change builds a fresh base.
 */
export class IdTable {
  private constructor(
    private readonly base: ReadonlyMap<string, Item>,
    private readonly added: ReadonlyMap<string, Item>,
    private readonly removed: ReadonlySet<string>,
  ) {}

  /** A table over `byId`, which the caller must not mutate afterwards. */
  static of(byId: ReadonlyMap<string, Item>): IdTable {
    return new IdTable(byId, new Map(), new Set());
  }

  /** The item with this id, if any. */
  get(id: string): Item | undefined {
    const added = this.added.get(id);
    if (added) return added;
    return this.removed.has(id) ? undefined : this.base.get(id);
  }

  /**
   * A new table without `gone` and with `fresh` (fresh wins when an id is in both); this table is
   * unchanged. `all` gives every item of the new table, used only when it is time to compact.
   */
  with(gone: readonly Item[], fresh: readonly Item[], all: () => readonly Item[]): IdTable {
    const added = new Map(this.added);
    const removed = new Set(this.removed);
    for (const item of gone) {
      added.delete(item.id);
      removed.add(item.id);
    }
    for (const item of fresh) added.set(item.id, item);
    if (added.size + removed.size > Math.max(COMPACT_MIN, this.base.size * COMPACT_RATIO)) {
      return IdTable.of(new Map(all().map((item) => [item.id, item])));
    }
    return new IdTable(this.base, added, removed);
  }
}
