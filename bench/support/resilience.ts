/**
 * Issue 19's figures: acknowledgement latency (dispatch → the bot's first callback, as the fake Discord
 * receives it) while a 2,000-note live reload runs and while the store is stalled 4 s, the longest
 * event-loop stall during the reload (perf_hooks.monitorEventLoopDelay), and the first `/quiz` after a
 * start at 2,000 notes. Used by bench/interactions.ts.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { liveReloadHook } from '../../src/notes/live-reload.ts';
import { type Harness, startHarness } from '../../test/e2e/helpers.ts';
import { stallableStore } from '../../test/e2e/store-stall.ts';
import type { FakeMessage, InteractionHandle } from '../../test/fake-discord/index.ts';
import { writeCorpus } from '../corpus.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const NOTES = Number(process.env.BENCH_NOTES ?? 2_000);
const STALL_MS = 4_000;
/** One interaction every this many ms while a scenario runs (20/s). */
const PACE_MS = 50;

const sleep = (ms: number) => new Promise((done) => setTimeout(done, Math.max(0, ms)));
const member = (n: number) => ({ id: String(420000000000000000n + BigInt(n)), username: `m${n}` });

interface Sent {
  handle: InteractionHandle;
  sentAt: number;
  /** What was sent: fact, quiz, leaderboard, answer. */
  kind?: string;
}

