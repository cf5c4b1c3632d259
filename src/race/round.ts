import { basePoints } from '../scoring/points.ts';

/** One member's click in a round, in the order the bot received it. */
export interface RoundAnswer {
  userId: string;
  /** Index of the chosen option. */
  choice: number;
  /** Epoch ms (injected clock) when the answer was received. */
  at: number;
}

/** One question's round: open for answers until `closesAt`, then closed for good. */
export interface Round {
  /** 0-based position of the question in the race. */
  index: number;
  openedAt: number;
  closesAt: number;
  /** In arrival order; at most one per member. */
  answers: RoundAnswer[];
  closed: boolean;
}

/** What happened to a submitted answer. `locked` carries the round with the answer added. */
export type SubmitOutcome =
  | { outcome: 'locked'; round: Round }
  | { outcome: 'duplicate' }
  | { outcome: 'closed' }
  | { outcome: 'invalid' };

/** An answer after the reveal: right or wrong, its speed rank among the right ones, its points by the rules. */
export interface ScoredAnswer extends RoundAnswer {
  correct: boolean;
  /** Milliseconds from the round opening to the answer. */
  ms: number;
  /** 1-based order among the round's correct answers; absent for a wrong answer. */
  rank?: number;
  /** Points the rules give (10 + speed bonus for the first five right, 0 when wrong), before the 24 h rule. */
  points: number;
}

/** The outcome of a closed round. */
export interface RoundResult {
  index: number;
  correctChoice: number;
  /** Every answer, fastest first. */
  answers: ScoredAnswer[];
  /** The right answers, fastest first. */
  right: ScoredAnswer[];
  /** The fastest right answer, if anyone was right. */
  fastest?: ScoredAnswer;
}

/** Opens round `index` at `now` for `lengthMs` milliseconds. */
export function openRound(index: number, now: number, lengthMs: number): Round {
  if (!Number.isInteger(index) || index < 0) throw new RangeError(`round index must be ≥ 0, got ${index}`);
  if (!Number.isFinite(lengthMs) || lengthMs <= 0) {
    throw new RangeError(`round length must be a positive number of ms, got ${lengthMs}`);
  }
  return { index, openedAt: now, closesAt: now + lengthMs, answers: [], closed: false };
}

/**
 * Adds a member's answer unless the round is closed (or past its deadline), the member already
 * answered, or the choice is not one of `optionCount` options. Pure: the round given is unchanged.
 */
export function submitAnswer(round: Round, answer: RoundAnswer, optionCount: number): SubmitOutcome {
  if (round.closed || answer.at >= round.closesAt) return { outcome: 'closed' };
  if (round.answers.some((a) => a.userId === answer.userId)) return { outcome: 'duplicate' };
  if (!Number.isInteger(answer.choice) || answer.choice < 0 || answer.choice >= optionCount) {
    return { outcome: 'invalid' };
  }
  return { outcome: 'locked', round: { ...round, answers: [...round.answers, { ...answer }] } };
}

/** Closes the round and scores it: right answers ranked by time (ties by arrival), points per the race rules. */
export function closeRound(round: Round, correctChoice: number): { round: Round; result: RoundResult } {
  // Stable sort: answers received in the same millisecond keep their arrival order.
  const byTime = round.answers
    .map((a, arrival) => ({ a, arrival }))
    .sort((x, y) => x.a.at - y.a.at || x.arrival - y.arrival);
  let rank = 0;
  const answers: ScoredAnswer[] = byTime.map(({ a }) => {
    const correct = a.choice === correctChoice;
    const ms = Math.max(0, a.at - round.openedAt);
    if (!correct) return { ...a, correct, ms, points: 0 };
    rank += 1;
    return { ...a, correct, ms, rank, points: basePoints({ kind: 'race', correct, raceRank: rank }) };
  });
  const right = answers.filter((a) => a.correct);
  const result: RoundResult = { index: round.index, correctChoice, answers, right };
  if (right[0]) result.fastest = right[0];
  return { round: { ...round, closed: true }, result };
}
