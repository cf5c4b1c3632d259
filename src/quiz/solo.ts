import type { Bank } from '../bank/index.ts';
import type { Item } from '../bank/types.ts';
import type { Clock } from '../core/clock.ts';
import { UserError } from '../core/errors.ts';
import { fitText, MAX_OPTION_TEXT, quoteInput } from '../core/fit.ts';
import { type Store, StoreError } from '../store/index.ts';
import { type AnswerOutcome, submitAnswer } from './answer.ts';
import type { Cooldown } from './cooldown.ts';
import type { Response } from './grade.ts';
import { makeQuestionById, type Question } from './question.ts';
import { mutedPredicate } from './question-health.ts';
import {
  answerElapsedMs,
  answerRefusal,
  createSession,
  currentIndex,
  isQuizSession,
  MAX_QUESTIONS,
  MIN_QUESTIONS,
  missedQuestions,
  planQuestions,
  type QuizSession,
  type SessionAnswer,
  type SessionSummary,
  summarize,
  withAnswer,
} from './session.ts';

/** A solo session lives this long after its last change; its buttons answer "expired" afterwards. */
export const SESSION_TTL_MS = 60 * 60_000;
/** One scored answer per member per this many ms; faster clicks get a short cooldown reply. */
export const ANSWER_COOLDOWN_MS = 1_000;

export const EXPIRED_QUIZ = 'This quiz has expired — start a new one with /quiz.';
export const NOT_YOURS = 'This quiz belongs to someone else — start your own with /quiz.';
export const ALREADY_ANSWERED = 'You already answered this question.';
export const COOLDOWN = 'Easy there — one answer a second. Try again in a moment.';
/** The store failed or was too slow before the answer's score was written: nothing counted. */
export const ANSWER_NOT_RECORDED =
  'Your answer was not recorded: the score store is slow or unavailable right now. Try again in a moment.';
/** The score was written, but saving the quiz's progress was not: the result will show on the next try. */
export const ANSWER_RECORDED_SLOW =
  'Your answer was recorded; the bot is slow to show it. Answer again in a moment to see the result — it will not count twice.';

/** The score was written but the session was not: unlike any other store failure here, the answer counted. */
class RecordedSlowError extends StoreError {
  constructor(cause: unknown) {
    super(cause, ANSWER_RECORDED_SLOW);
  }
}

/** What the solo quiz needs: the store, the bank being served, the time, and the answer cooldown. */
export interface SoloDeps {
  store: Pick<Store, 'sessions' | 'scores' | 'settings' | 'queue' | 'cards'> & Partial<Pick<Store, 'health'>>;
  bank: Bank;
  clock: Clock;
  /** Keeps one member to one answer per `ANSWER_COOLDOWN_MS`; one per process, shared by all quizzes. */
  cooldown: Cooldown;
}

/** Identifies the member acting on a quiz. */
export interface Actor {
  guildId: string;
  userId: string;
}

/** What the member sees next: a question, or the summary of a finished quiz. */
export type SoloView =
  | { kind: 'question'; session: QuizSession; index: number; question: Question | null }
  | { kind: 'summary'; session: QuizSession; summary: SessionSummary; missed: MissedQuestion[] };

/** A missed question for the summary: the prompt and the canonical answer. */
export interface MissedQuestion {
  index: number;
  prompt: string;
  answer: string;
}

/** The result of an answer click or a typed answer. */
export type AnswerAttempt =
  | {
      status: 'answered';
      session: QuizSession;
      index: number;
      /** Null when the item left the bank: the question is skipped without a score. */
      question: Question | null;
      answer: SessionAnswer;
      outcome?: AnswerOutcome;
    }
  | { status: 'stale' | 'cooldown' };

/**
 * Starts a solo quiz: plans `count` questions of `topic` (all items when null) and stores the
 * session. Throws `UserError` when the topic has nothing to ask, `StoreError` when it cannot be saved.
 */
