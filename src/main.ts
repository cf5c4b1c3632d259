import { realpathSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Client, Events } from 'discord.js';
import type { LiveBank } from './bank/index.ts';
import { openBankInParallel, PARALLEL_LOAD_MIN_NOTES } from './bank/parse-pool.ts';
import { CardRenderer } from './cards/index.ts';
import { type Config, envWithDotenv, loadConfig } from './config.ts';
import { systemClock } from './core/clock.ts';
import { createClient } from './discord/client.ts';
import type { Context } from './discord/command.ts';
import { type CommandSource, loadCommands } from './discord/loader.ts';
import { type RegisterResult, registerCommands, registrationTarget } from './discord/register.ts';
import { createRouter, type Router } from './discord/router.ts';
import { combineFeatures, defaultFeatures } from './features.ts';
import { createLogger, type Logger, secretScrubber } from './log.ts';
import { GuildBanks } from './notes/guild-banks.ts';
import { GuildNotes } from './notes/service.ts';
import { NotesStore } from './notes/store.ts';
import { type ItemPool, prepareIndex, type YieldNow } from './quiz/pool.ts';
import { startupFailureText } from './runtime/failure.ts';
import { logInvite } from './runtime/first-run.ts';
import { bankReloadWatcher } from './shard/reload-hook.ts';
import type { StartOptions } from './start-options.ts';
import { openStore } from './store/index.ts';
import { warmUpGuilds } from './store/warmup.ts';

/** A configuration that cannot be used; `problems` has one line per problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `- ${p}`).join('\n')}`);
  }
}

export type { ReadyHook, StartOptions } from './start-options.ts';

/** A running bot. */
export interface RunningBot {
  client: Client;
  ctx: Context;
  router: Router;
  registration: RegisterResult;
  /** Stops accepting interactions, waits for in-flight ones, stops hooks, closes store and client. */
  stop(): Promise<void>;
}

const PROJECT_ROOT = resolve(import.meta.dirname, '..');

/**
 * Starts the bot: config → commands → store → bank → client → registration → ready hooks.
 * Throws `ConfigError` before any file or network access when the configuration is invalid.
 */
export async function startBot(options: StartOptions): Promise<RunningBot> {
  const result = loadConfig(options.env);
  if (!result.ok) throw new ConfigError(result.problems);
  const { config } = result;
  const clock = options.clock ?? systemClock;
  const log = createLogger({
    level: config.logLevel,
    format: config.logFormat,
    secrets: [config.discordToken],
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });

  const extra: CommandSource[] = (options.extraCommands ?? []).map((command) => ({
    origin: 'extra',
    command,
  }));
  const commands = await loadCommands(options.commandsDir ?? resolve(PROJECT_ROOT, 'commands'), extra);
  const store = await openStore(config.storeUrl, {
    clock,
    timeoutMs: config.storeTimeoutMs,
    ...(options.wrapStoreAdapter ? { wrapAdapter: options.wrapStoreAdapter } : {}),
    onError: (error) => log.error({ err: error }, 'store error'),
  });
  const cleanup: (() => unknown)[] = [() => store.close()];
  // Stop functions of ready hooks, newest last; a start that fails half-way stops those already running.
  const stoppers: (() => unknown)[] = [];
  let client: Client | undefined;
  try {
    const bank = await openBank(config, log);
    // A write of the parse cache still running at shutdown finishes instead of leaving a .tmp behind.
    cleanup.push(() => bank.flushCache());
    logBank(log, config, bank);
    const banks = new GuildBanks(bank);
    const notes = new GuildNotes({ store: new NotesStore(store), banks, clock });
    log.info(await notes.loadAll(), 'own notes of servers loaded');
    const ctx: Context = { bank, banks, notes, store, config, clock, log, cards: new CardRenderer() };
    await options.extendContext?.(ctx);

    client = createClient(config);
    const discord = client;
    cleanup.unshift(() => discord.destroy());
    const router = createRouter(commands, ctx);
    watchClient(discord, log);
    // Listening before login: interactions replayed on a RESUME must not be lost.
    discord.on(Events.InteractionCreate, (interaction) => void router.handle(interaction));
    const ready = waitForReady(discord, options.readyTimeoutMs ?? 30_000);
    try {
      await discord.login(config.discordToken);
      await ready.ready;
    } finally {
      ready.cancel(); // a failed login must leave no timer behind to reject later, unhandled
    }
    log.info({ user: discord.user?.tag, guilds: discord.guilds.cache.size }, 'connected to Discord');
    logInvite(log, discord);
    stoppers.push(warmUpLeaderboards(ctx, discord));

    // With several shard processes, only the one running shard 0 registers (one PUT, not one each).
    const registers = !config.shards || config.shards.ids.includes(0);
    const registration: RegisterResult = registers
      ? await registerCommands({
          rest: discord.rest,
          applicationId: discord.application?.id ?? '',
          bodies: commands.bodies,
          target: registrationTarget(config.devGuildId),
          kv: store.kv,
          log,
          force: options.forceRegistration ?? false,
        })
      : { registered: false, hash: '', count: commands.bodies.length };

    for (const hook of options.onReady ?? []) {
      const stopper = await hook(ctx, discord);
      if (typeof stopper === 'function') stoppers.push(stopper as () => unknown);
    }
    const stop = once(async () => {
      router.stopAccepting();
      const drained = await router.drain(options.shutdownGraceMs ?? 5_000);
      if (!drained)
        log.warn({ inFlight: router.inFlight() }, 'shutting down with interactions still running');
      await stopAll(log, stoppers, cleanup);
      log.info('stopped');
    });
    return { client: discord, ctx, router, registration, stop };
  } catch (error) {
    await stopAll(log, stoppers, cleanup);
    throw error;
  }
}

