import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { AnswerInput } from '../../src/scoring/member.ts';
import { STORE_UNAVAILABLE, type Store, StoreError } from '../../src/store/index.ts';
import { REDIS, type Requirement, requirement } from '../support/requirements.ts';
import { type Backend, makeBackend } from './backends.ts';
import { always, type FlakyAdapter } from './helpers.ts';

const GUILD = '100000000000000001';
const HOUR = 3_600_000;

function answer(over: Partial<AnswerInput> & { userId: string }): AnswerInput {
  return {
    itemId: 'ami-region',
    topics: ['aws'],
    correct: true,
    points: 10,
    kind: 'quiz',
    at: new Date('2026-11-27T12:00:00Z'),
    timeZone: 'UTC',
    ...over,
  };
}

const backends: ['sqlite' | 'redis', Requirement][] = [
  ['sqlite', requirement(true, '')],
  ['redis', REDIS],
];

for (const [kind, needs] of backends) {
  describe.skipIf(!needs.met)(needs.title(`ScoreStore on ${kind}`), () => {
    let backend: Backend;
    let store: Store;
    let flaky: FlakyAdapter;

    beforeEach(async () => {
      backend = makeBackend(kind);
      ({ store, flaky } = await backend.open());
    });
    afterEach(async () => {
      await backend.cleanup();
    });

    it('gives exactly the right totals for 1,000 answers from 200 members sent at once', async () => {
      const answers = Array.from({ length: 1000 }, (_, i) =>
        answer({
          userId: `u${i % 200}`,
          itemId: `item-${Math.floor(i / 200)}`,
          points: 10 + (i % 200 === 0 ? 5 : 0),
        }),
      );
      const results = await Promise.all(answers.map((a) => store.scores.recordAnswer(GUILD, a)));
      expect(results.reduce((sum, r) => sum + r.awarded, 0)).toBe(1000 * 10 + 5 * 5);
      for (const userId of ['u0', 'u1', 'u199']) {
        const member = await store.scores.getMember(GUILD, userId);
        expect(member?.answers).toBe(5);
        expect(member?.periods.all?.points).toBe(userId === 'u0' ? 75 : 50);
      }
      const board = await store.scores.leaderboard(GUILD, 'all', new Date('2026-11-27T13:00:00Z'), 'UTC');
      expect(board.ranked).toBe(200);
      expect(board.top[0]).toEqual({ rank: 1, userId: 'u0', points: 75 });

      // The same totals come back from the store alone.
      const reopened = await backend.open();
      const rebuilt = await reopened.store.scores.leaderboard(GUILD, 'all', new Date(), 'UTC', {
        limit: 100,
      });
      expect(rebuilt.ranked).toBe(200);
      expect(rebuilt.top.slice(0, 10)).toEqual(board.top);
    });

    it('shows the top 10 and the caller’s own rank outside the top 10', async () => {
      for (let i = 1; i <= 15; i++) {
        await store.scores.recordAnswer(GUILD, answer({ userId: `u${i}`, points: 10 * i }));
      }
      const board = await store.scores.leaderboard(GUILD, 'week', new Date('2026-11-28T00:00:00Z'), 'UTC', {
        userId: 'u2',
      });
      expect(board.periodKey).toBe('2026-W48');
      expect(board.top.map((e) => e.userId)).toEqual([
        'u15',
        'u14',
        'u13',
        'u12',
        'u11',
        'u10',
        'u9',
        'u8',
        'u7',
        'u6',
      ]);
      expect(board.me).toEqual({ rank: 14, userId: 'u2', points: 20 });
      const stranger = await store.scores.leaderboard(
        GUILD,
        'week',
        new Date('2026-11-28T00:00:00Z'),
        'UTC',
        {
          userId: 'nobody',
        },
      );
      expect(stranger.me).toBeNull();
    });

    it('breaks ties by who reached the score first, the same way after a restart', async () => {
      await store.scores.recordAnswer(
        GUILD,
        answer({ userId: 'late', at: new Date('2026-11-27T12:05:00Z') }),
      );
      await store.scores.recordAnswer(
        GUILD,
        answer({ userId: 'early', at: new Date('2026-11-27T12:00:00Z') }),
      );
      const at = new Date('2026-11-27T13:00:00Z');
      const before = await store.scores.leaderboard(GUILD, 'all', at, 'UTC');
      expect(before.top.map((e) => e.userId)).toEqual(['early', 'late']);
      const after = await (await backend.open()).store.scores.leaderboard(GUILD, 'all', at, 'UTC');
      expect(after.top).toEqual(before.top);
    });

    it('counts only this week’s points in the week ranking, in the server’s time zone', async () => {
      const tz = 'America/New_York';
      // Sunday 23:30 in New York (already Monday in UTC): still week 48 there.
      await store.scores.recordAnswer(
        GUILD,
        answer({ userId: 'a', points: 30, at: new Date('2026-11-30T04:30:00Z'), timeZone: tz }),
      );
      // Monday 00:30 in New York: week 49.
      await store.scores.recordAnswer(
        GUILD,
        answer({ userId: 'b', itemId: 'x', points: 10, at: new Date('2026-11-30T05:30:00Z'), timeZone: tz }),
      );
      const monday = new Date('2026-11-30T15:00:00Z');
      const week = await store.scores.leaderboard(GUILD, 'week', monday, tz);
      expect(week.periodKey).toBe('2026-W49');
      expect(week.top).toEqual([{ rank: 1, userId: 'b', points: 10 }]);
      const lastWeek = await store.scores.leaderboard(GUILD, 'week', new Date('2026-11-29T12:00:00Z'), tz);
      expect(lastWeek.top).toEqual([{ rank: 1, userId: 'a', points: 30 }]);
      const month = await store.scores.leaderboard(GUILD, 'month', monday, tz);
      expect(month.top.map((e) => e.points)).toEqual([30, 10]);
      // In Tokyo the month rolls over first: a 1 December answer does not count for November.
      const tokyo = await store.scores.recordAnswer(
        '200',
        answer({ userId: 'c', at: new Date('2026-11-30T15:30:00Z'), timeZone: 'Asia/Tokyo' }),
      );
      expect(tokyo.awarded).toBe(10);
      const nov = await store.scores.leaderboard(
        '200',
        'month',
        new Date('2026-11-30T14:00:00Z'),
        'Asia/Tokyo',
      );
      expect(nov.top).toEqual([]);
    });

    it('applies the 24 h rule per member and item with an injected clock', async () => {
      const clock = new ManualClock('2026-11-27T08:00:00Z');
      const play = () => store.scores.recordAnswer(GUILD, answer({ userId: 'u', at: clock.now() }));
      expect((await play()).awarded).toBe(10);
      clock.advance(23 * HOUR);
      const refused = await play();
      expect(refused.awarded).toBe(0);
      expect(refused.totals).toEqual({ points: 10, answers: 2, correct: 2 });
      clock.advance(HOUR);
      expect((await play()).totals.points).toBe(20);
    });

    it('rebuilds the rankings after reopening the same store', async () => {
      for (let i = 0; i < 30; i++) {
        await store.scores.recordAnswer(GUILD, answer({ userId: `m${i}`, points: i + 1 }));
      }
      const at = new Date('2026-11-27T20:00:00Z');
      const before = await store.scores.leaderboard(GUILD, 'month', at, 'UTC', { userId: 'm0' });
      await store.close();
      const reopened = (await backend.open()).store;
      const after = await reopened.scores.leaderboard(GUILD, 'month', at, 'UTC', { userId: 'm0' });
      expect(after).toEqual(before);
      expect(after.me).toEqual({ rank: 30, userId: 'm0', points: 1 });
      // …and keeps counting from there.
      await reopened.scores.recordAnswer(GUILD, answer({ userId: 'm0', itemId: 'new', points: 100, at }));
      expect((await reopened.scores.leaderboard(GUILD, 'month', at, 'UTC')).top[0]?.userId).toBe('m0');
    });

    it('rejects with StoreError and changes nothing while the store fails, then recovers', async () => {
      await store.scores.recordAnswer(GUILD, answer({ userId: 'u', itemId: 'a' }));
      flaky.failWhen = always;
      const failed = store.scores.recordAnswer(GUILD, answer({ userId: 'u', itemId: 'b' }));
      await expect(failed).rejects.toBeInstanceOf(StoreError);
      await expect(failed).rejects.toThrow(STORE_UNAVAILABLE);
      await expect(store.scores.getMember(GUILD, 'u')).rejects.toBeInstanceOf(StoreError);
      const during = await store.scores.leaderboard(GUILD, 'all', new Date('2026-11-27T13:00:00Z'), 'UTC');
      expect(during.top).toEqual([{ rank: 1, userId: 'u', points: 10 }]);

      flaky.failWhen = undefined;
      expect((await store.scores.getMember(GUILD, 'u'))?.answers).toBe(1);
      const recovered = await store.scores.recordAnswer(GUILD, answer({ userId: 'u', itemId: 'b' }));
      expect(recovered.totals).toEqual({ points: 20, answers: 2, correct: 2 });
    });

    it('leaves no trace of a new member whose record write failed after the index write', async () => {
      flaky.failWhen = (op, key) => op === 'set' && key.includes(':member:');
      await expect(store.scores.recordAnswer(GUILD, answer({ userId: 'new' }))).rejects.toBeInstanceOf(
        StoreError,
      );
      flaky.failWhen = undefined;
      const at = new Date('2026-11-27T13:00:00Z');
      expect((await store.scores.leaderboard(GUILD, 'all', at, 'UTC')).ranked).toBe(0);
      const reopened = (await backend.open()).store;
      expect((await reopened.scores.leaderboard(GUILD, 'all', at, 'UTC')).ranked).toBe(0);
      expect(await reopened.scores.getMember(GUILD, 'new')).toBeUndefined();
      // The retry writes both and counts once.
      expect((await reopened.scores.recordAnswer(GUILD, answer({ userId: 'new' }))).totals.points).toBe(10);
    });

    it('writes the answers that arrive while a write is in flight as one batch', async () => {
      await store.scores.loadGuild(GUILD);
      const writesBefore = flaky.writes;
      const first = store.scores.recordAnswer(GUILD, answer({ userId: 'first' }));
      const rest = Array.from({ length: 50 }, (_, i) =>
        store.scores.recordAnswer(GUILD, answer({ userId: `m${i % 10}`, itemId: `item-${i}` })),
      );
      const results = await Promise.all([first, ...rest]);
      expect(results.map((r) => r.awarded)).toEqual(Array.from({ length: 51 }, () => 10));
      // Each caller gets its own member's running totals, in the order the answers came.
      expect(results.slice(1, 11).map((r) => r.totals.answers)).toEqual(Array.from({ length: 10 }, () => 1));
      expect(results.at(-1)?.totals).toEqual({ points: 50, answers: 5, correct: 5 });
      expect(flaky.writes - writesBefore).toBeLessThanOrEqual(2);
    });

    it('applies the 24 h rule to answers of one member on one item within the same batch', async () => {
      const at = (iso: string) => new Date(iso);
      const sameBatch = [
        answer({ userId: 'u', at: at('2026-11-27T08:00:00Z') }),
        answer({ userId: 'u', at: at('2026-11-27T08:00:05Z') }),
        answer({ userId: 'u', correct: false, points: 0, at: at('2026-11-27T08:00:09Z') }),
        answer({ userId: 'other', at: at('2026-11-27T08:00:10Z') }),
        answer({ userId: 'u', at: at('2026-11-28T08:00:00Z') }),
      ];
      const results = await Promise.all(sameBatch.map((a) => store.scores.recordAnswer(GUILD, a)));
      expect(results.map((r) => r.awarded)).toEqual([10, 0, 0, 10, 10]);
      expect(results.map((r) => r.totals.points)).toEqual([10, 10, 10, 10, 20]);
      const member = await store.scores.getMember(GUILD, 'u');
      expect(member).toMatchObject({ answers: 4, correct: 3 });
      expect(member?.periods.all?.points).toBe(20);
    });

    it('rejects every answer of a failed batch with StoreError and changes no total, stored or shown', async () => {
      await store.scores.recordAnswer(GUILD, answer({ userId: 'u1', itemId: 'a' }));
      const at = new Date('2026-11-27T13:00:00Z');
      const board = await store.scores.leaderboard(GUILD, 'all', at, 'UTC');
      // Only the new member's record fails; the batch holds it and two others, and fails as a whole.
      flaky.failWhen = (op, key) => op === 'set' && key.endsWith(':member:u3');
      const batch = [
        answer({ userId: 'u1', itemId: 'b' }),
        answer({ userId: 'u2', itemId: 'b' }),
        answer({ userId: 'u3', itemId: 'b' }),
      ].map((a) => store.scores.recordAnswer(GUILD, a));
      const settled = await Promise.allSettled(batch);
      for (const outcome of settled) {
        expect(outcome.status).toBe('rejected');
        if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(StoreError);
      }
      flaky.failWhen = undefined;

      expect(await store.scores.leaderboard(GUILD, 'all', at, 'UTC')).toEqual(board);
      expect((await store.scores.getMember(GUILD, 'u1'))?.answers).toBe(1);
      expect(await store.scores.getMember(GUILD, 'u2')).toBeUndefined();
      const reopened = (await backend.open()).store;
      expect(await reopened.scores.leaderboard(GUILD, 'all', at, 'UTC')).toEqual(board);
      // The retry counts once.
      const retried = await store.scores.recordAnswer(GUILD, answer({ userId: 'u1', itemId: 'b' }));
      expect(retried.totals).toEqual({ points: 20, answers: 2, correct: 2 });
    });

    it('fails a leaderboard with StoreError when the guild cannot be loaded, and loads it later', async () => {
      await store.scores.recordAnswer(GUILD, answer({ userId: 'u' }));
      const other = await backend.open();
      other.flaky.failWhen = always;
      const at = new Date('2026-11-27T13:00:00Z');
      await expect(other.store.scores.leaderboard(GUILD, 'all', at, 'UTC')).rejects.toBeInstanceOf(
        StoreError,
      );
      other.flaky.failWhen = undefined;
      expect((await other.store.scores.leaderboard(GUILD, 'all', at, 'UTC')).ranked).toBe(1);
    });
  });
}

