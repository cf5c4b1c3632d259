import type { ScoreStore } from './scores.ts';

/** How many guilds load at once by default: enough to overlap store round trips, few enough to leave the event loop to interactions. */
export const WARMUP_CONCURRENCY = 4;

export interface WarmupOptions {
  /** Guilds loading at the same time (default `WARMUP_CONCURRENCY`). */
  concurrency?: number;
  /** Called for a guild whose load failed; the others go on (it is loaded again on first use). */
  onError?: (guildId: string, error: unknown) => void;
}

/** What a warm-up did. */
export interface WarmupReport {
  loaded: number;
  failed: number;
  /** Guilds left out because the warm-up was stopped (or already loaded ones, skipped). */
  skipped: number;
}

/** A warm-up running in the background. */
export interface Warmup {
  /** Adds guilds to load (a guild that joins later); already loaded or queued ones are skipped. */
  add(guildIds: Iterable<string>): void;
  /** Resolves when every guild added so far is loaded, failed or skipped. Never rejects. */
  idle(): Promise<WarmupReport>;
  /** Starts no further loads; resolves once the ones running have finished. */
  stop(): Promise<WarmupReport>;
}

/**
 * Loads the rankings of `guildIds` in the background, `concurrency` at a time, so the first
 * `/leaderboard` or answer after a restart does not rebuild a large guild inside Discord's 3 s window
 * (DESIGN §5: rankings are rebuilt from the store on start). The first loads start synchronously.
 */
export function warmUpGuilds(
  scores: Pick<ScoreStore, 'loadGuild' | 'isLoaded'>,
  guildIds: Iterable<string>,
  options: WarmupOptions = {},
): Warmup {
  const concurrency = options.concurrency ?? WARMUP_CONCURRENCY;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new RangeError(`concurrency must be a positive integer; got ${String(concurrency)}`);
  }
  const waiting: string[] = [];
  const seen = new Set<string>();
  const report: WarmupReport = { loaded: 0, failed: 0, skipped: 0 };
  let running = 0;
  let stopped = false;
  let wakeIdle: (() => void)[] = [];

  const settleIfIdle = (): void => {
    if (running > 0 || (waiting.length > 0 && !stopped)) return;
    report.skipped += waiting.splice(0).length;
    for (const wake of wakeIdle.splice(0)) wake();
  };
  const loadOne = async (guildId: string): Promise<void> => {
    try {
      await scores.loadGuild(guildId);
      report.loaded += 1;
    } catch (error) {
      report.failed += 1;
      options.onError?.(guildId, error);
    }
  };
  const pump = (): void => {
    while (!stopped && running < concurrency && waiting.length > 0) {
      const guildId = waiting.shift() as string;
      if (scores.isLoaded(guildId)) {
        report.skipped += 1;
        continue;
      }
      running += 1;
      void loadOne(guildId).finally(() => {
        running -= 1;
        pump();
      });
    }
    settleIfIdle();
  };
  const idle = (): Promise<WarmupReport> =>
    new Promise((done) => {
      wakeIdle = [...wakeIdle, () => done({ ...report })];
      settleIfIdle();
    });

  const warmup: Warmup = {
    add(more) {
      for (const guildId of more) {
        if (seen.has(guildId)) continue;
        seen.add(guildId);
        waiting.push(guildId);
      }
      pump();
    },
    idle,
    stop() {
      stopped = true;
      return idle();
    },
  };
  warmup.add(guildIds);
  return warmup;
}
