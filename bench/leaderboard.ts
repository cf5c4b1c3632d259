/**
 * Leaderboard latency on a guild with 100,000 scored members, ranking rebuild time, and
 * recordAnswer throughput on SQLite (and Redis when REDIS_URL is set). Run: npx tsx bench/leaderboard.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type Keyv from 'keyv';
import { applyAnswer, type MemberRecord } from '../src/scoring/member.ts';
import { createStore } from '../src/store/index.ts';
import { bucketOf, keys, MEMBER_BUCKETS } from '../src/store/keys.ts';
import { closeKeyv, openKeyv } from '../src/store/keyv.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 100_000);
const GUILD = '1';
const AT = new Date('2026-11-27T12:00:00Z');

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Writes MEMBERS member records and the member index straight into keyv, in one transaction on SQLite. */
async function seed(keyv: Keyv, sqlite: boolean): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: the SQLite adapter's raw query, for a bulk transaction
  const query = sqlite ? (keyv.store as any).query : undefined;
  if (query) await query('BEGIN');
  const buckets: string[][] = Array.from({ length: MEMBER_BUCKETS }, () => []);
  const batch: Promise<unknown>[] = [];
  for (let i = 0; i < MEMBERS; i++) {
    const userId = `u${i}`;
    let record: MemberRecord | undefined;
    // A spread of scores with many ties, earned over the past days.
    const answers = 1 + (i % 7);
    for (let a = 0; a < answers; a++) {
      record = applyAnswer(record, {
        userId,
        itemId: `item-${a}`,
        topics: ['aws'],
        correct: true,
        points: 10 + ((i * 31 + a) % 6),
        kind: 'quiz',
        at: new Date(AT.getTime() - ((i + a) % 5) * 3_600_000),
        timeZone: 'UTC',
      }).record;
    }
    buckets[bucketOf(userId)]?.push(userId);
    batch.push(keyv.set(keys.member(GUILD, userId), record));
    if (batch.length >= 1000) await Promise.all(batch.splice(0));
  }
  await Promise.all(batch);
  await Promise.all(buckets.map((ids, b) => keyv.set(keys.memberBucket(GUILD, b), ids)));
  if (query) await query('COMMIT');
}

interface Row {
  store: string;
  metric: string;
  value: string;
}

async function benchStore(name: string, url: string, rows: Row[]): Promise<void> {
  const keyv = await openKeyv(url, { namespace: `bench-${process.pid}` });
  await keyv.clear();
  const t0 = performance.now();
  await seed(keyv, url.startsWith('sqlite://'));
  rows.push({
    store: name,
    metric: `seed ${MEMBERS} members (bulk)`,
    value: `${((performance.now() - t0) / 1000).toFixed(1)} s`,
  });

  const store = createStore(keyv);
  const t1 = performance.now();
  await store.scores.loadGuild(GUILD);
  rows.push({
    store: name,
    metric: 'loadGuild (rebuild rankings)',
    value: `${(performance.now() - t1).toFixed(0)} ms`,
  });

  const lat: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const userId = `u${(i * 7919) % MEMBERS}`;
    const period = i % 2 === 0 ? 'week' : 'all';
    const s = performance.now();
    await store.scores.leaderboard(GUILD, period, AT, 'UTC', { userId });
    lat.push(performance.now() - s);
  }
  lat.sort((a, b) => a - b);
  rows.push({
    store: name,
    metric: 'leaderboard p50 (top 10 + own rank)',
    value: `${percentile(lat, 50).toFixed(3)} ms`,
  });
  rows.push({ store: name, metric: 'leaderboard p99', value: `${percentile(lat, 99).toFixed(3)} ms` });

  // Throughput: answers from existing members of the 100k guild, sent at once (one guild = one writer).
  const N = 2000;
  const t2 = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      store.scores.recordAnswer(GUILD, {
        userId: `u${(i * 104729) % MEMBERS}`,
        itemId: `bench-${i}`,
        topics: ['aws'],
        correct: true,
        points: 10,
        kind: 'quiz',
        at: new Date(AT.getTime() + i),
        timeZone: 'UTC',
      }),
    ),
  );
  const seconds = (performance.now() - t2) / 1000;
  rows.push({
    store: name,
    metric: `recordAnswer, one guild (${N} at once)`,
    value: `${(N / seconds).toFixed(0)} answers/s`,
  });

  // Several guilds write concurrently.
  const t3 = performance.now();
  await Promise.all(
    Array.from({ length: N }, (_, i) =>
      store.scores.recordAnswer(`g${i % 20}`, {
        userId: `u${i % 100}`,
        itemId: `bench-${i}`,
        topics: ['aws'],
        correct: true,
        points: 10,
        kind: 'quiz',
        at: AT,
        timeZone: 'UTC',
      }),
    ),
  );
  const seconds3 = (performance.now() - t3) / 1000;
  rows.push({
    store: name,
    metric: `recordAnswer, 20 guilds (${N} at once)`,
    value: `${(N / seconds3).toFixed(0)} answers/s`,
  });

  await keyv.clear();
  await closeKeyv(keyv);
}

const rows: Row[] = [];
const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-'));
try {
  await benchStore('sqlite', `sqlite://${join(dir, 'bench.sqlite')}`, rows);
  if (process.env.REDIS_URL) await benchStore('redis', process.env.REDIS_URL, rows);
  else console.log('(REDIS_URL not set: Redis skipped)');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.table(rows);
