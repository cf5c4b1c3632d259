import { type FSWatcher, readdirSync, watch } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { LiveBank, ReloadReport } from './loader.ts';
import { isBankFile } from './sources.ts';

/** Options of `watchNotes`. */
export interface WatchNotesOptions {
  /** Quiet time after the last change before reloading (editors write a file in several steps). */
  debounceMs?: number;
  /** A reload happens at the latest this long after the first change, even if changes keep coming. */
  maxWaitMs?: number;
  /** Called after each reload with what changed. */
  onReload?: (report: ReloadReport) => void;
  /** Called when watching or reloading fails; watching goes on. */
  onError?: (error: unknown) => void;
  /** Force watching folder by folder instead of `fs.watch(…, {recursive: true})` (tests the fallback). */
  perFolder?: boolean;
}

/** A running notes watcher. */
export interface NotesWatcher {
  /** Reloads what changed so far now instead of after the debounce; resolves when done. */
  flush(): Promise<void>;
  /**
   * Rescans the whole folder now (only notes whose size or mtime changed are read). Called once the
   * watcher is up: notes written between the bank's first load and then were seen by neither.
   */
  rescan(): Promise<void>;
  /** Stops watching; a reload already running finishes. */
  close(): void;
}

/**
 * Watches the LiveBank's folder and reloads only the paths that changed, debounced. Node 20 on Linux
 * supports `fs.watch` with `recursive: true` (new subfolders included); where it does not, each folder
 * is watched on its own and the set of folders is refreshed after a folder event.
 */
export function watchNotes(live: LiveBank, options: WatchNotesOptions = {}): NotesWatcher {
  const debounceMs = options.debounceMs ?? 300;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  const pending = new Set<string>();
  let fullReload = false;
  let timer: NodeJS.Timeout | undefined;
  let firstChangeAt = 0;
  let running: Promise<void> = Promise.resolve();
  let closed = false;

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const paths = [...pending];
    const full = fullReload;
    pending.clear();
    fullReload = false;
    if (paths.length === 0 && !full) return running;
    running = running.then(async () => {
      try {
        const report = await (full ? live.reload() : live.reloadPaths(paths));
        options.onReload?.(report);
      } catch (error) {
        options.onError?.(error);
      }
    });
    return running;
  };

  const changed = (path: string | undefined): void => {
    if (closed) return;
    if (path === undefined) fullReload = true;
    else pending.add(path);
    const now = Date.now();
    if (timer === undefined) firstChangeAt = now;
    clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, firstChangeAt + maxWaitMs - now));
    timer = setTimeout(() => void flush(), wait);
  };

  const watchers = options.perFolder
    ? watchFolderByFolder(live.dir, changed, options.onError)
    : watchRecursively(live.dir, changed, options.onError);

  return {
    flush,
    rescan() {
      fullReload = true;
      return flush();
    },
    close() {
      closed = true;
      clearTimeout(timer);
      watchers.close();
    },
  };
}

type OnChange = (relPath: string | undefined) => void;

function watchRecursively(dir: string, onChange: OnChange, onError?: (error: unknown) => void) {
  try {
    const watcher = watch(dir, { recursive: true }, (_event, name) =>
      onChange(name === null ? undefined : toSlashes(String(name))),
    );
    watcher.on('error', (error) => onError?.(error));
    return { close: () => watcher.close() };
  } catch (error) {
    // ERR_FEATURE_UNAVAILABLE_ON_PLATFORM on platforms without recursive watching.
    if ((error as NodeJS.ErrnoException).code !== 'ERR_FEATURE_UNAVAILABLE_ON_PLATFORM') throw error;
    return watchFolderByFolder(dir, onChange, onError);
  }
}

function watchFolderByFolder(dir: string, onChange: OnChange, onError?: (error: unknown) => void) {
  const watchers = new Map<string, FSWatcher>();
  const refresh = (): void => {
    const folders = new Set(listFolders(dir));
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        const watcher = watch(folder, (_event, name) => {
          const relFolder = toSlashes(relative(dir, folder));
          if (name === null) return onChange(undefined);
          const relPath = relFolder === '' ? String(name) : `${relFolder}/${String(name)}`;
          // The name may be a new or removed subfolder: watch the folders as they are now.
          if (!isBankFile(String(name))) refresh();
          onChange(toSlashes(relPath));
        });
        watcher.on('error', (error) => onError?.(error));
        watchers.set(folder, watcher);
      } catch (error) {
        onError?.(error);
      }
    }
  };
  refresh();
  return {
    close: () => {
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
    },
  };
}

/** The folder and every non-hidden subfolder (the bank skips hidden ones too). */
function listFolders(dir: string): string[] {
  const found = [dir];
  for (const entry of readdirSafe(dir)) {
    if (entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== 'node_modules') {
      found.push(...listFolders(join(dir, entry.name)));
    }
  }
  return found;
}

function readdirSafe(dir: string) {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function toSlashes(path: string): string {
  return path.split(sep).join('/');
}
