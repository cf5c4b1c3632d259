import type Keyv from 'keyv';
import type { FSRS, Grade } from 'ts-fsrs';
import type { Item } from '../bank/types.ts';
import {
  applyReview,
  assertReviewInput,
  type CardMap,
  createScheduler,
  fromTuple,
  isKnown,
  type ReviewCard,
  toTuple,
} from '../review/card.ts';
import { type DueCard, type DueOptions, dueFrom } from '../review/due.ts';
import { cardShardKey, cardShardKeys, decodeShard, encodeShard, shardOf } from '../review/layout.ts';
import { type AnswerOutcome, type RatingThresholds, ratingFor } from '../review/rating.ts';
import type { CardStore, CardStoreOptions, ReviewOverview, ReviewResult } from '../review/store.ts';
import { type ReviewSummary, summarize } from '../review/summary.ts';
import { CARD_CACHE_LIMITS, CardCache, type CardCacheLimits } from './card-cache.ts';
import { guarded } from './errors.ts';
import { assertId } from './keys.ts';
import type { GuildQueue } from './queue.ts';
import { readMany } from './scores.ts';

export interface KeyvCardStoreOptions extends CardStoreOptions {
  /** Limits of the in-memory card cache (default `CARD_CACHE_LIMITS`), or false for none. */
  cache?: CardCacheLimits | false;
}

/** Builds the card store on the bot's keyv and its per-guild writer queue (`store.queue`). */
export function createCardStore(keyv: Keyv, queue: GuildQueue, opts: KeyvCardStoreOptions = {}): CardStore {
  return new KeyvCardStore(keyv, queue, opts);
}

/**
 * A `CardStore` on keyv: each member's cards in `CARD_SHARDS` JSON values keyed by item-id hash.
 *
 * Reads of a member's cards are served from a write-through cache (`CardCache`), which is exact only
 * because this process is the one writer of its guilds' cards (DESIGN §5: a shard owns its guilds, and
 * all card writes go through this store). A second process writing the same guild's cards would leave
 * this cache stale until the member drops out of it: that setup needs invalidation first.
 */
