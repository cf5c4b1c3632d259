import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { type Bank, rebuildBankInSlices, updateBank, updateBankPrepared, type YieldNow } from './bank.ts';
import { type CachedNote, parserFingerprint, readParseCache, writeParseCache } from './parse-cache.ts';
import type { ParsedNote } from './parse-note.ts';
import { isBankFile, parseSource } from './sources.ts';
import type { Item } from './types.ts';

/** The items of a bank about to be served: what `prepare` readies. */
export interface ItemPool {
  readonly items: readonly Item[];
}

/** Folders never read as notes: Obsidian settings, version control, dependencies. */
const SKIPPED_FOLDERS = new Set(['.obsidian', '.git', '.trash', 'node_modules']);
const READ_CONCURRENCY = 32;
/**
 * Parsing in-process yields to the event loop after this much work, so interactions are handled
 * while many notes are parsed (a note takes a few ms; a reload of thousands would otherwise block
 * for seconds, and Discord drops interactions not answered within 3 s).
 */
const PARSE_SLICE_MS = 8;
/**
 * From this many changed notes, a reload builds the next bank's search index afresh in slices that
 * yield (the served bank keeps its own index meanwhile) instead of updating the shared one at once:
 * in place, 300 changed notes blocked the event loop for seconds.
 */
const SLICED_PUBLISH_MIN_NOTES = 50;
/**
 * After the first load, the parse cache is rewritten at most this often: a rewrite serializes every
 * note (≈60 ms of CPU per 1,000 notes), too much to repeat on each save of an editor.
 */
const CACHE_SAVE_INTERVAL_MS = 30_000;

/** What one reload did. */
export interface ReloadReport {
  /** Notes parsed again because their size, mtime and content changed (or they are new). */
  parsed: string[];
  /** Notes new to this bank taken from the parse cache instead of being parsed (first load only). */
  fromCache: string[];
  /** Notes gone from the folder. */
  removed: string[];
  /** Notes that now have errors and are served from their last good version. */
  keptLastGood: string[];
  /** Notes reused from the cache without reading them. */
  unchanged: number;
}

/** Options for a bank loader. */
export interface BankLoaderOptions {
  /**
   * Parses one note, or resolves to it (on a worker thread, see parse-pool.ts); a parameter so tests
   * can count or fake parsing. Defaults to `parseSource` (notes, and decks by extension).
   */
  parse?: (relPath: string, bytes: Buffer) => ParsedNote | Promise<ParsedNote>;
  /**
   * A parse cache file (see parse-cache.ts): the first load takes unchanged notes from it instead of
   * parsing them, and loads that parsed something rewrite it in the background. Off when absent.
   */
  cacheFile?: string;
  /**
   * Names the parser the cache entries come from; defaults to `parserFingerprint()` (this code and its
   * Markdown packages). A `parse` that differs from `parseNote` needs its own.
   */
  cacheFingerprint?: string;
  /** Told when the cache file was ignored (`read`) or could not be written (`write`); loading goes on. */
  onCacheProblem?: (problem: string, during: 'read' | 'write') => void;
  /**
   * First load only: when at least `minNotes` notes need parsing (after the parse cache), `start()` a
   * bulk parser (worker threads, see parse-pool.ts) for them and close it after the load.
   */
  bulkParse?: { minNotes: number; start: () => BulkParser };
  /**
   * Later reloads: when at least `minNotes` notes changed, `start()` a bulk parser for them (worker
   * threads) and close it after the reload; fewer are parsed in-process, in slices that yield.
   */
  reloadParse?: { minNotes: number; start: () => BulkParser };
  /**
   * Readies what is derived from a new bank's items (the quiz's pool index) before it is swapped in, yielding
   * with `yieldNow` between slices: built on first use instead, it held the event loop for up to a
   * second after a large reload. A failure is reported to `onPrepareError` and the bank is served anyway.
   */
  prepare?: (pool: ItemPool, yieldNow: YieldNow) => Promise<void>;
  /** Told when `prepare` failed; the new bank is still served (its index is then built on first use). */
  onPrepareError?: (error: unknown) => void;
}

/** Parses many notes at once, e.g. on worker threads; a `ParsePool` is one. */
export interface BulkParser {
  parse(relPath: string, bytes: Buffer): Promise<ParsedNote>;
  close(): Promise<void>;
}

/** A note read for a reload whose content is new: it still has to be parsed. */
interface Unparsed {
  path: string;
  bytes: Buffer;
  hash: string;
  info: { mtimeMs: number; size: number };
  cached: CacheEntry | undefined;
}

