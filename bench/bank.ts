/**
 * Bank benchmark: load N seed-shaped notes (bench/corpus.ts) next to bare remark-parse + remark-gfm on
 * the same files in the same run, then search latency and single-note reload time on the largest bank.
 * Sizes: BENCH_BANK_SIZES=1000,10000 (default).
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { LiveBank } from '../src/bank/index.ts';
import { seedShapedNote, writeCorpus } from './corpus.ts';

const sizes = (process.env.BENCH_BANK_SIZES ?? '1000,10000').split(',').map(Number);
const QUERIES = [
  'region',
  'snapshots',
  'boot tim',
  'marketplac',
  'custom ami',
  'what does',
  'EBS',
  'lambda7',
  'copyed',
  'benefit 3',
];

const rows: string[][] = [];
const mb = (bytes: number) => bytes / 1024 / 1024;
const peakRssMb = () => process.resourceUsage().maxRSS / 1024;

for (const count of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-bank-'));
  try {
    const files = writeCorpus(dir, count);
    const bytes = files.reduce((sum, file) => sum + readFileSync(file).length, 0);

    const bare = unified().use(remarkParse).use(remarkGfm).freeze();
    let start = performance.now();
    for (const file of files) bare.parse(readFileSync(file, 'utf8'));
    const bareMs = performance.now() - start;
    const bareRss = peakRssMb();

    start = performance.now();
    const live = await LiveBank.open(dir);
    const loadMs = performance.now() - start;
    const bank = live.current;
    rows.push([
      `${count}`,
      `${mb(bytes).toFixed(1)}`,
      `${bank.items.length}`,
      `${(bareMs / 1000).toFixed(2)}`,
      `${(loadMs / 1000).toFixed(2)}`,
      `${(loadMs / bareMs).toFixed(2)}×`,
      `${Math.round((count * 1000) / loadMs)}`,
      `${(mb(bytes) / (loadMs / 1000)).toFixed(2)}`,
      `${bareRss.toFixed(0)} / ${peakRssMb().toFixed(0)}`,
    ]);

    if (count === Math.max(...sizes)) {
      const latencies: number[] = [];
      for (let round = 0; round < 100; round++) {
        for (const query of QUERIES) {
          const t = performance.now();
          bank.search(query, { limit: 10 });
          latencies.push(performance.now() - t);
        }
      }
      latencies.sort((a, b) => a - b);
      const pct = (p: number) =>
        latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))] ?? 0;

      const changed = files[Math.floor(files.length / 2)] as string;
      writeFileSync(changed, `${seedShapedNote(424242)}\nA new line with ==one more highlight== in it.\n`);
      utimesSync(changed, new Date(), new Date(Date.now() + 5_000));
      start = performance.now();
      const report = await live.reload();
      const reloadMs = performance.now() - start;
      start = performance.now();
      await live.reload();
      const noChangeMs = performance.now() - start;
      console.log(
        `search on ${count} notes (${bank.items.length} items, ${latencies.length} queries): p50 ${pct(0.5).toFixed(3)} ms, p99 ${pct(0.99).toFixed(3)} ms`,
      );
      console.log(
        `reload after one note changed: ${reloadMs.toFixed(0)} ms (parsed ${report.parsed.length}); reload with nothing changed: ${noChangeMs.toFixed(0)} ms`,
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
  'bare s',
  'load s',
  'load/bare',
  'notes/s',
  'MB/s',
  'peak RSS MB (bare / load)',
];
console.log(`| ${header.join(' | ')} |\n| ${header.map(() => '---').join(' | ')} |`);
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
