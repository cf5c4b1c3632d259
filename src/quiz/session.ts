import type { Item } from '../bank/types.ts';
import { DEFAULT_THRESHOLDS } from '../review/rating.ts';
import type { Grade } from './grade.ts';
import type { ItemPool } from './pool.ts';
import { applicableTypes, type QuestionType } from './question.ts';
import { createRandom, hashString, shuffled } from './random.ts';

/** One question of a session, reproducible with `makeQuestionById(pool, itemId, {type, seed})`. */
export interface SessionQuestion {
  itemId: string;
  type: QuestionType;
  seed: number;
}

/** How one question of a session was answered. */
export interface SessionAnswer {
  /** `skipped` when the item left the bank (a note was edited) before it was answered. */
  verdict: Grade['verdict'] | 'skipped';
  correct: boolean;
  /** What the member chose or typed. */
  given: string;
  acceptedAs?: string;
  /** Points the score store awarded (0 under the 24 h rule or when wrong). */
  awarded: number;
  /** Epoch ms. */
  at: number;
}

/** A solo quiz as plain JSON: what is asked, what was answered, and when. Stored, never held in memory. */
export interface QuizSession {
  v: 1;
  id: string;
  guildId: string;
  userId: string;
  /** The topic asked for, or null for the whole bank. */
  topic: string | null;
  questions: SessionQuestion[];
  /** `answers[i]` answers `questions[i]`; the current question is `answers.length`. */
  answers: SessionAnswer[];
  startedAt: number;
  /** The server's time zone when the quiz started (periods of its points); read from settings when absent. */
  timeZone?: string;
  /** Set when the last question was answered. */
  endedAt?: number;
  /** `review`: a `/review` session of due cards (answers score as kind `review`); absent for a quiz. */
  mode?: 'review';
}

/** What a quiz of `count` questions is made of. */
export interface PlanRequest {
  /** The items to choose from (a topic's items). */
  items: readonly Item[];
  /** The whole bank, which distractors are drawn from. */
  pool: ItemPool;
  count: number;
  seed: number;
  /** Questions muted in the server (`/bank flags`): never drawn. */
  isMuted?: (itemId: string) => boolean;
}

export const MIN_QUESTIONS = 1;
export const MAX_QUESTIONS = 20;

/** How many further items a plan probes for a typeable one: a bank without any must not cost a full scan. */
const TYPED_SEARCH_LIMIT = 500;

/**
 * Picks up to `count` different askable items in a seeded order and a type for each, mixing the
 * types: about one typed question in four (at least one from 3 questions on) and one true/false in
 * five, the rest multiple choice — each only where the item can be asked that way.
 */
export function planQuestions(request: PlanRequest): SessionQuestion[] {
  const { pool, seed } = request;
  const isMuted = request.isMuted ?? (() => false);
  if (!Number.isInteger(request.count) || request.count < MIN_QUESTIONS || request.count > MAX_QUESTIONS) {
    throw new RangeError(`count must be an integer ${MIN_QUESTIONS}–${MAX_QUESTIONS}; got ${request.count}`);
  }
  const random = createRandom(seed >>> 0);
  const typesOf = (item: Item) => applicableTypes(item, pool);
  // Shuffle first, probe after: finding out what an item can be asked as makes its questions, which
  // for every item of a 50,000-item bank took seconds on the first /quiz. Drawing the first askable
  // items of a shuffled order picks the same way as shuffling the askable ones: uniformly.
  const order = shuffled(request.items, random);
  const chosen: Item[] = [];
  let next = 0;
  while (chosen.length < request.count && next < order.length) {
    const item = order[next++] as Item;
    if (!isMuted(item.id) && typesOf(item).length > 0) chosen.push(item);
  }
  const wanted = typeMix(chosen.length);

  // A typed question is the mix's most distinctive part: bring in a typeable item when none was drawn.
  if (wanted.typed > 0 && chosen.length > 0 && !chosen.some((item) => typesOf(item).includes('typed'))) {
    const last = Math.min(order.length, next + TYPED_SEARCH_LIMIT);
    for (; next < last; next++) {
      const item = order[next] as Item;
      if (!isMuted(item.id) && typesOf(item).includes('typed')) {
        chosen[chosen.length - 1] = item;
        break;
      }
    }
  }

  const assigned = new Map<Item, QuestionType>();
  // Assigned in another seeded order, so a typed question is not always the first one.
  const assignOrder = shuffled(chosen, random);
  const assign = (type: QuestionType, howMany: number) => {
    for (const item of assignOrder) {
      if (howMany <= 0) return;
      if (!assigned.has(item) && typesOf(item).includes(type)) {
        assigned.set(item, type);
        howMany--;
      }
    }
  };
  assign('typed', wanted.typed);
  assign('truefalse', wanted.truefalse);
  return chosen.map((item, index) => {
    const types = typesOf(item);
    const type = assigned.get(item) ?? (types.includes('choice') ? 'choice' : (types[0] as QuestionType));
    return { itemId: item.id, type, seed: hashString(item.id, seed + index) };
  });
}