interface CacheEntry {
  mtimeMs: number;
  size: number;
  hash: string;
  /** The latest parse (its diagnostics are always reported). */
  latest: ParsedNote;
  /** The latest parse without errors, served while the note is broken. */
  lastGood?: ParsedNote;
}

/** Loads every `*.md` under `dir` (recursively) into a bank. Throws only when `dir` is not a folder. */
export async function loadBank(dir: string): Promise<Bank> {
  const live = await LiveBank.open(dir);
  return live.current;
}

/**
 * A bank that can be reloaded from its folder while it keeps serving: `current` is swapped only when
 * the new bank is complete. Only notes whose size or mtime changed are read, and only notes whose
 * content changed are parsed. A note that breaks keeps serving its last good version.
 */
export class LiveBank {
  private bank: Bank | undefined;
  private readonly cache = new Map<string, CacheEntry>();
  private queue: Promise<unknown> = Promise.resolve();
  private readonly parse: (relPath: string, bytes: Buffer) => ParsedNote | Promise<ParsedNote>;
  /** Entries read from the parse cache file, held only during the first load. */
  private stored: Map<string, CachedNote> | undefined;
  /** The first load's bulk parser while it runs, then the one for later reloads. */
  private bulkParse: BankLoaderOptions['bulkParse'];
  private readonly reloadParse: BankLoaderOptions['reloadParse'];
  private readonly prepare: BankLoaderOptions['prepare'];
  private readonly onPrepareError: BankLoaderOptions['onPrepareError'];
  private readonly persist: PersistedCache | undefined = undefined;
  private firstReport: ReloadReport | undefined;

  private constructor(
    readonly dir: string,
    options: BankLoaderOptions,
    fingerprint: string | undefined,
  ) {
    this.parse = options.parse ?? parseSource;
    this.reloadParse = options.reloadParse;
    this.prepare = options.prepare;
    this.onPrepareError = options.onPrepareError;
    if (options.cacheFile && fingerprint) {
      this.persist = new PersistedCache(
        options.cacheFile,
        fingerprint,
        () => this.cacheEntries(),
        options.onCacheProblem,
      );
    }
  }

  /** Loads the folder for the first time. Throws a clear error when `dir` is missing or not a folder. */
  static async open(dir: string, options: BankLoaderOptions = {}): Promise<LiveBank> {
    await assertFolder(dir);
    let fingerprint: string | undefined;
    let stored: Map<string, CachedNote> | undefined;
    if (options.cacheFile) {
      fingerprint = options.cacheFingerprint ?? (await parserFingerprint());
      const read = await readParseCache(options.cacheFile, fingerprint);
      if (read.problem) options.onCacheProblem?.(read.problem, 'read');
      stored = read.entries;
    }
    const live = new LiveBank(dir, options, fingerprint);
    live.stored = stored;
    live.bulkParse = options.bulkParse;
    try {
      live.firstReport = await live.reload();
    } finally {
      live.stored = undefined;
      live.bulkParse = live.reloadParse;
    }
    // Entries of notes gone or changed since the file was written are dropped by rewriting it.
    if ((stored?.size ?? 0) > live.firstReport.fromCache.length) live.persist?.changed(0);
    return live;
  }

  /** What the first load did: which notes it parsed and which it took from the parse cache. */
  get opened(): ReloadReport {
    if (!this.firstReport) throw new Error('LiveBank used before it was opened');
    return this.firstReport;
  }

  /**
   * Writes the parse cache now if it changed since it was last written (instead of at the next
   * scheduled save); resolves when it is on disk or the write failed. No-op without a cache file.
   */
  flushCache(): Promise<void> {
    return this.persist?.flush() ?? Promise.resolve();
  }

  private cacheEntries(): [string, string, ParsedNote][] {
    return [...this.cache].map(([path, entry]) => [path, entry.hash, entry.latest]);
  }

  /** The bank being served. */
  get current(): Bank {
    if (!this.bank) throw new Error('LiveBank used before it was opened');
    return this.bank;
  }

  /** Rebuilds the bank from the folder; concurrent calls run one after another. */
  reload(): Promise<ReloadReport> {
    return this.enqueue(() => this.rebuild());
  }

  /**
   * Re-reads only these paths (relative to the folder, `/` separators, e.g. from a file watcher):
   * changed notes are parsed again, missing ones leave the bank. A folder, or a path outside the
   * folder, falls back to a full `reload()`, since a renamed folder moves every note in it.
   */
  reloadPaths(relPaths: readonly string[]): Promise<ReloadReport> {
    return this.enqueue(() => this.refreshPaths(relPaths));
  }

