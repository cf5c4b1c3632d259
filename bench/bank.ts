/**
 * Bank benchmark: load N seed-shaped notes (bench/corpus.ts) next to bare remark-parse + remark-gfm on
 * the same files in the same run, then search latency and single-note reload time on the largest bank.
 * Sizes: BENCH_BANK_SIZES=1000,10000 (default). Wall clock and this process's CPU time are both shown:
 * on a shared machine the CPU time is what an idle machine would take.
 *
 * BENCH_BANK_SEARCH_ONLY=1 times search alone on the largest size: the corpus is parsed once and the
 * parsed notes cached as JSON in the temp dir (keyed by the corpus generator's source), so later runs
 * build the bank in seconds instead of re-parsing 10,000 notes.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { PerformanceObserver } from 'node:perf_hooks';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { type Bank, buildBank, LiveBank, type ParsedNote, parseNote } from '../src/bank/index.ts';
import { openBankInParallel } from '../src/bank/parse-pool.ts';
import { benchQueries, seedShapedNote, writeCorpus } from './corpus.ts';

const sizes = (process.env.BENCH_BANK_SIZES ?? '1000,10000').split(',').map(Number);
/** BENCH_BANK_WORKERS=2 also times the initial load parsed on that many worker threads. */
const workers = Number(process.env.BENCH_BANK_WORKERS ?? 0);
const WARMUP_QUERIES = 200;
const MEASURED_QUERIES = 1000;

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

/** Times 1,000 distinct queries (after 200 warm-up ones) on `bank`; returns a readable summary. */
async function measureSearch(bank: Bank): Promise<string> {
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
  const percentiles = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const at = (p: number) =>
      (sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0).toFixed(3);
    return `p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`;
  };
  const slowest = measured
    .map((query, index) => ({ query, ms: latencies[index] as number }))
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 12)
    .map(({ query, ms }) => `${ms.toFixed(2)} ms "${query}"`)
    .join(', ');
  return [
    `${bank.items.length} items, ${measured.length} distinct queries, ${(found / measured.length).toFixed(1)} hits each`,
    `  wall: ${percentiles(latencies)}`,
    `  CPU:  ${percentiles(cpuTimes)}`,
    `  GC during the measured queries: ${gcPauses} pauses, ${gcMs.toFixed(1)} ms; heap used ${mb(process.memoryUsage().heapUsed).toFixed(0)} MB`,
    `  slowest: ${slowest}`,
  ].join('\n');
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
  console.log(`search on ${count} notes: ${await measureSearch(bank)}`);
  console.log(`load average at end: ${load()}`);
  process.exit(0);
}
for (const count of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-bank-'));
  try {
    const files = writeCorpus(dir, count);
    const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);

    const bare = unified().use(remarkParse).use(remarkGfm).freeze();
    const bareTime = await timed(() => {
      for (const file of files) bare.parse(readFileSync(file, 'utf8'));
    });
    const bareRss = peakRssMb();

    let live: LiveBank | undefined;
    const loadTime = await timed(async () => {
      live = await LiveBank.open(dir);
    });
    if (!live) throw new Error('bank did not load');
    const bank = live.current;
    const row = [
      `${count}`,
      `${mb(bytes).toFixed(1)}`,
      `${bank.items.length}`,
      `${(bareTime.wall / 1000).toFixed(2)} / ${(bareTime.cpu / 1000).toFixed(2)}`,
      `${(loadTime.wall / 1000).toFixed(2)} / ${(loadTime.cpu / 1000).toFixed(2)}`,
      `${(loadTime.wall / bareTime.wall).toFixed(2)}× / ${(loadTime.cpu / bareTime.cpu).toFixed(2)}×`,
      `${Math.round((count * 1000) / loadTime.wall)}`,
      `${bareRss.toFixed(0)} / ${peakRssMb().toFixed(0)}`,
    ];
    rows.push(row);
    console.log(`${count} notes: ${row.join(' | ')}`);
    if (workers > 0) {
      let parallel: LiveBank | undefined;
      const poolTime = await timed(async () => {
        parallel = await openBankInParallel(dir, { workers });
      });
      const same = parallel?.current.items.length === bank.items.length;
      // CPU time of the process includes the workers' threads.
      console.log(
        `${count} notes on ${workers} worker threads: ${(poolTime.wall / 1000).toFixed(2)} s wall / ${(poolTime.cpu / 1000).toFixed(2)} s CPU (same items: ${same})`,
      );
    }

    if (count === Math.max(...sizes)) {
      const searchReport = await measureSearch(bank);

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
  }
}

const header = [
  'notes',
  'MB',
  'items',
  'bare s (wall / CPU)',
  'load s (wall / CPU)',
  'load/bare (wall / CPU)',
  'notes/s',
  'peak RSS MB (bare / load)',
];
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(`load average at end: ${load()}`);
