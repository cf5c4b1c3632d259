import {
  type Card,
  type CardInput,
  createEmptyCard,
  type FSRS,
  type FSRSParameters,
  fsrs,
  type Grade,
  State,
} from 'ts-fsrs';
import { isGrade } from './rating.ts';

/** A member's FSRS card for one item, with times as epoch milliseconds (plain JSON). */
export interface ReviewCard {
  due: number;
  /** Days until retrievability falls to 90 %. */
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  state: State;
  /** null only for a card never reviewed. */
  lastReview: number | null;
}

/** A member's cards by item id. */
export type CardMap = Map<string, ReviewCard>;

/**
 * One (re)learning step of 20 h instead of ts-fsrs's minutes: members answer in quizzes and come back
 * for `/review` about once a day, so a missed item must be due at the next day's review (even an hour
 * earlier than yesterday) and a right first answer must not be (it graduates, back in 2 days). With
 * minute steps every answered item, right or wrong, would be due again ten minutes later.
 */
export const LEARNING_STEPS = ['20h'] as const;

/** The FSRS scheduler: ts-fsrs defaults with day-scale learning steps and no fuzz (reproducible intervals). */
export function createScheduler(params: Partial<FSRSParameters> = {}): FSRS {
  return fsrs({
    enable_fuzz: false,
    learning_steps: [...LEARNING_STEPS],
    relearning_steps: [...LEARNING_STEPS],
    ...params,
  });
}

/** A card has graduated from its learning steps: the member already knows the item. */
export function isKnown(card: ReviewCard | undefined): boolean {
  return card?.state === State.Review;
}

/**
 * The card after one review at `at` (a new card when `previous` is undefined). A review dated
 * before the card's last one (a clock stepped back) counts as happening at the last review.
 */
export function applyReview(
  scheduler: FSRS,
  previous: ReviewCard | undefined,
  rating: Grade,
  at: Date,
): ReviewCard {
  assertReviewInput(rating, at);
  const when = new Date(Math.max(at.getTime(), previous?.lastReview ?? Number.NEGATIVE_INFINITY));
  const card = previous ? toFsrsCard(previous) : createEmptyCard(when);
  return fromFsrsCard(scheduler.next(card, when, rating).card);
}

const DAY_MS = 86_400_000;

/** Throws a clear error unless `rating` is a grade and `at` a valid Date. */
export function assertReviewInput(rating: Grade, at: Date): void {
  if (!isGrade(rating)) {
    throw new RangeError(`rating must be Again (1), Hard (2), Good (3) or Easy (4); got ${String(rating)}`);
  }
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new TypeError('at must be a valid Date');
}

/**
 * FSRS retrievability of the card at `at` (0 for a card never reviewed): the same figure as ts-fsrs's
 * `get_retrievability`, without converting the card to Dates, which made a 10,000-card summary 3× slower.
 */
export function retrievability(scheduler: FSRS, card: ReviewCard, at: Date): number {
  if (card.state === State.New || card.lastReview === null) return 0;
  const elapsedDays = Math.max(Math.floor((at.getTime() - card.lastReview) / DAY_MS), 0);
  return scheduler.forgetting_curve(elapsedDays, +card.stability.toFixed(8));
}

/** The ts-fsrs view of a stored card. */
export function toFsrsCard(card: ReviewCard): CardInput {
  return {
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    // Deprecated in ts-fsrs 5 and not read by the scheduler, which measures from last_review.
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview,
  };
}

/** The stored form of a ts-fsrs card. */
export function fromFsrsCard(card: Card): ReviewCard {
  return {
    due: card.due.getTime(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.getTime() : null,
  };
}

/** The JSON tuple a card is stored as: half the bytes of an object, which matters at 10,000 cards. */
export type CardTuple = [
  due: number,
  stability: number,
  difficulty: number,
  scheduledDays: number,
  learningSteps: number,
  reps: number,
  lapses: number,
  state: State,
  lastReview: number | null,
];

/** Encodes a card for storage. */
export function toTuple(card: ReviewCard): CardTuple {
  return [
    card.due,
    card.stability,
    card.difficulty,
    card.scheduledDays,
    card.learningSteps,
    card.reps,
    card.lapses,
    card.state,
    card.lastReview,
  ];
}

/** Decodes a stored card, or undefined when the value is not a card (skipped, never a crash). */
export function fromTuple(value: unknown): ReviewCard | undefined {
  if (!Array.isArray(value) || value.length !== 9) return undefined;
  const [due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview] = value;
  const numbers = [due, stability, difficulty, scheduledDays, learningSteps, reps, lapses];
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return undefined;
  if (
    state !== State.New &&
    state !== State.Learning &&
    state !== State.Review &&
    state !== State.Relearning
  ) {
    return undefined;
  }
  if (lastReview !== null && !(typeof lastReview === 'number' && Number.isFinite(lastReview)))
    return undefined;
  return { due, stability, difficulty, scheduledDays, learningSteps, reps, lapses, state, lastReview };
}
