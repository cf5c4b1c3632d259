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
import { guarded } from './errors.ts';
import { assertId } from './keys.ts';
import type { GuildQueue } from './queue.ts';
import { readMany } from './scores.ts';

/** Builds the card store on the bot's keyv and its per-guild writer queue (`store.queue`). */
export function createCardStore(keyv: Keyv, queue: GuildQueue, opts: CardStoreOptions = {}): CardStore {
  return new KeyvCardStore(keyv, queue, opts);
}

/** A `CardStore` on keyv: each member's cards in `CARD_SHARDS` JSON values keyed by item-id hash. */
export class KeyvCardStore implements CardStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #scheduler: FSRS;
  readonly #thresholds: RatingThresholds | undefined;

  constructor(keyv: Keyv, queue: GuildQueue, opts: CardStoreOptions = {}) {
    this.#keyv = keyv;
    this.#queue = queue;
    this.#scheduler = opts.scheduler ?? createScheduler();
    this.#thresholds = opts.thresholds;
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
    const shard = await this.#readShard(cardShardKey(guildId, userId, shardOf(itemId)));
    return fromTuple(shard[itemId]);
  }

  async cards(guildId: string, userId: string): Promise<CardMap> {
    assertMember(guildId, userId);
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

  async dueCards(guildId: string, userId: string, at: Date, opts: DueOptions): Promise<DueCard[]> {
    // Check the options before reading 32 keys.
    dueFrom(new Map(), at, opts);
    return dueFrom(await this.cards(guildId, userId), at, opts);
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
    return summarize(this.#scheduler, await this.cards(guildId, userId), at, items, opts.timeZone);
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
    const cards = await this.cards(guildId, userId);
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
    // Card shards belong to one member, so a lane per member keeps them exact without holding up the
    // guild's score writer (one lane per guild made every answer wait for every other card update).
    return this.#queue.run(`${guildId}:cards:${userId}`, async () => {
      const shard = await this.#readShard(key);
      const previous = fromTuple(shard[itemId]);
      const rating = rate(previous);
      const card = applyReview(this.#scheduler, previous, rating, at);
      // One value per write: it is stored whole or not at all.
      await guarded(() => this.#keyv.set(key, encodeShard({ ...shard, [itemId]: toTuple(card) })));
      return { itemId, rating, card, previous: previous ?? null };
    });
  }

  /** The shard's cards by item id (tuples, decoded lazily). */
  async #readShard(key: string): Promise<Record<string, unknown>> {
    return decodeShard(await guarded(() => this.#keyv.get<unknown>(key)));
  }
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
