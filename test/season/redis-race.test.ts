import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { claimBackendFor } from '../../src/daily/claims.ts';
import { SeasonService } from '../../src/season/service.ts';
import type { SeasonDiscord } from '../../src/season/view.ts';
import { createStore, openKeyv, type Store } from '../../src/store/index.ts';

const REDIS_URL = process.env.REDIS_URL;
const GUILD = '900000000000000007';

describe.skipIf(!REDIS_URL)('end of season on Redis', () => {
  const stores: Store[] = [];
  afterEach(async () => {
    for (const store of stores.splice(0)) await store.close();
  });

  it('posts once when two processes with their own connections race at the boundary', async () => {
    const namespace = `flashcord-test-${randomUUID()}`;
    const open = async () => {
      const store = createStore(await openKeyv(REDIS_URL as string, { namespace }));
      stores.push(store);
      return store;
    };
    const [a, b] = [await open(), await open()];
    const clock = new ManualClock('2026-11-29T12:00:00Z');
    let posts = 0;
    const discord: SeasonDiscord = {
      post: async () => ({ messageId: String(++posts) }),
      roleProblem: async () => undefined,
      isMember: async () => true,
      addRole: async () => undefined,
      removeRole: async () => undefined,
    };
    const service = (store: Store) =>
      new SeasonService({
        seasons: store.seasons,
        settings: store.settings,
        scores: store.scores,
        claims: claimBackendFor(store.keyv, 0),
        discord,
        clock,
        log: pino({ level: 'silent' }),
        staleClaimMs: 60_000,
      });
    await a.seasons.updateConfig(GUILD, (c) => ({ ...c, channelId: '800000000000000001' }));
    await a.scores.recordAnswer(GUILD, {
      userId: '100000000000000011',
      itemId: 'q1',
      topics: [],
      correct: true,
      points: 10,
      kind: 'quiz',
      at: clock.now(),
      timeZone: 'UTC',
    });
    const [first, second] = [service(a), service(b)];
    const host = { isReady: () => true, serves: () => true };
    first.start(host, { cron: false });
    await first.catchUp; // the guild is seen in November
    clock.set('2026-12-01T00:00:05Z');
    second.start(host, { cron: false });
    await Promise.all([second.catchUp, first.tick(), second.tick()]);
    expect(posts).toBe(1);
    expect((await b.seasons.history(GUILD)).map((r) => r.name)).toEqual(['November 2026']);
  });
});
