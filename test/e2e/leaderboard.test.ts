import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSize } from '../../src/cards/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { HOW_TO_EARN } from '../../src/discord/render/leaderboard.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { buttonIds, galleryItems, isV2, shownPicture, v2Text } from './v2-support.ts';

const LEADERBOARD_HEIGHT_10_ROWS = cardSize('leaderboard', {
  periodLabel: '',
  periodDetail: '',
  ranked: 10,
  rows: Array.from({ length: 10 }, (_, i) => ({ rank: i + 1, name: '', points: 0, streak: 0, you: false })),
  me: null,
}).height;

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

  const board = async (options: Record<string, string> = {}, user = bob) => {
    const ix = await harness.fake.slash({ name: 'leaderboard', user, options });
    const reply = await ix.reply();
    return { ix, reply, text: v2Text(reply) };
  };

  it('an empty board says how to earn points, as a Components V2 message with its card', async () => {
    const { ix, reply, text } = await board();
    expect((await ix.response()).type).toBe(5); // acknowledged before the card is drawn
    expect(isV2(reply)).toBe(true);
    expect(reply.content).toBe('');
    expect(reply.embeds).toEqual([]);
    expect(text).toContain('### 🏆 Leaderboard — this week (Nov 23–29)');
    expect(text).toContain(`No points this week (Nov 23–29) yet.\n${HOW_TO_EARN}`);
    const picture = await shownPicture(reply);
    expect(picture.name).toBe('leaderboard.png');
    expect({ width: picture.width, height: picture.height }).toEqual(
      cardSize('leaderboard', { periodLabel: '', periodDetail: '', ranked: 0, rows: [], me: null }),
    );
  });

  it("shows the top 10 publicly as a picture with names, a text summary, and the caller's own rank", async () => {
    // Twelve members ahead of bob, some of whom are not (or no longer) in the guild.
    for (let i = 0; i < 12; i++)
      await score(`2000000000000000${String(i).padStart(2, '0')}`, 100 - i, '2026-11-26T10:00:00Z');
    await score(bob.id, 10, '2026-11-27T09:00:00Z');
    const { ix, reply, text } = await board();
    expect(ix.ephemeral).toBe(false);
    expect(text).toContain('Top this week (Nov 23–29): former member 100 points, former member 99 points');
    expect(text).toContain('You are #13 of 13 with 10 points.');
    const picture = await shownPicture(reply);
    expect(picture.width).toBe(800);
    expect(picture.height).toBe(LEADERBOARD_HEIGHT_10_ROWS);
    const alt = galleryItems(reply)[0]?.description ?? '';
    expect(alt.split('\n')[1]).toBe('1. former member: 100 points');
    expect(alt).toContain('10. former member: 91 points');
    expect(buttonIds(reply)).toEqual([
      `v1:lb:p:week:${bob.id}`,
      `v1:lb:p:month:${bob.id}`,
      `v1:lb:p:all:${bob.id}`,
      'v1:lb:me:week',
    ]);
    const callback = harness.fake.requests.findLast(
      (r) => r.path.includes('/messages/%40original') || r.path.includes('/messages/@original'),
    );
    const body = callback?.body as { payload?: { allowed_mentions?: unknown } } | undefined;
    expect(body?.payload?.allowed_mentions).toEqual({ parse: [] });
  });

  it('names members who are in the server by their display name', async () => {
    await score(DEFAULT_MEMBERS[2]?.id ?? '', 1000, '2026-11-27T08:00:00Z', 'carol-item');
    const { text } = await board();
    expect(text).toContain('Top this week (Nov 23–29): Carol 1,000 points');
  });

  it('week, month and all count the points of their own period only', async () => {
    await score(bob.id, 500, '2026-11-02T10:00:00Z', 'earlier-this-month');
    await score(bob.id, 1000, '2026-10-15T10:00:00Z', 'last-month');
    expect((await board()).text).toContain('You are #14 of 14 with 10 points.');
    expect((await board({ period: 'month' })).text).toContain(
      'Top in November 2026: Carol 1,000 points, Bob 510 points',
    );
    const all = await board({ period: 'all' });
    expect(all.text).toContain('### 🏆 Leaderboard — of all time');
    expect(all.text).toContain('Top of all time: Bob 1,510 points');
    expect(harness.fake.violations).toEqual([]);
  });

  it('period buttons edit the same message, and "My rank" answers privately', async () => {
    const { reply } = await board();
    const click = await harness.fake.click({
      message: reply,
      customId: `v1:lb:p:month:${bob.id}`,
      user: DEFAULT_MEMBERS[2],
    });
    expect((await click.response()).type).toBe(6); // deferred update: the card is drawn after the ack
    await harness.fake.waitFor(
      () => v2Text(harness.fake.message(reply.id) ?? reply).includes('November 2026'),
      {
        message: 'the message was never edited to the month',
      },
    );
    const edited = harness.fake.message(reply.id);
    if (!edited) throw new Error('the message is gone');
    expect(v2Text(edited)).toContain('Top in November 2026: Carol 1,000 points, Bob 510 points');
    expect((await shownPicture(edited)).width).toBe(800);
    expect(edited.attachments).toHaveLength(1);
    await expect(
      harness.fake.click({ message: edited, customId: `v1:lb:p:month:${bob.id}` }),
    ).rejects.toThrow(/disabled/);

    const mine = await harness.fake.click({
      message: edited,
      customId: 'v1:lb:me:month',
      user: DEFAULT_MEMBERS[2],
    });
    const answer = await mine.reply();
    expect(mine.ephemeral).toBe(true);
    expect(answer.content).toBe('You are **#1** of 14 in November 2026, with 1,000 points.');
    expect(harness.fake.violations).toEqual([]);
  });
});