describe('ScoreStore input checks', () => {
  let backend: Backend;
  let store: Store;
  beforeEach(async () => {
    backend = makeBackend('sqlite');
    ({ store } = await backend.open());
  });
  afterEach(() => backend.cleanup());

  it('rejects bad answers with a clear error before touching the store', async () => {
    const ok = answer({ userId: 'u' });
    await expect(store.scores.recordAnswer('bad:id', ok)).rejects.toThrow(/guildId/);
    await expect(store.scores.recordAnswer(GUILD, { ...ok, userId: '' })).rejects.toThrow(/userId/);
    await expect(store.scores.recordAnswer(GUILD, { ...ok, points: -1 })).rejects.toThrow(/points/);
    await expect(store.scores.recordAnswer(GUILD, { ...ok, points: 1.5 })).rejects.toThrow(/points/);
    await expect(store.scores.recordAnswer(GUILD, { ...ok, timeZone: 'Nowhere/Land' })).rejects.toThrow(
      /time zone/,
    );
    await expect(store.scores.recordAnswer(GUILD, { ...ok, at: new Date('x') })).rejects.toThrow(/Date/);
    // biome-ignore lint/suspicious/noExplicitAny: a caller outside TypeScript's reach
    await expect(store.scores.recordAnswer(GUILD, { ...ok, kind: 'bonus' as any })).rejects.toThrow(/kind/);
    await expect(store.scores.leaderboard(GUILD, 'all', new Date(), 'UTC', { limit: 0 })).rejects.toThrow(
      /limit/,
    );
    // biome-ignore lint/suspicious/noExplicitAny: a caller outside TypeScript's reach
    await expect(store.scores.leaderboard(GUILD, 'year' as any, new Date(), 'UTC')).rejects.toThrow(/period/);
  });
});
