import type { Bank } from '../bank/index.ts';
import type { Clock } from '../core/clock.ts';
import { UserError } from '../core/errors.ts';
import type { CardUpdater } from '../quiz/answer.ts';
import type { Question } from '../quiz/question.ts';
import { mutedPredicate } from '../quiz/question-health.ts';
import { DEFAULT_THRESHOLDS } from '../review/rating.ts';
import type { ExamStore } from '../store/exams.ts';
import type { GuildQueue } from '../store/queue.ts';
import { drawExam, MIN_EXAM_QUESTIONS } from './draw.ts';
import { attemptOf } from './history.ts';
import { type ExamProfile, findProfile } from './profile.ts';
import { buildExamQuestion, isRightAnswer } from './questions.ts';
import { type ExamResult, gradeExam } from './result.ts';
import {
  applyAction,
  createExam,
  type ExamAction,
  type ExamSession,
  isOverdue,
  progressOf,
  remainingMs,
  withResult,
} from './session.ts';

/** The most questions an exam may ask. */
export const MAX_EXAM_QUESTIONS = 100;

export const EXPIRED_EXAM = 'This exam is no longer available — start a new one with /exam start.';
export const NOT_YOUR_EXAM = 'This exam belongs to someone else — start your own with /exam start.';

/** What the exam service needs; the bank is the served guild's bank, read per call. */
export interface ExamDeps {
  exams: ExamStore;
  cards: CardUpdater;
  queue: GuildQueue;
  bankOf(guildId: string): Bank;
  /** The questions muted in a server (`/bank flags`); without it, none are. */
  muted?: (guildId: string) => Promise<ReadonlySet<string>>;
  profiles(): readonly ExamProfile[];
  clock: Clock;
  /** Called when an exam opens or closes, so the deadline timer can follow (absent in some tests). */
  onDeadline?: (event: { session: ExamSession }) => void;
  /** Told about a card that could not be updated (the result stands). */
  warn?: (message: string, detail: Record<string, unknown>) => void;
}

/** Who acts on an exam. */
export interface ExamActor {
  guildId: string;
  userId: string;
}

/** What the member sees: a question, the submit confirmation, or the result. */
export type ExamView =
  | { kind: 'question'; session: ExamSession; index: number; question: Question | null; remainingMs: number }
  | { kind: 'confirm'; session: ExamSession; remainingMs: number; progress: ReturnType<typeof progressOf> }
  | { kind: 'result'; session: ExamSession; result: ExamResult };

export interface StartRequest extends ExamActor {
  id: string;
  seed: number;
  profile?: string | null;
  questions?: number | null;
  minutes?: number | null;
}

/**
 * Starts a timed exam: one open exam per member per server (an open one whose time ran out is
 * submitted first). Minutes default to the profile's, scaled to a shorter exam.
 */
export async function startExam(deps: ExamDeps, request: StartRequest): Promise<ExamView> {
  const profile = findProfile(deps.profiles(), request.profile);
  if (!profile) throw new UserError(noProfileMessage(deps.profiles(), request.profile));
  const count = request.questions ?? profile.questions;
  if (!Number.isInteger(count) || count < MIN_EXAM_QUESTIONS || count > MAX_EXAM_QUESTIONS) {
    throw new UserError(`Ask for ${MIN_EXAM_QUESTIONS} to ${MAX_EXAM_QUESTIONS} questions.`);
  }
  const minutes = request.minutes ?? Math.max(1, Math.round((profile.minutes * count) / profile.questions));
  if (!(minutes >= 1 && minutes <= 24 * 60)) throw new UserError('Ask for 1 to 1,440 minutes.');
  return deps.queue.run(laneOf(request), async () => {
    const openId = await deps.exams.openExamOf(request.guildId, request.userId);
    if (openId) {
      const open = await deps.exams.get(request.guildId, openId);
      if (open?.status === 'open') {
        if (!isOverdue(open, deps.clock.now().getTime())) {
          throw new UserError('You already have an exam running — `/exam resume` reopens it.');
        }
        await submitLocked(deps, open, 'deadline');
      }
    }
    const bank = deps.bankOf(request.guildId);
    const isMuted = mutedPredicate(deps.muted ? await deps.muted(request.guildId) : undefined);
    const drawn = drawExam({ pool: bank, profile, count, seed: request.seed, isMuted });
    if (!drawn.ok) throw new UserError(drawn.message);
    const session = createExam({
      id: request.id,
      guildId: request.guildId,
      userId: request.userId,
      profile,
      questions: drawn.planned,
      startedAt: deps.clock.now().getTime(),
      minutes,
    });
    await deps.exams.put(session);
    deps.onDeadline?.({ session });
    return questionView(bank, session, 0, deps.clock.now().getTime());
  });
}

/** Applies a member's action (answer, go to, mark); past the deadline the exam is submitted instead. */
export async function actOnExam(
  deps: ExamDeps,
  actor: ExamActor,
  examId: string,
  action: ExamAction,
): Promise<ExamView> {
  return deps.queue.run(laneOf(actor), async () => {
    const session = await loadOwn(deps, actor, examId);
    const now = deps.clock.now().getTime();
    const outcome = applyAction(session, action, now);
    switch (outcome.kind) {
      case 'closed':
        return resultView(session);
      case 'overdue':
        return resultView(await submitLocked(deps, session, 'deadline'));
      case 'invalid':
        throw new UserError(`That is ${outcome.reason}.`);
      case 'updated':
        await deps.exams.put(outcome.session);
        return questionView(deps.bankOf(actor.guildId), outcome.session, outcome.session.current, now);
    }
  });
}

