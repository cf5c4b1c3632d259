import { dailyFeature } from './daily/feature.ts';
import type { Context } from './discord/command.ts';
import { examFeature } from './discord/exam-deps.ts';
import { quizFeature } from './discord/quiz-deps.ts';
import { liveReloadHook } from './notes/live-reload.ts';
import { raceFeature } from './race/index.ts';
import { seasonFeature } from './season/feature.ts';
import type { ReadyHook } from './start-options.ts';

/** A feature's part in start-up: services added to the context, work started once the client is ready. */
export interface Feature {
  extendContext?: (ctx: Context) => void | Promise<void>;
  onReady?: ReadyHook | ReadyHook[];
}

/** The services the built-in commands cannot work without (the solo quiz's cooldown, exams); every bot installs them. */
export function coreFeatures(): Feature[] {
  return [quizFeature(), examFeature()];
}

/** The features `npm start` runs: the core ones, race mode, the daily question, seasons, and live reload of DATA_DIR. */
export function defaultFeatures(): Feature[] {
  return [...coreFeatures(), raceFeature(), dailyFeature(), seasonFeature(), { onReady: liveReloadHook() }];
}

/** Combines features into the `extendContext` and `onReady` options of `startBot`. */
export function combineFeatures(features: readonly Feature[]): {
  extendContext: (ctx: Context) => Promise<void>;
  onReady: ReadyHook[];
} {
  return {
    extendContext: async (ctx) => {
      for (const feature of features) await feature.extendContext?.(ctx);
    },
    onReady: features.flatMap((f) => (f.onReady === undefined ? [] : [f.onReady].flat())),
  };
}
