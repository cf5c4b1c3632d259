import type { Client } from 'discord.js';
import { claimBackendFor } from '../daily/claims.ts';
import { cardsOf } from '../discord/cards.ts';
import type { Context } from '../discord/command.ts';
import type { Feature } from '../features.ts';
import type { ReadyHook } from '../start-options.ts';
import { discordSeasonGateway } from './discord.ts';
import { SeasonService } from './service.ts';

declare module '../discord/command.ts' {
  interface Context {
    /** Seasons and champions (added by `seasonFeature`). */
    seasons?: SeasonService;
  }
}

export interface SeasonFeatureOptions {
  /** Run the minute cron (default true; tests drive `ctx.seasons.tick()`). */
  cron?: boolean;
  /** How long a keyv claim waits before reading its token back (not used on Redis). Default 1,000 ms. */
  settleMs?: number;
  /** A claim this old and never marked sent is resent once. Default 60 s. */
  staleClaimMs?: number;
}

/**
 * Seasons as `startBot` options: `extendContext` adds `ctx.seasons`, the ready hook starts the end-of-season
 * scheduler (only for guilds this client serves) with a catch-up tick, and returns its stopper.
 */
export function seasonFeature(options: SeasonFeatureOptions = {}): Required<Feature> {
  let client: Client | undefined;
  const extendContext = (ctx: Context) => {
    ctx.seasons = new SeasonService({
      seasons: ctx.store.seasons,
      settings: ctx.store.settings,
      scores: ctx.store.scores,
      // The store's own connection, as for the daily claims: a second one would be a second SQLite writer.
      claims: claimBackendFor(ctx.store.keyv, options.settleMs ?? 1_000),
      discord: discordSeasonGateway(() => client, {
        cards: () => cardsOf(ctx),
        log: ctx.log.child({ feature: 'season' }),
      }),
      clock: ctx.clock,
      log: ctx.log.child({ feature: 'season' }),
      staleClaimMs: options.staleClaimMs ?? 60_000,
    });
  };
  const startScheduler: ReadyHook = (ctx, readyClient) => {
    client = readyClient;
    const seasons = ctx.seasons;
    if (!seasons) return undefined;
    seasons.start(
      {
        isReady: () => readyClient.isReady(),
        serves: (guildId) => readyClient.guilds.cache.get(guildId)?.available === true,
      },
      { cron: options.cron ?? true },
    );
    return () => seasons.stop();
  };
  return { extendContext, onReady: [startScheduler] };
}
