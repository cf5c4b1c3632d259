import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { decodeCustomId } from '../../src/discord/customId.ts';
import { discordRaceDisplay, RACE_ANSWERS, type RaceState, raceFeature } from '../../src/race/index.ts';
import { ManualScheduler } from '../../src/race/scheduler.ts';
import { DEFAULT_MEMBERS, type FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

function member(index: number): { id: string; username: string } {
  const found = DEFAULT_MEMBERS[index];
  if (!found) throw new Error(`no default member ${index}`);
  return { id: found.id, username: found.username };
}
/** alice may manage the server; bob and carol may not. */
const [alice, bob, carol] = [member(0), member(1), member(2)];
const ROUND_MS = 2_000;

describe('/quiz mode:race through the fake Discord', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  const scheduler = new ManualScheduler(clock);
  let harness: Harness;
  let general: string;
  let daily: string;

  beforeAll(async () => {
    const race = raceFeature({ scheduler, settings: { roundMs: ROUND_MS, gapMs: 0, updateEveryMs: 5_000 } });
    harness = await startHarness({
      start: { clock, extendContext: race.extendContext, onReady: [race.onReady] },
    });
    general = harness.fake.channel('#general').id;
    daily = harness.fake.channel('#daily').id;
  });
  afterAll(async () => harness?.close());

  /** The channel's public messages whose first embed title contains `title`. */
  const posts = (channelId: string, title: string) =>
    harness.fake.messages(channelId).filter((m) => String(m.embeds[0]?.title ?? '').includes(title));

  /** The open (not yet revealed) post of question `question` in the channel, once posted. */
  async function roundPost(channelId: string, question: number): Promise<FakeMessage> {
    const open = () =>
      posts(channelId, `Question ${question} of`).filter(
        (m) => !String(m.embeds[0]?.title).includes('revealed'),
      );
    await harness.fake.waitFor(() => open().length > 0, { message: `round ${question} posted` });
    const post = open().at(-1);
    if (!post) throw new Error('no round post');
    return post;
  }

  /** custom_ids of a message's buttons, row by row flattened. */
  function buttonIds(message: FakeMessage): string[] {
    return message.components.flatMap((row) =>
      ((row as { components?: { custom_id?: string }[] }).components ?? []).map((b) => b.custom_id ?? ''),
    );
  }

  async function stateOf(post: FakeMessage): Promise<RaceState> {
    const raceId = decodeCustomId(buttonIds(post)[0] ?? '')?.args[0];
    const state = await harness.bot.ctx.store.sessions.get<RaceState>(`race:${raceId}`);
    if (!state) throw new Error(`race ${raceId} not in the store`);
    return state;
  }

  const answerId = (post: FakeMessage, choice: number) =>
    buttonIds(post).find((id) => id.endsWith(`:a:0:${choice}`)) ?? '';

  it('runs a public round: private acks, one answer each, a reveal naming who was right and the fastest, points by the rules', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      channelId: general,
      options: { topic: 'ami', mode: 'race', questions: 1 },
    });
    const announcement = await start.reply();
    expect(start.ephemeral).toBe(false);
    expect(announcement.content).toContain(`<@${alice.id}> started a race`);

    const post = await roundPost(general, 1);
    expect(post.ephemeral).toBe(false);
    const state = await stateOf(post);
    const right = state.questions[0]?.correct ?? -1;
    const wrong = right === 0 ? 1 : 0;

    // Three members click in the same instant.
    const clicks = await Promise.all([
      harness.fake.click({ message: post, customId: answerId(post, right), user: alice }),
      harness.fake.click({ message: post, customId: answerId(post, right), user: bob }),
      harness.fake.click({ message: post, customId: answerId(post, wrong), user: carol }),
    ]);
    for (const ix of clicks) {
      expect((await ix.reply()).content).toBe(RACE_ANSWERS.locked);
      expect(ix.ephemeral).toBe(true);
    }

    // A second click by bob, on the other option: answered privately, counted once.
    const again = await harness.fake.click({ message: post, customId: answerId(post, wrong), user: bob });
    expect((await again.reply()).content).toBe(RACE_ANSWERS.duplicate);
    expect(again.ephemeral).toBe(true);
    expect((await stateOf(post)).round.answers.map((a) => a.userId).sort()).toEqual(
      [alice.id, bob.id, carol.id].sort(),
    );

    // A second race in the same channel is refused, naming the running one.
    const second = await harness.fake.slash({
      name: 'quiz',
      user: bob,
      channelId: general,
      options: { mode: 'race' },
    });
    expect((await second.reply()).content).toMatch(
      new RegExp(`started by <@${alice.id}> is already running`),
    );
    expect(second.ephemeral).toBe(true);

    // No edit per answer: the post is untouched until the reveal.
    expect(harness.fake.message(post.id)?.editedAt).toBeUndefined();

    await scheduler.advance(ROUND_MS);

    const scores = harness.bot.ctx.store.scores;
    const aliceRecord = await scores.getMember(state.guildId, alice.id);
    const bobRecord = await scores.getMember(state.guildId, bob.id);
    const carolRecord = await scores.getMember(state.guildId, carol.id);
    const points = [aliceRecord?.periods.all?.points, bobRecord?.periods.all?.points].sort();
    expect(points).toEqual([14, 15]); // 10 + 5 for the first right answer, 10 + 4 for the second
    expect(carolRecord).toMatchObject({ answers: 1, correct: 0 });
    expect(carolRecord?.periods.all).toBeUndefined();
    const fastest = aliceRecord?.periods.all?.points === 15 ? alice : bob;

    const reveal = harness.fake.message(post.id);
    const description = String(reveal?.embeds[0]?.description ?? '');
    expect(reveal?.embeds[0]?.title).toContain('revealed');
    expect(description).toContain(`⚡ Fastest: <@${fastest.id}>`);
    expect(description).toContain(`<@${alice.id}>`);
    expect(description).toContain(`<@${bob.id}>`);
    expect(description).not.toContain(`<@${carol.id}>`);
    expect(description).toContain('1 wrong answer');
    const [answerRow, flagRow] = (reveal?.components ?? []).map(
      (row) => (row as { components: { custom_id: string; disabled?: boolean }[] }).components,
    );
    expect(answerRow?.every((b) => b.disabled && !b.custom_id.endsWith(':stop'))).toBe(true);
    // Under the reveal, anyone may flag the question they just answered.
    const itemId = state.questions[0]?.itemId ?? '';
    expect(flagRow?.map((b) => [b.custom_id, b.disabled ?? false])).toEqual([[`v1:flag:${itemId}`, false]]);
    // The round's three answers count in the question's statistics, with the wrong option carol chose.
    await vi.waitFor(async () =>
      expect((await harness.bot.ctx.store.health.statsOf(state.guildId, itemId)).asked).toBe(3),
    );
    const optionsOfRound = state.questions[0]?.options ?? [];
    expect(await harness.bot.ctx.store.health.statsOf(state.guildId, itemId)).toEqual({
      asked: 3,
      right: 2,
      wrong: { [optionsOfRound[wrong] ?? '']: 1 },
    });

    const board = await scores.leaderboard(state.guildId, 'all', clock.now(), 'UTC');
    expect(board.top.map((e) => [e.userId, e.points])).toEqual([
      [fastest.id, 15],
      [fastest === alice ? bob.id : alice.id, 14],
    ]);

    const standings = posts(general, 'final standings').at(-1);
    expect(String(standings?.embeds[0]?.description)).toMatch(
      new RegExp(`🥇 <@${fastest.id}> · \\*\\*15 points`),
    );

    // The channel is free again.
    const third = await harness.fake.slash({
      name: 'quiz',
      user: carol,
      channelId: general,
      options: { mode: 'race' },
    });
    expect((await third.reply()).content).toContain(`<@${carol.id}> started a race`);
    expect(third.ephemeral).toBe(false);
    await harness.bot.ctx.race?.close();
    expect(harness.fake.violations).toEqual([]);
  });

  it('can be stopped by its starter, not by another member', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: bob,
      channelId: daily,
      options: { topic: 'ami', mode: 'race', questions: 3 },
    });
    await start.reply();
    const post = await roundPost(daily, 1);
    const stopId = buttonIds(post).find((id) => id.endsWith(':stop')) ?? '';

    const refused = await harness.fake.click({ message: post, customId: stopId, user: carol });
    expect((await refused.reply()).content).toBe(
      `Only <@${bob.id}>, who started this race, or a server admin can stop it.`,
    );
    expect(refused.ephemeral).toBe(true);
    expect((await stateOf(post)).status).toBe('running');

    const stopped = await harness.fake.click({ message: post, customId: stopId, user: bob });
    expect((await stopped.reply()).content).toMatch(/You stopped the race/);
    expect(stopped.ephemeral).toBe(true);
    expect((await stateOf(post)).status).toBe('stopped');
    const standings = posts(daily, 'Race ended').at(-1);
    expect(String(standings?.embeds[0]?.description)).toContain(
      `Stopped by <@${bob.id}> after 1 of 3 questions`,
    );

    // Nothing more happens: no second round after the deadline.
    await scheduler.advance(ROUND_MS * 3);
    expect(posts(daily, 'Question 2 of')).toEqual([]);
    expect(harness.fake.violations).toEqual([]);
  });
  it('ends cleanly when the bot restarts mid-race: the open round is scored, standings posted, old buttons say so', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: carol,
      channelId: general,
      options: { topic: 'ami', mode: 'race', questions: 3 },
    });
    await start.reply();
    const post = await roundPost(general, 1);
    const { id: raceId, questions } = await stateOf(post);
    const right = questions[0]?.correct ?? -1;
    const click = await harness.fake.click({ message: post, customId: answerId(post, right), user: carol });
    expect((await click.reply()).content).toBe(RACE_ANSWERS.locked);

    await harness.restart();

    const ended = await harness.bot.ctx.store.sessions.get<RaceState>(`race:${raceId}`);
    expect(ended).toMatchObject({ status: 'interrupted', standings: { [carol.id]: { correct: 1 } } });
    const standings = posts(general, 'Race ended').at(-1);
    expect(String(standings?.embeds[0]?.description)).toContain('Ended early after 1 of 3 questions');
    // The reveal disabled the buttons; a stale click (e.g. from a client that had not refreshed) is told so.
    expect(
      await harness.bot.ctx.race?.answer(discordRaceDisplay(harness.bot.client), raceId, 0, bob.id, 0),
    ).toBe('ended');
    const again = await harness.fake.slash({
      name: 'quiz',
      user: bob,
      channelId: general,
      options: { mode: 'race' },
    });
    await again.reply();
    expect(again.ephemeral).toBe(false);
    expect(harness.fake.violations).toEqual([]);
  });
});
