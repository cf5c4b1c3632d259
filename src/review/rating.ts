import { type Grade, Rating } from 'ts-fsrs';

/** How a graded answer went, as the quiz grader reports it plus the answer time. */
export interface AnswerOutcome {
  correct: boolean;
  /** `accepted` is a near match of a typed answer ("accepted as X"). */
  verdict: 'exact' | 'accepted' | 'wrong';
  /** Time from showing the question to the answer. */
  elapsedMs: number;
  /** The member's card for this item had already graduated to review (see `isKnown`). */
  known: boolean;
}

/** Answer-time thresholds of `ratingFor`. */
export interface RatingThresholds {
  /** A right answer on a known card at most this fast is Easy. */
  fastMs: number;
  /** A right answer slower than this is Hard. */
  slowMs: number;
}

/**
 * 6 s is reading a short question and clicking at once; 25 s leaves room for a typed answer in a
 * modal, so only real hesitation counts as Hard.
 */
export const DEFAULT_THRESHOLDS: Readonly<RatingThresholds> = { fastMs: 6_000, slowMs: 25_000 };

const VERDICTS = ['exact', 'accepted', 'wrong'] as const;

/**
 * The FSRS grade of an answer: wrong → Again; a near match or slower than `slowMs` → Hard;
 * right within `fastMs` on a known card → Easy; otherwise Good.
 */
export function ratingFor(outcome: AnswerOutcome, thresholds: RatingThresholds = DEFAULT_THRESHOLDS): Grade {
  assertOutcome(outcome);
  if (!outcome.correct) return Rating.Again;
  if (outcome.verdict === 'accepted' || outcome.elapsedMs > thresholds.slowMs) return Rating.Hard;
  if (outcome.known && outcome.elapsedMs <= thresholds.fastMs) return Rating.Easy;
  return Rating.Good;
}

/** True for Again, Hard, Good and Easy (the grades a review can carry). */
export function isGrade(value: unknown): value is Grade {
  return value === Rating.Again || value === Rating.Hard || value === Rating.Good || value === Rating.Easy;
}

function assertOutcome(outcome: AnswerOutcome): void {
  if (typeof outcome !== 'object' || outcome === null)
    throw new TypeError('ratingFor needs an outcome object');
  if (typeof outcome.correct !== 'boolean') throw new TypeError('correct must be true or false');
  if (!VERDICTS.includes(outcome.verdict)) {
    throw new RangeError(`verdict must be one of ${VERDICTS.join(', ')}; got ${String(outcome.verdict)}`);
  }
  if (outcome.correct !== (outcome.verdict !== 'wrong')) {
    throw new RangeError(`correct=${outcome.correct} contradicts verdict "${outcome.verdict}"`);
  }
  if (!Number.isFinite(outcome.elapsedMs) || outcome.elapsedMs < 0) {
    throw new RangeError(`elapsedMs must be a finite number ≥ 0; got ${String(outcome.elapsedMs)}`);
  }
  if (typeof outcome.known !== 'boolean') throw new TypeError('known must be true or false');
}
