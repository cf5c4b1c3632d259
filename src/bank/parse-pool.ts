import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type BankLoaderOptions, LiveBank } from './loader.ts';
import type { ParsedNote } from './parse-note.ts';
import { parseSource } from './sources.ts';

/** A note sent to a worker. */
export interface ParseRequest {
  id: number;
  path: string;
  bytes: Uint8Array;
}

/** A worker's answer: the note exactly as `parseNote` gives it in-process. */
export interface ParseResponse {
  id: number;
  note: ParsedNote;
}

interface Job {
  path: string;
  bytes: Buffer;
  resolve: (note: ParsedNote | Promise<ParsedNote>) => void;
}

interface Lane {
  worker: Worker;
  jobs: Map<number, Job>;
}

/**
 * Parses notes on worker threads, for the initial load of a large bank on a machine with spare
 * cores. A worker that fails (or cannot start) never fails a note: its notes are parsed in-process.
 */
export class ParsePool {
  private readonly lanes: Lane[] = [];
  private nextId = 0;
  private readonly parsed = { onWorkers: 0, inProcess: 0 };

  private constructor(size: number) {
    for (let n = 0; n < size; n++) this.lanes.push(this.startLane());
  }

  /** Starts `size` worker threads. */
  static start(size: number): ParsePool {
    return new ParsePool(Math.max(1, Math.floor(size)));
  }

  /** Parses one note on the least busy worker. */
  parse(path: string, bytes: Buffer): Promise<ParsedNote> {
    const lane = this.lanes.reduce((best, lane) => (lane.jobs.size < best.jobs.size ? lane : best));
    const id = this.nextId++;
    return new Promise((resolve) => {
      lane.jobs.set(id, { path, bytes, resolve });
      lane.worker.ref();
      lane.worker.postMessage({ id, path, bytes } satisfies ParseRequest);
    });
  }

  /** How many notes were parsed on worker threads and how many fell back to the main thread. */
  counts(): { onWorkers: number; inProcess: number } {
    return { ...this.parsed };
  }

  /** Stops the workers; notes still queued are parsed in-process. */
  async close(): Promise<void> {
    await Promise.all(this.lanes.map((lane) => lane.worker.terminate()));
    for (const lane of this.lanes) this.failOver(lane);
  }

  private startLane(): Lane {
    const worker = startWorker();
    const lane: Lane = { worker, jobs: new Map() };
    worker.on('message', ({ id, note }: ParseResponse) => {
      const job = lane.jobs.get(id);
      lane.jobs.delete(id);
      // An idle worker must never keep the process alive; a busy one must, or its answer is lost.
      if (lane.jobs.size === 0) worker.unref();
      if (!job) return;
      this.parsed.onWorkers += 1;
      job.resolve(note);
    });
    worker.on('error', () => this.failOver(lane));
    worker.on('exit', () => this.failOver(lane));
    worker.unref();
    return lane;
  }

  private failOver(lane: Lane): void {
    for (const job of lane.jobs.values()) {
      this.parsed.inProcess += 1;
      job.resolve(parseSource(job.path, job.bytes));
    }
    lane.jobs.clear();
  }
}

/**
 * Starts `parse-worker` next to this file. Run from TypeScript source, a worker thread does not get
 * tsx's loader from the parent's `--import` (Node 20), so it boots through tsx's `tsImport` instead.
 */
function startWorker(): Worker {
  const source = import.meta.url.endsWith('.ts');
  const target = new URL(source ? './parse-worker.ts' : './parse-worker.js', import.meta.url).href;
  if (!source) return new Worker(new URL(target));
  const tsxPackage = pathToFileURL(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = new URL('dist/esm/api/index.mjs', tsxPackage).href;
  const boot = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(target)}, ${JSON.stringify(target)}));`;
  return new Worker(boot, { eval: true });
}

/**
 * From this many notes to parse, 2 worker threads load ≥ 1.3× faster (wall) than one thread on a
 * quiet 2-core machine, compiled: 1.10× at 1,000 notes, 1.25× at 4,000, 1.30× at 7,000, 1.39× at
 * 10,000 (BENCHMARKS.md, bank). Below it the gain does not pay for 20–35% more CPU.
 */
export const PARALLEL_LOAD_MIN_NOTES = 7_000;

/**
 * From this many changed notes, a reload parses them on worker threads (started for the reload and
 * stopped after it); fewer are parsed in-process in slices that yield, which costs no thread start.
 */
export const PARALLEL_RELOAD_MIN_NOTES = 200;

/** Options for `openBankInParallel`: those of `LiveBank.open` (parse cache included) and the workers. */
export interface ParallelLoadOptions extends Omit<BankLoaderOptions, 'parse' | 'bulkParse'> {
  /** Worker threads; defaults to 2 with more than one core, else 0. With 0, the load runs in-process. */
  workers?: number;
  /** Workers start only when at least this many notes need parsing (not in the parse cache); default 1. */
  minNotes?: number;
  /** Later reloads use workers from this many changed notes; default `PARALLEL_RELOAD_MIN_NOTES`. */
  reloadMinNotes?: number;
}

/**
 * Opens a live bank, parsing its notes on worker threads for the initial load when enough of them need
 * parsing, and for later reloads of many changed notes (a few are parsed in-process, in slices that
 * yield to the event loop). The bank is the same as `LiveBank.open(dir)` gives.
 */
export function openBankInParallel(dir: string, options: ParallelLoadOptions = {}): Promise<LiveBank> {
  const { workers: requested, minNotes = 1, reloadMinNotes, ...loaderOptions } = options;
  const workers = requested ?? (availableParallelism() > 1 ? 2 : 0);
  if (workers < 1) return LiveBank.open(dir, loaderOptions);
  const start = () => ParsePool.start(workers);
  return LiveBank.open(dir, {
    ...loaderOptions,
    bulkParse: { minNotes, start },
    reloadParse: { minNotes: reloadMinNotes ?? PARALLEL_RELOAD_MIN_NOTES, start },
  });
}