/** A row of the results table. */
export interface ResilienceRow {
  scenario: string;
  interactions: number;
  p50: number;
  p99: number;
  max: number;
  /** Interactions whose first callback was refused or never came (Discord's 10062). */
  lost: number;
  note: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** Dispatch → first callback, per interaction, from the fake's request log. */
function ackLatencies(harness: Harness, sent: Sent[]): number[] {
  const first = new Map<string, number>();
  for (const request of harness.fake.requests) {
    const match = /^\/interactions\/(\d+)\/:token\/callback/.exec(request.path);
    if (match?.[1] && !first.has(match[1])) first.set(match[1], request.at);
  }
  return sent
    .map(({ handle, sentAt }) => (first.get(handle.id) ?? Number.POSITIVE_INFINITY) - sentAt)
    .sort((a, b) => a - b);
}

async function settle(sent: Sent[]): Promise<number> {
  let lost = 0;
  for (const { handle } of sent) {
    await handle.response({ timeoutMs: 30_000 }).catch(() => undefined);
    if (handle.rejections.length > 0) lost += 1;
  }
  return lost;
}

/** The slowest ack per kind of interaction, e.g. `answer 1002, quiz 1003`. */
function slowestByKind(harness: Harness, sent: Sent[]): string {
  const kinds = [...new Set(sent.map((s) => s.kind ?? '?'))];
  return kinds
    .map((kind) => {
      const ms = ackLatencies(
        harness,
        sent.filter((s) => (s.kind ?? '?') === kind),
      );
      return `${kind} ${Math.round(ms[ms.length - 1] ?? Number.NaN)}`;
    })
    .join(', ');
}

function rowOf(scenario: string, harness: Harness, sent: Sent[], lost: number, note: string): ResilienceRow {
  const ms = ackLatencies(harness, sent);
  lost += ms.filter((v) => !Number.isFinite(v)).length;
  return {
    scenario,
    interactions: ms.length,
    p50: Math.round(percentile(ms, 50)),
    p99: Math.round(percentile(ms, 99)),
    max: Math.round(ms[ms.length - 1] ?? Number.NaN),
    lost,
    note,
  };
}

/** Answers a quiz question with its first option: a button, or a "Choose two" select menu. */
function answerAny(harness: Harness, message: FakeMessage, user: ReturnType<typeof member>) {
  const components = message.components.flatMap(
    (row) =>
      (row as { components?: Record<string, unknown>[] }).components ?? [row as Record<string, unknown>],
  );
  const button = components.find((c) => c.type === 2 && /:\d+:\d+$/.test(String(c.custom_id)));
  if (button) return harness.fake.click({ message, customId: String(button.custom_id), user });
  const select = components.find((c) => c.type === 3) as
    | { custom_id: string; min_values?: number; options: { value: string }[] }
    | undefined;
  if (!select) return undefined; // a typed question: answered through a form, not benched here
  const values = select.options.slice(0, select.min_values ?? 1).map((o) => o.value);
  return harness.fake.select({ message, customId: select.custom_id, values, user });
}

/** /fact, /quiz, /leaderboard and answers, one every PACE_MS, until `until()` says stop. */
async function paced(harness: Harness, until: () => boolean, questions: FakeMessage[]): Promise<Sent[]> {
  const sent: Sent[] = [];
  let i = 0;
  let answered = 0; // questions[n] is member n's
  while (!until()) {
    const at = Date.now();
    const kind = i % 4;
    let handle: InteractionHandle | undefined;
    if (kind === 0) handle = await harness.fake.slash({ name: 'fact', options: { query: 'region' } });
    else if (kind === 1) handle = await harness.fake.slash({ name: 'quiz', user: member(1_000 + i) });
    else if (kind === 2) handle = await harness.fake.slash({ name: 'leaderboard' });
    else {
      const message = questions[answered];
      handle = message ? await answerAny(harness, message, member(answered)) : undefined;
      answered += 1;
    }
    if (handle)
      sent.push({ handle, sentAt: at, kind: ['fact', 'quiz', 'leaderboard', 'answer'][kind] as string });
    i += 1;
    await sleep(at + PACE_MS - Date.now());
  }
  return sent;
}

async function questionsFor(harness: Harness, count: number): Promise<FakeMessage[]> {
  const out: FakeMessage[] = [];
  for (let n = 0; n < count; n++) {
    const start = await harness.fake.slash({ name: 'quiz', user: member(n), options: { questions: 3 } });
    out.push(await start.reply({ timeoutMs: 30_000 }));
  }
  return out;
}

/** Start at NOTES notes, then the first /quiz: its first callback and its question, from dispatch. */
async function firstQuiz(rows: ResilienceRow[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-first-'));
  cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
  writeCorpus(join(dataDir, 'corpus'), NOTES);
  const startAt = performance.now();
  const harness = await startHarness({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'warn', BANK_CACHE_DIR: 'off' },
  });
  const readyMs = performance.now() - startAt;
  try {
    const sentAt = Date.now();
    const handle = await harness.fake.slash({ name: 'quiz', user: member(1) });
    await handle.reply({ timeoutMs: 30_000 });
    const shownMs = Date.now() - sentAt;
    const sent = [{ handle, sentAt }];
    const row = rowOf(`first /quiz after start, ${NOTES} notes`, harness, sent, await settle(sent), '');
    const type = (await handle.response()).type;
    row.note = `first callback type ${type} (4 = the question itself); question shown ${shownMs} ms after dispatch; start → ready ${(readyMs / 1000).toFixed(1)} s, no parse cache`;
    rows.push(row);
  } finally {
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A live reload of NOTES new notes while interactions arrive; the longest event-loop stall meanwhile. */
async function duringReload(rows: ResilienceRow[]): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-reload-'));
  cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
  const harness = await startHarness({
    env: { DATA_DIR: dataDir, LOG_LEVEL: 'info', BANK_CACHE_DIR: 'off' },
    start: { onReady: [liveReloadHook({ debounceMs: 100 })] },
  });
  try {
    const questions = await questionsFor(harness, 40);
    const before = harness.bot.ctx.bank.current.notes.length;
    const loop = monitorEventLoopDelay({ resolution: 5 });
    writeCorpus(join(dataDir, 'corpus'), NOTES);
    loop.enable();
    const startedAt = performance.now();
    // Interactions go on 2 s past the swap: the first questions from the new bank are measured too.
    let swappedAt: number | undefined;
    const sent = await paced(
      harness,
      () => {
        if (swappedAt === undefined && harness.bot.ctx.bank.current.notes.length >= before + NOTES)
          swappedAt = performance.now();
        return swappedAt !== undefined && performance.now() - swappedAt > 2_000;
      },
      questions,
    );
    const reloadMs = (swappedAt ?? performance.now()) - startedAt;
    loop.disable();
    const row = rowOf(`during a ${NOTES}-note live reload`, harness, sent, await settle(sent), '');
    row.note = `slowest ack by kind (ms): ${slowestByKind(harness, sent)}; reload ${(reloadMs / 1000).toFixed(1)} s; event loop: longest stall ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`;
    rows.push(row);
  } finally {
    await harness.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The whole store stalled STALL_MS while interactions arrive. */
async function duringStall(rows: ResilienceRow[]): Promise<void> {
  const store = stallableStore();
  const harness = await startHarness({
    env: { LOG_LEVEL: 'warn' },
    start: { wrapStoreAdapter: store.wrapStoreAdapter },
  });
  try {
    const questions = await questionsFor(harness, 40);
    const stall = store.stall();
    const end = Date.now() + STALL_MS;
    const sent = await paced(harness, () => Date.now() >= end, questions);
    await stall.release();
    const row = rowOf(`store stalled ${STALL_MS / 1000} s`, harness, sent, await settle(sent), '');
    row.note = `${stall.held} store calls held back; slowest ack by kind (ms): ${slowestByKind(harness, sent)}`;
    rows.push(row);
  } finally {
    await harness.close();
  }
}

/** Runs the three scenarios; returns their rows (prints nothing). */
export async function runResilience(): Promise<ResilienceRow[]> {
  const rows: ResilienceRow[] = [];
  // BENCH_SCENARIOS=first,stall,reload (default all) to run some only.
  const wanted = (process.env.BENCH_SCENARIOS ?? 'first,stall,reload').split(',');
  const all = { first: firstQuiz, stall: duringStall, reload: duringReload };
  for (const [name, scenario] of Object.entries(all)) {
    if (!wanted.includes(name)) continue;
    await scenario(rows);
    console.log(JSON.stringify(rows.at(-1)));
  }
  return rows;
}

/** The rows as a Markdown table, with the machine's load. */
export function resilienceTable(rows: ResilienceRow[]): string {
  const lines = [
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')}`,
    '| scenario | interactions | ack p50 ms | ack p99 ms | ack max ms | lost (10062) | notes |',
    '|---|---:|---:|---:|---:|---:|---|',
    ...rows.map(
      (r) => `| ${r.scenario} | ${r.interactions} | ${r.p50} | ${r.p99} | ${r.max} | ${r.lost} | ${r.note} |`,
    ),
  ];
  return lines.join('\n');
}
