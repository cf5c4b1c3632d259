/**
 * Spaced review at 10,000 cards for one member: the due list + summary (from the store and from memory),
 * the cost of one review with the sharded layout against one value per member, and the `/review` handler
 * path end to end (store reads, session planning and write, rendering) on a bank of ~10,000 items.
 * Store rows run twice where the card cache matters: "cold" with the cache off (every call reads the
 * store, as a member's first `/review` after a restart or an eviction does) and "cached".
 * Run: npx tsx bench/review.ts (Redis rows too with REDIS_URL=redis://127.0.0.1:6379).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type Keyv from 'keyv';
import type { Grade } from 'ts-fsrs';
import { type Bank, loadBank } from '../src/bank/index.ts';
import { ManualClock } from '../src/core/clock.ts';
import { reviewStartMessage, reviewSummaryMessage } from '../src/discord/render/review.ts';
import { Cooldown } from '../src/quiz/cooldown.ts';
import { reviewProgress, startReview } from '../src/quiz/review-session.ts';
import { summarize as summarizeSession } from '../src/quiz/session.ts';
import type { SoloDeps } from '../src/quiz/solo.ts';
import { applyReview, type CardMap, toTuple } from '../src/review/card.ts';
import { createScheduler, dueFrom, Rating, summarize } from '../src/review/index.ts';
import { CARD_SHARDS, cardShardKey, encodeShard, shardOf } from '../src/review/layout.ts';
import { createCardStore, type KeyvCardStore } from '../src/store/cards.ts';
import { createStore } from '../src/store/index.ts';
import { closeKeyv, openKeyv } from '../src/store/keyv.ts';
import { GuildQueue } from '../src/store/queue.ts';
import { writeCorpus } from './corpus.ts';

const loadAtStart = loadavg()
  .map((l) => l.toFixed(1))
  .join(', ');
const CARDS = Number(process.env.BENCH_CARDS ?? 10_000);
/** Seed-shaped notes for the handler path: 400 give ~10,000 bank items, one card each. */
const NOTES = Number(process.env.BENCH_NOTES ?? 400);
let bankItems = 0;
let bytesPerCard: number | undefined;
const RUNS = 50;
const GUILD = '1';
const USER = '2';
const AT = new Date('2026-11-27T12:00:00Z');
const DAY = 86_400_000;
const scheduler = createScheduler();

const items = Array.from({ length: CARDS }, (_, i) => ({
  id: `notes/topic-${i % 40}.md#${(Math.imul(i + 1, 2654435761) >>> 0).toString(36)}`,
  tags: ['aws', `topic-${i % 40}`],
}));
const bankIds = new Set(items.map((item) => item.id));

/** Cards with 1–6 reviews each over the past months, so every state and a spread of due dates occur. */
function memberCards(items: readonly { id: string }[]): CardMap {
  const cards: CardMap = new Map();
  const grades: Grade[] = [Rating.Good, Rating.Good, Rating.Again, Rating.Hard, Rating.Easy, Rating.Good];
  items.forEach((item, i) => {
    let when = AT.getTime() - (120 - (i % 90)) * DAY;
    let card = applyReview(scheduler, undefined, Rating.Good, new Date(when));
    for (let r = 0; r < i % 6; r++) {
      when = Math.min(card.due, AT.getTime() - 60_000);
      card = applyReview(scheduler, card, grades[(i + r) % grades.length] ?? Rating.Good, new Date(when));
    }
    cards.set(item.id, card);
  });
  return cards;
}

function shardsOf(cards: CardMap): Record<string, unknown>[] {
  const shards: Record<string, unknown>[] = Array.from({ length: CARD_SHARDS }, () => ({}));
  for (const [itemId, card] of cards) {
    const shard = shards[shardOf(itemId)];
    if (shard) shard[itemId] = toTuple(card);
  }
  return shards;
}

function stats(samples: number[]): { p50: number; p99: number } {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN;
  return { p50: at(0.5), p99: at(0.99) };
}

interface Timing {
  wall: { p50: number; p99: number };
  /** Process CPU time: what the work costs when other processes compete for the 2 cores. */
  cpu: { p50: number; p99: number };
}

