/**
 * Bank benchmark: load N seed-shaped notes (bench/corpus.ts) next to bare remark-parse + remark-gfm on
 * the same files in the same run, then search latency and single-note reload time on the largest bank.
 * Sizes: BENCH_BANK_SIZES=1000,10000 (default). Wall clock and this process's CPU time are both shown:
 * on a shared machine the CPU time is what an idle machine would take.
 *
 * Each load is timed in a fresh child process (as a bot start is; its own peak RSS): cold (no parse
 * cache yet; it writes one), then warm (a new process opening the same folder with that cache), and
 * with BENCH_BANK_WORKERS=2 a cold load parsed on that many worker threads. The cold child also times
 * the cache write and a second open in the same process. BENCH_BANK_COMPILED=1 loads the bank code
 * from dist/ (run `npx tsc -p tsconfig.build.json` first), so worker threads run compiled JS, not tsx.
 *
 * BENCH_BANK_SEARCH_ONLY=1 times search alone on the largest size (BENCH_BANK_SEARCH_RUNS=3: in three
 * processes, with each query's median over them): the corpus is parsed once and the
 * parsed notes cached as JSON in the temp dir (keyed by the corpus generator's source), so later runs
 * build the bank in seconds instead of re-parsing 10,000 notes.
 */

import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { type Bank, buildBank, LiveBank, type ParsedNote, parseNote } from '../src/bank/index.ts';
import { benchQueries, seedShapedNote, writeCorpus } from './corpus.ts';

type LoaderModule = typeof import('../src/bank/loader.ts');
type PoolModule = typeof import('../src/bank/parse-pool.ts');

const sizes = (process.env.BENCH_BANK_SIZES ?? '1000,10000').split(',').map(Number);
/** BENCH_BANK_WORKERS=2 also times the initial load parsed on that many worker threads. */
const workers = Number(process.env.BENCH_BANK_WORKERS ?? 0);
const WARMUP_QUERIES = 200;
const MEASURED_QUERIES = 1000;

const compiled = process.env.BENCH_BANK_COMPILED === '1';
const rows: string[][] = [];
const mb = (bytes: number) => bytes / 1024 / 1024;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(1))
    .join(' ');
const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** Runs `work` and returns its wall-clock and CPU milliseconds. */
async function timed(work: () => unknown): Promise<{ wall: number; cpu: number }> {
  const wall = performance.now();
  const cpu = cpuMs();
  await work();
  return { wall: performance.now() - wall, cpu: cpuMs() - cpu };
}

/** p50/p95/p99/max of a list of milliseconds, readable. */
function percentiles(values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) =>
    (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3);
  return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
}

/**
 * Times 1,000 distinct queries (after 200 warm-up ones) on `bank`, each asked once; returns a
 * readable summary and each query's wall-clock milliseconds.
 */