  private enqueue(work: () => Promise<ReloadReport>): Promise<ReloadReport> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<ReloadReport> {
    await assertFolder(this.dir);
    const files = await listNotes(this.dir);
    const report = emptyReport();
    const seen = new Set<string>();
    const unparsed: Unparsed[] = [];
    await forEachLimited(files, READ_CONCURRENCY, async (file) => {
      const path = relative(this.dir, file).split(sep).join('/');
      seen.add(path);
      const note = await this.refreshFile(path, file, report);
      if (note) unparsed.push(note);
    });
    await this.parseAll(unparsed, report);
    for (const path of [...this.cache.keys()]) {
      if (!seen.has(path)) {
        this.cache.delete(path);
        report.removed.push(path);
      }
    }
    return await this.publish(report);
  }

  private async refreshPaths(relPaths: readonly string[]): Promise<ReloadReport> {
    const report = emptyReport();
    const unparsed: Unparsed[] = [];
    for (const relPath of new Set(relPaths)) {
      const path = relPath.split(sep).join('/').replace(/^\.\//, '');
      if (path.startsWith('/') || path.split('/').includes('..')) return this.rebuild();
      if (isIgnoredPath(path)) continue;
      const file = join(this.dir, path);
      const info = await stat(file).catch(() => undefined);
      // A folder that appeared, moved or went away: only a full scan is sure to be right.
      if (info?.isDirectory() || (!info && this.hasNotesUnder(path))) return this.rebuild();
      if (!isBankFile(path)) continue;
      if (!info) {
        if (this.cache.delete(path)) report.removed.push(path);
        continue;
      }
      const note = await this.refreshFile(path, file, report);
      if (note) unparsed.push(note);
    }
    await this.parseAll(unparsed, report);
    return await this.publish(report);
  }

  private hasNotesUnder(folder: string): boolean {
    const prefix = `${folder}/`;
    for (const path of this.cache.keys()) if (path.startsWith(prefix)) return true;
    return false;
  }

  /**
   * Reads one note if its size or mtime changed. Gives it back when its content changed and the parse
   * cache does not have it, so the caller knows how many notes there are to parse before parsing them.
   */
  private async refreshFile(path: string, file: string, report: ReloadReport): Promise<Unparsed | undefined> {
    const info = await stat(file).catch(() => undefined);
    if (!info) return undefined;
    const cached = this.cache.get(path);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) {
      report.unchanged += 1;
      return undefined;
    }
    const bytes = await readFile(file).catch(() => undefined);
    if (!bytes) return undefined;
    const hash = createHash('sha1').update(bytes).digest('hex');
    if (cached && cached.hash === hash) {
      this.cache.set(path, { ...cached, mtimeMs: info.mtimeMs, size: info.size });
      report.unchanged += 1;
      return undefined;
    }
    const stored = this.stored?.get(path);
    if (stored && stored.hash === hash) {
      this.remember(path, info, hash, stored.note, cached);
      report.fromCache.push(path);
      return undefined;
    }
    return { path, bytes, hash, info, cached };
  }

  /**
   * Parses the notes read as changed: on the bulk parser (worker threads) when there are enough of them,
   * else in-process in slices of about PARSE_SLICE_MS that yield to the event loop in between.
   */
  private async parseAll(notes: Unparsed[], report: ReloadReport): Promise<void> {
    const bulk =
      this.bulkParse && notes.length >= this.bulkParse.minNotes ? this.bulkParse.start() : undefined;
    if (!bulk) {
      let sliceStart = performance.now();
      for (const { path, bytes, hash, info, cached } of notes) {
        this.remember(path, info, hash, await this.parse(path, bytes), cached);
        report.parsed.push(path);
        if (performance.now() - sliceStart >= PARSE_SLICE_MS) {
          await nextTurn();
          sliceStart = performance.now();
        }
      }
      return;
    }
    try {
      // A few notes in flight per worker, so each takes the next as it finishes.
      await forEachLimited(notes, READ_CONCURRENCY, async ({ path, bytes, hash, info, cached }) => {
        this.remember(path, info, hash, await bulk.parse(path, bytes), cached);
        report.parsed.push(path);
      });
    } finally {
      await bulk.close();
    }
  }

  private remember(
    path: string,
    info: { mtimeMs: number; size: number },
    hash: string,
    latest: ParsedNote,
    cached: CacheEntry | undefined,
  ): void {
    const good = !latest.diagnostics.some((d) => d.severity === 'error');
    this.cache.set(path, {
      mtimeMs: info.mtimeMs,
      size: info.size,
      hash,
      latest,
      lastGood: good ? latest : cached?.lastGood,
    });
  }

