/**
 * What the review core needs from storage: the `CardStore` port and its result types. The keyv
 * implementation lives in src/store/cards.ts, so this folder stays free of storage code.
 */
import type { FSRS, Grade } from 'ts-fsrs';
import type { Item } from '../bank/types.ts';
import type { CardMap, ReviewCard } from './card.ts';
import type { DueCard, DueOptions } from './due.ts';
import type { AnswerOutcome, RatingThresholds } from './rating.ts';
import type { ReviewSummary } from './summary.ts';

/** What a review reports back. */
export interface ReviewResult {
  itemId: string;
  rating: Grade;
  /** The card after this review; `card.due` is when the item comes back. */
  card: ReviewCard;
  /** The card before, or null for the member's first answer on this item. */
  previous: ReviewCard | null;
}

/** What `/review` shows: the due list and the progress summary, from one read of the member's cards. */
export interface ReviewOverview {
  due: DueCard[];
  summary: ReviewSummary;
}

/** Spaced-review cards of guild members, one FSRS card per member and item id. */
export interface CardStore {
  /** Applies one graded review through the guild's queue; a store failure rejects with `StoreError` and changes nothing. */
  review(guildId: string, userId: string, itemId: string, rating: Grade, at: Date): Promise<ReviewResult>;
  /** Grades an answer with `ratingFor` (`known` read from the stored card) and applies it, in one queued step. */
  reviewAnswer(
    guildId: string,
    userId: string,
    itemId: string,
    answer: Omit<AnswerOutcome, 'known'>,
    at: Date,
  ): Promise<ReviewResult>;
  /** The member's card for one item, or undefined when never answered. */
  card(guildId: string, userId: string, itemId: string): Promise<ReviewCard | undefined>;
  /** All of the member's cards by item id, including items no longer in the bank. */
  cards(guildId: string, userId: string): Promise<CardMap>;
  /** Cards due at `at` whose item still exists, oldest due first. */
  dueCards(guildId: string, userId: string, at: Date, opts: DueOptions): Promise<DueCard[]>;
  /** Per-topic progress over the bank's `items` (see `summarize`). */
  summary(
    guildId: string,
    userId: string,
    at: Date,
    items: readonly Pick<Item, 'id' | 'tags'>[],
    opts?: { timeZone?: string },
  ): Promise<ReviewSummary>;
  /** Due cards of items in `items` (oldest first, at most `limit`, default 25) and the summary, reading the cards once. */
  overview(
    guildId: string,
    userId: string,
    at: Date,
    items: readonly Pick<Item, 'id' | 'tags'>[],
    opts?: { limit?: number; timeZone?: string },
  ): Promise<ReviewOverview>;
}

export interface CardStoreOptions {
  /** Default: `createScheduler()` (ts-fsrs defaults, no fuzz). */
  scheduler?: FSRS;
  thresholds?: RatingThresholds;
}
