import { afterEach, describe, expect, it } from 'vitest';
import { REDIS } from '../support/requirements.ts';
import { dailyOf, dailyPosts, ManualClock, setDaily, startDailyHarness } from './daily-helpers.ts';
import type { Harness } from './helpers.ts';

const REDIS_URL = process.env.REDIS_URL;

describe.skipIf(!REDIS.met)(REDIS.title('two bot processes on one Redis store'), () => {
  const harnesses: Harness[] = [];
  afterEach(async () => {
    for (const h of harnesses.splice(0)) await h.close();
  });

  it('post the daily question of a guild they both serve once', async () => {
    // A fresh guild id per run, so keys left in Redis by earlier runs cannot interfere.
    const guildId = String((BigInt(Date.now()) << 22n) + BigInt(process.pid));
    const channelId = String(BigInt(guildId) + 1n);
    const guild = {
      id: guildId,
      name: 'Study',
      channels: [{ name: 'general' }, { id: channelId, name: 'daily' }],
    };
    const clock = new ManualClock('2026-11-23T07:00:00Z');
    for (let i = 0; i < 2; i++) {
      harnesses.push(
        await startDailyHarness(
          clock,
          { fake: { guilds: [guild] }, env: { STORE_URL: REDIS_URL as string } },
          { settleMs: 0 },
        ),
      );
    }
    const [first, second] = harnesses as [Harness, Harness];
    await setDaily(first, { time: '08:00', timezone: 'UTC' });
    clock.set('2026-11-23T08:00:00Z');
    await Promise.all([dailyOf(first).tick(), dailyOf(second).tick()]);
    await Promise.all([dailyOf(first).tick(), dailyOf(second).tick()]);
    expect(dailyPosts(first).length + dailyPosts(second).length).toBe(1);
  });
});