async function time(runs: number, fn: () => unknown): Promise<Timing> {
  for (let i = 0; i < 3; i++) await fn(); // warm-up
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    await fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

const rows: [string, string, string][] = [];
const pair = (s: { p50: number; p99: number }) => `${s.p50.toFixed(1)} / ${s.p99.toFixed(1)} ms`;
const fmt = (t: Timing) => `${pair(t.wall)} | ${pair(t.cpu)}`;

const cards = memberCards(items);
const dueNow = dueFrom(cards, AT, { existingItemIds: bankIds, limit: 1000 }).length;
rows.push([
  'memory',
  `due list (limit 25) + summary, ${CARDS.toLocaleString('en')} cards (${dueNow.toLocaleString('en')}+ due)`,
  fmt(
    await time(100, () => {
      dueFrom(cards, AT, { existingItemIds: bankIds });
      summarize(scheduler, cards, AT, items, 'Europe/Berlin');
    }),
  ),
]);

async function onStore(name: string, url: string, namespace: string): Promise<void> {
  const keyv = await openKeyv(url, { namespace });
  try {
    await keyv.clear();
    const shards = shardsOf(cards);
    for (const [shard, value] of shards.entries()) {
      await keyv.set(cardShardKey(GUILD, USER, shard), encodeShard(value));
    }
    const cold = createCardStore(keyv, new GuildQueue(), { cache: false });
    const store = createCardStore(keyv, new GuildQueue());
    rows.push([
      name,
      'overview, cold (cache off: one read of 32 shards)',
      fmt(await time(RUNS, () => cold.overview(GUILD, USER, AT, items, { timeZone: 'Europe/Berlin' }))),
    ]);
    rows.push([
      name,
      'read all cards, cold (32 shards of text, chosen)',
      fmt(await time(RUNS, () => cold.cards(GUILD, USER))),
    ]);
    rows.push([
      name,
      'dueCards + summary, two calls (two reads)',
      fmt(
        await time(RUNS, async () => {
          await store.dueCards(GUILD, USER, AT, { existingItemIds: bankIds });
          await store.summary(GUILD, USER, AT, items, { timeZone: 'Europe/Berlin' });
        }),
      ),
    ]);
    rows.push([
      name,
      'overview (due list + summary), cached',
      fmt(await time(RUNS, () => store.overview(GUILD, USER, AT, items, { timeZone: 'Europe/Berlin' }))),
    ]);
    rows.push([
      name,
      'read all cards, cached (a copy of each card)',
      fmt(await time(RUNS, () => store.cards(GUILD, USER))),
    ]);
    let n = 0;
    rows.push([
      name,
      'review one card (read + write one shard, cache updated)',
      fmt(await time(RUNS, () => store.review(GUILD, USER, items[n++ % CARDS]?.id ?? 'x', Rating.Good, AT))),
    ]);
    await rejectedLayouts(name, keyv, shards);
  } finally {
    await keyv.clear();
    await closeKeyv(keyv);
  }
}

/** The rejected layouts, for the record: one value per member, and cards as nested JSON objects. */
async function rejectedLayouts(name: string, keyv: Keyv, shards: Record<string, unknown>[]): Promise<void> {
  const all = Object.assign({}, ...shards) as Record<string, unknown>;
  const rewrite = (key: string) => async () => keyv.set(key, await keyv.get(key));
  const single = `v1:bench:single:${USER}`;
  await keyv.set(single, encodeShard(all));
  rows.push([
    name,
    'review one card, one value per member as text (rejected)',
    fmt(await time(RUNS, rewrite(single))),
  ]);
  const nested = `v1:bench:nested:${USER}`;
  await keyv.set(nested, { v: 1, cards: all });
  rows.push([
    name,
    'review one card, one value of nested objects (rejected)',
    fmt(await time(RUNS, rewrite(nested))),
  ]);
  const nestedShards = shards.map((_, shard) => `v1:bench:nested:${USER}:${shard}`);
  for (const [shard, key] of nestedShards.entries()) await keyv.set(key, { v: 1, cards: shards[shard] });
  rows.push([
    name,
    'read all cards, 32 shards of nested objects (rejected)',
    fmt(
      await time(RUNS, async () => {
        const values = await keyv.getMany(nestedShards);
        if (values.some((value) => value === undefined)) throw new Error('a nested shard was not read back');
      }),
    ),
  ]);
}

/**
 * The `/review` command's path from the store to the message: settings, one read of the member's cards
 * (due list + summary), the scores record (weakest topic), planning the session and writing it, rendering;
 * and the end-of-session summary (`reviewProgress` + rendering). Only Discord's round trip is left out.
 */
async function handlerPath(name: string, url: string, namespace: string, bank: Bank): Promise<void> {
  const keyv = await openKeyv(url, { namespace });
  const store = createStore(keyv);
  const coldStore = { ...store, cards: createCardStore(keyv, store.queue, { cache: false }) };
  try {
    await keyv.clear();
    for (const [shard, value] of shardsOf(memberCards(bank.items)).entries()) {
      await keyv.set(cardShardKey(GUILD, USER, shard), encodeShard(value));
    }
    for (const [i, item] of bank.items.slice(0, 200).entries()) {
      await store.scores.recordAnswer(GUILD, {
        userId: USER,
        itemId: item.id,
        topics: [...item.tags],
        correct: i % 3 !== 0,
        points: 10,
        kind: 'quiz',
        at: new Date(AT.getTime() - DAY),
        timeZone: 'UTC',
      });
    }
    const deps: SoloDeps = { store, bank, clock: new ManualClock(AT), cooldown: new Cooldown(1_000) };
    const coldDeps: SoloDeps = { ...deps, store: coldStore };
    let n = 0;
    let started = await startReview(deps, { guildId: GUILD, userId: USER, id: 'bench', seed: 1 });
    const asked = started.kind === 'session' ? started.view.session.questions.length : 0;
    for (const [label, using] of [
      ['cold', coldDeps],
      ['cached', deps],
    ] as const) {
      rows.push([
        name,
        `/review start, ${label}: ${asked} due cards asked, message rendered`,
        fmt(
          await time(RUNS, async () => {
            n++;
            started = await startReview(using, { guildId: GUILD, userId: USER, id: `bench${n}`, seed: n });
            reviewStartMessage(started);
          }),
        ),
      ]);
    }
    if (started.kind !== 'session') throw new Error('the bench member should have due cards');
    const { session } = started.view;
    const ended = { ...session, answers: [], endedAt: AT.getTime() };
    const view = {
      kind: 'summary' as const,
      session: ended,
      summary: summarizeSession(ended, AT.getTime()),
      missed: [],
    };
    for (const [label, using] of [
      ['cold', coldDeps],
      ['cached', deps],
    ] as const) {
      rows.push([
        name,
        `/review end of session, ${label}: next due, due tomorrow, weakest topic, rendered`,
        fmt(
          await time(RUNS, async () => {
            reviewSummaryMessage(view, await reviewProgress(using, { guildId: GUILD, userId: USER }));
          }),
        ),
      ]);
    }
  } finally {
    await keyv.clear();
    await store.close();
  }
}

/** Heap bytes per cached card: one member's 10,000 cards decoded into the cache, measured after GC. */
async function cacheBytesPerCard(url: string): Promise<number | undefined> {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  const keyv = await openKeyv(url, { namespace: 'bench-memory' });
  try {
    for (const [shard, value] of shardsOf(cards).entries()) {
      await keyv.set(cardShardKey(GUILD, USER, shard), encodeShard(value));
    }
    const store = createCardStore(keyv, new GuildQueue()) as KeyvCardStore;
    gc();
    const before = process.memoryUsage().heapUsed;
    await store.overview(GUILD, USER, AT, [], {}); // fills the cache, keeps nothing else
    gc();
    const held = store.cacheSize?.cards;
    return held ? (process.memoryUsage().heapUsed - before) / held : undefined;
  } finally {
    await keyv.clear();
    await closeKeyv(keyv);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-review-'));
try {
  await onStore('SQLite', `sqlite://${join(dir, 'bench.sqlite')}`, 'bench');
  if (process.env.REDIS_URL) await onStore('Redis', process.env.REDIS_URL, `bench-review-${process.pid}`);
  bytesPerCard = await cacheBytesPerCard(`sqlite://${join(dir, 'memory.sqlite')}`);
  const notes = join(dir, 'notes');
  mkdirSync(notes);
  writeCorpus(notes, NOTES);
  const bank = await loadBank(notes);
  bankItems = bank.items.length;
  await handlerPath('SQLite', `sqlite://${join(dir, 'handler.sqlite')}`, 'bench', bank);
  if (process.env.REDIS_URL) {
    await handlerPath('Redis', process.env.REDIS_URL, `bench-review-handler-${process.pid}`, bank);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

console.log(
  `one member, ${CARDS.toLocaleString('en')} cards over 40 topics; p50 / p99 of ${RUNS}–100 runs\n`,
);
console.log(
  `/review rows: a bank of ${bankItems.toLocaleString('en')} items (${NOTES} notes), a card for each\n`,
);
if (bytesPerCard !== undefined) console.log(`card cache: ${bytesPerCard.toFixed(0)} heap bytes per card\n`);
console.log(
  `load average at the start: ${loadAtStart}; at the end: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}\n`,
);
console.log('| store | operation | wall p50 / p99 | CPU p50 / p99 |');
console.log('|---|---|---|---|');
for (const [store, op, value] of rows) console.log(`| ${store} | ${op} | ${value} |`);
