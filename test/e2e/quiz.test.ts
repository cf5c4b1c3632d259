import { escapeMarkdown } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { ALREADY_ANSWERED, COOLDOWN, EXPIRED_QUIZ, SESSION_TTL_MS } from '../../src/quiz/solo.ts';
import { raceFeature } from '../../src/race/index.ts';
import { DEFAULT_MEMBERS, type FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import {
  answerByChoice,
  buttonEnding,
  buttonsOf,
  nearMiss,
  questionOf,
  sendChoice,
  sessionIdOf,
  storedSession,
} from './quiz-support.ts';
import { galleryItems, isV2, v2Text } from './v2-support.ts';

function member(index: number): { id: string; username: string } {
  const found = DEFAULT_MEMBERS[index];
  if (!found) throw new Error(`no default member ${index}`);
  return { id: found.id, username: found.username };
}
const [alice, bob, carol] = [member(0), member(1), member(2)];
const AMI = 'AMI (Amazon Machine Image)';

describe('a solo quiz of 5 on the AMI note', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  let harness: Harness;
  let summary: FakeMessage;

  beforeAll(async () => {
    harness = await startHarness({ start: { clock } });
  });
  afterAll(async () => harness?.close());

  /** Clicks a button of the quiz message and returns the message as the member now sees it. */
  async function click(message: FakeMessage, customId: string): Promise<FakeMessage> {
    clock.advance(3_000);
    const ix = await harness.fake.click({ message, customId, user: alice });
    return ix.reply();
  }

  it('is private, one question at a time; right, wrong and a typed near match are scored as they should', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: AMI, questions: 5 },
    });
    let message = await start.reply();
    expect(start.ephemeral).toBe(true);
    expect(message.embeds[0]?.title).toBe('Question 1 of 5');

    const sessionId = sessionIdOf(message);
    const session = await storedSession(harness, sessionId);
    expect(session.questions).toHaveLength(5);
    expect(session.questions.some((q) => q.type === 'typed')).toBe(true);

    const expected: string[] = [];
    let answeredWrong = false;
    let answeredRight = false;
    for (let index = 0; index < 5; index++) {
      const question = questionOf(harness, session, index);
      expect(message.embeds[0]?.title).toBe(`Question ${index + 1} of 5`);
      if (question.type === 'typed') {
        const typo = nearMiss(question);
        clock.advance(3_000);
        const open = await harness.fake.click({
          message,
          customId: buttonEnding(message, `:${index}:type`).custom_id,
          user: alice,
        });
        expect((await open.response()).type).toBe(9);
        const submit = await harness.fake.submitModal({
          customId: `v1:quiz:${sessionId}:${index}`,
          fields: { answer: typo },
          user: alice,
        });
        message = await submit.reply();
        expect(message.embeds[0]?.title).toMatch(/^✅ Accepted as “.+” \+15 points$/);
        expected.push('typed');
      } else {
        const right = !(answeredRight && !answeredWrong);
        clock.advance(3_000);
        message = await answerByChoice(harness, message, sessionId, index, question, right, alice);
        if (right) {
          answeredRight = true;
          expect(message.embeds[0]?.title).toBe('✅ Right! +10 points');
          expected.push('right');
        } else {
          answeredWrong = true;
          expect(message.embeds[0]?.title).toBe('❌ Not quite');
          expected.push('wrong');
        }
      }
      const fields = Object.fromEntries(
        ((message.embeds[0]?.fields ?? []) as { name: string; value: string }[]).map((f) => [
          f.name,
          f.value,
        ]),
      );
      expect(fields.Source).toBe(escapeMarkdown(question.source));
      expect(fields.Answer).toBeDefined();
      message = await click(message, buttonEnding(message, `:${index}:next`).custom_id);
    }
    expect(expected.filter((e) => e === 'wrong')).toHaveLength(1);

    summary = message;
    expect(isV2(summary)).toBe(true);
    expect(summary.embeds).toEqual([]);
    const text = v2Text(summary);
    expect(text.split('\n')[0]).toBe('### Quiz finished — 4/5 right');
    const points = 10 * expected.filter((e) => e === 'right').length + 15;
    expect(text).toContain(`**+${points} points** earned · Time: 27 s`);
    expect(text).toContain('**Missed (1)**\n');
    expect(buttonsOf(summary).map((b) => b.label)).toEqual(['Retry missed (1)']);
    const record = await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, alice.id);
    expect(record?.periods.all?.points).toBe(points);
    expect(record?.answers).toBe(5);
  });

  it('"Retry missed" starts a new private quiz of just the missed question', async () => {
    const ix = await harness.fake.click({
      message: summary,
      customId: buttonEnding(summary, ':retry').custom_id,
      user: alice,
    });
    const retry = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(retry.embeds[0]?.title).toBe('Question 1 of 1');
    expect(sessionIdOf(retry)).not.toBe(sessionIdOf(summary));
  });

  it('/leaderboard and /stats show exactly the points earned', async () => {
    const record = await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, alice.id);
    const points = record?.periods.all?.points ?? -1;

    const board = await (await harness.fake.slash({ name: 'leaderboard', user: bob })).reply();
    expect(v2Text(board)).toMatch(
      new RegExp(
        `Top this week \\(.+\\): Alice ${points} points\\. You have no points in this period yet\\.`,
      ),
    );

    const mine = await (
      await harness.fake.slash({ name: 'leaderboard', user: alice, options: { period: 'all' } })
    ).reply();
    expect(v2Text(mine)).toContain(`Top of all time: Alice ${points} points. You are #1 of 1.`);

    const statsIx = await harness.fake.slash({ name: 'stats', user: bob, options: { user: alice.id } });
    const stats = await statsIx.reply();
    expect(statsIx.ephemeral).toBe(true);
    expect(v2Text(stats)).toContain(`### 📊 Stats of <@${alice.id}>`);
    expect(v2Text(stats)).toContain(
      `${points} points (${points} this week) · 80% right (4/5) · no daily streak`,
    );
    const alt = galleryItems(stats)[0]?.description ?? '';
    expect(alt).toContain(
      `Points: ${points} in all, ${points} this week, ${points} this month. Best daily streak: 0.`,
    );
    expect(alt).toMatch(/• ami · aws · [^:]+: \d+% ready, 80% right \(4\/5\)/);

    const nobody = await (await harness.fake.slash({ name: 'stats', user: carol })).reply();
    expect(nobody.content).toContain('You have not answered any question in this server yet.');
    expect(harness.fake.violations).toEqual([]);
  });

  it('a typed answer submitted twice is scored once: the second says "already answered"', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: bob,
      options: { topic: AMI, questions: 20 },
    });
    let message = await start.reply();
    const sessionId = sessionIdOf(message);
    const session = await storedSession(harness, sessionId);
    const typedIndex = session.questions.findIndex((q) => q.type === 'typed');
    for (let index = 0; index < typedIndex; index++) {
      const question = questionOf(harness, session, index);
      clock.advance(3_000);
      message = await answerByChoice(harness, message, sessionId, index, question, true, bob);
      message = await (
        await harness.fake.click({ message, customId: `v1:quiz:${sessionId}:${index}:next`, user: bob })
      ).reply();
    }
    const question = questionOf(harness, session, typedIndex);
    const open = await harness.fake.click({
      message,
      customId: `v1:quiz:${sessionId}:${typedIndex}:type`,
      user: bob,
    });
    expect((await open.response()).type).toBe(9);
    const modalId = `v1:quiz:${sessionId}:${typedIndex}`;
    clock.advance(3_000);
    await (
      await harness.fake.submitModal({ customId: modalId, fields: { answer: question.answer }, user: bob })
    ).reply();
    clock.advance(3_000);
    const again = await harness.fake.submitModal({
      customId: modalId,
      fields: { answer: question.answer },
      user: bob,
    });
    expect((await again.reply()).content).toBe(ALREADY_ANSWERED);
    expect(again.ephemeral).toBe(true);
    const record = await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, bob.id);
    expect(record?.answers).toBe(typedIndex + 1);
  });

  it('one member clicking 20 times at once gets one scored answer and cooldown replies', async () => {
    // A one-question quiz is never typed, so its buttons are answers.
    const start = await harness.fake.slash({
      name: 'quiz',
      user: carol,
      options: { topic: AMI, questions: 1 },
    });
    const message = await start.reply();
    const sessionId = sessionIdOf(message);
    const session = await storedSession(harness, sessionId);
    expect(session.questions[0]?.type).not.toBe('typed');
    const question = questionOf(harness, session, 0);
    clock.advance(3_000);
    // Each click is an answer: a button, or the select menu of a "choose two" question.
    const clicks = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        sendChoice(harness, message, sessionId, 0, question, i % 2 === 0, carol),
      ),
    );
    const replies = await Promise.all(clicks.map((ix) => ix.response()));
    const updates = replies.filter((r) => r.type === 7);
    const privateNotes = replies.filter((r) => r.type === 4);
    expect(updates).toHaveLength(1);
    expect(privateNotes).toHaveLength(19);
    for (const note of privateNotes) {
      expect(note.data?.content).toBe(COOLDOWN);
      expect(note.data?.flags).toBe(64);
    }
    const record = await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, carol.id);
    expect(record?.answers).toBe(1);
    expect((await storedSession(harness, sessionId)).answers).toHaveLength(1);
    expect(harness.fake.violations).toEqual([]);
  });

  it('a quiz button keeps working after a bot restart, and an expired quiz says so', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: 'ami', questions: 2 },
    });
    const message = await start.reply();
    const sessionId = sessionIdOf(message);
    await harness.restart();

    clock.advance(3_000);
    const question = questionOf(harness, await storedSession(harness, sessionId), 0);
    const typed = question.type === 'typed';
    const ix = typed
      ? await harness.fake.click({ message, customId: buttonEnding(message, ':type').custom_id, user: alice })
      : await sendChoice(harness, message, sessionId, 0, question, true, alice);
    const after = await ix.reply();
    expect(ix.rejections).toEqual([]);
    expect((await ix.response()).type).toBe(typed ? 9 : 7);
    if (!typed) expect(after.embeds[0]?.title).toMatch(/^(✅|❌)/);
    expect((await storedSession(harness, sessionId)).id).toBe(sessionId);

    const late = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: 'ami', questions: 2 },
    });
    const lateMessage = await late.reply();
    clock.advance(SESSION_TTL_MS + 1);
    const expired = await harness.fake.click({
      message: lateMessage,
      customId: buttonsOf(lateMessage)[0]?.custom_id as string,
      user: alice,
    });
    expect((await expired.reply()).content).toBe(EXPIRED_QUIZ);
    expect(expired.ephemeral).toBe(true);
  });

  it('topic autocomplete offers tags and notes, at most 25, and an unknown topic lists some', async () => {
    const choices = await harness.fake.autocomplete({
      name: 'quiz',
      options: { topic: 'am' },
      focused: 'topic',
    });
    expect(choices.map((c) => c.value)).toEqual(expect.arrayContaining(['ami', AMI]));
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);

    const ix = await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'kubernetes' } });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Nothing to ask about "kubernetes"\. Try one of: .*ami/);
  });
});

describe('/quiz mode:race', () => {
  let harness: Harness;

  beforeAll(async () => {
    const race = raceFeature();
    harness = await startHarness({ start: { extendContext: race.extendContext, onReady: [race.onReady] } });
  });
  afterAll(async () => harness?.close());

  it('is handed to the race module: a public announcement in the channel, not a private quiz', async () => {
    const ix = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: 'ami', mode: 'race' },
    });
    await ix.reply();
    expect(ix.ephemeral).toBe(false);
    expect(await harness.bot.ctx.store.sessions.get(`quiz:${BigInt(ix.id).toString(36)}`)).toBeUndefined();
    expect(harness.fake.violations).toEqual([]);
  });
});
