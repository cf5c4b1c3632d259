import { DEFAULT_THRESHOLDS } from '../review/rating.ts';
import type { CardStore, ReviewResult } from '../review/store.ts';
import { type AnswerKind, basePoints } from '../scoring/points.ts';
import type { AnswerResult, ScoreStore } from '../store/scores.ts';
import { type Grade, grade, type Response } from './grade.ts';
import type { Question } from './question.ts';

/** One member's reply to one question, with everything scoring needs. */
export interface AnswerRequest {
  guildId: string;
  userId: string;
  question: Question;
  /** The item's tags (topic names), counted for per-topic accuracy. */
  topics: readonly string[];
  response: Response;
  kind: AnswerKind;
  at: Date;
  /** The server's time zone (settings), for the week, month and local date of the answer. */
  timeZone: string;
  /** Races only: 1-based order among the round's correct answers (speed bonus). */
  raceRank?: number;
  /** The member's spaced-review cards: when given, the answer also updates the item's card. */
  cards?: CardUpdater;
  /**
   * Time from showing the question to this answer, when the feature knows it; without it (a daily post
   * read hours later) the card is rated on correctness alone (right → Good, never Easy or slow Hard).
   */
  elapsedMs?: number;
  /** Names the answer so a retry of it is recognized and not scored twice (see `AnswerInput.answerId`). */
  answerId?: string;
}

/** The part of the card store the pipeline needs. */
export type CardUpdater = Pick<CardStore, 'reviewAnswer'>;

/** What happened to an answer: the grade, and what the score store made of it. */
export interface AnswerOutcome {
  grade: Grade;
  /** Points asked for under the rules, before the 24 h rule. */
  points: number;
  /** Points awarded: 0 when wrong, or when this question already earned points in the last 24 h. */
  awarded: number;
  /** Right, but no points because the question already scored within 24 h. */
  alreadyScored: boolean;
  totals: AnswerResult['totals'];
  streak: number;
  /** The member's card after this answer; null without a card store, or when the update failed. */
  review: ReviewResult | null;
  /** Why the card could not be updated (the answer and its points stand); for the caller to log. */
  cardError?: unknown;
  /**
   * Set when this very answer (same `answerId`) had been recorded before: nothing was counted again, and
   * this is what the first one got. Its card was updated then, not now.
   */
  duplicate?: { awarded: number; correct: boolean };
}

/** The only part of the store the pipeline needs; tests can pass a fake. */
export type AnswerRecorder = Pick<ScoreStore, 'recordAnswer'>;

/**
 * The answer pipeline every feature shares: grade the reply, record it through the guild's writer
 * queue, then update the member's review card. A score store failure rejects with `StoreError` and
 * nothing is recorded; a card failure does not reject (see `recordGrade`).
 */
export async function submitAnswer(scores: AnswerRecorder, request: AnswerRequest): Promise<AnswerOutcome> {
  return recordGrade(scores, request, grade(request.question, request.response));
}

/**
 * Records an answer already graded (races grade first to learn the rank among right answers), then
 * updates the member's card. The card comes second and never fails the answer: the points are already
 * recorded and shown, and a retry would be refused by the 24 h rule, so a card failure is returned as
 * `cardError` (the item's next review is then one answer behind, which the next answer corrects).
 */
export async function recordGrade(
  scores: AnswerRecorder,
  request: Omit<AnswerRequest, 'response'> & { response?: Response },
  result: Grade,
): Promise<AnswerOutcome> {
  const typed = request.question.type === 'typed';
  const points = basePoints({
    kind: request.kind,
    correct: result.correct,
    typed,
    ...(request.raceRank !== undefined ? { raceRank: request.raceRank } : {}),
  });
  const recorded = await scores.recordAnswer(request.guildId, {
    userId: request.userId,
    itemId: request.question.itemId,
    topics: [...request.topics],
    correct: result.correct,
    points,
    kind: request.kind,
    at: request.at,
    timeZone: request.timeZone,
    ...(request.answerId !== undefined ? { answerId: request.answerId } : {}),
  });
  const { duplicate } = recorded;
  const card = duplicate ? { review: null } : await updateCard(request, result);
  return {
    grade: result,
    points,
    awarded: recorded.awarded,
    alreadyScored: !duplicate && result.correct && recorded.awarded === 0,
    totals: recorded.totals,
    streak: recorded.streak,
    ...card,
    ...(duplicate ? { duplicate } : {}),
  };
}

/** An elapsed time that ratingFor reads as neither fast nor slow: the rating then follows correctness. */
const UNKNOWN_ELAPSED_MS = DEFAULT_THRESHOLDS.slowMs;

async function updateCard(
  request: Pick<AnswerRequest, 'cards' | 'elapsedMs' | 'guildId' | 'userId' | 'question' | 'at'>,
  result: Grade,
): Promise<Pick<AnswerOutcome, 'review' | 'cardError'>> {
  if (!request.cards) return { review: null };
  const elapsedMs = request.elapsedMs ?? UNKNOWN_ELAPSED_MS;
  try {
    const review = await request.cards.reviewAnswer(
      request.guildId,
      request.userId,
      request.question.itemId,
      { correct: result.correct, verdict: result.verdict, elapsedMs: Math.max(0, elapsedMs) },
      request.at,
    );
    return { review };
  } catch (cardError) {
    return { review: null, cardError };
  }
}