/** The exam as the member should see it now: its current question, or its result. */
export async function viewExam(deps: ExamDeps, actor: ExamActor, examId: string): Promise<ExamView> {
  return deps.queue.run(laneOf(actor), async () => {
    const session = await loadOwn(deps, actor, examId);
    const now = deps.clock.now().getTime();
    if (session.status !== 'open') return resultView(session);
    if (isOverdue(session, now)) return resultView(await submitLocked(deps, session, 'deadline'));
    return questionView(deps.bankOf(actor.guildId), session, session.current, now);
  });
}

/** "Submit?" with what is still unanswered or marked; nothing changes. */
export async function confirmSubmit(deps: ExamDeps, actor: ExamActor, examId: string): Promise<ExamView> {
  const view = await viewExam(deps, actor, examId);
  if (view.kind !== 'question') return view;
  return {
    kind: 'confirm',
    session: view.session,
    remainingMs: view.remainingMs,
    progress: progressOf(view.session),
  };
}

/** Submits the member's exam now (idempotent: a submitted exam shows its result). */
export async function submitExam(deps: ExamDeps, actor: ExamActor, examId: string): Promise<ExamView> {
  return deps.queue.run(laneOf(actor), async () => {
    const session = await loadOwn(deps, actor, examId);
    if (session.status !== 'open') return resultView(session);
    const by = isOverdue(session, deps.clock.now().getTime()) ? 'deadline' : 'member';
    return resultView(await submitLocked(deps, session, by));
  });
}

/** The member's open exam, or null when none is open (an overdue one is submitted and shown). */
export async function resumeExam(deps: ExamDeps, actor: ExamActor): Promise<ExamView | null> {
  const openId = await deps.exams.openExamOf(actor.guildId, actor.userId);
  if (!openId) return null;
  const session = await deps.exams.get(actor.guildId, openId);
  if (!session) return null;
  return viewExam(deps, actor, openId);
}

/** Submits an exam whose deadline has passed (the timer's job); false when there was nothing to do. */
export async function submitIfDue(deps: ExamDeps, actor: ExamActor, examId: string): Promise<boolean> {
  return deps.queue.run(laneOf(actor), async () => {
    const session = await deps.exams.get(actor.guildId, examId);
    if (!session || !isOverdue(session, deps.clock.now().getTime())) return false;
    await submitLocked(deps, session, 'deadline');
    return true;
  });
}

/**
 * Grades, stores the result and the history entry, then updates the member's review cards with every
 * answer given (no leaderboard points). Runs in the member's lane.
 */
async function submitLocked(
  deps: ExamDeps,
  session: ExamSession,
  by: ExamResult['submittedBy'],
): Promise<ExamSession> {
  const bank = deps.bankOf(session.guildId);
  const questions = session.questions.map((planned) => buildExamQuestion(bank, planned));
  const at = deps.clock.now().getTime();
  const result = gradeExam(session, questions, at, by);
  const closed = withResult(session, result);
  await deps.exams.put(closed);
  deps.onDeadline?.({ session: closed });
  await deps.exams.addAttempt(session.guildId, session.userId, attemptOf(closed, result));
  const when = new Date(result.submittedAt);
  for (const [index, question] of questions.entries()) {
    const chosen = session.answers[index] ?? null;
    if (!question || !chosen) continue; // unanswered: nothing was recalled or forgotten
    const correct = isRightAnswer(question, chosen);
    try {
      await deps.cards.reviewAnswer(
        session.guildId,
        session.userId,
        question.itemId,
        // An exam does not time each question: rate on correctness alone.
        { correct, verdict: correct ? 'exact' : 'wrong', elapsedMs: DEFAULT_THRESHOLDS.slowMs },
        when,
      );
    } catch (error) {
      deps.warn?.('review card not updated after an exam', { err: error, examId: session.id });
    }
  }
  return closed;
}

function questionView(bank: Bank, session: ExamSession, index: number, now: number): ExamView {
  const planned = session.questions[index];
  return {
    kind: 'question',
    session,
    index,
    question: planned ? buildExamQuestion(bank, planned) : null,
    remainingMs: remainingMs(session, now),
  };
}

function resultView(session: ExamSession): ExamView {
  if (!session.result) throw new UserError(EXPIRED_EXAM);
  return { kind: 'result', session, result: session.result };
}

async function loadOwn(deps: ExamDeps, actor: ExamActor, examId: string): Promise<ExamSession> {
  const session = await deps.exams.get(actor.guildId, examId);
  if (!session) throw new UserError(EXPIRED_EXAM);
  if (session.userId !== actor.userId) throw new UserError(NOT_YOUR_EXAM);
  return session;
}

function noProfileMessage(profiles: readonly ExamProfile[], wanted?: string | null): string {
  if (profiles.length === 0) {
    return 'No exam profile is installed: add one under data/exams/ (see docs/exam.md).';
  }
  const names = profiles.map((p) => `\`${p.id}\``).join(', ');
  return `No exam profile "${(wanted ?? '').slice(0, 40)}". Available: ${names}.`;
}

/** One lane per member: their clicks, their submission and the deadline timer never interleave. */
const laneOf = (actor: ExamActor) => `exam:${actor.guildId}:${actor.userId}`;