async function measureSearch(bank: Bank): Promise<{ report: string; latencies: number[] }> {
  const queries = benchQueries(WARMUP_QUERIES + MEASURED_QUERIES);
  for (const query of queries.slice(0, WARMUP_QUERIES)) bank.search(query, { limit: 10 });
  const latencies: number[] = [];
  const cpuTimes: number[] = [];
  let gcMs = 0;
  let gcPauses = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcPauses += 1;
    }
  });
  gc.observe({ entryTypes: ['gc'] });
  let found = 0;
  const measured = queries.slice(WARMUP_QUERIES);
  for (const query of measured) {
    const cpu = process.cpuUsage();
    const t = performance.now();
    found += bank.search(query, { limit: 10 }).length;
    latencies.push(performance.now() - t);
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
  }
  // GC entries are delivered on a later tick.
  await new Promise((resolve) => setImmediate(resolve));
  gc.disconnect();
  const slowest = measured
    .map((query, index) => ({ query, ms: latencies[index] as number }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map(({ query, ms }) => `${ms.toFixed(2)} ms "${query}"`)
    .join(', ');
  const report = [
    `${bank.items.length} items, ${measured.length} distinct queries, ${(found / measured.length).toFixed(1)} hits each`,
    `  wall: ${percentiles(latencies)}`,
    `  CPU:  ${percentiles(cpuTimes)}`,
    `  GC during the measured queries: ${gcPauses} pauses, ${gcMs.toFixed(1)} ms; heap used ${mb(process.memoryUsage().heapUsed).toFixed(0)} MB`,
    `  slowest: ${slowest}`,
  ].join('\n');
  return { report, latencies };
}

/**
 * BENCH_BANK_SEARCH_RUNS=N (search-only mode): N fresh processes each ask the same 1,000 queries
 * once; besides each run's figures, every query's median over the runs. A neighbour's burst on a
 * shared machine rarely hits the same query in most runs, while a query that is slow by itself
 * is slow in every run, so the median's p99 is the code's and each run's p99 is the machine's.
 */
function searchRuns(runs: number): void {
  const perQuery: number[][] = [];
  for (let run = 1; run <= runs; run++) {
    const child = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename], {
      env: { ...process.env, BENCH_BANK_SEARCH_RUNS: '1', BENCH_BANK_SEARCH_LATENCIES: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const lines = child.stdout.split('\n');
    const data = lines.find((line) => line.startsWith('LATENCIES '));
    if (child.status !== 0 || !data) throw new Error(`search run ${run} failed: ${child.stderr}`);
    console.log(`run ${run}:\n${lines.filter((line) => line && line !== data).join('\n')}`);
    (JSON.parse(data.slice('LATENCIES '.length)) as number[]).forEach((ms, query) => {
      perQuery[query] = [...(perQuery[query] ?? []), ms];
    });
  }
  const medians = perQuery.map((values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)] as number;
  });
  console.log(`each query's median over ${runs} runs, wall: ${percentiles(medians)}`);
  const queries = benchQueries(WARMUP_QUERIES + MEASURED_QUERIES).slice(WARMUP_QUERIES);
  const slowest = medians
    .map((ms, index) => ({ ms, query: queries[index] }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map(({ ms, query }) => `${ms.toFixed(2)} ms "${query}"`)
    .join(', ');
  console.log(`  slowest medians: ${slowest}`);
}

/** The corpus of `count` notes parsed, from the JSON cache when this corpus generator made it before. */
function cachedParsedNotes(count: number): ParsedNote[] {
  const generator = readFileSync(join(import.meta.dirname, 'corpus.ts'));
  const key = createHash('sha256').update(generator).update(String(count)).digest('hex').slice(0, 12);
  const cache = join(tmpdir(), `flashcord-bench-bank-parsed-${count}-${key}.json`);
  if (existsSync(cache)) return JSON.parse(readFileSync(cache, 'utf8')) as ParsedNote[];
  console.log(`parsing ${count} notes once into ${cache} …`);
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-bank-'));
  try {
    const notes = writeCorpus(dir, count).map((file) =>
      parseNote(relative(dir, file).split(sep).join('/'), readFileSync(file)),
    );
    writeFileSync(cache, JSON.stringify(notes));
    return notes;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(`load average at start: ${load()}`);
const searchRunCount = Number(process.env.BENCH_BANK_SEARCH_RUNS ?? 1);
if (process.env.BENCH_BANK_SEARCH_ONLY === '1' && searchRunCount > 1) {
  searchRuns(searchRunCount);
  process.exit(0);
}
if (process.env.BENCH_BANK_SEARCH_ONLY === '1') {
  const count = Math.max(...sizes);
  let notes: ParsedNote[] = [];
  const ready = await timed(() => {
    notes = cachedParsedNotes(count);
  });
  let bank: Bank | undefined;
  const indexed = await timed(() => {
    bank = buildBank(notes);
  });
  if (!bank) throw new Error('bank did not build');
  console.log(
    `parsed notes ready in ${(ready.wall / 1000).toFixed(1)} s; bank built in ${(indexed.wall / 1000).toFixed(1)} s wall / ${(indexed.cpu / 1000).toFixed(1)} s CPU`,
  );
  const { report, latencies } = await measureSearch(bank);
  console.log(`search on ${count} notes: ${report}`);
  if (process.env.BENCH_BANK_SEARCH_LATENCIES === '1') console.log(`LATENCIES ${JSON.stringify(latencies)}`);
  console.log(`load average at end: ${load()}`);
  process.exit(0);
}
/** CPU milliseconds the whole machine spent busy so far (Linux /proc/stat, USER_HZ 100); NaN elsewhere. */
function machineBusyMs(): number {
  try {
    const fields = readFileSync('/proc/stat', 'utf8')
      .split('\n')[0]
      ?.trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    if (!fields) return Number.NaN;
    // user nice system (idle iowait) irq softirq steal
    return [0, 1, 2, 5, 6, 7].reduce((sum, at) => sum + (fields[at] ?? 0), 0) * 10;
  } catch {
    return Number.NaN;
  }
}

/**
 * Times `work` and also says how much CPU other processes used meanwhile (the machine's busy time
 * minus this process's, worker threads included): on a shared machine it tells a quiet run from one
 * that shared its cores.
 */
async function timedAlone(work: () => unknown): Promise<{ wall: number; cpu: number; others: string }> {
  const busy = machineBusyMs();
  const time = await timed(work);
  const others = Math.max(0, machineBusyMs() - busy - time.cpu) / 1000;
  return { ...time, others: Number.isNaN(others) ? '?' : others.toFixed(1) };
}

/** What a load child reports. */
interface LoadRun {
  wall: number;
  cpu: number;
  rssMb: number;
  items: number;
  parsed: number;
  fromCache: number;
  /** Cold child only: the cache write after the load, and a second open in the same process. */
  writeMs?: number;
  again?: { wall: number; cpu: number; fromCache: number; load: string };
  load: string;
}

/** One load in this (child) process, as BENCH_BANK_CHILD says; prints a LoadRun as JSON. */
async function childLoad(mode: string, dir: string, cacheFile: string): Promise<void> {
  const base = compiled ? '../dist/src/bank' : '../src/bank';
  const ext = compiled ? 'js' : 'ts';
  const { LiveBank: Live } = (await import(`${base}/loader.${ext}`)) as LoaderModule;
  const { openBankInParallel: openParallel } = (await import(`${base}/parse-pool.${ext}`)) as PoolModule;
  let live: LiveBank | undefined;
  const { others, ...time } = await timedAlone(async () => {
    live =
      mode === 'workers'
        ? await openParallel(dir, { workers })
        : await Live.open(dir, { cacheFile, onCacheProblem: (problem) => console.error(problem) });
  });
  if (!live) throw new Error('bank did not load');
  const run: LoadRun = {
    ...time,
    rssMb: peakRssMb(),
    items: live.current.items.length,
    parsed: live.opened.parsed.length,
    fromCache: live.opened.fromCache.length,
    load: `${load()} (others ${others} s)`,
  };
  if (mode === 'cold') {
    const opened = live;
    run.writeMs = (await timed(() => opened.flushCache())).wall;
    let again: LiveBank | undefined;
    const second = await timedAlone(async () => {
      again = await Live.open(dir, { cacheFile });
    });
    run.again = {
      wall: second.wall,
      cpu: second.cpu,
      fromCache: again?.opened.fromCache.length ?? 0,
      load: `${load()} (others ${second.others} s)`,
    };
  }
  console.log(JSON.stringify(run));
}

/** Runs one load in a fresh process (same loader flags as this one) and returns what it measured. */
function loadInChild(mode: string, dir: string, cacheFile: string): LoadRun {
  const output = execFileSync(process.execPath, [...process.execArgv, import.meta.filename], {
    env: { ...process.env, BENCH_BANK_CHILD: mode, BENCH_BANK_DIR: dir, BENCH_BANK_CACHE: cacheFile },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  const last = output.trim().split('\n').pop() ?? '';
  return JSON.parse(last) as LoadRun;
}

if (process.env.BENCH_BANK_CHILD) {
  await childLoad(
    process.env.BENCH_BANK_CHILD,
    process.env.BENCH_BANK_DIR ?? '',
    process.env.BENCH_BANK_CACHE ?? '',
  );
  process.exit(0);
}

console.log(`bank code: ${compiled ? 'compiled (dist/src/bank)' : 'TypeScript under tsx (src/bank)'}`);
for (const count of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-bank-'));
  const cacheDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-cache-'));
  const cacheFile = join(cacheDir, 'bank-parse.cache');
  try {
    const files = writeCorpus(dir, count);
    const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);

    const bare = unified().use(remarkParse).use(remarkGfm).freeze();
    const { others: bareOthers, ...bareTime } = await timedAlone(() => {
      for (const file of files) bare.parse(readFileSync(file, 'utf8'));
    });
    const bareLoad = `${load()} (others ${bareOthers} s)`;
    const bareRss = peakRssMb();

    const cold = loadInChild('cold', dir, cacheFile);
    const warm = loadInChild('warm', dir, cacheFile);
    const parallel = workers > 0 ? loadInChild('workers', dir, cacheFile) : undefined;
    const cacheMb = mb(statSync(cacheFile).size);
    const line = (mode: string, run: { wall: number; cpu: number }, rss: string, runLoad: string) => {
      const row = [
        `${count}`,
        mode,
        `${(run.wall / 1000).toFixed(2)} / ${(run.cpu / 1000).toFixed(2)}`,
        `${Math.round((count * 1000) / run.wall)}`,
        `${(mb(bytes) / (run.wall / 1000)).toFixed(2)}`,
        `${(cold.wall / run.wall).toFixed(2)}×`,
        rss,
        runLoad,
      ];
      rows.push(row);
      console.log(row.join(' | '));
    };
    console.log(
      `${count} notes, ${mb(bytes).toFixed(1)} MB, ${cold.items} items; parse cache ${cacheMb.toFixed(1)} MB, written in ${cold.writeMs?.toFixed(0)} ms after the cold load`,
    );
    line('bare remark-parse + gfm, 1 thread', bareTime, bareRss.toFixed(0), bareLoad);
    line(`cold, 1 thread (parsed ${cold.parsed})`, cold, cold.rssMb.toFixed(0), cold.load);
    if (parallel) {
      line(
        `cold, ${workers} workers (parsed ${parallel.parsed})`,
        parallel,
        parallel.rssMb.toFixed(0),
        parallel.load,
      );
    }
    line(
      `warm, new process (from cache ${warm.fromCache}, parsed ${warm.parsed})`,
      warm,
      warm.rssMb.toFixed(0),
      warm.load,
    );
    if (cold.again)
      line(`warm, same process (from cache ${cold.again.fromCache})`, cold.again, '—', cold.again.load);
    const same = [warm.items, parallel?.items ?? cold.items].every((items) => items === cold.items);
    if (!same)
      console.log(`ITEM COUNTS DIFFER: cold ${cold.items}, warm ${warm.items}, workers ${parallel?.items}`);

    if (count === Math.max(...sizes)) {
      // Search and reload run on a bank opened from the cache: the same bank, without parsing again.
      const live = await LiveBank.open(dir, { cacheFile });
      const bank = live.current;
      const { report: searchReport } = await measureSearch(bank);

      const changed = files[Math.floor(files.length / 2)] as string;
      writeFileSync(changed, `${seedShapedNote(424242)}\nA new line with ==one more highlight== in it.\n`);
      utimesSync(changed, new Date(), new Date(Date.now() + 5_000));
      let report: Awaited<ReturnType<LiveBank['reload']>> | undefined;
      const reloadTime = await timed(async () => {
        report = await live?.reload();
      });
      const noChange = await timed(() => live?.reload());
      console.log(`search on ${count} notes: ${searchReport}`);
      console.log(
        `reload after one note changed: ${reloadTime.wall.toFixed(0)} ms wall / ${reloadTime.cpu.toFixed(0)} ms CPU (parsed ${report?.parsed.length}); with nothing changed: ${noChange.wall.toFixed(0)} ms`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

const header = [
  'notes',
  'load',
  's (wall / CPU)',
  'notes/s',
  'MB/s',
  'vs cold (wall)',
  'peak RSS MB',
  "load avg after (others' CPU)",
];
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`load average at end: ${load()}`);
