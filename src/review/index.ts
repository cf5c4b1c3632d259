/** Spaced review: FSRS cards per guild member, pure scheduling helpers and a keyv-backed store. */
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
export {
  type CardStore,
  type CardStoreOptions,
  createCardStore,
  KeyvCardStore,
  type ReviewOverview,
  type ReviewResult,
} from './store.ts';
export {
  MASTERED_STABILITY_DAYS,
  READY_RETRIEVABILITY,
  type ReviewSummary,
  summarize,
  type TopicProgress,
} from './summary.ts';
