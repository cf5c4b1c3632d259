/** One member's place in a ranking. */
export interface RankedEntry {
  /** 1-based position; ties are broken, so every member has a distinct rank. */
  rank: number;
  userId: string;
  points: number;
  /** Share of right answers, in rankings that keep it (seasons). */
  accuracy?: number;
}

interface Entry {
  userId: string;
  points: number;
  /** Share of right answers, for rankings that break ties by it (seasons); absent elsewhere. */
  accuracy?: number;
  /** When the points last grew: who got there first ranks higher. */
  at: number;
}

/**
 * Order: more points first, then the better accuracy (when given), then who reached the points earlier,
 * then user id — total and deterministic.
 */
function compare(a: Entry, b: Entry): number {
  return (
    b.points - a.points ||
    (b.accuracy ?? 0) - (a.accuracy ?? 0) ||
    a.at - b.at ||
    (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0)
  );
}

/**
 * The members of one guild in one period, kept sorted on every update so that reading the top N
 * or a member's rank never rescans everyone: O(log n) to find, O(n) memmove to move on update.
 */
export class Ranking {
  readonly #sorted: Entry[] = [];
  readonly #byUser = new Map<string, Entry>();

  /** Builds a ranking from many scores at once (one sort). */
  static from(scores: Iterable<{ userId: string; points: number; at: number; accuracy?: number }>): Ranking {
    const ranking = new Ranking();
    for (const { userId, points, at, accuracy } of scores) {
      if (points <= 0) continue;
      const entry: Entry = { userId, points, at, ...(accuracy !== undefined ? { accuracy } : {}) };
      ranking.#byUser.set(userId, entry);
      ranking.#sorted.push(entry);
    }
    ranking.#sorted.sort(compare);
    return ranking;
  }

  /** Number of ranked members (those with points in the period). */
  get size(): number {
    return this.#sorted.length;
  }

  /** Sets a member's points in this period; members with 0 points are not ranked. */
  set(userId: string, points: number, at: number, accuracy?: number): void {
    const old = this.#byUser.get(userId);
    if (old) {
      this.#sorted.splice(this.#indexOf(old), 1);
      this.#byUser.delete(userId);
    }
    if (points <= 0) return;
    const entry: Entry = { userId, points, at, ...(accuracy !== undefined ? { accuracy } : {}) };
    this.#sorted.splice(this.#insertionPoint(entry), 0, entry);
    this.#byUser.set(userId, entry);
  }

  /** The first `limit` members. */
  top(limit: number): RankedEntry[] {
    return this.#sorted.slice(0, Math.max(0, limit)).map((e, i) => ranked(e, i + 1));
  }

  /** A member's entry, or undefined when they have no points in this period. */
  entryOf(userId: string): RankedEntry | undefined {
    const entry = this.#byUser.get(userId);
    if (!entry) return undefined;
    return ranked(entry, this.#indexOf(entry) + 1);
  }

  #insertionPoint(entry: Entry): number {
    let lo = 0;
    let hi = this.#sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      // biome-ignore lint/style/noNonNullAssertion: mid is always within bounds
      if (compare(this.#sorted[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  #indexOf(entry: Entry): number {
    // The order is total, so the insertion point of a present entry is its own index.
    return this.#insertionPoint(entry);
  }
}

function ranked(entry: Entry, rank: number): RankedEntry {
  const out: RankedEntry = { rank, userId: entry.userId, points: entry.points };
  if (entry.accuracy !== undefined) out.accuracy = entry.accuracy;
  return out;
}