/**
 * Builds the question pool's index (wrong options by note, folder, column, class) of each bank before it
 * is served, in slices: built on the first question instead, it held the event loop ≈ 1 s at 2,000
 * notes, at start and after every reload.
 */
function questionPoolPreparer(log: Logger): (pool: ItemPool, yieldNow: YieldNow) => Promise<void> {
  return async (pool, yieldNow) => {
    const startedAt = performance.now();
    await prepareIndex(pool, yieldNow);
    log.debug(
      { items: pool.items.length, ms: Math.round(performance.now() - startedAt) },
      'question pool ready',
    );
  };
}

/**
 * Rebuilds the rankings of every guild this client serves, a few at a time in the background, and of
 * guilds joining later (DESIGN §5); returns the stopper. Until a guild is loaded, /leaderboard defers.
 */
function warmUpLeaderboards(ctx: Context, client: Client): () => Promise<unknown> {
  const warmup = warmUpGuilds(ctx.store.scores, [...client.guilds.cache.keys()], {
    onError: (guildId, error) =>
      ctx.log.warn({ err: error, guildId }, 'leaderboard warm-up failed; it loads on first use'),
  });
  const joined = (guild: { id: string }) => warmup.add([guild.id]);
  client.on(Events.GuildCreate, joined);
  void warmup.idle().then((report) => ctx.log.info(report, 'leaderboards loaded'));
  return () => {
    client.off(Events.GuildCreate, joined);
    return warmup.stop();
  };
}

/** Stops the started hooks, newest first, then runs the cleanup steps; a failing step never stops the rest. */
async function stopAll(log: Logger, stoppers: (() => unknown)[], cleanup: (() => unknown)[]): Promise<void> {
  for (const stopper of stoppers.splice(0).reverse()) await safely(log, stopper);
  for (const step of cleanup.splice(0)) await safely(log, step);
}

/** What `waitForReady` gives: the wait, and a way to drop its timer and listener. */
export interface ReadyWait {
  /** Resolves on the client's first `clientReady`; rejects after the timeout. */
  ready: Promise<void>;
  /** Clears the timer and the listener; `ready` then never settles. Safe to call more than once. */
  cancel(): void;
}

/** Waits for the client's `clientReady`, at most `timeoutMs`. Attach before `login()`: it can fire first. */
export function waitForReady(client: Pick<Client, 'once' | 'off'>, timeoutMs: number): ReadyWait {
  let timer: NodeJS.Timeout | undefined;
  let onReady: (() => void) | undefined;
  const ready = new Promise<void>((done, fail) => {
    timer = setTimeout(
      () => fail(new Error(`Discord did not become ready within ${timeoutMs} ms`)),
      timeoutMs,
    );
    onReady = () => {
      clearTimeout(timer);
      done();
    };
    client.once(Events.ClientReady, onReady);
  });
  // A timeout while login() is still running is reported when `ready` is awaited, not as unhandled.
  ready.catch(() => undefined);
  return {
    ready,
    cancel: () => {
      clearTimeout(timer);
      if (onReady) client.off(Events.ClientReady, onReady);
    },
  };
}

