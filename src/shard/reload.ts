import { randomUUID } from 'node:crypto';
import type { KeyValue } from '../store/keyv.ts';

/**
 * Reload signals shared by every shard through the store (Redis when sharded). `/bank reload` (or
 * `/bank add` after writing a server's note) calls `broadcastReload`; each shard process runs
 * `watchReloads` and reloads its own bank when the signal changes. A key bump rather than
 * `manager.broadcastEval`: it also reaches shards on other machines (SHARD_IDS), and a shard that
 * was down when it was sent still sees the latest signal when it starts watching.
 */

/** The key under the store's app namespace (`v1:app:bank-reload`). */
export const RELOAD_KEY = 'bank-reload';

/** One reload request. */
export interface ReloadSignal {
  /** Unique per request: watchers compare it, so two requests in the same millisecond both count. */
  token: string;
  /** When it was sent (ms since the epoch). */
  at: number;
  /** The server whose own notes changed; absent when the shared notes folder changed. */
  guildId?: string;
  /** Who asked, for the logs (e.g. "bank reload by 1234"). */
  reason?: string;
}

/** Asks every shard to reload; resolves once the signal is stored. */
export async function broadcastReload(
  kv: KeyValue,
  request: { guildId?: string; reason?: string; now?: number } = {},
): Promise<ReloadSignal> {
  const signal: ReloadSignal = { token: randomUUID(), at: request.now ?? Date.now() };
  if (request.guildId !== undefined) signal.guildId = request.guildId;
  if (request.reason !== undefined) signal.reason = request.reason;
  await kv.set(RELOAD_KEY, signal);
  return signal;
}

export interface WatchOptions {
  kv: KeyValue;
  /** Runs once per new signal (never for the one present when watching starts), one at a time. */
  onReload: (signal: ReloadSignal) => Promise<unknown> | unknown;
  /** Called when reading the key or `onReload` fails; watching goes on. */
  onError?: (error: unknown) => void;
  /** How often to read the key (default 5 s: one small GET per shard). */
  intervalMs?: number;
  setInterval?: (run: () => void, ms: number) => unknown;
  clearInterval?: (handle: unknown) => void;
}

/**
 * Polls the reload key and calls `onReload` on each change. Returns `{ check, stop }`: `check()`
 * reads the key now (tests call it instead of waiting for the interval).
 */
export async function watchReloads(
  options: WatchOptions,
): Promise<{ check: () => Promise<void>; stop: () => void }> {
  const { kv, onReload } = options;
  const every = options.setInterval ?? ((run, ms) => setInterval(run, ms).unref());
  const cancel = options.clearInterval ?? ((handle) => clearInterval(handle as NodeJS.Timeout));
  let seen = (await kv.get<ReloadSignal>(RELOAD_KEY).catch(() => undefined))?.token;
  let running: Promise<void> = Promise.resolve();

  const check = () => {
    // Chained, so a slow reload and the next tick never run at the same time.
    running = running.then(async () => {
      try {
        const signal = await kv.get<ReloadSignal>(RELOAD_KEY);
        if (!signal || signal.token === seen) return;
        seen = signal.token;
        await onReload(signal);
      } catch (error) {
        options.onError?.(error);
      }
    });
    return running;
  };
  const handle = every(() => void check(), options.intervalMs ?? 5_000);
  return { check, stop: () => cancel(handle) };
}