/** How many typed and true/false questions a quiz of `n` asks for. */
function typeMix(n: number): { typed: number; truefalse: number } {
  const typed = n >= 3 ? Math.max(1, Math.round(n / 4)) : 0;
  return { typed, truefalse: Math.floor(n / 5) };
}

/** A new session; `questions` must not be empty. */
export function createSession(init: {
  id: string;
  guildId: string;
  userId: string;
  topic: string | null;
  questions: SessionQuestion[];
  startedAt: number;
  timeZone?: string;
  mode?: 'review';
}): QuizSession {
  if (init.questions.length === 0) throw new RangeError('a quiz session needs at least one question');
  return { v: 1, ...init, questions: [...init.questions], answers: [] };
}

/** Index of the question waiting for an answer, or null when the quiz is over. */
export function currentIndex(session: QuizSession): number | null {
  return session.answers.length < session.questions.length ? session.answers.length : null;
}

/** True once every question has an answer. */
export function isFinished(session: QuizSession): boolean {
  return currentIndex(session) === null;
}

/** Why an answer to question `index` cannot be taken, or null when it can. */
export function answerRefusal(session: QuizSession, index: number): 'answered' | 'unknown' | null {
  if (!Number.isInteger(index) || index < 0 || index >= session.questions.length) return 'unknown';
  const current = currentIndex(session) ?? session.questions.length;
  if (index === current) return null;
  return index < current ? 'answered' : 'unknown';
}

/** The session with question `index` answered; throws when it is not the current question. */
export function withAnswer(session: QuizSession, index: number, answer: SessionAnswer): QuizSession {
  const refusal = answerRefusal(session, index);
  if (refusal) throw new RangeError(`question ${index} cannot be answered: ${refusal}`);
  const answers = [...session.answers, answer];
  const finished = answers.length === session.questions.length;
  return { ...session, answers, ...(finished ? { endedAt: answer.at } : {}) };
}

/**
 * How long the member took to answer question `index` at `now`, when the session can tell: the first
 * question is shown at the start; a later one when "Next" is clicked, which is not stored, so the time
 * since the previous answer only bounds it — conclusive when it is short (≤ `fastMs`), unknown otherwise.
 */
export function answerElapsedMs(
  session: QuizSession,
  index: number,
  now: number,
  fastMs: number = DEFAULT_THRESHOLDS.fastMs,
): number | undefined {
  if (index === 0) return Math.max(0, now - session.startedAt);
  const previous = session.answers[index - 1];
  if (!previous) return undefined;
  const bound = now - previous.at;
  return bound >= 0 && bound <= fastMs ? bound : undefined;
}

/** The end-of-quiz numbers. */
export interface SessionSummary {
  total: number;
  correct: number;
  points: number;
  /** From the start to the last answer (or `now` while running), in ms. */
  durationMs: number;
  /** Indexes of questions answered wrong (skipped ones are not missed). */
  missed: number[];
}

/** Score, points, time and missed questions of a session. */
export function summarize(session: QuizSession, now: number): SessionSummary {
  const missed: number[] = [];
  session.answers.forEach((answer, index) => {
    if (!answer.correct && answer.verdict !== 'skipped') missed.push(index);
  });
  return {
    total: session.questions.length,
    correct: session.answers.filter((answer) => answer.correct).length,
    points: session.answers.reduce((sum, answer) => sum + answer.awarded, 0),
    durationMs: Math.max(0, (session.endedAt ?? now) - session.startedAt),
    missed,
  };
}

/** The questions to ask again in a "Retry missed" session: same items and types, new seeds. */
export function missedQuestions(session: QuizSession, seed: number): SessionQuestion[] {
  return summarize(session, session.endedAt ?? session.startedAt).missed.flatMap((index) => {
    const question = session.questions[index];
    return question ? [{ ...question, seed: hashString(question.itemId, seed + index) }] : [];
  });
}

/** Checks that a stored value is a session of this version (stored JSON may be old or foreign). */
export function isQuizSession(value: unknown): value is QuizSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<QuizSession>;
  return (
    s.v === 1 &&
    typeof s.id === 'string' &&
    typeof s.guildId === 'string' &&
    typeof s.userId === 'string' &&
    Array.isArray(s.questions) &&
    Array.isArray(s.answers) &&
    typeof s.startedAt === 'number'
  );
}
