import { type WatchNotesOptions, watchNotes } from '../bank/watch.ts';
import type { ReadyHook } from '../start-options.ts';

/**
 * A ready hook that watches DATA_DIR and reloads only the changed notes (within about a second of
 * the last change). A note that now has errors keeps its last good version; the error is logged and
 * listed by `/bank stats`. Returns the stopper `startBot` calls on shutdown.
 */
export function liveReloadHook(options: Pick<WatchNotesOptions, 'debounceMs' | 'maxWaitMs'> = {}): ReadyHook {
  return (ctx) => {
    const log = ctx.log.child({ feature: 'live-reload' });
    const watcher = watchNotes(ctx.bank, {
      ...options,
      onReload: (report) => {
        if (report.parsed.length === 0 && report.removed.length === 0) return;
        log.info(
          { parsed: report.parsed, removed: report.removed, items: ctx.bank.current.items.length },
          'notes reloaded',
        );
        for (const path of report.keptLastGood.filter((p) => report.parsed.includes(p))) {
          const errors = ctx.bank.current.diagnostics.filter(
            (d) => d.file === path && d.severity === 'error',
          );
          log.error({ note: path, errors }, 'note has errors; serving its last good version');
        }
      },
      onError: (error) => log.warn({ err: error }, 'watching the notes folder failed'),
    });
    // Notes written after the first load and before this watcher started (while the bot logged in)
    // would otherwise never be seen: one rescan now that the watcher is up closes that window.
    void watcher.rescan();
    return () => watcher.close();
  };
}
