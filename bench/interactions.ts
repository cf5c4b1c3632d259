/**
 * Answer-button interactions through the fake Discord and the real bot: latency from dispatch to
 * the bot's callback (as the fake receives it) at a steady 200 answers/s (each member answers once,
 * so nobody hits the cooldown), and throughput of a burst of 200 answers sent at the same instant.
 * Button answers only (typed answers go through a form). SQLite always, Redis too when REDIS_URL is set.
 * Also issue 19's scenarios (bench/support/resilience.ts): acks during a reload and a store stall, first /quiz.
 * Run: npx tsx bench/interactions.ts   (BENCH_INTERACTIONS=resilience|answers for one part; BENCH_MEMBERS, BENCH_RATE, BENCH_BURST to change the load;
 * BENCH_PROFILE=1 adds where an answer's time goes: queue waits and runs per lane, session reads and writes)
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Context } from '../src/discord/command.ts';
import { type Harness, startHarness } from '../test/e2e/helpers.ts';
import type { FakeMessage, InteractionHandle } from '../test/fake-discord/index.ts';
import { resilienceTable, runResilience } from './support/resilience.ts';

const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 1_000);
const RATE = Number(process.env.BENCH_RATE ?? 200);
/** Answers sent at the same instant in the burst phase. */
const BURST = Number(process.env.BENCH_BURST ?? 200);
/** Members started or advanced at once while setting up (not measured). */
const SETUP_CONCURRENCY = 50;
const PROFILE = process.env.BENCH_PROFILE === '1';

interface Row {
  store: string;
  phase: string;
  answers: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Callbacks refused for arriving after the 3 s deadline. */
  late: number;
}

interface Player {
  user: { id: string; username: string };
  message: FakeMessage;
}

/** Durations (ms) per measured step, for the profile table. */
type Profile = Map<string, number[]>;

/**
 * Times the store calls of an answer from outside, without touching the bot's code: the queue's
 * `run` (time waiting for the lane, time running in it, by lane kind) and session reads and writes.
 */
function profileStore(ctx: Context, profile: Profile): void {
  const note = (step: string, ms: number) => {
    const list = profile.get(step) ?? [];
    if (list.length === 0) profile.set(step, list);
    list.push(ms);
  };
  // Lanes are named by ids (`<guild>`, `quiz-member:<guild>:<user>`…): group them by their shape.
  const laneKind = (lane: string) => `lane ${lane.replace(/\d{5,}/g, '#')}`;
  const queue = ctx.store.queue;
  const run = queue.run.bind(queue);
  // Replacing the method on this one instance is the least intrusive hook into the store's own queue.
  queue.run = <T>(lane: string, fn: () => Promise<T> | T): Promise<T> => {
    const calledAt = performance.now();
    return run(lane, async () => {
      const startedAt = performance.now();
      note(`${laneKind(lane)}: wait`, startedAt - calledAt);
      try {
        return await fn();
      } finally {
        note(`${laneKind(lane)}: run`, performance.now() - startedAt);
      }
    });
  };
  const sessions = ctx.store.sessions;
  const timed =
    <A extends unknown[], R>(step: string, fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const at = performance.now();
      try {
        return await fn(...args);
      } finally {
        note(step, performance.now() - at);
      }
    };
  ctx.store = {
    ...ctx.store,
    sessions: {
      get: timed('session get', sessions.get.bind(sessions)) as typeof sessions.get,
      put: timed('session put', sessions.put.bind(sessions)),
      delete: sessions.delete.bind(sessions),
    },
  };
}

function printProfile(store: string, profile: Profile): void {
  console.log(`\n${store}: where the time goes (ms)`);
  console.log('| step | count | p50 | p99 | max |');
  console.log('|---|---|---|---|---|');
  for (const [step, values] of [...profile].sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...values].sort((a, b) => a - b);
    const fmt = (v: number) => v.toFixed(1);
    console.log(
      `| ${step} | ${sorted.length} | ${fmt(percentile(sorted, 50))} | ${fmt(percentile(sorted, 99))} | ${fmt(sorted[sorted.length - 1] ?? 0)} |`,
    );
  }
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));

async function inBatches<T>(values: T[], size: number, run: (value: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < values.length; i += size) await Promise.all(values.slice(i, i + size).map(run));
}

function buttons(message: FakeMessage): string[] {
  return message.components.flatMap((row) =>
    ((row as { components?: { custom_id: string }[] }).components ?? []).map((b) => b.custom_id),
  );
}

/** True when the member's current question is answered with a button (not a typed answer's form). */
function hasAnswerButtons(player: Player): boolean {
  return buttons(player.message).some((id) => /:\d+:\d+$/.test(id));
}

/** Clicks the first option of `player`'s current question; resolves to its handle and dispatch time. */
async function answer(
  harness: Harness,
  player: Player,
): Promise<{ handle: InteractionHandle; sentAt: number }> {
  const option = buttons(player.message).find((id) => /:\d+:\d+$/.test(id)) ?? '';
  const sentAt = Date.now();
  const handle = await harness.fake.click({ message: player.message, customId: option, user: player.user });
  return { handle, sentAt };
}

