import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Command } from '../../src/discord/command.ts';
import { combineFeatures, coreFeatures, type Feature } from '../../src/features.ts';
import { type RunningBot, type StartOptions, startBot } from '../../src/main.ts';
import { FakeDiscord, type FakeDiscordOptions } from '../fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  /** Environment overrides on top of the harness's (token, API URL, dev guild, temp store, seed data). */
  env?: Record<string, string>;
  /** Test-only commands, injected through `startBot` rather than files in `commands/`. */
  extraCommands?: Command[];
  /**
   * Features installed before `start.extendContext` and `start.onReady`; default `coreFeatures()`, the
   * services built-in commands need (as `npm start` installs them).
   */
  features?: Feature[];
  /** Further `startBot` options (onReady hooks, extendContext…). */
  start?: Partial<Omit<StartOptions, 'env' | 'extraCommands' | 'logDestination'>>;
}

/** The fake Discord, the real bot connected to it, and what the bot logged. */
export interface Harness {
  fake: FakeDiscord;
  bot: RunningBot;
  /** Everything the bot logged so far, across restarts (JSON lines). */
  logs(): string;
  /** Stops the bot and starts it again on the same store and fake (a process restart). */
  restart(): Promise<RunningBot>;
  /** Stops bot and fake and removes the temporary store. */
  close(): Promise<void>;
}

/**
 * Starts the fake Discord and the bot against it, with a fresh SQLite store in a temp folder and
 * commands registered to the fake's guild. Resolves once the bot is ready and registered.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeDiscord.start(options.fake);
  const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-e2e-'));
  const lines: string[] = [];
  const env = {
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DEV_GUILD_ID: fake.guild().id,
    DATA_DIR: join(ROOT, 'data'),
    STORE_URL: `sqlite://${join(storeDir, 'flashcord.sqlite')}`,
    // Not the project's var/cache: tests must never leave files in the checkout.
    BANK_CACHE_DIR: join(storeDir, 'cache'),
    LOG_LEVEL: 'debug',
    ...options.env,
  };
  const features = combineFeatures(options.features ?? coreFeatures());
  const launch = () =>
    startBot({
      ...options.start,
      extendContext: async (ctx) => {
        await features.extendContext(ctx);
        await options.start?.extendContext?.(ctx);
      },
      onReady: [...features.onReady, ...(options.start?.onReady ?? [])],
      env,
      extraCommands: options.extraCommands ?? [],
      logDestination: { write: (line: string) => void lines.push(line) },
    });
  let bot: RunningBot;
  try {
    bot = await launch();
  } catch (error) {
    await fake.close();
    rmSync(storeDir, { recursive: true, force: true });
    throw error;
  }
  const harness: Harness = {
    fake,
    bot,
    logs: () => lines.join(''),
    async restart() {
      await harness.bot.stop();
      harness.bot = await launch();
      return harness.bot;
    },
    async close() {
      await harness.bot.stop();
      await fake.close();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
  return harness;
}
