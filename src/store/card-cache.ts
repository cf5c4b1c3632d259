import type { CardMap, ReviewCard } from '../review/card.ts';

/** How much the card cache may hold before it drops the least recently used member. */
export interface CardCacheLimits {
  /** Members (guild + user) kept at most. */
  maxMembers: number;
  /** Cards kept at most over all members; a member with more cards than this is never cached. */
  maxCards: number;
}

/**
 * Defaults: at most ~160 heap bytes a decoded card (bench/review.ts measures it), so 100,000 cards stay
 * under 16 MB; ten members with 10,000 cards, or a thousand with 100.
 */
export const CARD_CACHE_LIMITS: CardCacheLimits = { maxMembers: 1_000, maxCards: 100_000 };

/**
 * Decoded cards of recently active members, least recently used dropped first. It holds only what the
 * store held when read or written: `KeyvCardStore` fills it after a successful read and updates it after
 * a successful write, and forgets a member when a write fails. Cached cards are frozen, so a caller that
 * mutates a card it was given throws instead of changing what others read.
 */
export class CardCache {
  readonly #limits: CardCacheLimits;
  /** Map order is recency: the first entry is the least recently used. */
  readonly #members = new Map<string, CardMap>();
  #cards = 0;

  constructor(limits: CardCacheLimits = CARD_CACHE_LIMITS) {
    for (const [name, value] of Object.entries(limits)) {
      if (!Number.isSafeInteger(value) || value < 1) {
        throw new RangeError(`card cache ${name} must be a positive integer; got ${String(value)}`);
      }
    }
    this.#limits = { maxMembers: limits.maxMembers, maxCards: limits.maxCards };
  }

  /** The member's cached cards (most recently used from now on), or undefined when not cached. */
  get(member: string): CardMap | undefined {
    const cards = this.#members.get(member);
    if (cards) {
      this.#members.delete(member);
      this.#members.set(member, cards);
    }
    return cards;
  }

  /** Caches all of a member's cards, as just read from the store. */
  put(member: string, cards: CardMap): void {
    this.forget(member);
    if (cards.size > this.#limits.maxCards) return;
    for (const card of cards.values()) Object.freeze(card);
    this.#members.set(member, cards);
    this.#cards += cards.size;
    this.#evict();
  }

  /** Records a card the store now holds, when the member is cached (a partial view is never cached). */
  update(member: string, itemId: string, card: ReviewCard): void {
    const cards = this.get(member);
    if (!cards) return;
    if (!cards.has(itemId)) this.#cards += 1;
    cards.set(itemId, Object.freeze({ ...card }));
    if (cards.size > this.#limits.maxCards) this.forget(member);
    else this.#evict();
  }

  /** Drops a member, so the next read asks the store. */
  forget(member: string): void {
    const cards = this.#members.get(member);
    if (!cards) return;
    this.#members.delete(member);
    this.#cards -= cards.size;
  }

  /** What the cache holds now. */
  get size(): { members: number; cards: number } {
    return { members: this.#members.size, cards: this.#cards };
  }

  #evict(): void {
    for (const member of this.#members.keys()) {
      if (this.#members.size <= this.#limits.maxMembers && this.#cards <= this.#limits.maxCards) return;
      this.forget(member);
    }
  }
}
