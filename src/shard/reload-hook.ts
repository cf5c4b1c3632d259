import type { ReadyHook } from '../start-options.ts';
import { type ReloadSignal, watchReloads } from './reload.ts';

/**
 * A ready hook that reloads this process's bank whenever `broadcastReload` is called from any
 * shard, on any machine. Each shard reads DATA_DIR itself, so every shard needs the same notes.
 */
export function bankReloadWatcher(intervalMs = 5_000): ReadyHook {
  return async (ctx) => {
    const watcher = await watchReloads({
      kv: ctx.store.kv,
      intervalMs,
      onReload: async (signal: ReloadSignal) => {
        const report = await ctx.bank.reload();
        ctx.log.info(
          {
            reason: signal.reason,
            guildId: signal.guildId,
            parsed: report.parsed.length,
            removed: report.removed.length,
          },
          'bank reloaded on a broadcast request',
        );
      },
      onError: (error) => ctx.log.warn({ err: error }, 'bank reload broadcast could not be handled'),
    });
    return watcher.stop;
  };
}
