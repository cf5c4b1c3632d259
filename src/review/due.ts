import type { Item } from '../bank/types.ts';
import type { CardMap, ReviewCard } from './card.ts';

/** A set of item ids (a Set of the bank's ids, a member's CardMap…), or a predicate. */
export type ItemFilter = { has(itemId: string): boolean } | ((itemId: string) => boolean);

/** A card that is due, with its item id. */
export interface DueCard {
  itemId: string;
  card: ReviewCard;
}

export interface DueOptions {
  /** At most this many (1–1000, default 25). */
  limit?: number;
  /** Cards of items no longer in the bank are skipped. */
  existingItemIds: ItemFilter;
}

export const DEFAULT_DUE_LIMIT = 25;
const MAX_LIMIT = 1_000;

/** Cards due at `at` whose item still exists, oldest due first (then by item id). */
export function dueFrom(cards: CardMap, at: Date, opts: DueOptions): DueCard[] {
  const limit = checkedLimit(opts.limit ?? DEFAULT_DUE_LIMIT);
  const exists = filterOf(opts.existingItemIds);
  const now = checkedTime(at);
  const due: DueCard[] = [];
  for (const [itemId, card] of cards) {
    if (card.due <= now && exists(itemId)) due.push({ itemId, card });
  }
  due.sort((a, b) => a.card.due - b.card.due || (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : 0));
  return due.slice(0, limit);
}

/** A topic's accuracy, as `memberStats(...).topics` reports it. */
export interface TopicAccuracy {
  topic: string;
  answers: number;
  accuracy: number;
}

export interface WeakTopicOptions {
  /** At most this many items (1–1000, default 5). */
  limit?: number;
  /** How many of the weakest topics to draw from (default 3). */
  topics?: number;
}

/**
 * Items the member has never reviewed, from their weakest topics: topics with answers and accuracy
 * below 100 %, lowest accuracy first (then most answers, then name); within a topic, in bank order.
 */
export function newItemsOfWeakTopics(
  items: readonly Pick<Item, 'id' | 'tags'>[],
  topicAccuracy: readonly TopicAccuracy[],
  seen: ItemFilter,
  opts: WeakTopicOptions = {},
): Pick<Item, 'id' | 'tags'>[] {
  const limit = checkedLimit(opts.limit ?? 5);
  const topicCount = opts.topics ?? 3;
  if (!Number.isInteger(topicCount) || topicCount < 1) throw new RangeError('topics must be an integer ≥ 1');
  const isSeen = filterOf(seen);
  const weakest = topicAccuracy
    .filter((t) => t.answers > 0 && t.accuracy < 1)
    .sort((a, b) => a.accuracy - b.accuracy || b.answers - a.answers || a.topic.localeCompare(b.topic))
    .slice(0, topicCount);
  const picked = new Map<string, Pick<Item, 'id' | 'tags'>>();
  for (const { topic } of weakest) {
    for (const item of items) {
      if (picked.size >= limit) return [...picked.values()];
      if (item.tags.includes(topic) && !picked.has(item.id) && !isSeen(item.id)) picked.set(item.id, item);
    }
  }
  return [...picked.values()];
}

/** A predicate over item ids from a Set or predicate. */
export function filterOf(filter: ItemFilter): (itemId: string) => boolean {
  if (typeof filter === 'function') return filter;
  if (filter && typeof filter.has === 'function') return (id) => filter.has(id);
  throw new TypeError('an item filter must be a Set of item ids or a function (itemId) => boolean');
}

function checkedLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new RangeError(`limit must be an integer 1–${MAX_LIMIT}; got ${String(limit)}`);
  }
  return limit;
}

/** Epoch ms of a valid Date, or a clear error. */
export function checkedTime(at: Date): number {
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('at must be a valid Date');
  return at.getTime();
}