export async function startSolo(
  deps: SoloDeps,
  init: Actor & {
    id: string;
    topic: string | null;
    count: number;
    seed: number;
    /** The items to ask from (an exam domain's), instead of the topic's; `topic` is then only its label. */
    items?: readonly Item[];
    /** Questions muted in the server: never asked. */
    muted?: ReadonlySet<string>;
  },
): Promise<SoloView> {
  const count = init.count;
  if (!Number.isInteger(count) || count < MIN_QUESTIONS || count > MAX_QUESTIONS) {
    throw new UserError(`Ask for ${MIN_QUESTIONS} to ${MAX_QUESTIONS} questions.`);
  }
  const items = init.items ?? deps.bank.itemsForTopic(init.topic ?? undefined);
  const questions = planQuestions({
    items,
    pool: deps.bank,
    count,
    seed: init.seed,
    isMuted: mutedPredicate(init.muted),
  });
  if (questions.length === 0) throw new UserError(noQuestionsMessage(deps.bank, init.topic));
  const { timeZone } = await deps.store.settings.get(init.guildId);
  const session = createSession({
    id: init.id,
    guildId: init.guildId,
    userId: init.userId,
    topic: init.topic,
    questions,
    startedAt: deps.clock.now().getTime(),
    timeZone,
  });
  await saveSession(deps, session);
  return viewOf(deps, session);
}

/** Starts a new session of the questions missed in `sessionId`. */
export async function retryMissed(
  deps: SoloDeps,
  actor: Actor,
  sessionId: string,
  next: { id: string; seed: number },
): Promise<SoloView> {
  const previous = await loadOwnSession(deps, actor, sessionId);
  const questions = missedQuestions(previous, next.seed).filter((q) => deps.bank.get(q.itemId) !== undefined);
  if (questions.length === 0)
    throw new UserError('Nothing to retry: no missed question is still in the notes.');
  const session = createSession({
    id: next.id,
    guildId: actor.guildId,
    userId: actor.userId,
    topic: previous.topic,
    questions,
    startedAt: deps.clock.now().getTime(),
    ...(previous.timeZone ? { timeZone: previous.timeZone } : {}),
  });
  await saveSession(deps, session);
  return viewOf(deps, session);
}

/** What the member should see now (for "Next" and after a restart): idempotent, changes nothing. */
export async function currentView(deps: SoloDeps, actor: Actor, sessionId: string): Promise<SoloView> {
  return viewOf(deps, await loadOwnSession(deps, actor, sessionId));
}

/** Checks that question `index` of the session is open for this member (before a modal is shown). */
export async function openQuestion(
  deps: SoloDeps,
  actor: Actor,
  sessionId: string,
  index: number,
): Promise<{ session: QuizSession; question: Question | null } | 'stale'> {
  const session = await loadOwnSession(deps, actor, sessionId);
  if (answerRefusal(session, index)) return 'stale';
  return { session, question: questionAt(deps.bank, session, index) };
}

/**
 * Takes a member's answer to question `index`: one at a time per member, so a burst of clicks
 * scores once; faster than the cooldown → `cooldown`, not the open question → `stale`.
 * The score is recorded before the session, so a failure never loses points already shown.
 */
export async function answerSolo(
  deps: SoloDeps,
  actor: Actor,
  sessionId: string,
  index: number,
  response: Response,
): Promise<AnswerAttempt> {
  return deps.store.queue.run(memberLane(actor), () =>
    // Any store failure up to and with the score write means nothing was counted; say so.
    notRecordedOnStoreError(answerInLane(deps, actor, sessionId, index, response)),
  );
}

async function notRecordedOnStoreError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof StoreError && !(error instanceof RecordedSlowError)) {
      throw new StoreError(error.cause, ANSWER_NOT_RECORDED);
    }
    throw error;
  }
}

/**
 * What the session keeps of a scored answer. A retry of an answer recorded before keeps what was
 * recorded then (its correctness and points), whatever was clicked this time.
 */
function sessionAnswerOf(outcome: AnswerOutcome, at: number): SessionAnswer {
  const { grade, duplicate } = outcome;
  const correct = duplicate ? duplicate.correct : grade.correct;
  const verdict = correct === grade.correct ? grade.verdict : correct ? 'exact' : 'wrong';
  return {
    verdict,
    correct,
    given: grade.given,
    ...(grade.acceptedAs !== undefined && correct === grade.correct ? { acceptedAs: grade.acceptedAs } : {}),
    awarded: outcome.awarded,
    at,
  };
}

