import type { Cancel, Scheduler } from '../race/scheduler.ts';
import { type OpenExamRef, planDeadlines } from './deadlines.ts';
import type { ExamSession } from './session.ts';

/** What the timer needs: where open exams are listed, how to submit one, and which guilds are ours. */
export interface ExamTimerDeps {
  guilds(): Promise<string[]>;
  openExams(guildId: string): Promise<OpenExamRef[]>;
  /** Submits the exam if its deadline has passed (idempotent). */
  submitIfDue(ref: OpenExamRef): Promise<boolean>;
  scheduler: Scheduler;
  now(): number;
  onError(error: unknown, ref?: OpenExamRef): void;
}

/** How long after a failed automatic submission it is tried again. */
export const RETRY_MS = 60_000;

/**
 * Submits exams at their deadline. `sweep()` on start submits every exam whose time ran out while the
 * bot was down and schedules the others; `follow()` keeps one timer per open exam as exams open and
 * close. State lives in the store, so a restart loses nothing: the next sweep picks it up.
 */
export class ExamTimer {
  readonly #timers = new Map<string, { deadline: number; cancel: Cancel }>();
  #stopped = false;

  constructor(private readonly deps: ExamTimerDeps) {}

  /** Submits overdue exams of the guilds `serves` accepts and schedules the rest; returns how many it submitted. */
  async sweep(serves: (guildId: string) => boolean = () => true): Promise<number> {
    let submitted = 0;
    for (const guildId of await this.deps.guilds()) {
      if (!serves(guildId)) continue;
      const { overdue, upcoming } = planDeadlines(await this.deps.openExams(guildId), this.deps.now());
      for (const ref of overdue) if (await this.#submit(ref)) submitted++;
      for (const ref of upcoming) this.#schedule(ref);
    }
    return submitted;
  }

  /** Starts or cancels the exam's timer as its status says. */
  follow(session: ExamSession): void {
    if (session.status === 'open') {
      this.#schedule({
        guildId: session.guildId,
        userId: session.userId,
        examId: session.id,
        deadline: session.deadline,
      });
    } else this.#cancel(session.id);
  }

  /** Exams with a pending timer. */
  get pending(): number {
    return this.#timers.size;
  }

  /** Cancels every timer (the exams stay open in the store for the next start's sweep). */
  stop(): void {
    this.#stopped = true;
    for (const id of [...this.#timers.keys()]) this.#cancel(id);
  }

  #schedule(ref: OpenExamRef): void {
    if (this.#stopped) return;
    const existing = this.#timers.get(ref.examId);
    if (existing?.deadline === ref.deadline) return;
    existing?.cancel();
    const cancel = this.deps.scheduler.at(ref.deadline, async () => {
      this.#timers.delete(ref.examId);
      try {
        await this.deps.submitIfDue(ref);
      } catch (error) {
        this.deps.onError(error, ref);
        // A store failure at the deadline: try again in a minute rather than leave the exam open.
        this.#schedule({ ...ref, deadline: Math.max(ref.deadline, this.deps.now()) + RETRY_MS });
      }
    });
    this.#timers.set(ref.examId, { deadline: ref.deadline, cancel });
  }

  #cancel(examId: string): void {
    this.#timers.get(examId)?.cancel();
    this.#timers.delete(examId);
  }

  async #submit(ref: OpenExamRef): Promise<boolean> {
    try {
      return await this.deps.submitIfDue(ref);
    } catch (error) {
      this.deps.onError(error, ref);
      return false;
    }
  }
}
