import Keyv from 'keyv';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { settleBackend } from '../../src/daily/claims.ts';
import { PostFailure } from '../../src/daily/view.ts';
import { SeasonService } from '../../src/season/service.ts';
import type { SeasonDiscord, SeasonPostView } from '../../src/season/view.ts';
import { createStore, type Store } from '../../src/store/index.ts';

const GUILD = '900000000000000001';
const CHANNEL = '800000000000000001';
const ROLE = '700000000000000001';
const [ANN, BEN, CEL] = ['100000000000000011', '100000000000000012', '100000000000000013'];

/** A Discord double: records posts and role changes; `canManageRoles` false answers like a bot without Manage Roles. */
function fakeDiscord(opts: { left?: string[]; canManageRoles?: boolean; refusePosts?: boolean } = {}) {
  const posts: { channelId: string; view: SeasonPostView }[] = [];
  const roleCalls: string[] = [];
  const discord: SeasonDiscord = {
    async post(channelId, view) {
      if (opts.refusePosts) throw new PostFailure('access', 'Missing Permissions', 50013);
      posts.push({ channelId, view });
      return { messageId: String(posts.length) };
    },
    async roleProblem() {
      return opts.canManageRoles === false ? 'The bot lacks the Manage Roles permission.' : undefined;
    },
    async isMember(_guildId, userId) {
      return !(opts.left ?? []).includes(userId);
    },
    async addRole(_g, userId) {
      roleCalls.push(`+${userId}`);
    },
    async removeRole(_g, userId) {
      roleCalls.push(`-${userId}`);
    },
  };
  return { discord, posts, roleCalls };
}

const host = { isReady: () => true, serves: () => true };

function serviceOn(store: Store, clock: ManualClock, discord: SeasonDiscord, settleMs = 0) {
  return new SeasonService({
    seasons: store.seasons,
    settings: store.settings,
    scores: store.scores,
    claims: settleBackend(store.keyv, settleMs),
    discord,
    clock,
    log: pino({ level: 'silent' }),
    staleClaimMs: 60_000,
  });
}

async function score(
  store: Store,
  userId: string,
  at: string,
  correct = true,
  itemId = `q-${at}`,
  points = 10,
) {
  return store.scores.recordAnswer(GUILD, {
    userId,
    itemId,
    topics: ['ami'],
    correct,
    points: correct ? points : 0,
    kind: 'quiz',
    at: new Date(at),
    timeZone: 'Europe/Paris',
  });
}

