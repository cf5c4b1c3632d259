import { loadProfiles, type ProfileSet } from '../exam/profile.ts';
import { profilesFor } from '../exam/profiles-dir.ts';
import { type ExamDeps, submitIfDue } from '../exam/service.ts';
import { ExamTimer } from '../exam/timer.ts';
import type { Feature } from '../features.ts';
import { type Scheduler, timerScheduler } from '../race/scheduler.ts';
import { createExamStore, type ExamStore } from '../store/exams.ts';
import type { Context } from './command.ts';

declare module './command.ts' {
  interface Context {
    /** Mock exams (added at start by `examFeature()`): the profiles, the exam store and the deadline timer. */
    exam?: ExamRuntime;
  }
}

/** The exam feature's per-process state. */
export interface ExamRuntime {
  profiles: ProfileSet;
  store: ExamStore;
  timer: ExamTimer;
}

export interface ExamFeatureOptions {
  /** Where deadlines are kept (default: real timers against `ctx.clock`; tests pass a ManualScheduler). */
  scheduler?: Scheduler;
  /** Profiles folder (default `<DATA_DIR>/exams`, else the shipped `data/exams`). */
  profilesDir?: string;
}

/**
 * Adds `ctx.exam` at start (profiles from `<DATA_DIR>/exams` or the shipped ones, problems logged), and once the client is
 * ready sweeps the store: exams whose time ran out while the bot was down are submitted, the others get
 * a timer. Only guilds this process serves are swept.
 */
export function examFeature(options: ExamFeatureOptions = {}): Feature {
  return {
    async extendContext(ctx) {
      const profiles = options.profilesDir
        ? await loadProfiles(options.profilesDir)
        : await profilesFor(ctx.config.dataDir);
      for (const d of profiles.diagnostics) {
        ctx.log.warn({ file: d.file, line: d.line }, `exam profile: ${d.message}`);
      }
      const store = createExamStore(ctx.store.keyv, ctx.store.queue);
      const log = ctx.log.child({ feature: 'exam' });
      const scheduler =
        options.scheduler ??
        timerScheduler(ctx.clock, (error) => log.error({ err: error }, 'exam timer failed'));
      const runtime: ExamRuntime = { profiles, store, timer: undefined as unknown as ExamTimer };
      ctx.exam = runtime;
      runtime.timer = new ExamTimer({
        guilds: () => store.guilds(),
        openExams: (guildId) => store.openExams(guildId),
        submitIfDue: (ref) => submitIfDue(examDepsOf(ctx), ref, ref.examId),
        scheduler,
        now: () => ctx.clock.now().getTime(),
        onError: (error, ref) =>
          log.error({ err: error, examId: ref?.examId }, 'exam not submitted at its deadline'),
      });
    },
    onReady(ctx, client) {
      const runtime = ctx.exam;
      if (!runtime) return undefined;
      const serves = (guildId: string) => client.guilds.cache.get(guildId)?.available === true;
      void runtime.timer.sweep(serves).then(
        (submitted) => {
          if (submitted > 0) ctx.log.info({ submitted }, 'exams past their deadline submitted at start');
        },
        (error: unknown) => ctx.log.error({ err: error }, 'exam sweep failed'),
      );
      return () => runtime.timer.stop();
    },
  };
}

/** What the exam service needs, from the context. Throws when `examFeature()` was not installed. */
export function examDepsOf(ctx: Context): ExamDeps {
  const runtime = ctx.exam;
  if (!runtime) throw new Error('exams need ctx.exam: install examFeature() at start (see coreFeatures())');
  return {
    exams: runtime.store,
    cards: ctx.store.cards,
    queue: ctx.store.queue,
    bankOf: (guildId) => ctx.banks.forGuild(guildId),
    muted: (guildId) => ctx.store.health.muted(guildId),
    profiles: () => runtime.profiles.profiles,
    clock: ctx.clock,
    onDeadline: ({ session }) => runtime.timer.follow(session),
    warn: (message, detail) => ctx.log.warn(detail, message),
  };
}
