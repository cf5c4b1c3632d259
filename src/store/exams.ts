import type Keyv from 'keyv';
import type { OpenExamRef } from '../exam/deadlines.ts';
import type { AttemptSummary } from '../exam/history.ts';
import { type ExamSession, isExamSession } from '../exam/session.ts';
import { guarded } from './errors.ts';
import { type GuildIndex, guildIndexOf } from './guild-index.ts';
import { assertId } from './keys.ts';
import type { GuildQueue } from './queue.ts';

/** Attempts kept per member; older ones are dropped. */
export const HISTORY_LIMIT = 50;
/** A submitted exam (with its review) is kept this long; the history keeps its figures for good. */
export const RESULT_TTL_MS = 30 * 24 * 3_600_000;

/** Exam keys (docs/storage.md). */
export const examKeys = {
  exam: (guildId: string, examId: string) => `v1:guild:${guildId}:exam:${examId}`,
  /** `{ [userId]: { examId, deadline } }`: the open exams of a guild, at most one per member. */
  open: (guildId: string) => `v1:guild:${guildId}:exams:open`,
  history: (guildId: string, userId: string) => `v1:guild:${guildId}:exams:history:${userId}`,
  guildArray: 'v1:exams:guilds',
  guildSet: 'v1:exams:guild-set',
};

type OpenIndex = Record<string, { examId: string; deadline: number }>;

/** Mock exams and members' attempt history; failures throw `StoreError`. */
export interface ExamStore {
  get(guildId: string, examId: string): Promise<ExamSession | undefined>;
  /** Stores the exam, and keeps the guild's open index in step with its status. */
  put(session: ExamSession): Promise<void>;
  /** The member's open exam id, if any. */
  openExamOf(guildId: string, userId: string): Promise<string | undefined>;
  /** Every open exam of a guild. */
  openExams(guildId: string): Promise<OpenExamRef[]>;
  /** Guilds that ever had an exam (the start-up sweep reads their open index). */
  guilds(): Promise<string[]>;
  /** The member's attempts, newest first. */
  history(guildId: string, userId: string): Promise<AttemptSummary[]>;
  addAttempt(guildId: string, userId: string, attempt: AttemptSummary): Promise<void>;
}

/** The exam store on the bot's keyv; read-modify-writes of a guild's index run in one queue lane. */
export function createExamStore(keyv: Keyv, queue: GuildQueue): ExamStore {
  const index: GuildIndex = guildIndexOf(keyv, queue, {
    array: examKeys.guildArray,
    set: examKeys.guildSet,
    lane: 'exams:guild-index',
  });
  const readOpen = async (guildId: string) =>
    (await guarded(() => keyv.get<OpenIndex>(examKeys.open(guildId)))) ?? {};
  return {
    async get(guildId, examId) {
      assertId('guildId', guildId);
      assertId('examId', examId);
      const value = await guarded(() => keyv.get<unknown>(examKeys.exam(guildId, examId)));
      return isExamSession(value) ? value : undefined;
    },
    async put(session) {
      assertId('guildId', session.guildId);
      assertId('userId', session.userId);
      assertId('examId', session.id);
      const ttl =
        session.status === 'open' ? session.deadline - session.startedAt + RESULT_TTL_MS : RESULT_TTL_MS;
      await guarded(() => keyv.set(examKeys.exam(session.guildId, session.id), session, ttl));
      await queue.run(`exams:open:${session.guildId}`, async () => {
        const open = await readOpen(session.guildId);
        const entry = open[session.userId];
        if (session.status === 'open') {
          if (entry?.examId === session.id && entry.deadline === session.deadline) return;
          open[session.userId] = { examId: session.id, deadline: session.deadline };
        } else {
          if (entry?.examId !== session.id) return;
          delete open[session.userId];
        }
        await guarded(() => keyv.set(examKeys.open(session.guildId), open));
      });
      if (session.status === 'open') await index.add(session.guildId);
    },
    async openExamOf(guildId, userId) {
      assertId('guildId', guildId);
      return (await readOpen(guildId))[userId]?.examId;
    },
    async openExams(guildId) {
      assertId('guildId', guildId);
      return Object.entries(await readOpen(guildId)).map(([userId, entry]) => ({
        guildId,
        userId,
        ...entry,
      }));
    },
    guilds: () => index.list(),
    async history(guildId, userId) {
      assertId('guildId', guildId);
      assertId('userId', userId);
      const list = await guarded(() => keyv.get<unknown>(examKeys.history(guildId, userId)));
      return Array.isArray(list) ? (list as AttemptSummary[]) : [];
    },
    addAttempt(guildId, userId, attempt) {
      assertId('guildId', guildId);
      assertId('userId', userId);
      return queue.run(`exams:history:${guildId}:${userId}`, async () => {
        const list = await guarded(() => keyv.get<unknown>(examKeys.history(guildId, userId)));
        const previous = Array.isArray(list) ? (list as AttemptSummary[]) : [];
        if (previous.some((a) => a.examId === attempt.examId)) return;
        const next = [attempt, ...previous].slice(0, HISTORY_LIMIT);
        await guarded(() => keyv.set(examKeys.history(guildId, userId), next));
      });
    },
  };
}
