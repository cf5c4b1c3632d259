import type { Question } from '../quiz/question.ts';
import {
  closeRound,
  openRound,
  type Round,
  type RoundResult,
  type SubmitOutcome,
  submitAnswer,
} from './round.ts';

/** A question as a race asks it: a button question (`choice` or `truefalse`) plus the item's topics. */
export type RaceQuestion = Omit<Question, 'type' | 'options' | 'correct'> & {
  type: 'choice' | 'truefalse';
  options: string[];
  /** Index of the right option. */
  correct: number;
  /** The item's tags, for per-topic accuracy. */
  topics: string[];
};

/** A member's running total in one race. */
export interface Standing {
  userId: string;
  /** Points actually awarded (after the 24 h rule). */
  points: number;
  correct: number;
  answered: number;
  /** Sum of the response times of right answers, for ties. */
  rightMs: number;
}

/** `running` until the last reveal (`finished`), a Stop click (`stopped`) or a restart (`interrupted`). */
export type RaceStatus = 'running' | 'finished' | 'stopped' | 'interrupted';

/** Round length and the pause between a reveal and the next question. */
export interface RaceTiming {
  roundMs: number;
  gapMs: number;
}

/** Everything about a race, stored as one JSON value so a restart can see it. */
export interface RaceState {
  v: 1;
  id: string;
  guildId: string;
  channelId: string;
  starterId: string;
  topic: string | null;
  /** The process instance running the race; another value after a restart means nobody drives it. */
  runner: string;
  questions: RaceQuestion[];
  round: Round;
  /** The message showing the current round, once posted. */
  roundMessageId: string | null;
  standings: Record<string, Standing>;
  status: RaceStatus;
  /** Who pressed Stop. */
  stoppedBy?: string;
  timing: RaceTiming;
  startedAt: number;
  /** Set once the final standings are due: the race is over and nothing more may happen. */
  endedAt?: number;
}

/** What a new race needs. */
export interface NewRace {
  id: string;
  guildId: string;
  channelId: string;
  starterId: string;
  topic: string | null;
  runner: string;
  questions: RaceQuestion[];
  timing: RaceTiming;
}

/** A new running race with its first round open at `now`. */
export function createRace(input: NewRace, now: number): RaceState {
  if (input.questions.length === 0) throw new RangeError('a race needs at least one question');
  for (const [i, q] of input.questions.entries()) {
    if (!Number.isInteger(q.correct) || q.correct < 0 || q.correct >= q.options.length) {
      throw new RangeError(`race question ${i + 1} has no valid right option`);
    }
  }
  return {
    v: 1,
    ...input,
    questions: input.questions.map((q) => ({ ...q })),
    round: openRound(0, now, input.timing.roundMs),
    roundMessageId: null,
    standings: {},
    status: 'running',
    startedAt: now,
  };
}

/** The question of the current round. */
export function currentQuestion(state: RaceState): RaceQuestion {
  const question = state.questions[state.round.index];
  if (!question) throw new RangeError(`race ${state.id} has no question ${state.round.index + 1}`);
  return question;
}

/** A member's answer to the current round (see `submitAnswer`); a race that is not running is `closed`. */
export function answerRace(
  state: RaceState,
  userId: string,
  choice: number,
  at: number,
): { outcome: SubmitOutcome['outcome']; state: RaceState } {
  if (state.status !== 'running') return { outcome: 'closed', state };
  const submitted = submitAnswer(state.round, { userId, choice, at }, currentQuestion(state).options.length);
  if (submitted.outcome !== 'locked') return { outcome: submitted.outcome, state };
  return { outcome: 'locked', state: { ...state, round: submitted.round } };
}

/** Closes the current round and scores it by the rules; standings change only in `applyAwards`. */
export function revealRound(state: RaceState): { state: RaceState; result: RoundResult } {
  const { round, result } = closeRound(state.round, currentQuestion(state).correct);
  return { state: { ...state, round }, result };
}

/** Adds a revealed round to the standings, with the points the store actually awarded per member. */
export function applyAwards(
  state: RaceState,
  result: RoundResult,
  awarded: ReadonlyMap<string, number>,
): RaceState {
  const standings = { ...state.standings };
  for (const answer of result.answers) {
    const before = standings[answer.userId] ?? {
      userId: answer.userId,
      points: 0,
      correct: 0,
      answered: 0,
      rightMs: 0,
    };
    standings[answer.userId] = {
      ...before,
      points: before.points + (awarded.get(answer.userId) ?? 0),
      correct: before.correct + (answer.correct ? 1 : 0),
      answered: before.answered + 1,
      rightMs: before.rightMs + (answer.correct ? answer.ms : 0),
    };
  }
  return { ...state, standings };
}

/** True when the current round is the last question. */
export function isLastRound(state: RaceState): boolean {
  return state.round.index >= state.questions.length - 1;
}

/** Opens the next round at `now`; throws after the last one (check `isLastRound`). */
export function nextRound(state: RaceState, now: number): RaceState {
  if (state.status !== 'running') throw new Error(`race ${state.id} is ${state.status}`);
  if (!state.round.closed)
    throw new Error(`round ${state.round.index + 1} of race ${state.id} is still open`);
  if (isLastRound(state)) throw new RangeError(`race ${state.id} has no question after the last`);
  return {
    ...state,
    round: openRound(state.round.index + 1, now, state.timing.roundMs),
    roundMessageId: null,
  };
}

/**
 * Marks a running race stopped (by a member) or interrupted (by a restart). The open round, if any,
 * is still revealed and scored afterwards; no new round opens.
 */
export function haltRace(state: RaceState, status: 'stopped' | 'interrupted', by?: string): RaceState {
  if (state.status !== 'running') return state;
  const halted: RaceState = { ...state, status };
  if (by !== undefined) halted.stoppedBy = by;
  return halted;
}

/** Ends the race for good at `now`: a running race counts as finished, a halted one keeps its status. */
export function finishRace(state: RaceState, now: number): RaceState {
  return {
    ...state,
    status: state.status === 'running' ? 'finished' : state.status,
    round: { ...state.round, closed: true },
    endedAt: now,
  };
}

/** Standings best first: points, then right answers, then total speed, then user id. */
export function rankStandings(state: RaceState): Standing[] {
  return Object.values(state.standings).sort(
    (a, b) =>
      b.points - a.points ||
      b.correct - a.correct ||
      a.rightMs - b.rightMs ||
      (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0),
  );
}
