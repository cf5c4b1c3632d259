/**
 * Card rendering: p50/p99 of drawing + PNG-encoding each card (no cache), the cached path, and the
 * heap and RSS after 1,000 renders compared with after the first 100 (memory must not grow).
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { type CardKind, CardRenderer, renderCard, SAMPLE_CARDS } from '../src/cards/index.ts';

const RUNS = 1000;
const WARMUP = 20;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = () => (globalThis as { gc?: () => void }).gc?.();

console.log(
  `machine: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()}, load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}, ${new Date().toISOString()}`,
);
for (const kind of Object.keys(SAMPLE_CARDS) as CardKind[]) {
  const data = SAMPLE_CARDS[kind];
  for (let i = 0; i < WARMUP; i++) await renderCard(kind, data as never);
  const times: number[] = [];
  let memoryAt100 = { heap: 0, rss: 0 };
  for (let i = 0; i < RUNS; i++) {
    // A different number each time, so nothing could be reused between renders.
    const varied = kind === 'exam' ? { ...SAMPLE_CARDS.exam, score: 100 + (i % 900) } : data;
    const start = performance.now();
    await renderCard(kind, varied as never);
    times.push(performance.now() - start);
    if (i === 99) {
      gc();
      memoryAt100 = { heap: process.memoryUsage().heapUsed, rss: process.memoryUsage().rss };
    }
  }
  gc();
  const after = process.memoryUsage();
  times.sort((a, b) => a - b);
  console.log(
    `${kind}: p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms, max ${times.at(-1)?.toFixed(1)} ms over ${RUNS}; ` +
      `heap ${mb(memoryAt100.heap)} → ${mb(after.heapUsed)} MB, rss ${mb(memoryAt100.rss)} → ${mb(after.rss)} MB (after 100 → after ${RUNS})`,
  );
}

const cards = new CardRenderer();
await cards.render('leaderboard', SAMPLE_CARDS.leaderboard);
const cached: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const start = performance.now();
  await cards.render('leaderboard', SAMPLE_CARDS.leaderboard);
  cached.push(performance.now() - start);
}
cached.sort((a, b) => a - b);
console.log(
  `leaderboard from the cache: p50 ${quantile(cached, 0.5).toFixed(3)} ms, p99 ${quantile(cached, 0.99).toFixed(3)} ms`,
);
