/**
 * Building a mock exam: `npx tsx bench/exam.ts` (BENCH_EXAM_NOTES=10000 by default).
 * Loads a bank of seed-shaped notes (bench/corpus.ts), maps it to the shipped SAA-C03 profile (its cost
 * domain also given the corpus' CloudWatch and Storage Gateway notes, which it has no tag for), then
 * times the domain map and the question pool index (each built once per bank), the first
 * `drawExam` of a full 65-question exam, and 500 builds with different seeds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadBank } from '../src/bank/index.ts';
import { mapDomains } from '../src/exam/domains.ts';
import { drawExam } from '../src/exam/draw.ts';
import { loadProfiles } from '../src/exam/profile.ts';
import { indexOf } from '../src/quiz/pool.ts';
import { writeCorpus } from './corpus.ts';

const NOTES = Number(process.env.BENCH_EXAM_NOTES ?? 10_000);
const RUNS = Number(process.env.BENCH_EXAM_RUNS ?? 500);
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(', ');
const loadAtStart = load();

const dir = mkdtempSync(join(tmpdir(), 'flashcord-exam-bench-'));
try {
  writeCorpus(dir, NOTES);
  let t = performance.now();
  const bank = await loadBank(dir);
  const loadMs = performance.now() - t;
  const shipped = (await loadProfiles(resolve(import.meta.dirname, '../data/exams'))).profiles[0];
  if (!shipped) throw new Error('no shipped profile');
  const profile = {
    ...shipped,
    domains: shipped.domains.map((d) =>
      d.id === 'cost' ? { ...d, tags: [...d.tags, 'cloudwatch', 'storage-gateway'] } : d,
    ),
  };

  t = performance.now();
  const map = mapDomains(bank.items, profile);
  const mapMs = performance.now() - t;
  t = performance.now();
  indexOf(bank);
  const indexMs = performance.now() - t;
  t = performance.now();
  const first = drawExam({ pool: bank, profile, count: profile.questions, seed: 0 });
  const firstMs = performance.now() - t;
  if (!first.ok) throw new Error(first.message);

  const times: number[] = [];
  for (let seed = 1; seed <= RUNS; seed++) {
    const start = performance.now();
    const drawn = drawExam({ pool: bank, profile, count: profile.questions, seed });
    times.push(performance.now() - start);
    if (!drawn.ok || drawn.planned.length !== profile.questions)
      throw new Error(`seed ${seed}: no full exam`);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => (times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0).toFixed(2);
  const perDomain = [...map.byDomain]
    .map(([id, items]) => `${id} ${items.length.toLocaleString('en')}`)
    .join(', ');
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, node ${process.version}`);
  console.log(`date: ${new Date().toISOString()}; load average at start ${loadAtStart}, at end ${load()}`);
  console.log(
    `bank: ${NOTES.toLocaleString('en')} notes, ${bank.items.length.toLocaleString('en')} items (load ${(loadMs / 1000).toFixed(1)} s); by domain: ${perDomain}; unmapped notes ${map.unmapped.length.toLocaleString('en')}`,
  );
  console.log(`domain map (once per bank): ${mapMs.toFixed(1)} ms`);
  console.log(`question pool index (once per bank, shared with /quiz): ${indexMs.toFixed(1)} ms`);
  console.log(
    `first 65-question exam after it (answer profiles of the items looked at): ${firstMs.toFixed(1)} ms`,
  );
  console.log(`65-question exam, ${RUNS} seeds: p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, max ${at(1)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