async function answerInLane(
  deps: SoloDeps,
  actor: Actor,
  sessionId: string,
  index: number,
  response: Response,
): Promise<AnswerAttempt> {
  const now = deps.clock.now();
  if (!deps.cooldown.take(`${actor.guildId}:${actor.userId}`, now.getTime())) return { status: 'cooldown' };
  const session = await loadOwnSession(deps, actor, sessionId);
  if (answerRefusal(session, index)) return { status: 'stale' };

  const question = questionAt(deps.bank, session, index);
  let answer: SessionAnswer;
  let outcome: AnswerOutcome | undefined;
  if (!question) {
    answer = { verdict: 'skipped', correct: false, given: '', awarded: 0, at: now.getTime() };
  } else {
    // Fixed when the quiz starts: one read less per answer, and one week or month for the whole quiz.
    const timeZone = session.timeZone ?? (await deps.store.settings.get(actor.guildId)).timeZone;
    outcome = await submitAnswer(deps.store.scores, {
      answerId: `${session.id}:${index}`,
      guildId: actor.guildId,
      userId: actor.userId,
      question,
      topics: deps.bank.get(question.itemId)?.tags ?? [],
      response,
      kind: session.mode === 'review' ? 'review' : 'quiz',
      at: now,
      timeZone,
      cards: deps.store.cards,
      elapsedMs: answerElapsedMs(session, index, now.getTime()),
    });
    answer = sessionAnswerOf(outcome, now.getTime());
    if (!outcome.duplicate) countAnswer(deps, actor.guildId, question, answer);
  }
  const updated = withAnswer(session, index, answer);
  try {
    await saveSession(deps, updated);
  } catch (error) {
    // The score stands (a retry is recognized by its answer id); only the quiz's progress is behind.
    if (error instanceof StoreError && question) throw new RecordedSlowError(error.cause);
    throw error;
  }
  return { status: 'answered', session: updated, index, question, answer, ...(outcome ? { outcome } : {}) };
}

/**
 * Counts a first graded answer in the question's statistics (`/bank flags`). Not awaited and best
 * effort: a count is not worth a member's answer waiting or failing on a slow store.
 */
function countAnswer(deps: SoloDeps, guildId: string, question: Question, answer: SessionAnswer): void {
  const health = deps.store.health;
  if (!health) return;
  const chosen = answer.correct ? undefined : answer.given;
  health.recordAnswer(guildId, question.itemId, answer.correct, chosen).catch(() => undefined);
}

/** The question of a session at `index`, rebuilt from the bank (null when its item is gone). */
export function questionAt(bank: Bank, session: QuizSession, index: number): Question | null {
  const planned = session.questions[index];
  if (!planned) return null;
  return makeQuestionById(bank, planned.itemId, { type: planned.type, seed: planned.seed });
}

function viewOf(deps: SoloDeps, session: QuizSession): SoloView {
  const index = currentIndex(session);
  if (index !== null)
    return { kind: 'question', session, index, question: questionAt(deps.bank, session, index) };
  const summary = summarize(session, deps.clock.now().getTime());
  const missed = summary.missed.map((i) => {
    const question = questionAt(deps.bank, session, i);
    return {
      index: i,
      prompt: question?.prompt ?? '(removed from the notes)',
      answer: question?.answer ?? '',
    };
  });
  return { kind: 'summary', session, summary, missed };
}

async function loadOwnSession(deps: SoloDeps, actor: Actor, sessionId: string): Promise<QuizSession> {
  const stored = await deps.store.sessions.get(sessionKey(sessionId));
  if (!isQuizSession(stored) || stored.guildId !== actor.guildId) throw new UserError(EXPIRED_QUIZ);
  if (stored.userId !== actor.userId) throw new UserError(NOT_YOURS);
  return stored;
}

function saveSession(deps: SoloDeps, session: QuizSession): Promise<void> {
  return deps.store.sessions.put(sessionKey(session.id), session, SESSION_TTL_MS);
}

function noQuestionsMessage(bank: Bank, topic: string | null): string {
  const topics = bank
    .topics()
    .slice(0, 5)
    .map((t) => fitText(t.name, MAX_OPTION_TEXT));
  const what = topic ? `Nothing to ask about ${quoteInput(topic)}.` : 'The question bank is empty.';
  return topics.length > 0
    ? `${what} Try one of: ${topics.join(', ')}.`
    : `${what} Add notes to the bank first.`;
}

/** Session ids in the session store are namespaced, as races keep theirs there too (`/review` shares it). */
export const sessionKey = (id: string) => `quiz:${id}`;
/** A lane of the store's queue of its own: score writes take the guild's lane inside it. */
const memberLane = (actor: Actor) => `quiz-member:${actor.guildId}:${actor.userId}`;
