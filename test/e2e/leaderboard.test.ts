import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { HOW_TO_EARN } from '../../src/discord/render/leaderboard.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

const bob = { id: DEFAULT_MEMBERS[1]?.id ?? '', username: 'bob' };

describe('/leaderboard', () => {
  const clock = new ManualClock('2026-11-27T12:00:00Z'); // a Friday: week 2026-W48
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ start: { clock } });
  });
  afterAll(async () => harness?.close());

  async function score(userId: string, points: number, at: string, itemId = `item-${points}`) {
    await harness.bot.ctx.store.scores.recordAnswer(harness.fake.guild().id, {
      userId,
      itemId,
      topics: ['ami'],
      correct: true,
      points,
      kind: 'quiz',
      at: new Date(at),
      timeZone: 'UTC',
    });
  }

  const board = async (options: Record<string, string> = {}) => {
    const ix = await harness.fake.slash({ name: 'leaderboard', user: bob, options });
    const reply = await ix.reply();
    return {
      ix,
      embed: reply.embeds[0] as { title: string; description: string; footer?: { text: string } },
    };
  };

  it('an empty board says how to earn points', async () => {
    const { embed } = await board();
    expect(embed.title).toBe('Leaderboard — this week (2026-W48)');
    expect(embed.description).toBe(`No points this week yet.\n${HOW_TO_EARN}`);
  });

  it("shows the top 10 publicly, members who left by mention, and the caller's own rank below", async () => {
    // Twelve members ahead of bob, some of whom are not (or no longer) in the guild.
    for (let i = 0; i < 12; i++)
      await score(`2000000000000000${String(i).padStart(2, '0')}`, 100 - i, '2026-11-26T10:00:00Z');
    await score(bob.id, 10, '2026-11-27T09:00:00Z');
    const { ix, embed } = await board();
    expect(ix.ephemeral).toBe(false);
    const lines = embed.description.split('\n');
    expect(lines[0]).toBe('🥇 <@200000000000000000> — 100 points');
    expect(lines[2]).toBe('🥉 <@200000000000000002> — 98 points');
    expect(lines[9]).toBe('**10.** <@200000000000000009> — 91 points');
    expect(lines.slice(0, 10).some((line) => line.includes(bob.id))).toBe(false);
    expect(embed.description).toContain('You: **#13** of 13 with 10 points');
    expect(embed.footer?.text).toBe('13 members with points this week');
    const callback = harness.fake.requests.findLast((r) => r.path.includes('/callback'));
    const body = callback?.body as { data?: { allowed_mentions?: unknown } } | undefined;
    expect(body?.data?.allowed_mentions).toEqual({ parse: [] });
  });

  it('week, month and all count the points of their own period only', async () => {
    await score(bob.id, 500, '2026-11-02T10:00:00Z', 'earlier-this-month');
    await score(bob.id, 1000, '2026-10-15T10:00:00Z', 'last-month');
    expect((await board()).embed.description).toContain('You: **#13** of 13 with 10 points');
    expect((await board({ period: 'month' })).embed.description).toContain(
      `🥇 <@${bob.id}> — 510 points ← you`,
    );
    const all = (await board({ period: 'all' })).embed;
    expect(all.title).toBe('Leaderboard — all time');
    expect(all.description).toContain(`🥇 <@${bob.id}> — 1510 points ← you`);
    expect(harness.fake.violations).toEqual([]);
  });
});
