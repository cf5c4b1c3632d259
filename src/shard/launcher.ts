import { resolve } from 'node:path';
import { type Shard, ShardingManager } from 'discord.js';
import type { DestinationStream } from 'pino';
import { type Env, loadConfig } from '../config.ts';
import { createLogger, type Logger } from '../log.ts';
import { ConfigError } from '../main.ts';
import type { BackoffOptions } from './backoff.ts';
import { fetchGatewayInfo } from './gateway-info.ts';
import { parseLaunchPlan } from './launch-plan.ts';
import { ShardSupervisor, type SupervisorTimers } from './supervisor.ts';

/** Discord lets one shard IDENTIFY per 5 s per concurrency bucket; a little margin on top. */
const IDENTIFY_SPACING_MS = 5_500;
const DEFAULT_STOP_GRACE_MS = 10_000;

export interface LaunchOptions {
  /** The launcher's environment (`process.env` plus `.env`); every shard process gets it too. */
  env: Env;
  /** The shard entry; by default main.js beside this compiled launcher, or `src/main.ts` under tsx. */
  file?: string;
  /** Node flags for shard processes; by default none when compiled, tsx's loader when running TypeScript. */
  execArgv?: string[];
  backoff?: Partial<BackoffOptions>;
  timers?: SupervisorTimers;
  /** Wait between spawning two shards; by default 0 when Discord allows them to log in together. */
  spawnIntervalMs?: number;
  logDestination?: DestinationStream;
  fetchImpl?: typeof fetch;
}

/** The running launcher. */
export interface ShardedBot {
  manager: ShardingManager;
  /** The shard ids this launcher runs, and the total over all machines. */
  shardIds: number[];
  totalShards: number;
  supervisor: ShardSupervisor;
  log: Logger;
  /** Resolves once every shard has been ready at least once since the last check. */
  whenReady(timeoutMs?: number): Promise<void>;
  /** Stops restarting shards and shuts each down (SIGTERM, then SIGKILL after `graceMs`). */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Shard processes run the same kind of code as the launcher: compiled (`npm run start:sharded` runs
 * dist/src/cli/sharded.js) spawns dist/src/main.js under plain node, sparing each shard tsx's loader
 * (≈ 0.3–0.7 s and 35–40 MB, BENCHMARKS.md `## startup`); under tsx (tests, `tsx src/cli/sharded.ts`)
 * it spawns src/main.ts with tsx's loader.
 */
function defaultShardEntry(): { file: string; execArgv: string[] } {
  const compiled = !import.meta.url.endsWith('.ts');
  return {
    file: resolve(import.meta.dirname, compiled ? '../main.js' : '../main.ts'),
    execArgv: compiled ? [] : ['--import', import.meta.resolve('tsx')],
  };
}

/**
 * Starts one process per shard with discord.js's ShardingManager and keeps them running. Refuses
 * (ConfigError) an invalid configuration or a store other processes cannot share, before any spawn.
 */
export async function startSharded(options: LaunchOptions): Promise<ShardedBot> {
  const { env } = options;
  const launch = parseLaunchPlan(env);
  // A launcher child's view of the configuration, so the checks are the ones each shard will make.
  const child = loadConfig({ ...env, SHARDING_MANAGER: 'true', SHARDS: '0', SHARD_COUNT: '1' });
  const problems = [...(launch.ok ? [] : launch.problems), ...(child.ok ? [] : child.problems)];
  if (!launch.ok || !child.ok) throw new ConfigError(problems);
  const { config } = child;
  const log = createLogger({
    level: config.logLevel,
    secrets: [config.discordToken],
    ...(options.logDestination ? { destination: options.logDestination } : {}),
  });

  const gateway = await fetchGatewayInfo(config.discordApiUrl, config.discordToken, options.fetchImpl);
  const total = launch.plan.total === 'auto' ? gateway.shards : launch.plan.total;
  const ids = launch.plan.ids === 'all' ? Array.from({ length: total }, (_, i) => i) : launch.plan.ids;
  const spacing = options.spawnIntervalMs ?? (gateway.maxConcurrency >= ids.length ? 0 : IDENTIFY_SPACING_MS);

  const entry = defaultShardEntry();
  const manager = new ShardingManager(options.file ?? entry.file, {
    totalShards: total,
    shardList: ids,
    mode: 'process',
    // The supervisor restarts shards with backoff; discord.js would restart at once, in a loop.
    respawn: false,
    execArgv: options.execArgv ?? entry.execArgv,
    token: config.discordToken,
  });
  const supervisor = new ShardSupervisor({
    log,
    ...(options.backoff ? { backoff: options.backoff } : {}),
    ...(options.timers ? { timers: options.timers } : {}),
  });
  log.info({ shards: ids, totalShards: total, recommended: gateway.shards }, 'starting shards');

  const shards: Shard[] = [];
  for (const [index, id] of ids.entries()) {
    if (index > 0 && spacing > 0) await sleep(spacing);
    const shard = manager.createShard(id);
    // Shard processes get the launcher's environment (not only process.env: tests pass their own).
    shard.env = {
      ...env,
      SHARDING_MANAGER: 'true',
      // discord.js sets this on the launcher's own process.env and relies on it being inherited.
      SHARDING_MANAGER_MODE: 'process',
      SHARDS: String(id),
      SHARD_COUNT: String(total),
      DISCORD_TOKEN: config.discordToken,
    };
    shards.push(shard);
    supervisor.start(shard);
  }

  return {
    manager,
    shardIds: ids,
    totalShards: total,
    supervisor,
    log,
    whenReady: (timeoutMs = 60_000) => waitUntil(() => supervisor.allReady(), shards, timeoutMs),
    stop: async (graceMs = DEFAULT_STOP_GRACE_MS) => {
      supervisor.stop();
      await Promise.all(shards.map((shard) => terminate(shard, graceMs)));
      log.info('all shards stopped');
    },
  };
}

/** Resolves when `done()` holds, checked on every shard ready event; rejects after `timeoutMs`. */
function waitUntil(done: () => boolean, shards: Shard[], timeoutMs: number): Promise<void> {
  return new Promise((resolveReady, reject) => {
    if (done()) return resolveReady();
    const check = () => {
      if (!done()) return;
      cleanup();
      resolveReady();
    };
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`shards were not all ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      for (const shard of shards) shard.off('ready', check);
    };
    for (const shard of shards) shard.on('ready', check);
  });
}

/** SIGTERM lets the shard stop gracefully (drain interactions, close the store); SIGKILL after `graceMs`. */
async function terminate(shard: Shard, graceMs: number): Promise<void> {
  const child = shard.process;
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  shard.kill();
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}
