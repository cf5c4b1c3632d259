import type { Context } from '../discord/command.ts';
import { defaultFeatures, type Feature } from '../features.ts';

/** A bot feature in the playground: its `startBot` part, plus work to do right after the clock jumps. */
export interface PlayFeature extends Feature {
  /** Runs after "+1 hour" / "next day", so scheduled work (the daily post) shows at once. */
  afterClockMove?(ctx: Context): unknown;
}

/** The features `npm start` runs (race mode, the daily question), plus a daily tick after each clock jump. */
export function playFeatures(): PlayFeature[] {
  return [...defaultFeatures(), dailyTickFeature()];
}

/**
 * Runs the daily scheduler's tick right after a clock jump. Its minute cron would get there too,
 * up to a minute later: a jump should show its effect at once.
 */
export function dailyTickFeature(): PlayFeature {
  return {
    async afterClockMove(ctx) {
      await ctx.daily?.tick();
      await ctx.seasons?.tick(); // a jump across a season's end shows the podium at once
    },
  };
}
