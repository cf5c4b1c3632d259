import { afterEach, describe, expect, it } from 'vitest';
import { type ClaimRecord, claimPost } from '../../src/daily/claims.ts';
import { claimKey } from '../../src/daily/planner.ts';
import {
  alice,
  dailyOf,
  dailyPosts,
  embedText,
  ManualClock,
  setDaily,
  startDailyHarness,
} from './daily-helpers.ts';
import type { Harness } from './helpers.ts';

const MINUTE = 60_000;

describe('the daily question across restarts and failures', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('a bot down over the posting time and started 5 minutes later makes one catch-up post', async () => {
    const clock = new ManualClock('2026-11-23T07:00:00Z');
    harness = await startDailyHarness(clock);
    await setDaily(harness, { time: '08:00', timezone: 'UTC' });
    await harness.bot.stop();
    clock.set('2026-11-23T08:05:00Z');
    await expectOnePostThroughRestarts(harness);
  });

  it('killed right after the claim and before the send → still posted exactly once', async () => {
    const clock = new ManualClock('2026-11-23T07:00:00Z');
    harness = await startDailyHarness(clock);
    await setDaily(harness, { time: '08:00', timezone: 'UTC' });
    const guildId = harness.fake.guild().id;
    // What a process killed between its claim and its send leaves behind: a claim, no post.
    clock.set('2026-11-23T08:00:00Z');
    const claim: ClaimRecord = { token: 'dead-process', state: 'claimed', at: clock.now().getTime() };
    const key = claimKey(guildId, '2026-11-23');
    expect((await claimPost(dailyOf(harness).deps.claims, key, claim, MINUTE)).kind).toBe('won');

    // Within a minute the claim may still be someone's send in progress: nobody else posts.
    clock.set('2026-11-23T08:00:30Z');
    await dailyOf(harness).tick();
    expect(dailyPosts(harness)).toHaveLength(0);

    clock.set('2026-11-23T08:05:00Z');
    await expectOnePostThroughRestarts(harness);
  });

  it('retries a refused post at the next ticks, pauses after 3 failures, explains in /daily status, resumes with /daily set', async () => {
    const clock = new ManualClock('2026-11-23T07:00:00Z');
    harness = await startDailyHarness(clock);
    await setDaily(harness, { time: '08:00', timezone: 'UTC' });
    const channelId = harness.fake.channel('#daily').id;
    harness.fake.setChannelPermission(channelId, { canSend: false });
    const attempts = () =>
      harness?.fake.requests.filter(
        (r) => r.method === 'POST' && r.path === `/channels/${channelId}/messages`,
      ).length;

    for (const minute of ['08:00', '08:01', '08:02', '08:03', '08:04']) {
      clock.set(`2026-11-23T${minute}:00Z`);
      await dailyOf(harness).tick();
    }
    expect(attempts()).toBe(3);
    expect(dailyPosts(harness)).toHaveLength(0);

    const status = await harness.fake.slash({ name: 'daily', subcommand: 'status', user: alice });
    const text = embedText(await status.reply());
    expect(text).toContain('Paused');
    expect(text).toContain('3 posts in a row failed: the bot may not post in the daily channel');
    expect(text).toContain('Send Messages');

    harness.fake.setChannelPermission(channelId, { canSend: true });
    await setDaily(harness, { time: '08:10', timezone: 'UTC' });
    clock.set('2026-11-23T08:10:00Z');
    await dailyOf(harness).tick();
    expect(dailyPosts(harness)).toHaveLength(1);
    const after = await harness.fake.slash({ name: 'daily', subcommand: 'status', user: alice });
    expect(embedText(await after.reply())).not.toContain('Paused');
  });
});

/** Restarts after the posting time: the catch-up posts once, and a later tick and restart add nothing. */
async function expectOnePostThroughRestarts(harness: Harness): Promise<void> {
  await harness.restart();
  await dailyOf(harness).catchUp;
  expect(dailyPosts(harness)).toHaveLength(1);
  await dailyOf(harness).tick();
  await harness.restart();
  await dailyOf(harness).catchUp;
  expect(dailyPosts(harness)).toHaveLength(1);
}