export class KeyvCardStore implements CardStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #scheduler: FSRS;
  readonly #thresholds: RatingThresholds | undefined;
  readonly #cache: CardCache | undefined;

  constructor(keyv: Keyv, queue: GuildQueue, opts: KeyvCardStoreOptions = {}) {
    this.#keyv = keyv;
    this.#queue = queue;
    this.#scheduler = opts.scheduler ?? createScheduler();
    this.#thresholds = opts.thresholds;
    this.#cache = opts.cache === false ? undefined : new CardCache(opts.cache ?? CARD_CACHE_LIMITS);
  }

  /** Members and cards held in memory now (zero without a cache). */
  get cacheSize(): { members: number; cards: number } {
    return this.#cache?.size ?? { members: 0, cards: 0 };
  }

  async review(
    guildId: string,
    userId: string,
    itemId: string,
    rating: Grade,
    at: Date,
  ): Promise<ReviewResult> {
    assertMember(guildId, userId);
    assertItemId(itemId);
    assertReviewInput(rating, at);
    return this.#update(guildId, userId, itemId, () => rating, at);
  }

  async reviewAnswer(
    guildId: string,
    userId: string,
    itemId: string,
    answer: Omit<AnswerOutcome, 'known'>,
    at: Date,
  ): Promise<ReviewResult> {
    assertMember(guildId, userId);
    assertItemId(itemId);
    ratingFor({ ...answer, known: false }, this.#thresholds); // bad answers fail here, before the queue
    return this.#update(
      guildId,
      userId,
      itemId,
      (previous) => ratingFor({ ...answer, known: isKnown(previous) }, this.#thresholds),
      at,
    );
  }

  async card(guildId: string, userId: string, itemId: string): Promise<ReviewCard | undefined> {
    assertMember(guildId, userId);
    assertItemId(itemId);
    const cached = this.#cache?.get(memberOf(guildId, userId));
    if (cached) {
      const card = cached.get(itemId);
      return card && copyOf(card);
    }
    const shard = await this.#readShard(cardShardKey(guildId, userId, shardOf(itemId)));
    return fromTuple(shard[itemId]);
  }

  async cards(guildId: string, userId: string): Promise<CardMap> {
    assertMember(guildId, userId);
    const cards = await this.#cardsOf(guildId, userId);
    if (!this.#cache) return cards;
    // A new Map of copies: what the caller changes is theirs, never the cache's.
    const copies: CardMap = new Map();
    for (const [itemId, card] of cards) copies.set(itemId, copyOf(card));
    return copies;
  }

  async dueCards(guildId: string, userId: string, at: Date, opts: DueOptions): Promise<DueCard[]> {
    // Check the options before reading 32 keys.
    dueFrom(new Map(), at, opts);
    return dueFrom(await this.#cardsOf(guildId, userId), at, opts);
  }

  async summary(
    guildId: string,
    userId: string,
    at: Date,
    items: readonly Pick<Item, 'id' | 'tags'>[],
    opts: { timeZone?: string } = {},
  ): Promise<ReviewSummary> {
    if (!Array.isArray(items)) throw new TypeError('items must be an array of bank items');
    summarize(this.#scheduler, new Map(), at, [], opts.timeZone);
    return summarize(this.#scheduler, await this.#cardsOf(guildId, userId), at, items, opts.timeZone);
  }

  async overview(
    guildId: string,
    userId: string,
    at: Date,
    items: readonly Pick<Item, 'id' | 'tags'>[],
    opts: { limit?: number; timeZone?: string } = {},
  ): Promise<ReviewOverview> {
    if (!Array.isArray(items)) throw new TypeError('items must be an array of bank items');
    const existingItemIds = new Set(items.map((item) => item.id));
    const dueOptions = { existingItemIds, ...(opts.limit === undefined ? {} : { limit: opts.limit }) };
    dueFrom(new Map(), at, dueOptions);
    summarize(this.#scheduler, new Map(), at, [], opts.timeZone);
    const cards = await this.#cardsOf(guildId, userId);
    return {
      due: dueFrom(cards, at, dueOptions),
      summary: summarize(this.#scheduler, cards, at, items, opts.timeZone),
    };
  }

  #update(
    guildId: string,
    userId: string,
    itemId: string,
    rate: (previous: ReviewCard | undefined) => Grade,
    at: Date,
  ): Promise<ReviewResult> {
    const key = cardShardKey(guildId, userId, shardOf(itemId));
    const member = memberOf(guildId, userId);
    // Card shards belong to one member, so a lane per member keeps them exact without holding up the
    // guild's score writer (one lane per guild made every answer wait for every other card update).
    return this.#queue.run(laneOf(guildId, userId), async () => {
      const shard = await this.#readShard(key);
      const previous = fromTuple(shard[itemId]);
      const rating = rate(previous);
      const card = applyReview(this.#scheduler, previous, rating, at);
      // One value per write: it is stored whole or not at all. The shard is read from the store, not
      // the cache, so entries the cache skipped as damaged are written back as they were.
      try {
        await guarded(() => this.#keyv.set(key, encodeShard({ ...shard, [itemId]: toTuple(card) })));
      } catch (error) {
        // A failed write (a Redis timeout) may still have landed: the next read asks the store.
        this.#cache?.forget(member);
        throw error;
      }
      this.#cache?.update(member, itemId, card);
      return { itemId, rating, card, previous: previous ?? null };
    });
  }

  /**
   * The member's cards, from the cache or read from the store. Callers inside this class only read the
   * map: the cache's own cards are frozen, and `cards()` hands out copies.
   */
  async #cardsOf(guildId: string, userId: string): Promise<CardMap> {
    const cache = this.#cache;
    if (!cache) return this.#readCards(guildId, userId);
    const member = memberOf(guildId, userId);
    const cached = cache.get(member);
    if (cached) return cached;
    // Filling the cache in the member's write lane orders it with reviews: a read started before a
    // review could otherwise cache the shard as it was before that review, for good.
    return this.#queue.run(laneOf(guildId, userId), async () => {
      const filled = cache.get(member); // a concurrent read filled it while this one waited
      if (filled) return filled;
      const cards = await this.#readCards(guildId, userId);
      cache.put(member, cards);
      return cards;
    });
  }

  /** Reads and decodes all of the member's shards. */
  async #readCards(guildId: string, userId: string): Promise<CardMap> {
    const shards = await guarded(() => readMany<unknown>(this.#keyv, cardShardKeys(guildId, userId)));
    const cards: CardMap = new Map();
    for (const shard of shards) {
      for (const [itemId, value] of Object.entries(decodeShard(shard))) {
        const card = fromTuple(value);
        if (card) cards.set(itemId, card); // a damaged entry is skipped, never a crash
      }
    }
    return cards;
  }

  /** The shard's cards by item id (tuples, decoded lazily). */
  async #readShard(key: string): Promise<Record<string, unknown>> {
    return decodeShard(await guarded(() => this.#keyv.get<unknown>(key)));
  }
}

/** The cache key of a member: ids are checked digits, so the colon cannot be ambiguous. */
function memberOf(guildId: string, userId: string): string {
  return `${guildId}:${userId}`;
}

/** The member's lane in the shared queue: all of their card writes, and cache fills, run there in order. */
function laneOf(guildId: string, userId: string): string {
  return `${guildId}:cards:${userId}`;
}

/** An unfrozen copy of a cached card (field by field: spreading a frozen object is several times slower). */
function copyOf(card: ReviewCard): ReviewCard {
  const { due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview } = card;
  return { due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview };
}

function assertMember(guildId: string, userId: string): void {
  assertId('guildId', guildId);
  assertId('userId', userId);
}

function assertItemId(itemId: string): void {
  if (typeof itemId !== 'string' || itemId.length === 0 || itemId.length > 200) {
    throw new RangeError('itemId must be a non-empty string of at most 200 characters');
  }
}
