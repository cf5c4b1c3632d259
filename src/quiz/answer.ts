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
}

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
}

/** The only part of the store the pipeline needs; tests can pass a fake. */
export type AnswerRecorder = Pick<ScoreStore, 'recordAnswer'>;

/**
 * The answer pipeline every feature shares: grade the reply, then record it through the guild's
 * writer queue. A store failure rejects with `StoreError` and nothing is recorded.
 */
export async function submitAnswer(scores: AnswerRecorder, request: AnswerRequest): Promise<AnswerOutcome> {
  return recordGrade(scores, request, grade(request.question, request.response));
}

/** Records an answer already graded (races grade first to learn the rank among right answers). */
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
  });
  return {
    grade: result,
    points,
    awarded: recorded.awarded,
    alreadyScored: result.correct && recorded.awarded === 0,
    totals: recorded.totals,
    streak: recorded.streak,
  };
}
