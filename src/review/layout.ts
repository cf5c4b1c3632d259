import { fnv1a32 } from '../core/hash.ts';

/**
 * Where cards live in the store (docs/review.md). A member's cards are split over CARD_SHARDS keys by
 * item id, so a review rewrites ~1/32 of them: at 10,000 cards one value took ~150 ms to read and
 * write back through keyv, one of 32 shards ~9 ms (BENCHMARKS.md, `## review`).
 */
export const CARD_SHARDS = 32;

/** Key of one shard of a member's cards. */
export function cardShardKey(guildId: string, userId: string, shard: number): string {
  return `v1:guild:${guildId}:cards:${userId}:${shard}`;
}

/** Keys of all shards of a member's cards, in shard order. */
export function cardShardKeys(guildId: string, userId: string): string[] {
  return Array.from({ length: CARD_SHARDS }, (_, shard) => cardShardKey(guildId, userId, shard));
}

/** The shard of an item id (FNV-1a), stable across processes and versions. */
export function shardOf(itemId: string): number {
  return fnv1a32(itemId) % CARD_SHARDS;
}

/**
 * One stored shard. `cards` is the JSON text of `{ itemId: CardTuple }`, not a nested object: keyv's own
 * serializer walks objects in JavaScript and parses with a reviver, which made reading 10,000 cards
 * ~5× slower than one native JSON.parse of the text (BENCHMARKS.md, `## review`).
 */
export interface CardShard {
  v: 1;
  cards: string;
}

/** The cards of a stored shard by item id; an unreadable shard reads as empty, never a crash. */
export function decodeShard(stored: unknown): Record<string, unknown> {
  if (typeof stored !== 'object' || stored === null) return {};
  const { v, cards } = stored as Partial<CardShard>;
  if (v !== 1 || typeof cards !== 'string') return {};
  try {
    const parsed: unknown = JSON.parse(cards);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The stored form of a shard's cards. */
export function encodeShard(cards: Record<string, unknown>): CardShard {
  return { v: 1, cards: JSON.stringify(cards) };
}
