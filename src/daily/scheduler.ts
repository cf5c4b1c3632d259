import { randomUUID } from 'node:crypto';
import { schedule } from 'node-cron';
import { dueServers, type PlannedServer } from './planner.ts';
import { type DailyDeps, dailySettingsOf, type PostResult, postDaily } from './posting.ts';

/** What the scheduler needs to know about the Discord connection. */
export interface SchedulerHost {
  /** False while the client is not connected and ready: ticks then do nothing. */
  isReady(): boolean;
  /** Whether this process serves the guild (it is in the client's cache, i.e. on one of our shards). */
  serves(guildId: string): boolean;
}

/** What one tick did. */
export interface TickReport {
  at: Date;
  skipped?: 'not ready';
  /** Guilds with daily settings that this process serves. */
  planned: number;
  results: { guildId: string; localDate: string; result: PostResult }[];
}

/** How many guilds' records are read, and posts prepared, at the same time. */
const CONCURRENCY = 64;

/**
 * One scheduler pass at `deps.clock.now()`: read the served guilds' settings and state, ask the pure
 * planner which posts are due, post them. Safe to run at any time and as often as wanted: the claims make
 * every post happen once. Tests call it directly with a ManualClock.
 */
export async function runTick(deps: DailyDeps, host: SchedulerHost): Promise<TickReport> {
  const at = deps.clock.now();
  if (!host.isReady()) return { at, skipped: 'not ready', planned: 0, results: [] };
  const guildIds = (await deps.settings.listGuildIds()).filter((id) => host.serves(id));
  const servers = await mapLimit(guildIds, CONCURRENCY, async (guildId): Promise<PlannedServer | null> => {
    const settings = dailySettingsOf((await deps.settings.get(guildId)).daily);
    if (!settings?.enabled || settings.paused) return null;
    const { lastPostedLocalDate } = await deps.state.getState(guildId);
    return { guildId, settings, ...(lastPostedLocalDate ? { lastPostedLocalDate } : {}) };
  });
  const planned = servers.filter((s): s is PlannedServer => s !== null);
  const due = dueServers(planned, at, (guildId, error) =>
    deps.log.warn({ guildId, err: error }, 'daily settings cannot be planned'),
  );
  const results = await mapLimit(due, CONCURRENCY, async ({ guildId, localDate }) => {
    let result: PostResult;
    try {
      result = await postDaily(deps, guildId, localDate);
    } catch (error) {
      // A store failure or timeout: the claim (if taken) is resent once it is stale; other guilds go on.
      deps.log.error({ err: error, guildId, localDate }, 'daily post failed');
      result = { kind: 'failed', reason: (error as Error).message, paused: false };
    }
    return { guildId, localDate, result };
  });
  return { at, planned: planned.length, results };
}

/** The running scheduler: `tick()` on demand, every minute by cron, and once on start (catch-up). */
export class DailyScheduler {
  #chain: Promise<unknown> = Promise.resolve();
  #task: { stop(): unknown; destroy(): unknown } | undefined;

  constructor(
    private readonly deps: DailyDeps,
    private readonly host: SchedulerHost,
  ) {}

  /** Runs a tick after any running one (ticks never overlap in a process). */
  tick(): Promise<TickReport> {
    const run = this.#chain.then(() => runTick(this.deps, this.host));
    this.#chain = run.catch(() => undefined);
    return run;
  }

  /**
   * Starts the minute cron (unless `cron` is false, as in tests) and a catch-up tick, whose promise is
   * returned: node-cron never replays minutes missed while the process was down.
   */
  start({ cron = true }: { cron?: boolean } = {}): Promise<TickReport> {
    if (cron && !this.#task) {
      this.#task = schedule('* * * * *', () => this.#logged(), {
        noOverlap: true,
        name: `flashcord-daily-${randomUUID().slice(0, 8)}`,
      });
    }
    return this.#logged();
  }

  /** Stops the cron and waits for a running tick. */
  async stop(): Promise<void> {
    if (this.#task) {
      await this.#task.stop();
      await this.#task.destroy();
      this.#task = undefined;
    }
    await this.#chain;
  }

  async #logged(): Promise<TickReport> {
    try {
      return await this.tick();
    } catch (error) {
      this.deps.log.error({ err: error }, 'daily tick failed');
      return { at: this.deps.clock.now(), planned: 0, results: [] };
    }
  }
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      out[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}
