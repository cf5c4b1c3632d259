import { dailyFeature } from './daily/feature.ts';
import type { Context } from './discord/command.ts';
import type { ReadyHook } from './main.ts';
import { liveReloadHook } from './notes/live-reload.ts';
import { raceFeature } from './race/index.ts';

/** A feature's part in start-up: services added to the context, work started once the client is ready. */
export interface Feature {
  extendContext?: (ctx: Context) => void | Promise<void>;
  onReady?: ReadyHook | ReadyHook[];
}

/** The features `npm start` runs: race mode, the daily question, and live reload of DATA_DIR. */
export function defaultFeatures(): Feature[] {
  return [raceFeature(), dailyFeature(), { onReady: liveReloadHook() }];
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
