/** Where a server is in its walk through a topic: what this cycle already asked, and which cycle it is. */
export interface CycleState {
  /** Item ids asked in the current cycle, oldest first. */
  asked: string[];
  /** Counts from 0; each cycle has its own shuffled order. */
  cycle: number;
}

/** The question to ask next and the state to store after asking it. */
export interface CyclePick {
  itemId: string;
  state: CycleState;
}

/** An empty state for a server that has never had a daily question. */
export function newCycle(): CycleState {
  return { asked: [], cycle: 0 };
}

/**
 * The next item of a seeded shuffle of `availableIds`, skipping what this cycle already asked; when all were
 * asked, a new cycle (with a new order) begins. The order ranks each id by a hash of (seed, cycle, id), so
 * reloading the bank keeps it: new ids join the current cycle, removed ids simply drop out.
 * `undefined` when there is nothing to ask.
 */
export function nextInCycle(
  state: CycleState,
  availableIds: readonly string[],
  seed: string | number,
): CyclePick | undefined {
  const available = new Set(availableIds);
  if (available.size === 0) return undefined;
  // Forget asked ids that left the bank, so the stored state cannot grow without bound.
  const asked = state.asked.filter((id) => available.has(id));
  const askedSet = new Set(asked);
  const unasked = [...available].filter((id) => !askedSet.has(id));
  if (unasked.length > 0) {
    const itemId = firstInOrder(unasked, seed, state.cycle);
    return { itemId, state: { asked: [...asked, itemId], cycle: state.cycle } };
  }
  const cycle = state.cycle + 1;
  const order = [...available].sort(byRank(seed, cycle));
  // A new cycle must not open with the question that closed the last one (two days in a row).
  const last = state.asked.at(-1);
  const itemId = (order[0] === last && order.length > 1 ? order[1] : order[0]) as string;
  return { itemId, state: { asked: [itemId], cycle } };
}

/** How many available items the current cycle has not asked yet. */
export function remainingInCycle(state: CycleState, availableIds: readonly string[]): number {
  const asked = new Set(state.asked);
  return new Set(availableIds.filter((id) => !asked.has(id))).size;
}

function firstInOrder(ids: readonly string[], seed: string | number, cycle: number): string {
  const compare = byRank(seed, cycle);
  return ids.reduce((best, id) => (compare(id, best) < 0 ? id : best));
}

function byRank(seed: string | number, cycle: number): (a: string, b: string) => number {
  const prefix = `${seed}\u0000${cycle}\u0000`;
  return (a, b) => hash53(prefix + a) - hash53(prefix + b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A fast, well-mixed 53-bit string hash (cyrb53); deterministic across processes and Node versions. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
