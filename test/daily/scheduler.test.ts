import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Keyv from 'keyv';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildBank, parseNote } from '../../src/bank/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { type ClaimRecord, claimPost, settleBackend } from '../../src/daily/claims.ts';
import { type DailyDeps, DEFAULT_LIMITS } from '../../src/daily/posting.ts';
import { runTick } from '../../src/daily/scheduler.ts';
import { DailyStateStore } from '../../src/daily/state.ts';
import { type DailyChannel, type DailyPostView, PostFailure, pacedChannel } from '../../src/daily/view.ts';
import { createStore, openKeyv, type Store } from '../../src/store/index.ts';

const GUILDS = ['900000000000000001', '900000000000000002'];
const NOTE = `# AMI\n\n> [!question] Are AMIs region-specific?\n> ==Yes==. They are built for one region.\n\n| Feature | Value |\n| --- | --- |\n| Region | ==one region== |\n| Storage | ==EBS snapshots== |\n| Boot | ==root volume== |\n`;

/** A channel that records posts, and refuses those for `refuse`d channels. */
function recordingChannel(refuse = new Set<string>()) {
  const posts: { channelId: string; view: DailyPostView }[] = [];
  const channel: DailyChannel = {
    async post(channelId, view) {
      if (refuse.has(channelId)) throw new PostFailure('access', 'Missing Permissions', 50013);
      posts.push({ channelId, view });
      return String(posts.length);
    },
    async edit() {},
  };
  return { channel, posts };
}

async function setup(clock: ManualClock, channel: DailyChannel) {
  const keyv = new Keyv();
  const store = createStore(keyv);
  const bank = buildBank([parseNote('aws/ami.md', NOTE)]);
  const deps: DailyDeps = {
    settings: store.settings,
    scores: store.scores,
    queue: store.queue,
    state: new DailyStateStore(keyv),
    claims: settleBackend(keyv, 0),
    bank: { current: bank },
    clock,
    log: pino({ level: 'silent' }),
    channel,
    limits: DEFAULT_LIMITS,
  };
  for (const [i, guildId] of GUILDS.entries()) {
    await store.settings.set(guildId, {
      timeZone: 'UTC',
      daily: { channelId: String(800 + i), time: '08:00', timeZone: 'UTC', enabled: true },
    });
  }
  return { deps, store };
}

const host = (ready = true) => ({ isReady: () => ready, serves: () => true });

describe('daily scheduler tick', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('does nothing while the client is not ready', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const { channel, posts } = recordingChannel();
    const setupResult = await setup(clock, channel);
    store = setupResult.store;
    const report = await runTick(setupResult.deps, host(false));
    expect(report.skipped).toBe('not ready');
    expect(posts).toHaveLength(0);
  });

  it('posts each due guild once however many ticks run in the minute', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const { channel, posts } = recordingChannel();
    const setupResult = await setup(clock, channel);
    store = setupResult.store;
    await Promise.all([runTick(setupResult.deps, host()), runTick(setupResult.deps, host())]);
    await runTick(setupResult.deps, host());
    expect(posts.map((p) => p.channelId).sort()).toEqual(['800', '801']);
  });

  it('only posts for guilds this process serves', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const { channel, posts } = recordingChannel();
    const setupResult = await setup(clock, channel);
    store = setupResult.store;
    await runTick(setupResult.deps, { isReady: () => true, serves: (id) => id === GUILDS[1] });
    expect(posts.map((p) => p.channelId)).toEqual(['801']);
  });

  it('one guild that cannot be posted to does not stop the others', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const { channel, posts } = recordingChannel(new Set(['800']));
    const setupResult = await setup(clock, channel);
    store = setupResult.store;
    const report = await runTick(setupResult.deps, host());
    expect(posts.map((p) => p.channelId)).toEqual(['801']);
    expect(report.results.find((r) => r.guildId === GUILDS[0])?.result.kind).toBe('failed');
  });

  it('does not repeat a question until the topic has been asked through', async () => {
    const clock = new ManualClock('2026-11-23T08:00:00Z');
    const { channel, posts } = recordingChannel();
    const setupResult = await setup(clock, channel);
    store = setupResult.store;
    const asked: string[] = [];
    for (let day = 0; day < 4; day++) {
      await runTick(setupResult.deps, { isReady: () => true, serves: (id) => id === GUILDS[0] });
      const state = await setupResult.deps.state.getState(GUILDS[0] as string);
      const post = await setupResult.deps.state.getPost(GUILDS[0] as string, state.lastPostedLocalDate ?? '');
      asked.push(post?.question.itemId ?? '');
      clock.advance(24 * 3_600_000);
    }
    expect(posts).toHaveLength(4);
    expect(new Set(asked).size).toBe(4);
  });
});

describe('claims on plain keyv (settle and read back)', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('lets exactly one of two connections to one SQLite file win a claim', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'flashcord-claims-'));
    dirs.push(dir);
    const url = `sqlite://${join(dir, 'store.sqlite')}`;
    const [a, b] = [await openKeyv(url), await openKeyv(url)];
    const claim = (token: string): ClaimRecord => ({ token, state: 'claimed', at: 0 });
    const outcomes = await Promise.all([
      claimPost(settleBackend(a, 100), 'v1:guild:1:daily:claim:2026-11-23', claim('a'), 60_000),
      claimPost(settleBackend(b, 100), 'v1:guild:1:daily:claim:2026-11-23', claim('b'), 60_000),
    ]);
    expect(outcomes.filter((o) => o.kind === 'won')).toHaveLength(1);
    await Promise.all([a.disconnect(), b.disconnect()]);
  });

  it('resends a stale claim once', async () => {
    const backend = settleBackend(new Keyv(), 0);
    const key = 'v1:guild:1:daily:claim:2026-11-23';
    await claimPost(backend, key, { token: 'dead', state: 'claimed', at: 0 }, 60_000);
    const first = await claimPost(backend, key, { token: 'x', state: 'claimed', at: 120_000 }, 60_000);
    const second = await claimPost(backend, key, { token: 'y', state: 'claimed', at: 180_000 }, 60_000);
    expect([first.kind, second.kind]).toEqual(['resend', 'held']);
  });
});

describe('pacedChannel', () => {
  it('starts at most `perSecond` requests in any second', async () => {
    let now = 0;
    const started: number[] = [];
    const inner: DailyChannel = {
      post: async () => {
        started.push(now);
        return 'm';
      },
      edit: async () => {},
    };
    const paced = pacedChannel(
      inner,
      50,
      () => now,
      async (ms) => {
        now += ms;
      },
    );
    const view = {
      localDate: '2026-11-23',
      question: { itemId: 'i1', type: 'typed', prompt: 'p' },
      answers: 0,
    } as const;
    for (let i = 0; i < 200; i++) await paced.post('1', view);
    for (let i = 0; i + 50 < started.length; i++) {
      expect((started[i + 50] as number) - (started[i] as number)).toBeGreaterThanOrEqual(1000);
    }
  });
});