  /**
   * Swaps in the bank with the report's changes, touching only the notes it names; many changes build
   * the next bank in slices first (see SLICED_PUBLISH_MIN_NOTES), and the swap is one assignment.
   */
  private async publish(report: ReloadReport): Promise<ReloadReport> {
    for (const [path, entry] of this.cache) {
      if (entry.lastGood && entry.lastGood !== entry.latest) report.keptLastGood.push(path);
    }
    report.parsed.sort();
    report.fromCache.sort();
    report.removed.sort();
    report.keptLastGood.sort();
    if (report.parsed.length > 0 || report.removed.length > 0) {
      this.persist?.changed(this.bank ? CACHE_SAVE_INTERVAL_MS : 0);
    }
    // Nothing changed: keep serving the same bank (and its index) as is.
    const none = report.parsed.length === 0 && report.fromCache.length === 0 && report.removed.length === 0;
    if (this.bank && none) return report;
    const changed = [...report.parsed, ...report.fromCache].flatMap((path) => {
      const entry = this.cache.get(path);
      return entry ? [servedVersion(entry)] : [];
    });
    const all = () => [...this.cache.values()].map(servedVersion);
    const prepare = (pool: ItemPool) => this.prepareSafely(pool);
    if (this.bank && changed.length + report.removed.length >= SLICED_PUBLISH_MIN_NOTES) {
      const rebuilt = await rebuildBankInSlices(all(), () => nextTurn());
      await prepare(rebuilt);
      this.bank = rebuilt;
    } else if (this.bank && this.prepare) {
      const yieldNow = () => nextTurn();
      this.bank = await updateBankPrepared(this.bank, changed, report.removed, all, prepare, yieldNow);
    } else {
      const next = updateBank(this.bank, changed, report.removed, all);
      await prepare(next);
      this.bank = next;
    }
    return report;
  }

  private async prepareSafely(pool: ItemPool): Promise<void> {
    if (!this.prepare) return;
    try {
      await this.prepare(pool, () => nextTurn());
    } catch (error) {
      this.onPrepareError?.(error);
    }
  }
}

/** Writes the parse cache in the background: soon after the first load, then at most every interval. */
class PersistedCache {
  private dirty = false;
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly file: string,
    private readonly fingerprint: string,
    private readonly entries: () => Iterable<readonly [string, string, ParsedNote]>,
    private readonly onProblem: BankLoaderOptions['onCacheProblem'],
  ) {}

  /** Marks the file out of date and schedules a write in `delayMs`, unless one is scheduled already. */
  changed(delayMs: number): void {
    this.dirty = true;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), delayMs);
    // The first write may keep a short-lived process alive until done; later ones are only a bonus.
    if (delayMs > 0) this.timer.unref();
  }

  /** Writes now if out of date, after any write in progress; never rejects. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(async () => {
      if (!this.dirty) return;
      this.dirty = false;
      try {
        await writeParseCache(this.file, this.fingerprint, this.entries());
      } catch (error) {
        this.onProblem?.(error instanceof Error ? error.message : String(error), 'write');
      }
    });
    return this.writing;
  }
}

function emptyReport(): ReloadReport {
  return { parsed: [], fromCache: [], removed: [], keptLastGood: [], unchanged: 0 };
}

/** True for a path inside a hidden or tool folder, or a hidden file: the bank never reads those. */
function isIgnoredPath(path: string): boolean {
  return path.split('/').some((part) => part.startsWith('.') || SKIPPED_FOLDERS.has(part));
}

/** The version of a note the bank serves: its latest parse, or its last good one while it is broken. */
function servedVersion(entry: CacheEntry): ParsedNote {
  return entry.lastGood && entry.lastGood !== entry.latest
    ? lastGoodWithNewErrors(entry.lastGood, entry.latest)
    : entry.latest;
}

function lastGoodWithNewErrors(lastGood: ParsedNote, latest: ParsedNote): ParsedNote {
  return {
    ...lastGood,
    diagnostics: [
      ...latest.diagnostics,
      {
        file: latest.path,
        line: 1,
        column: 1,
        severity: 'warning',
        message: `serving the last good version of this note (${lastGood.items.length} items) until its errors are fixed`,
      },
    ],
  };
}

async function assertFolder(dir: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (!info) throw new Error(`notes folder not found: ${dir}`);
  if (!info.isDirectory()) throw new Error(`notes folder is not a folder: ${dir}`);
}

/** Every note and deck file below `dir` (see `isBankFile`), sorted, skipping hidden and tool folders. */
async function listNotes(dir: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const full = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name) && !entry.name.startsWith('.')) await walk(full);
      } else if (entry.isFile() && isBankFile(entry.name)) {
        found.push(full);
      }
    }
  };
  await walk(dir);
  return found.sort();
}

async function forEachLimited<T>(
  values: T[],
  limit: number,
  run: (value: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < values.length) {
      const value = values[next++] as T;
      await run(value);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, values.length) }, worker));
}
