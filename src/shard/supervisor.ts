import type { Logger } from '../log.ts';
import { type BackoffOptions, RestartPolicy, type RestartStats } from './backoff.ts';

/** What the supervisor needs of a shard; discord.js `Shard` has this shape. */
export interface SupervisedShard {
  readonly id: number;
  /** Starts the shard's process; `-1`: resolve once spawned, without waiting for ready. */
  spawn(timeout: number): Promise<unknown>;
  on(event: 'spawn' | 'ready' | 'death', listener: () => void): unknown;
}

/** Timers and the time, injected so the supervisor runs on fake time in tests. */
export interface SupervisorTimers {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realTimers: SupervisorTimers = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface SupervisorOptions {
  backoff?: Partial<BackoffOptions>;
  timers?: SupervisorTimers;
  log: Logger;
}

interface Watched {
  shard: SupervisedShard;
  policy: RestartPolicy;
  pending?: unknown;
  ready: boolean;
}

/**
 * Keeps shard processes running: a shard that dies is started again after the delay its
 * `RestartPolicy` gives (exponential backoff, daily login budget), never in a tight loop.
 */
export class ShardSupervisor {
  readonly #watched = new Map<number, Watched>();
  readonly #timers: SupervisorTimers;
  readonly #log: Logger;
  readonly #backoff: Partial<BackoffOptions>;
  #stopped = false;

  constructor(options: SupervisorOptions) {
    this.#timers = options.timers ?? realTimers;
    this.#log = options.log;
    this.#backoff = options.backoff ?? {};
  }

  /** Watches `shard` and starts it now. */
  start(shard: SupervisedShard): void {
    if (this.#watched.has(shard.id)) throw new Error(`shard ${shard.id} is already supervised`);
    const watched: Watched = { shard, policy: new RestartPolicy(this.#backoff), ready: false };
    this.#watched.set(shard.id, watched);
    shard.on('spawn', () => watched.policy.started(this.#timers.now()));
    shard.on('ready', () => {
      watched.ready = true;
      watched.policy.ready(this.#timers.now());
      this.#log.info({ shardId: shard.id }, 'shard ready');
    });
    shard.on('death', () => this.#died(watched));
    this.#spawn(watched);
  }

  /** Whether every supervised shard is ready now. */
  allReady(): boolean {
    return [...this.#watched.values()].every((w) => w.ready);
  }

  /** Restart figures of a shard. */
  stats(shardId: number): RestartStats | undefined {
    return this.#watched.get(shardId)?.policy.stats(this.#timers.now());
  }

  /** Stops restarting shards (before they are shut down on purpose). */
  stop(): void {
    this.#stopped = true;
    for (const watched of this.#watched.values()) {
      if (watched.pending !== undefined) this.#timers.clearTimeout(watched.pending);
      watched.pending = undefined;
    }
  }

  #died(watched: Watched): void {
    watched.ready = false;
    if (this.#stopped) return;
    const now = this.#timers.now();
    const delayMs = watched.policy.exited(now);
    const { crashesInARow, startsToday } = watched.policy.stats(now);
    this.#log.warn(
      { shardId: watched.shard.id, delayMs, crashesInARow, startsToday },
      'shard process exited; restarting after a delay',
    );
    watched.pending = this.#timers.setTimeout(() => {
      watched.pending = undefined;
      if (!this.#stopped) this.#spawn(watched);
    }, delayMs);
  }

  #spawn(watched: Watched): void {
    // Readiness and death arrive as events; a failed fork (no such file) is logged, and its
    // exit event schedules the next try.
    watched.shard.spawn(-1).catch((error: unknown) => {
      this.#log.error({ err: error, shardId: watched.shard.id }, 'shard could not be started');
    });
  }
}
