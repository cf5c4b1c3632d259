/**
 * One race round with many members answering at once, on SQLite: how long an answer takes before its
 * "locked in" reply can go out (the race state is read-modify-written once per answer, one at a time),
 * and how long the reveal takes to score everyone. Run: npx tsx bench/race.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ManualClock } from '../src/core/clock.ts';
import { createLogger } from '../src/log.ts';
import type { RaceQuestion } from '../src/race/race.ts';
import { type RaceDisplay, RaceService } from '../src/race/runner.ts';
import { ManualScheduler } from '../src/race/scheduler.ts';
import { openStore } from '../src/store/index.ts';

const SIZES = (process.env.BENCH_RACE_MEMBERS ?? '10,100,500').split(',').map(Number);
const ROUND_MS = 20_000;

const question: RaceQuestion = {
  itemId: 'item-1',
  type: 'choice',
  prompt: 'Which?',
  options: ['a', 'b', 'c', 'd'],
  correct: 1,
  answer: 'b',
  explanation: 'b.',
  source: 'Bench',
  seed: 1,
  topics: ['bench'],
};

const display: RaceDisplay = {
  postRound: async () => 'm1',
  updateRound: async () => {},
  revealRound: async () => {},
  postStandings: async () => {},
};

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function round(members: number): Promise<{ p50: number; p95: number; max: number; reveal: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-race-bench-'));
  const clock = new ManualClock('2026-11-27T12:00:00Z');
  const scheduler = new ManualScheduler(clock);
  const store = await openStore(`sqlite://${join(dir, 'race.sqlite')}`, { clock });
  try {
    const races = new RaceService({
      store,
      clock,
      scheduler,
      log: createLogger({ level: 'silent' }),
      settings: { roundMs: ROUND_MS, gapMs: 0, updateEveryMs: 5_000 },
    });
    const race = await races.start(display, {
      guildId: '1',
      channelId: '2',
      starterId: 'u0',
      topic: null,
      questions: [question],
    });
    const started = performance.now();
    // Every member clicks at the same instant; each latency is from the burst to that answer's outcome.
    const latencies = await Promise.all(
      Array.from({ length: members }, async (_, i) => {
        const outcome = await races.answer(display, race.id, 0, `u${i}`, i % 4);
        if (outcome !== 'locked') throw new Error(`u${i}: ${outcome}`);
        return performance.now() - started;
      }),
    );
    const revealStart = performance.now();
    await scheduler.advance(ROUND_MS);
    const reveal = performance.now() - revealStart;
    const member = await store.scores.getMember('1', 'u1');
    if (member?.periods.all?.points !== 15) throw new Error('the first right answer was not scored 15');
    latencies.sort((a, b) => a - b);
    return {
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      max: latencies.at(-1) ?? 0,
      reveal,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
for (const members of SIZES) {
  const r = await round(members);
  rows.push(
    `| ${members} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} | ${r.reveal.toFixed(1)} |`,
  );
}
console.log(
  '| members answering at once | answer p50 ms | answer p95 ms | answer max ms | reveal + scoring ms |',
);
console.log('|---:|---:|---:|---:|---:|');
for (const row of rows) console.log(row);