/** Dispatch → callback received by the fake, in ms, for every handle; the fake logs when each arrived. */
function latencies(harness: Harness, sent: { handle: InteractionHandle; sentAt: number }[]): number[] {
  const arrived = new Map<string, number>();
  for (const request of harness.fake.requests) {
    const match = /^\/interactions\/(\d+)\/:token\/callback/.exec(request.path);
    if (match?.[1]) arrived.set(match[1], request.at);
  }
  return sent
    .map(({ handle, sentAt }) => (arrived.get(handle.id) ?? Number.POSITIVE_INFINITY) - sentAt)
    .sort((a, b) => a - b);
}

function row(store: string, phase: string, ms: number[], elapsedMs: number): Row {
  const late = ms.filter((value) => !Number.isFinite(value) || value > 3_000).length;
  return {
    late,
    store,
    phase,
    answers: ms.length,
    perSecond: Math.round((ms.length / elapsedMs) * 1000),
    p50: percentile(ms, 50),
    p99: percentile(ms, 99),
    max: ms[ms.length - 1] ?? Number.NaN,
  };
}

async function run(store: string, env: Record<string, string>): Promise<Row[]> {
  const profile: Profile = new Map();
  const harness = await startHarness({
    env: { LOG_LEVEL: 'warn', ...env },
    fake: { rateLimitPerSecond: 100_000 },
    ...(PROFILE ? { start: { extendContext: (ctx: Context) => profileStore(ctx, profile) } } : {}),
  });
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  try {
    const guildId = harness.fake.guild().id;
    const players: Player[] = [];
    for (let i = 0; i < MEMBERS; i++) {
      const user = { id: `6${String(i).padStart(17, '0')}`, username: `member${i}` };
      harness.fake.member(guildId, user);
      players.push({ user, message: undefined as unknown as FakeMessage });
    }
    await inBatches(players, SETUP_CONCURRENCY, async (player) => {
      const ix = await harness.fake.slash({
        name: 'quiz',
        user: player.user,
        options: { topic: 'ami', questions: 5 },
      });
      player.message = await ix.reply({ timeoutMs: 30_000 });
    });

    // Steady load: one answer every 1000/RATE ms, each member once (so no one hits the cooldown).
    const paced: { handle: InteractionHandle; sentAt: number }[] = [];
    const pending: Promise<unknown>[] = [];
    profile.clear(); // setup (quiz starts) is not measured
    loopDelay.enable();
    const startedAt = performance.now();
    for (const [i, player] of players.filter(hasAnswerButtons).entries()) {
      await sleep(startedAt + (i * 1000) / RATE - performance.now());
      pending.push(
        answer(harness, player).then(async (sent) => {
          paced.push(sent);
          // A callback past Discord's 3 s deadline is refused; it counts as late, the run goes on.
          player.message = await sent.handle.reply({ timeoutMs: 30_000 }).catch(() => player.message);
        }),
      );
    }
    await Promise.all(pending);
    const pacedMs = performance.now() - startedAt;
    loopDelay.disable();
    const rows = [row(store, `steady ${RATE}/s`, latencies(harness, paced), pacedMs)];
    console.log(
      `${store} steady: event-loop delay p50 ${(loopDelay.percentile(50) / 1e6).toFixed(1)} ms, p99 ${(loopDelay.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    if (PROFILE) printProfile(`${store} steady`, profile);

    // Everyone to their next question (not measured), then all answer at once.
    await sleep(1_100); // past the answer cooldown
    await inBatches(players, SETUP_CONCURRENCY, async (player) => {
      const next = buttons(player.message).find((id) => id.endsWith(':next')) ?? '';
      if (!next) return; // its answer was refused (late): it still shows the question
      player.message = await (
        await harness.fake.click({ message: player.message, customId: next, user: player.user })
      ).reply();
    });
    const bursting = players.filter(hasAnswerButtons).slice(0, BURST);
    const burstAt = performance.now();
    const burst = await Promise.all(bursting.map((player) => answer(harness, player)));
    await Promise.all(burst.map(({ handle }) => handle.response({ timeoutMs: 60_000 }).catch(() => null)));
    rows.push(row(store, `burst of ${burst.length}`, latencies(harness, burst), performance.now() - burstAt));
    if (harness.fake.violations.length > 0) console.log('violations:', harness.fake.violations.slice(0, 3));
    return rows;
  } finally {
    await harness.close();
  }
}

async function main(): Promise<void> {
  // BENCH_INTERACTIONS=resilience runs only issue 19's scenarios, =answers only the answer load.
  const which = process.env.BENCH_INTERACTIONS ?? 'all';
  if (which !== 'answers') {
    console.log('\nIssue 19: acknowledgements under a reload and a stalled store, first /quiz');
    console.log(resilienceTable(await runResilience()));
    if (which === 'resilience') return;
  }
  const rows = await run('SQLite', {});
  if (process.env.REDIS_URL) rows.push(...(await run('Redis', { STORE_URL: process.env.REDIS_URL })));
  else console.log('(set REDIS_URL=redis://127.0.0.1:6379 for the Redis rows)');
  console.log('| store | phase | answers | answers/s | p50 ms | p99 ms | max ms | late (> 3 s) |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.store} | ${r.phase} | ${r.answers} | ${r.perSecond} | ${r.p50} | ${r.p99} | ${r.max} | ${r.late} |`,
    );
  }
}

await main();
