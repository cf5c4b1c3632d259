import { mkdirSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { join } from 'node:path';
import type { DestinationStream } from 'pino';
import { FakeDiscord } from '../../test/fake-discord/index.ts';
import { combineFeatures } from '../features.ts';
import { type RunningBot, startBot } from '../main.ts';
import { PACKAGE_ROOT } from '../package-root.ts';
import { PlayActions } from './actions.ts';
import { PlayClock } from './clock.ts';
import { ChangeFeed } from './events.ts';
import { type PlayFeature, playFeatures } from './features.ts';
import { createPlayServer } from './http.ts';
import { claimPlayground } from './instance.ts';
import { clockView, stateView } from './views.ts';

/**
 * Fixed ids, so a kept store (`--keep`) still matches the server, channels and members of the next run.
 * Members are the fake's defaults: alice (Manage Server), bob and carol.
 */
export const PLAY_GUILD = {
  id: '200000000000000001',
  name: 'Study',
  channels: [
    { id: '200000000000000011', name: 'general' },
    { id: '200000000000000012', name: 'daily' },
  ],
};

export interface PlaygroundOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port?: number;
  /** Where the bot's SQLite store lives (`var/play` for `npm run play`). */
  storeDir: string;
  /** Keep the store of an earlier run instead of starting empty. */
  keepStore?: boolean;
  /** Notes folder; the project's `data/` by default. */
  dataDir?: string;
  /** The bot's features; those of `npm start` and a daily tick after clock jumps by default. */
  features?: PlayFeature[];
  /** Where the bot logs (a file for `npm run play`, nowhere in tests). */
  logDestination?: DestinationStream;
  logLevel?: string;
}

/** A running playground: the fake Discord, the real bot connected to it, and the page's server. */
export interface Playground {
  /** The page's address, e.g. `http://127.0.0.1:8787/`. */
  url: string;
  fake: FakeDiscord;
  bot: RunningBot;
  clock: PlayClock;
  /** Stops the page's server, the bot and the fake. */
  close(): Promise<void>;
}

/** Starts the fake Discord, the bot against it (its own store) and the page's server, all on 127.0.0.1. */
export async function startPlayground(options: PlaygroundOptions): Promise<Playground> {
  mkdirSync(options.storeDir, { recursive: true });
  // Before the store is touched: a second playground must not delete or lock the first one's store.
  const claim = await claimPlayground(options.storeDir);
  const storeFile = join(options.storeDir, 'flashcord.sqlite');
  if (!options.keepStore) rmSync(storeFile, { force: true });

  // A long heartbeat: an idle playground has nothing to prove about heartbeats.
  const fake = await FakeDiscord.start({ guilds: [PLAY_GUILD], heartbeatIntervalMs: 60_000 });
  const clock = new PlayClock();
  const features = options.features ?? playFeatures();
  let bot: RunningBot;
  try {
    bot = await startBot({
      env: {
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DEV_GUILD_ID: PLAY_GUILD.id,
        DATA_DIR: options.dataDir ?? join(PACKAGE_ROOT, 'data'),
        STORE_URL: `sqlite://${storeFile}`,
        BANK_CACHE_DIR: join(options.storeDir, 'cache'),
        LOG_LEVEL: options.logLevel ?? 'info',
      },
      clock,
      // A fresh fake knows no commands, whatever hash an earlier run stored.
      forceRegistration: true,
      ...combineFeatures(features),
      logDestination: options.logDestination ?? { write: () => true },
    });
  } catch (error) {
    await fake.close();
    await claim.release();
    throw error;
  }

  const feed = new ChangeFeed(fake);
  const moveClock = async (ms: number) => {
    clock.advance(ms);
    for (const feature of features) {
      try {
        await feature.afterClockMove?.(bot.ctx);
      } catch (error) {
        bot.ctx.log.error({ err: error }, 'playground: work after the clock moved failed');
      }
    }
    feed.notify();
    return clockView(clock);
  };
  const server = createPlayServer({
    actions: new PlayActions(fake, PLAY_GUILD.id),
    feed,
    state: () => stateView(fake, PLAY_GUILD.id, clock),
    moveClock,
    attachment: (id) => fake.attachmentFile(id),
  });
  let port: number;
  try {
    port = await listen(server, options.port ?? 0);
  } catch (error) {
    feed.close();
    await bot.stop();
    await fake.close();
    await claim.release();
    throw error;
  }
  const url = `http://127.0.0.1:${port}/`;
  await claim.announce(url);

  return {
    url,
    fake,
    bot,
    clock,
    async close() {
      feed.close();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await bot.stop();
      await fake.close();
      await claim.release();
    },
  };
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((done, fail) => {
    server.once('error', fail);
    // 127.0.0.1 only: the playground acts as any member, admin included; nothing outside may reach it.
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      done(address && typeof address === 'object' ? address.port : port);
    });
  });
}