describe('end of season', () => {
  let store: Store;
  afterEach(async () => store?.close());

  async function setup(clock: ManualClock, opts: Parameters<typeof fakeDiscord>[0] = {}) {
    store = createStore(new Keyv());
    await store.settings.set(GUILD, { timeZone: 'Europe/Paris', daily: null });
    await store.seasons.updateConfig(GUILD, (c) => ({ ...c, channelId: CHANNEL, championRoleId: ROLE }));
    const double = fakeDiscord(opts);
    const service = serviceOn(store, clock, double.discord);
    service.start(host, { cron: false });
    await service.catchUp; // first sight: remembers the running season
    return { service, ...double };
  }

  it('counts points for the season and for all time, and keeps the 24 h rule', async () => {
    const clock = new ManualClock('2026-11-20T10:00:00Z');
    await setup(clock);
    await score(store, ANN, '2026-11-20T10:00:00Z', true, 'q1');
    const again = await score(store, ANN, '2026-11-20T11:00:00Z', true, 'q1');
    expect(again.awarded).toBe(0);
    const board = await store.scores.seasonBoard(GUILD, '2026-11-01');
    expect(board.top).toEqual([{ rank: 1, userId: ANN, points: 10, accuracy: 1 }]);
    expect((await store.scores.getMember(GUILD, ANN))?.periods.all?.points).toBe(10);
  });

  it('breaks ties by accuracy, then by who got there first', async () => {
    const clock = new ManualClock('2026-11-30T12:00:00Z');
    await setup(clock);
    await score(store, BEN, '2026-11-10T10:00:00Z', true, 'a'); // 10 points, 1 of 2 right
    await score(store, BEN, '2026-11-10T10:01:00Z', false, 'b');
    await score(store, CEL, '2026-11-12T10:00:00Z', true, 'a'); // 10 points, 1 of 1, later
    await score(store, ANN, '2026-11-11T10:00:00Z', true, 'a'); // 10 points, 1 of 1, earlier than CEL
    const board = await store.scores.seasonBoard(GUILD, '2026-11-01');
    expect(board.top.map((e) => e.userId)).toEqual([ANN, CEL, BEN]);
  });

  it('posts the podium once at the local boundary and moves the role from last season to this one', async () => {
    const clock = new ManualClock('2026-10-31T12:00:00Z');
    const { service, posts, roleCalls } = await setup(clock);
    await score(store, BEN, '2026-10-31T12:00:00Z');
    clock.set('2026-10-31T23:00:00Z'); // midnight in Paris (CET after the October change)
    await service.tick();
    expect(posts.map((p) => p.view.season.name)).toEqual(['October 2026']);
    expect(roleCalls).toEqual([`+${BEN}`]);

    await score(store, ANN, '2026-11-15T12:00:00Z');
    await score(store, ANN, '2026-11-16T12:00:00Z', true, 'other');
    await score(store, BEN, '2026-11-16T12:00:00Z');
    clock.set('2026-11-30T22:59:00Z');
    await service.tick();
    expect(posts).toHaveLength(1);
    clock.set('2026-11-30T23:00:00Z');
    await Promise.all([service.tick(), service.tick()]);
    await service.tick();
    expect(posts).toHaveLength(2);
    const view = posts[1]?.view;
    expect(view?.season.name).toBe('November 2026');
    expect(view?.podium.map((s) => [s.userId, s.points])).toEqual([
      [ANN, 20],
      [BEN, 10],
    ]);
    expect(view?.next?.name).toBe('December 2026');
    expect(roleCalls).toEqual([`+${BEN}`, `-${BEN}`, `+${ANN}`]);
    const history = await service.history(GUILD);
    expect(history.map((r) => [r.name, r.champions])).toEqual([
      ['November 2026', [ANN]],
      ['October 2026', [BEN]],
    ]);
  });

  it('posts a season that ended while the bot was down once, on start', async () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    const { service } = await setup(clock);
    await score(store, CEL, '2026-11-29T12:00:00Z');
    await service.stop();
    clock.set('2026-12-03T09:00:00Z'); // down across the boundary
    const restarted = fakeDiscord();
    const again = serviceOn(store, clock, restarted.discord);
    again.start(host, { cron: false });
    expect((await again.catchUp)?.map((r) => r.kind)).toEqual(['posted']);
    await again.tick();
    expect(restarted.posts.map((p) => p.view.season.name)).toEqual(['November 2026']);
  });

  it('posts once when two processes race at the boundary', async () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    const first = await setup(clock);
    await score(store, CEL, '2026-11-29T12:00:00Z');
    clock.set('2026-11-30T23:00:00Z');
    // A second process on the same store, with its own queue and caches.
    const other = createStore(store.keyv);
    const second = fakeDiscord();
    const racer = serviceOn(other, clock, second.discord, 20);
    const mine = serviceOn(store, clock, first.discord, 20);
    racer.start(host, { cron: false });
    mine.start(host, { cron: false });
    await Promise.all([racer.catchUp, mine.catchUp, racer.tick(), mine.tick()]);
    expect(first.posts.length + second.posts.length).toBe(1);
    expect(await store.seasons.history(GUILD)).toHaveLength(1);
  });

  it('gives no role to a winner who left, and shows them in the standings', async () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    const { service, posts, roleCalls } = await setup(clock, { left: [ANN] });
    await score(store, ANN, '2026-11-29T12:00:00Z');
    clock.set('2026-12-01T08:00:00Z');
    await service.tick();
    expect(posts[0]?.view.podium[0]).toMatchObject({ userId: ANN, left: true });
    expect(posts[0]?.view.champions).toEqual([]);
    expect(roleCalls).toEqual([]);
  });

  it('says in the post and the status why the role cannot be given, and changes no role', async () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    const { service, posts, roleCalls } = await setup(clock, { canManageRoles: false });
    await score(store, BEN, '2026-11-29T12:00:00Z');
    clock.set('2026-12-01T08:00:00Z');
    await service.tick();
    expect(posts[0]?.view.roleProblem).toMatch(/Manage Roles/);
    expect(roleCalls).toEqual([]);
    const status = await service.status(GUILD, BEN);
    expect(status.roleProblem).toMatch(/Manage Roles/);
    expect(status.season?.name).toBe('December 2026');
  });

  it('closes the season without retrying when Discord refuses the post, and says so in the status', async () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    const { service } = await setup(clock, { refusePosts: true });
    await score(store, BEN, '2026-11-29T12:00:00Z');
    clock.set('2026-12-01T08:00:00Z');
    expect((await service.tick()).map((r) => r.kind)).toEqual(['closed']);
    expect(await service.tick()).toEqual([]);
    expect((await service.status(GUILD, BEN)).lastProblem).toMatch(/refused the end-of-season post/);
  });

  it('gives the caller their rank and the gap to the place ahead', async () => {
    const clock = new ManualClock('2026-12-10T12:00:00Z');
    const { service } = await setup(clock);
    await score(store, ANN, '2026-12-10T10:00:00Z', true, 'x', 15);
    await score(store, BEN, '2026-12-10T10:00:00Z', true, 'x', 10);
    const status = await service.status(GUILD, BEN);
    expect(status.me?.rank).toBe(2);
    expect(status.ahead?.gap).toBe(5);
    expect(status.daysLeft).toBe(22);
  });
});
