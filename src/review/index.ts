/** Spaced review: FSRS cards per guild member, pure scheduling helpers and the `CardStore` port. */
export { type Grade, Rating, State } from 'ts-fsrs';
export {
  applyReview,
  type CardMap,
  createScheduler,
  isKnown,
  LEARNING_STEPS,
  type ReviewCard,
  retrievability,
} from './card.ts';
export {
  DEFAULT_DUE_LIMIT,
  type DueCard,
  type DueOptions,
  dueFrom,
  type ItemFilter,
  newItemsOfWeakTopics,
  type TopicAccuracy,
  type WeakTopicOptions,
} from './due.ts';
export { CARD_SHARDS, cardShardKey } from './layout.ts';
export { type AnswerOutcome, DEFAULT_THRESHOLDS, type RatingThresholds, ratingFor } from './rating.ts';
// The keyv implementation is `createCardStore` in src/store/cards.ts: this folder is storage-free.
export type { CardStore, CardStoreOptions, ReviewOverview, ReviewResult } from './store.ts';
export {
  MASTERED_STABILITY_DAYS,
  READY_RETRIEVABILITY,
  type ReviewSummary,
  summarize,
  type TopicProgress,
} from './summary.ts';