/** Logs the gateway's life: disconnections and resumes are normal, errors must not crash. */
function watchClient(client: Client, log: Logger): void {
  client.on(Events.Error, (error) => log.error({ err: error }, 'client error'));
  client.on(Events.Warn, (message) => log.warn(message));
  client.on(Events.ShardDisconnect, (event, shardId) =>
    log.warn({ shardId, code: event.code }, 'gateway closed'),
  );
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'gateway resumed'));
  client.rest.on('rateLimited', (info) =>
    log.warn({ route: info.route, retryAfterMs: info.retryAfter, global: info.global }, 'rate limited'),
  );
}

/**
 * Opens DATA_DIR: notes unchanged since the last start come from the parse cache (when one is set), and
 * a large cold load is parsed on 2 worker threads when the machine has cores to spare.
 */
function openBank(config: Config, log: Logger): Promise<LiveBank> {
  // Shard children of the launcher start together on one machine: their cores are taken already.
  const workers = availableParallelism() > 1 && !config.shards?.managed ? 2 : 0;
  const parallel = {
    workers,
    minNotes: PARALLEL_LOAD_MIN_NOTES,
    prepare: questionPoolPreparer(log),
    // The bank is served anyway: its pool index is then built on the first question.
    onPrepareError: (error: unknown) => log.warn({ err: error }, 'question pool not prepared'),
  };
  if (!config.bankCacheDir) return openBankInParallel(config.dataDir, parallel);
  return openBankInParallel(config.dataDir, {
    ...parallel,
    cacheFile: join(config.bankCacheDir, 'bank-parse.cache'),
    // Not an error either way: the bank loads by parsing; only the next start is slower.
    onCacheProblem: (problem, during) =>
      during === 'read'
        ? log.info({ problem }, 'bank parse cache not used; parsing every note')
        : log.warn({ problem, bankCacheDir: config.bankCacheDir }, 'bank parse cache could not be written'),
  });
}

function logBank(log: Logger, config: Config, live: LiveBank): void {
  const bank = live.current;
  const errors = bank.diagnostics.filter((d) => d.severity === 'error').length;
  const { parsed, fromCache } = live.opened;
  log.info(
    {
      dataDir: config.dataDir,
      notes: bank.notes.length,
      items: bank.items.length,
      errors,
      parsed: parsed.length,
      fromCache: fromCache.length,
    },
    'question bank loaded',
  );
}

async function safely(log: Logger, step: () => unknown): Promise<void> {
  try {
    await step();
  } catch (error) {
    log.warn({ err: error }, 'shutdown step failed');
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}

/** The `npm start` entry: prints configuration problems and exits 1, or runs until a signal. */
export async function main(): Promise<void> {
  const env = envWithDotenv(process.env);
  const scrub = secretScrubber(env.DISCORD_TOKEN ? [env.DISCORD_TOKEN] : []);
  const features = combineFeatures(defaultFeatures());
  // Caught from the very start: a SIGTERM while the bot is still starting (the sharded launcher stops
  // shards that are connected but still running their ready hooks) would otherwise kill the process
  // at once, without draining or closing the store. A request during startup is honoured once started.
  const stopRequested = new Promise<string>((request) => {
    process.once('SIGINT', () => request('SIGINT'));
    process.once('SIGTERM', () => request('SIGTERM'));
    // A shard process of `npm run start:sharded`: stop when the launcher is gone, never run orphaned.
    if (process.send) process.once('disconnect', () => request('launcher disconnected'));
  });
  let bot: RunningBot;
  try {
    bot = await startBot({
      env,
      forceRegistration: process.argv.includes('--register'),
      extendContext: features.extendContext,
      onReady: [bankReloadWatcher(), ...features.onReady],
    });
  } catch (error) {
    process.stderr.write(scrub(startupFailureText(error, env)));
    process.exit(1);
  }
  const { log } = bot.ctx;
  process.on('unhandledRejection', (reason) => log.error({ err: reason }, 'unhandled rejection'));
  // Not awaited: main() resolves once started; a pending signal wait must not hold the module's evaluation.
  void stopRequested.then((signal) => {
    log.info({ signal }, 'shutting down');
    return bot.stop().finally(() => process.exit(0));
  });
}

/**
 * Whether this module is the process entry: `node dist/src/main.js`, `tsx src/main.ts`, or a shard process.
 * Node runs the entry by its real path, so a symlinked path in argv (a deploy's `current/`) is resolved too.
 */
function isEntryPoint(argv1: string | undefined): boolean {
  if (!argv1) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(argv1)).href;
  } catch {
    return false;
  }
}

if (isEntryPoint(process.argv[1])) await main();
