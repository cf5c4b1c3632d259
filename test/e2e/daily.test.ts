import { afterEach, describe, expect, it } from 'vitest';
import { highlightsToBold } from '../../src/discord/render/text.ts';
import {
  alice,
  answer,
  bob,
  carol,
  dailyOf,
  dailyPosts,
  embedText,
  expectNoViolations,
  ManualClock,
  setDaily,
  startDailyHarness,
} from './daily-helpers.ts';
import type { Harness } from './helpers.ts';

const MINUTE = 60_000;
// Monday 2026-11-23; London is on GMT (UTC+0) in November.
const MONDAY_0700 = '2026-11-23T07:00:00Z';

describe('the daily question in Discord', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('posts at the set time, takes one answer per member, and reveals the results with the next post', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const daily = dailyOf(harness);
    const guildId = harness.fake.guild().id;

    const reply = await setDaily(harness, { time: '08:00', timezone: 'Europe/London' });
    expect(reply.ephemeral).toBe(true);
    expect(embedText(reply)).toContain('Daily question set');

    clock.set('2026-11-23T07:59:00Z');
    await daily.tick();
    expect(dailyPosts(harness)).toHaveLength(0);

    clock.set('2026-11-23T08:00:00Z');
    await daily.tick();
    const [monday] = dailyPosts(harness);
    if (!monday) throw new Error('no post at 08:00');
    expect(embedText(monday)).toContain('Daily question · 2026-11-23');
    expect(monday.components.length).toBeGreaterThan(0);

    clock.advance(10 * MINUTE);
    expect(embedText(await answer(harness, monday, bob, true))).toContain('Right');
    expect(embedText(await answer(harness, monday, carol, false))).toContain('Not quite');
    expect(embedText(await answer(harness, monday, alice, true))).toContain('Right');
    const again = await answer(harness, monday, bob, true);
    expect(embedText(again)).toContain("You already answered today's question.");
    expect(again.ephemeral).toBe(true);

    // The live count: batched edits settle on the final count.
    await harness.fake.waitFor(
      () => embedText(harness?.fake.message(monday.id)).includes('3 answers so far'),
      {
        message: 'the answer count to reach 3',
      },
    );
    const countEdits = harness.fake.requests.filter(
      (r) => r.method === 'PATCH' && r.path.includes(`/messages/${monday.id}`),
    );
    expect(countEdits.length).toBeLessThan(4);

    clock.set('2026-11-24T08:00:00Z');
    await daily.tick();
    const posts = dailyPosts(harness);
    expect(posts).toHaveLength(2);
    const revealed = harness.fake.message(monday.id);
    const text = embedText(revealed);
    expect(text).toContain('Results: 2 of 3 answers right (67%)');
    expect(text).toContain(`First right: <@${bob.id}>, <@${alice.id}>`);
    expect(text).toMatch(/Answer: \S/);
    // The reveal teaches: why the answer is right, and what each wrong option really is.
    const asked = (await daily.deps.state.getPost(guildId, '2026-11-23'))?.question;
    if (!asked) throw new Error('no stored post for 2026-11-23');
    expect(asked.explanation.trim()).not.toBe(asked.answer.trim());
    // Each answer counts in the question's statistics (/bank flags), once.
    const stats = await harness.bot.ctx.store.health.statsOf(guildId, asked.itemId);
    expect([stats.asked, stats.right]).toEqual([3, 2]);
    expect(text).toContain(`Explanation: ${highlightsToBold(asked.explanation).trim().slice(0, 40)}`);
    // The answer buttons are gone; only "Flag question" is left, for anyone who disagrees with the answer.
    const buttons = (revealed?.components ?? []).flatMap(
      (row) => (row as { components: { custom_id: string; label: string }[] }).components,
    );
    expect(buttons.map((b) => [b.custom_id, b.label])).toEqual([
      [`v1:flag:${asked.itemId}`, '🚩 Flag question'],
    ]);
    expect(embedText(posts[1])).toContain('Daily question · 2026-11-24');

    // Points and streaks (no /stats command yet: through the store).
    const bobRecord = await harness.bot.ctx.store.scores.getMember(guildId, bob.id);
    expect(bobRecord?.periods.all?.points).toBe(20);
    expect(bobRecord?.daily.streak).toBe(1);
    const tuesdayAnswer = await answer(harness, posts[1] as NonNullable<(typeof posts)[1]>, bob, true);
    expect(embedText(tuesdayAnswer)).toContain('+22 points');
    expect(embedText(tuesdayAnswer)).toContain('Daily streak: 2 days');
    const board = await harness.bot.ctx.store.scores.leaderboard(
      guildId,
      'week',
      clock.now(),
      'Europe/London',
    );
    expect(board.top.map((e) => [e.userId, e.points])).toEqual([
      [bob.id, 42],
      [alice.id, 20],
    ]);
    expectNoViolations(harness);
  });

  it('reveals a choice question with what each wrong option really is', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const daily = dailyOf(harness);
    const guildId = harness.fake.guild().id;
    await setDaily(harness, { time: '08:00', timezone: 'Europe/London' });
    // Post day after day (each post reveals the one before) until a revealed question had options.
    let shown: { text: string; notes: string[] } | undefined;
    for (let day = 23; day <= 30 && !shown; day++) {
      clock.set(`2026-11-${day}T08:00:00Z`);
      await daily.tick();
      const before = `2026-11-${day - 1}`;
      const asked = (await daily.deps.state.getPost(guildId, before))?.question;
      if (!asked?.optionNotes?.length) continue;
      const post = dailyPosts(harness).find((p) => embedText(p).includes(`Daily question · ${before}`));
      shown = { text: embedText(post), notes: asked.optionNotes.map((n) => n.note) };
    }
    if (!shown) throw new Error('no choice question was revealed in a week of daily posts');
    expect(shown.text).toContain('The other options: •');
    for (const note of shown.notes) expect(shown.text).toContain(`• ${note.slice(0, 40)}`);
    expectNoViolations(harness);
  });

  it('names last week’s top 3 on the first post of a week', async () => {
    const clock = new ManualClock('2026-11-27T07:00:00Z'); // a Friday
    harness = await startDailyHarness(clock);
    const daily = dailyOf(harness);
    await setDaily(harness, { time: '08:00', timezone: 'Europe/London' });
    clock.set('2026-11-27T08:00:00Z');
    await daily.tick();
    const [friday] = dailyPosts(harness);
    if (!friday) throw new Error('no Friday post');
    await answer(harness, friday, carol, true);
    clock.set('2026-11-30T08:00:00Z'); // Monday
    await daily.tick();
    const monday = dailyPosts(harness)[1];
    expect(embedText(monday)).toContain(`Last week's top 3: 🥇 <@${carol.id}> · 20 points`);
  });

  it('refuses /daily set with every problem named, and a channel the bot cannot post in', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const bad = await setDaily(harness, {
      time: '25:00',
      timezone: 'Europe/Paris2',
      topic: 'nothing-like-this',
    });
    const text = embedText(bad);
    expect(text).toContain('"25:00" is not a time of day');
    expect(text).toContain('"Europe/Paris2" is not a known time zone');
    expect(text).toContain('no questions about "nothing-like-this"');

    harness.fake.setChannelPermission(harness.fake.channel('#daily').id, { canSend: false });
    const blocked = await setDaily(harness, { time: '08:00', timezone: 'UTC', from: '#daily' });
    expect(embedText(blocked)).toContain('I am missing Send Messages there');
    const status = await harness.fake.slash({ name: 'daily', subcommand: 'status', user: alice });
    expect(embedText(await status.reply())).toContain('not set up');
  });

  it('refuses /daily for members without Manage Server, but lets them answer', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const ix = await harness.fake.slash({ name: 'daily', subcommand: 'status', user: bob });
    expect(embedText(await ix.reply())).toContain('Manage Server');
  });

  it('refuses /daily set to a member without Manage Server, privately, and changes nothing', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const guildId = harness.fake.guild().id;
    const before = await harness.bot.ctx.store.settings.get(guildId);
    const ix = await harness.fake.slash({
      name: 'daily',
      subcommand: 'set',
      user: bob,
      options: { channel: harness.fake.channel('#daily'), time: '08:00', timezone: 'Asia/Tokyo' },
    });
    expect((await ix.reply()).content).toBe('You need the Manage Server permission to use /daily.');
    expect(ix.ephemeral).toBe(true);
    expect(await harness.bot.ctx.store.settings.get(guildId)).toEqual(before);
    clock.set('2026-11-23T08:00:00Z');
    await dailyOf(harness).tick();
    expect(dailyPosts(harness)).toHaveLength(0);
    expectNoViolations(harness);
  });

  it('/daily status shows the schedule, next post in local time and as Discord timestamps, and the cycle', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    await setDaily(harness, { time: '08:30', timezone: 'America/New_York' });
    const ix = await harness.fake.slash({ name: 'daily', subcommand: 'status', user: alice });
    const text = embedText(await ix.reply());
    const unix = Date.parse('2026-11-23T13:30:00Z') / 1000;
    expect(text).toContain('08:30 America/New_York');
    expect(text).toContain(`Next post: 2026-11-23 08:30 (America/New_York) · <t:${unix}:F> · <t:${unix}:R>`);
    expect(text).toMatch(/Questions left in this cycle: (\d+) of \1/);
    // `/daily set` also sets the server time zone used for week and month periods.
    const settings = await harness.bot.ctx.store.settings.get(harness.fake.guild().id);
    expect(settings.timeZone).toBe('America/New_York');
  });

  it('autocompletes time zones and topics', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    const zones = await harness.fake.autocomplete({
      name: 'daily',
      subcommand: 'set',
      user: alice,
      options: { timezone: 'kolk' },
      focused: 'timezone',
    });
    expect(zones.map((c) => c.value)).toEqual(['Asia/Kolkata']);
    const topics = await harness.fake.autocomplete({
      name: 'daily',
      subcommand: 'set',
      user: alice,
      options: { topic: 'aw' },
      focused: 'topic',
    });
    expect(topics.map((c) => c.value)).toContain('aws');
  });

  it('/daily now posts today’s question at once and the scheduled time then posts nothing more', async () => {
    const clock = new ManualClock(MONDAY_0700);
    harness = await startDailyHarness(clock);
    await setDaily(harness, { time: '08:00', timezone: 'UTC' });
    const now = await harness.fake.slash({ name: 'daily', subcommand: 'now', user: alice });
    expect(embedText(await now.reply())).toContain("Posted today's question (2026-11-23)");
    clock.set('2026-11-23T08:00:00Z');
    await dailyOf(harness).tick();
    expect(dailyPosts(harness)).toHaveLength(1);
    const again = await harness.fake.slash({ name: 'daily', subcommand: 'now', user: alice });
    expect(embedText(await again.reply())).toContain('already posted');
  });
});
