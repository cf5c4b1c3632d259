import type { Context } from '../discord/command.ts';
import type { ReadyHook } from '../main.ts';
import { raceFeature } from '../race/index.ts';

/** Something the playground's bot runs with: `startBot` hooks, plus work to do right after the clock jumps. */
export interface PlayFeature {
  extendContext?(ctx: Context): void | Promise<void>;
  onReady?: ReadyHook;
  /** Runs after "+1 hour" / "next day", so scheduled work (the daily post) shows at once. */
  afterClockMove?(ctx: Context): unknown;
}

/** The bot's features in the playground: race mode, and the daily scheduler's tick when the bot has one. */
export function playFeatures(): PlayFeature[] {
  return [raceFeature(), dailyTickFeature()];
}

/** A daily scheduler exposes a directly callable `tick()` on `ctx.daily` (see src/daily). */
interface TickingService {
  tick(): unknown;
}

function hasTick(value: unknown): value is TickingService {
  return typeof value === 'object' && value !== null && typeof (value as TickingService).tick === 'function';
}

/** Calls `ctx.daily.tick()` after a clock jump when the daily feature is installed; nothing otherwise. */
export function dailyTickFeature(): PlayFeature {
  return {
    async afterClockMove(ctx) {
      const daily: unknown = (ctx as Context & { daily?: unknown }).daily;
      if (hasTick(daily)) await daily.tick();
    },
  };
}
