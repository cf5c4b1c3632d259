import type { ExamProfile } from './profile.ts';
import type { ExamQuestion } from './questions.ts';
import type { ExamResult } from './result.ts';

/** A mock exam as plain JSON: what is asked, the member's current answers and marks, and the clock. */
export interface ExamSession {
  v: 1;
  id: string;
  guildId: string;
  userId: string;
  /** The profile as it was at the start: a later edit of the file never changes a running exam. */
  profile: ExamProfile;
  questions: ExamQuestion[];
  /** Chosen option indexes per question (one for a single choice); null while unanswered. */
  answers: (number[] | null)[];
  /** Questions marked for review. */
  marked: boolean[];
  /** The question on screen. */
  current: number;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms: at this instant the exam is submitted as it stands. */
  deadline: number;
  status: 'open' | 'submitted';
  /** Set once submitted. */
  result?: ExamResult;
}

/** What a member does on an open exam. */
export type ExamAction =
  | { type: 'answer'; index: number; options: number[] }
  | { type: 'go'; index: number }
  | { type: 'mark'; index: number };

/** The outcome of an action: the updated exam, or why nothing changed. */
export type ActionOutcome =
  | { kind: 'updated'; session: ExamSession }
  /** The deadline has passed: the exam must be submitted as it stands, and the action is dropped. */
  | { kind: 'overdue' }
  | { kind: 'closed' }
  | { kind: 'invalid'; reason: string };

/** Where a question stands, for the navigator. */
export interface QuestionStatus {
  answered: boolean;
  marked: boolean;
}

/** A new open exam; `questions` must not be empty and `minutes` must be positive. */
export function createExam(init: {
  id: string;
  guildId: string;
  userId: string;
  profile: ExamProfile;
  questions: ExamQuestion[];
  startedAt: number;
  minutes: number;
}): ExamSession {
  if (init.questions.length === 0) throw new RangeError('an exam needs at least one question');
  if (!(init.minutes > 0)) throw new RangeError(`minutes must be positive; got ${init.minutes}`);
  const { minutes, ...rest } = init;
  return {
    v: 1,
    ...rest,
    questions: [...init.questions],
    answers: init.questions.map(() => null),
    marked: init.questions.map(() => false),
    current: 0,
    deadline: init.startedAt + Math.round(minutes * 60_000),
    status: 'open',
  };
}

/** True when the exam is open but its time is up: it must be submitted now. */
export function isOverdue(session: ExamSession, now: number): boolean {
  return session.status === 'open' && now >= session.deadline;
}

/** Milliseconds left (0 once the deadline passed or the exam is submitted). */
export function remainingMs(session: ExamSession, now: number): number {
  return session.status === 'open' ? Math.max(0, session.deadline - now) : 0;
}

/**
 * Applies a member's action at `now`. Answering moves on to the next question (the last one stays);
 * an option list is kept sorted and without repeats. Nothing changes once the exam is closed or past
 * its deadline.
 */
export function applyAction(session: ExamSession, action: ExamAction, now: number): ActionOutcome {
  if (session.status !== 'open') return { kind: 'closed' };
  if (isOverdue(session, now)) return { kind: 'overdue' };
  const { index } = action;
  if (!Number.isInteger(index) || index < 0 || index >= session.questions.length) {
    return { kind: 'invalid', reason: `no question ${index + 1}` };
  }
  switch (action.type) {
    case 'go':
      return { kind: 'updated', session: { ...session, current: index } };
    case 'mark': {
      const marked = session.marked.slice();
      marked[index] = !marked[index];
      return { kind: 'updated', session: { ...session, marked, current: index } };
    }
    case 'answer': {
      const options = [...new Set(action.options)].sort((a, b) => a - b);
      if (options.length === 0 || options.some((o) => !Number.isInteger(o) || o < 0 || o > 24)) {
        return { kind: 'invalid', reason: 'not an option of this question' };
      }
      const answers = session.answers.slice();
      answers[index] = options;
      const current = Math.min(index + 1, session.questions.length - 1);
      return { kind: 'updated', session: { ...session, answers, current } };
    }
  }
}

/** The exam closed with its result. */
export function withResult(session: ExamSession, result: ExamResult): ExamSession {
  return { ...session, status: 'submitted', result };
}

/** Answered / marked state of every question, in order. */
export function navigatorOf(session: ExamSession): QuestionStatus[] {
  return session.questions.map((_, i) => ({
    answered: session.answers[i] !== null && session.answers[i] !== undefined,
    marked: session.marked[i] === true,
  }));
}

/** How many questions are answered, marked, and left unanswered. */
export function progressOf(session: ExamSession): { answered: number; marked: number; unanswered: number } {
  const statuses = navigatorOf(session);
  const answered = statuses.filter((s) => s.answered).length;
  return {
    answered,
    marked: statuses.filter((s) => s.marked).length,
    unanswered: statuses.length - answered,
  };
}

/** Checks that a stored value is an exam of this version (stored JSON may be old or foreign). */
export function isExamSession(value: unknown): value is ExamSession {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Partial<ExamSession>;
  return (
    s.v === 1 &&
    typeof s.id === 'string' &&
    typeof s.guildId === 'string' &&
    typeof s.userId === 'string' &&
    typeof s.profile === 'object' &&
    s.profile !== null &&
    Array.isArray(s.questions) &&
    Array.isArray(s.answers) &&
    Array.isArray(s.marked) &&
    typeof s.current === 'number' &&
    typeof s.deadline === 'number' &&
    (s.status === 'open' || s.status === 'submitted')
  );
}
