import type { Client } from 'discord.js';
import type { Context } from '../discord/command.ts';
import type { ReadyHook, StartOptions } from '../start-options.ts';
import { claimBackendFor } from './claims.ts';
import { discordDailyChannel } from './poster.ts';
import { type DailyLimits, DEFAULT_LIMITS } from './posting.ts';
import { DailyService } from './service.ts';
import { DailyStateStore } from './state.ts';
import { pacedChannel } from './view.ts';

declare module '../discord/command.ts' {
  interface Context {
    /** The daily question (added by `dailyFeature`). */
    daily?: DailyService;
  }
}

export interface DailyFeatureOptions {
  /** Run the minute cron (default true; tests drive `ctx.daily.tick()` themselves). */
  cron?: boolean;
  /** How long a keyv claim waits before reading its token back (not used on Redis). Default 1,000 ms. */
  settleMs?: number;
  /** Requests per second for daily posts and edits; Discord allows 50 globally. Default 40. */
  perSecond?: number;
  /** Batching of the live answer count edits. Default 5,000 ms. */
  countEditMs?: number;
  limits?: Partial<DailyLimits>;
}

/**
 * The daily question as `startBot` options: `extendContext` adds `ctx.daily`, the ready hook starts the
 * scheduler (only guilds in this client's cache are posted for) and returns its stopper.
 */
export function dailyFeature(
  options: DailyFeatureOptions = {},
): Required<Pick<StartOptions, 'extendContext' | 'onReady'>> {
  let client: Client | undefined;
  const extendContext = (ctx: Context) => {
    // The store's own connection: a second one would be a second SQLite writer.
    const { keyv } = ctx.store;
    const channel = pacedChannel(
      discordDailyChannel(() => client),
      options.perSecond ?? 40,
    );
    ctx.daily = new DailyService(
      {
        settings: ctx.store.settings,
        scores: ctx.store.scores,
        cards: ctx.store.cards,
        queue: ctx.store.queue,
        state: new DailyStateStore(keyv),
        claims: claimBackendFor(keyv, options.settleMs ?? 1_000),
        bank: ctx.bank,
        banks: ctx.banks,
        clock: ctx.clock,
        log: ctx.log.child({ feature: 'daily' }),
        channel,
        limits: { ...DEFAULT_LIMITS, ...options.limits },
        muted: (guildId) => ctx.store.health.muted(guildId),
        health: ctx.store.health,
      },
      options.countEditMs !== undefined ? { countEditMs: options.countEditMs } : {},
    );
  };
  const startScheduler: ReadyHook = (ctx, readyClient) => {
    client = readyClient;
    const daily = ctx.daily;
    if (!daily) return undefined;
    daily.start(
      {
        isReady: () => readyClient.isReady(),
        // Equivalent to shard ownership: a client caches exactly the guilds of the shards it runs.
        serves: (guildId) => readyClient.guilds.cache.get(guildId)?.available === true,
      },
      { cron: options.cron ?? true },
    );
    return async () => {
      await daily.stop();
      await ctx.store.queue.idle();
    };
  };
  return { extendContext, onReady: [startScheduler] };
}
