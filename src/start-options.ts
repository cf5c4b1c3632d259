import type { Client } from 'discord.js';
import type { KeyvStoreAdapter } from 'keyv';
import type { DestinationStream } from 'pino';
import type { Env } from './config.ts';
import type { Clock } from './core/clock.ts';
import type { Command, Context } from './discord/command.ts';

// The start-up contract on its own, below both src/main.ts and the features it starts: features import
// these types from here, so no import ever points back up at main.ts.

/** Work a feature starts once the bot is ready; may return (or resolve to) a function that stops it. */
export type ReadyHook = (ctx: Context, client: Client) => unknown;

export interface StartOptions {
  /** The environment to configure from (`process.env` plus `.env` in production). */
  env: Env;
  clock?: Clock;
  /** Folder of command files; `commands/` at the project root by default. */
  commandsDir?: string;
  /** Commands added after the files (tests inject failing handlers this way). */
  extraCommands?: Command[];
  /** Adds feature services (daily, race…) to the context before anything is handled. */
  extendContext?: (ctx: Context) => void | Promise<void>;
  /** Started after registration, in order (the daily scheduler hooks in here). */
  onReady?: ReadyHook[];
  /** Register commands even when their hash has not changed. */
  forceRegistration?: boolean;
  /** Log lines go here instead of stdout (tests capture them). */
  logDestination?: DestinationStream;
  /** How long to wait for the gateway's READY and every guild (default 30 s). */
  readyTimeoutMs?: number;
  /** Wraps the store's adapter under its deadlines (tests stall or break the store this way). */
  wrapStoreAdapter?: (adapter: KeyvStoreAdapter) => KeyvStoreAdapter;
  /** How long shutdown waits for in-flight interactions (default 5 s). */
  shutdownGraceMs?: number;
}
