import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { coreFeatures } from '../../src/features.ts';
import { seasonFeature } from '../../src/season/feature.ts';
import type { SeasonService } from '../../src/season/service.ts';
import { DEFAULT_MEMBERS, type FakeDiscordOptions, type FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { answerByChoice, buttonsOf, questionOf, sessionIdOf, storedSession } from './quiz-support.ts';
import { embedPicture, galleryItems, shownPicture, v2Text } from './v2-support.ts';

const [alice, bob, carol] = DEFAULT_MEMBERS.map((m) => ({ id: m.id, username: m.username })) as [
  { id: string; username: string },
  { id: string; username: string },
  { id: string; username: string },
];

type Embed = { title: string; description: string; fields?: { name: string; value: string }[] };

describe('seasons end to end', () => {
  let harness: Harness | undefined;
  afterEach(async () => harness?.close());

  async function start(clock: ManualClock, fake?: FakeDiscordOptions) {
    harness = await startHarness({
      ...(fake ? { fake } : {}),
      features: [...coreFeatures(), seasonFeature({ cron: false, settleMs: 0 })],
      start: { clock },
    });
    return harness;
  }
  const seasonsOf = (h: Harness): SeasonService => {
    const seasons = h.bot.ctx.seasons;
    if (!seasons) throw new Error('the season feature is not running');
    return seasons;
  };
  async function score(h: Harness, userId: string, points: number, at: Date, itemId: string) {
    await h.bot.ctx.store.scores.recordAnswer(h.fake.guild().id, {
      userId,
      itemId,
      topics: ['ami'],
      correct: true,
      points,
      kind: 'quiz',
      at,
      timeZone: 'UTC',
    });
  }
  /** `user` answers the first question of a one-question /quiz right; resolves to the points it earned. */
  async function quizRight(h: Harness, user: { id: string; username: string }): Promise<number> {
    const start = await h.fake.slash({ name: 'quiz', user, options: { questions: 1 } });
    const message = await start.reply();
    const sessionId = sessionIdOf(message);
    const question = questionOf(h, await storedSession(h, sessionId), 0);
    if (question.type === 'typed') {
      await (await h.fake.click({ message, customId: `v1:quiz:${sessionId}:0:type`, user })).response();
      await (
        await h.fake.submitModal({
          customId: `v1:quiz:${sessionId}:0`,
          fields: { answer: question.answer },
          user,
        })
      ).reply();
      return 15;
    }
    await answerByChoice(h, message, sessionId, 0, question, true, user);
    return 10;
  }
  const posts = (h: Harness) => h.fake.messages(h.fake.channel('#daily').id);
  async function configure(h: Harness, roleId: string) {
    const ix = await h.fake.slash({
      name: 'season',
      subcommand: 'config',
      user: alice,
      options: { channel: h.fake.channel('#daily'), 'champion-role': roleId },
    });
    return ix.reply();
  }

  it('posts the podium once at the boundary and moves the champion role to the new winner', async () => {
    const clock = new ManualClock('2026-11-20T12:00:00Z');
    const h = await start(clock);
    const guildId = h.fake.guild().id;
    const champion = h.fake.roles.add(guildId, { name: 'Champion', position: 2 });
    h.fake.roles.setBotRole(guildId, { manageRoles: true });
    const configured = await configure(h, champion.id);
    expect(configured.content).toBe('✅ Seasons updated.');

    await score(h, bob.id, 15, clock.now(), 'q1');
    await score(h, carol.id, 10, clock.now(), 'q1');
    clock.set('2026-12-01T00:00:20Z');
    await seasonsOf(h).tick();
    await seasonsOf(h).tick();
    expect(posts(h)).toHaveLength(1);
    const november = posts(h)[0]?.embeds[0] as Embed;
    expect(november.title).toBe('🏆 November 2026 — final standings');
    expect(november.description).toContain(`🥇 <@${bob.id}> — 15 points · 100% right`);
    expect(november.description).toContain(`🥈 <@${carol.id}> — 10 points`);
    expect(november.description).toContain('A new season, **December 2026**, starts now');
    // The podium card rides along as the embed's picture, its text as the alt text.
    const podium = await embedPicture(posts(h)[0] as FakeMessage);
    expect(podium).toMatchObject({ width: 800, height: 470, name: 'podium.png' });
    expect(podium.description?.split('\n')).toEqual([
      'November 2026, final standings:',
      '1. Bob: 15 points, 100% right',
      '2. Carol: 10 points, 100% right',
      '2 members took part.',
      'Next: December 2026, 31 days to climb the board.',
    ]);
    expect(h.fake.roles.memberRoles(guildId, bob.id)).toContain(champion.id);

    await score(h, carol.id, 20, new Date('2026-12-05T10:00:00Z'), 'q2');
    await score(h, bob.id, 10, new Date('2026-12-06T10:00:00Z'), 'q3');
    clock.set('2026-12-06T12:00:00Z');
    const status = await h.fake.slash({ name: 'season', subcommand: 'status', user: bob });
    const shown = (await status.reply()).embeds[0] as Embed;
    expect(shown.description).toContain('**December 2026** — 26 days left.');
    expect(shown.description).toContain(`You: **#2** of 2 with 10 points`);
    expect(shown.description).toContain(`10 points behind #1 <@${carol.id}>.`);
    const running = await h.fake.slash({ name: 'leaderboard', user: bob, options: { period: 'season' } });
    const live = await running.reply();
    expect(v2Text(live).split('\n')[0]).toBe('### 🏆 Leaderboard — December 2026 · 26 days left');
    expect(galleryItems(live)[0]?.description).toContain('1. Carol: 20 points');
    expect(await shownPicture(live)).toMatchObject({ width: 800, name: 'leaderboard.png' });

    // The bot is down when December ends; on start it posts December's results, once.
    await h.bot.stop();
    clock.set('2027-01-02T09:00:00Z');
    await h.restart();
    await seasonsOf(h).catchUp;
    await seasonsOf(h).tick();
    expect(posts(h).map((m) => (m.embeds[0] as Embed).title)).toEqual([
      '🏆 November 2026 — final standings',
      '🏆 December 2026 — final standings',
    ]);
    expect(h.fake.roles.memberRoles(guildId, carol.id)).toContain(champion.id);
    expect(h.fake.roles.memberRoles(guildId, bob.id)).not.toContain(champion.id);

    const history = await h.fake.slash({ name: 'season', subcommand: 'history', user: bob });
    expect(((await history.reply()).embeds[0] as Embed).description).toBe(
      [
        `**December 2026** — won by <@${carol.id}> with 20 points · 2 members took part`,
        `**November 2026** — won by <@${bob.id}> with 15 points · 2 members took part`,
      ].join('\n'),
    );
    const past = await h.fake.slash({
      name: 'leaderboard',
      user: bob,
      options: { period: 'season', season: 'november 2026' },
    });
    const board = await past.reply();
    expect(v2Text(board).split('\n')[0]).toBe('### 🏆 Leaderboard — November 2026 · final');
    // A past season is none of the periods: every period button is live (Season: January's), no "My rank".
    expect(buttonsOf(board).map((b) => [b.label, b.disabled ?? false])).toEqual([
      ['This week', false],
      ['This month', false],
      ['All time', false],
      ['Season', false],
    ]);
    expect(galleryItems(board)[0]?.description?.split('\n').slice(0, 3)).toEqual([
      'Leaderboard in November 2026 (final), 2 members with points:',
      '1. Bob: 15 points',
      '2. Carol: 10 points',
    ]);
    expect((await shownPicture(board)).width).toBe(800);
    expect(
      await h.fake.autocomplete({ name: 'leaderboard', options: { season: 'dec' }, focused: 'season' }),
    ).toEqual([{ name: 'December 2026', value: 'December 2026' }]);
    expect(h.fake.violations).toEqual([]);
  });

  it('switches the board between this week and the running season with its period buttons, in the same message', async () => {
    const clock = new ManualClock('2026-12-08T12:00:00Z'); // a Tuesday: this week is Dec 7–13
    const h = await start(clock);
    const guildId = h.fake.guild().id;
    await configure(h, h.fake.roles.add(guildId, { name: 'Champion', position: 2 }).id);
    await score(h, carol.id, 20, new Date('2026-12-02T10:00:00Z'), 'q1'); // last week: the season only
    await score(h, bob.id, 10, clock.now(), 'q2');
    const labels = (m: FakeMessage) => buttonsOf(m).map((b) => `${b.label}${b.disabled ? ' (shown)' : ''}`);

    const week = await (await h.fake.slash({ name: 'leaderboard', user: bob })).reply();
    expect(labels(week)).toEqual(['This week (shown)', 'This month', 'All time', 'Season', 'My rank']);
    const toSeason = await h.fake.click({ message: week, customId: `v1:lb:p:season:${bob.id}`, user: carol });
    expect((await toSeason.response()).type).toBe(6); // a deferred update of the same message
    await h.fake.waitFor(
      () => v2Text(h.fake.message(week.id) ?? week).includes('December 2026 · 24 days left'),
      {
        message: 'the board was never edited to the season',
      },
    );
    const season = h.fake.message(week.id) as FakeMessage;
    expect(v2Text(season).split('\n')[0]).toBe('### 🏆 Leaderboard — December 2026 · 24 days left');
    expect(galleryItems(season)[0]?.description?.split('\n').slice(1, 3)).toEqual([
      '1. Carol: 20 points',
      '2. Bob: 10 points',
    ]);
    expect((await shownPicture(season)).width).toBe(800);
    expect(labels(season)).toEqual(['This week', 'This month', 'All time', 'Season (shown)', 'My rank']);
    // The owner's rank stays on the card; "My rank" answers whoever clicks, privately, for the season.
    const mine = await h.fake.click({ message: season, customId: 'v1:lb:me:season', user: bob });
    expect((await mine.reply()).content).toBe('You are **#2** of 2 in December 2026, with 10 points.');
    expect(mine.ephemeral).toBe(true);

    const back = await h.fake.click({ message: season, customId: `v1:lb:p:week:${bob.id}`, user: bob });
    await back.response();
    await h.fake.waitFor(() => labels(h.fake.message(week.id) ?? week)[0] === 'This week (shown)', {
      message: 'the board was never edited back to the week',
    });
    expect(galleryItems(h.fake.message(week.id) as FakeMessage)[0]?.description).not.toContain('Carol');
    expect(
      h.fake.messages(h.fake.channel('#general').id).filter((m) => m.id !== week.id && !m.ephemeral),
    ).toEqual([]);
    expect(h.fake.violations).toEqual([]);
  });

  it('without Manage Roles says so in /season status and the post, touches no role, and carries on', async () => {
    const clock = new ManualClock('2026-11-20T12:00:00Z');
    const h = await start(clock);
    const guildId = h.fake.guild().id;
    const champion = h.fake.roles.add(guildId, { name: 'Champion', position: 2 });
    await configure(h, champion.id);
    const status = await h.fake.slash({ name: 'season', subcommand: 'status', user: alice });
    const shown = (await status.reply()).embeds[0] as Embed;
    expect(shown.fields?.find((f) => f.name === '⚠️ Needs attention')?.value).toBe(
      'The bot lacks the Manage Roles permission. Give one of its roles Manage Roles in Server Settings › Roles.',
    );

    const earned = await quizRight(h, bob); // a member scores through /quiz
    clock.set('2026-12-01T00:00:20Z');
    await seasonsOf(h).tick();
    const post = posts(h)[0]?.embeds[0] as Embed;
    expect(post.description).toContain(`🥇 <@${bob.id}> — ${earned} points · 100% right`);
    expect(post.description).toContain(
      '⚠️ The champion role was not given: The bot lacks the Manage Roles permission.',
    );
    expect(h.fake.requests.filter((r) => r.path.includes('/roles/'))).toEqual([]);
    expect(h.fake.roles.memberRoles(guildId, bob.id)).not.toContain(champion.id);

    // Everything else still works.
    const board = await h.fake.slash({ name: 'leaderboard', user: bob, options: { period: 'all' } });
    expect(galleryItems(await board.reply())[0]?.description).toContain(`1. Bob: ${earned} points`);
    expect(h.fake.violations).toEqual([]);
  });

  it('without Attach Files in the channel posts the podium as text only and says so in /season status', async () => {
    const clock = new ManualClock('2026-11-20T12:00:00Z');
    const h = await start(clock);
    const daily = h.fake.channel('#daily');
    const configured = await h.fake.slash({
      name: 'season',
      subcommand: 'config',
      user: alice,
      options: { channel: daily },
    });
    expect((await configured.reply()).content).toBe('✅ Seasons updated.');
    h.fake.setChannelPermission(daily.id, { canAttach: false });
    await score(h, bob.id, 15, clock.now(), 'q1');
    clock.set('2026-12-01T00:00:20Z');
    const [closed] = await seasonsOf(h).tick();
    expect(closed?.kind).toBe('posted');

    expect(posts(h)).toHaveLength(1);
    const post = posts(h)[0] as FakeMessage;
    expect(post.attachments).toEqual([]);
    const embed = post.embeds[0] as Embed & { image?: unknown };
    expect(embed.image).toBeUndefined();
    expect(embed.title).toBe('🏆 November 2026 — final standings');
    expect(embed.description).toContain(`🥇 <@${bob.id}> — 15 points · 100% right`);
    const status = await h.fake.slash({ name: 'season', subcommand: 'status', user: alice });
    expect(((await status.reply()).embeds[0] as Embed).fields?.at(-1)).toEqual({
      name: '⚠️ Needs attention',
      value: `The podium picture was left out of the end-of-season post in <#${daily.id}>: give the bot Attach Files there.`,
    });
    expect(h.fake.violations).toEqual([]);
  });

  it('refuses /season config to members without Manage Server', async () => {
    const h = await start(new ManualClock('2026-11-20T12:00:00Z'));
    const ix = await h.fake.slash({ name: 'season', subcommand: 'config', user: bob, options: { top: 3 } });
    expect((await ix.reply()).content).toBe('You need the Manage Server permission to change the seasons.');
    expect(ix.ephemeral).toBe(true);
  });
});
