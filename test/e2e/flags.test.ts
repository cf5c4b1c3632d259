import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import {
  answerByChoice,
  buttonEnding,
  buttonsOf,
  questionOf,
  sessionIdOf,
  storedSession,
} from './quiz-support.ts';
import { allComponents } from './v2-support.ts';

const alice = { id: '100000000000000001', username: 'alice' }; // Manage Server
const bob = { id: '100000000000000002', username: 'bob' };
const carol = { id: '100000000000000003', username: 'carol' };
const TOPIC = 'Security Groups vs NACLs';

interface EmbedJson {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

const embedOf = (message: FakeMessage) => (message.embeds[0] ?? {}) as EmbedJson;
const fieldsText = (message: FakeMessage) =>
  (embedOf(message).fields ?? []).map((f) => `${f.name}: ${f.value}`).join('\n');

describe('members flag a question; moderators dismiss or mute it in /bank flags', () => {
  let harness: Harness;
  const clock = new ManualClock('2026-12-04T10:00:00Z');
  beforeAll(async () => {
    harness = await startHarness({ env: { DATA_DIR: 'test/fixtures/questions' }, start: { clock } });
  }, 60_000);
  afterAll(async () => harness?.close());

  /**
   * Starts a quiz for `user` and answers questions up to the first "Choose two" one (or the one of
   * `itemId`); its feedback and item id.
   */
  async function answerTheMultiQuestion(
    user: typeof bob,
    itemId?: string,
  ): Promise<{ feedback: FakeMessage; itemId: string }> {
    let message = await (
      await harness.fake.slash({ name: 'quiz', user, options: { topic: TOPIC, questions: 20 } })
    ).reply();
    const sessionId = sessionIdOf(message);
    const session = await storedSession(harness, sessionId);
    const index = session.questions.findIndex((q) => (itemId ? q.itemId === itemId : q.type === 'multi'));
    expect(index).toBeGreaterThanOrEqual(0);
    for (let i = 0; ; i++) {
      clock.advance(3_000); // past the one-answer-a-second cooldown
      const question = questionOf(harness, session, i);
      if (question.type === 'typed') {
        await (
          await harness.fake.click({ message, user, customId: `v1:quiz:${sessionId}:${i}:type` })
        ).response();
        message = await (
          await harness.fake.submitModal({
            customId: `v1:quiz:${sessionId}:${i}`,
            user,
            fields: { answer: question.answer },
            message,
          })
        ).reply();
      } else {
        message = await answerByChoice(harness, message, sessionId, i, question, true, user);
      }
      if (i === index) return { feedback: message, itemId: question.itemId };
      message = await (
        await harness.fake.click({ message, user, customId: `v1:quiz:${sessionId}:${i}:next` })
      ).reply();
    }
  }

  async function flag(message: FakeMessage, user: typeof bob, itemId: string, reason: string, text: string) {
    const opened = await (
      await harness.fake.click({ message, user, customId: `v1:flag:${itemId}` })
    ).response();
    expect(opened.type).toBe(9); // the form, as the first answer
    const submitted = await harness.fake.submitModal({
      customId: `v1:flag:${itemId}`,
      user,
      fields: { reason: [reason], text },
      message,
    });
    return submitted.reply();
  }

  async function bankFlags(user: typeof bob, show?: 'muted'): Promise<FakeMessage> {
    return (
      await harness.fake.slash({ name: 'bank', subcommand: 'flags', user, options: show ? { show } : {} })
    ).reply();
  }

  it('from the feedback of a "Choose two" answer; one flag per member; a moderator mutes it and it is never asked again', async () => {
    const { feedback, itemId } = await answerTheMultiQuestion(bob);
    expect(fieldsText(feedback)).toContain('Explanation');
    expect(buttonsOf(feedback).map((b) => b.label)).toContain('🚩 Flag question');

    const thanks = await flag(feedback, bob, itemId, 'wrong', 'Both NACL options look right to me.');
    expect(thanks.flags & 64).toBe(64); // private
    expect(embedOf(thanks).description).toContain('flagged as **Wrong answer**');
    const again = await flag(feedback, bob, itemId, 'unclear', '');
    expect(embedOf(again).description).toContain('flagged this question already');
    const carolRun = await answerTheMultiQuestion(carol, itemId);
    expect(carolRun.itemId).toBe(itemId);
    await flag(carolRun.feedback, carol, itemId, 'unclear', '');

    const refused = await bankFlags(bob);
    expect(refused.content).toContain('Manage Server');

    const page = await bankFlags(alice);
    const item = harness.bot.ctx.bank.current.get(itemId);
    expect(embedOf(page).title).toBe('Flagged questions · 1 of 1');
    expect(embedOf(page).description).toContain(item?.prompt.slice(0, 30) ?? '?');
    expect(fieldsText(page)).toContain(`${item?.note}:${item?.line}`);
    expect(fieldsText(page)).toContain('2 flags: Wrong answer · Unclear');
    expect(fieldsText(page)).toContain('Both NACL options look right to me.');

    const muted = await (
      await harness.fake.click({
        message: page,
        user: alice,
        customId: buttonEnding(page, `:${itemId}`).custom_id,
      })
    ).reply();
    expect(muted.id).toBe(page.id); // the same message, edited
    expect(embedOf(muted).description).toContain('No open flags');
    expect(embedOf(muted).description).toContain('Muted: it will not be asked in this server');

    // Twenty quizzes of the topic later, the muted question was not asked once.
    for (let n = 0; n < 20; n++) {
      const start = await (
        await harness.fake.slash({ name: 'quiz', user: carol, options: { topic: TOPIC, questions: 20 } })
      ).reply();
      const session = await storedSession(harness, sessionIdOf(start));
      expect(session.questions.map((q) => q.itemId)).not.toContain(itemId);
    }

    const mutedList = await bankFlags(alice, 'muted');
    expect(embedOf(mutedList).title).toBe('Muted questions · 1 of 1');
    const unmute = allComponents(mutedList).find((c) =>
      (c as { label?: string }).label?.startsWith('Unmute'),
    ) as { custom_id: string } | undefined;
    const unmuted = await (
      await harness.fake.click({ message: mutedList, user: alice, customId: unmute?.custom_id ?? '' })
    ).reply();
    expect(embedOf(unmuted).description).toContain('No question is muted');
    expect(await harness.bot.ctx.store.health.muted(harness.fake.guild().id)).not.toContain(itemId);
    expect(harness.fake.violations).toEqual([]);
  }, 120_000);

  it('dismissing the flags keeps the question and empties the list', async () => {
    const { feedback, itemId } = await answerTheMultiQuestion(carol);
    await flag(feedback, carol, itemId, 'duplicate', '');
    const page = await bankFlags(alice);
    const dismiss = buttonsOf(page).find((b) => b.label === 'Dismiss the flags');
    const after = await (
      await harness.fake.click({ message: page, user: alice, customId: dismiss?.custom_id ?? '' })
    ).reply();
    expect(embedOf(after).description).toContain('Dismissed: the question stays');
    expect(embedOf(after).description).toContain('No open flags');
    expect(await harness.bot.ctx.store.health.muted(harness.fake.guild().id)).not.toContain(itemId);
  }, 60_000);

  it('lists a question most members get wrong the same way without a flag; "Keep it" takes it off', async () => {
    const guildId = harness.fake.guild().id;
    const { itemId } = await answerTheMultiQuestion(carol);
    // The members before got it right; enough wrong answers now bring it under 20% right.
    const { right } = await harness.bot.ctx.store.health.statsOf(guildId, itemId);
    for (let i = 0; i < Math.max(6, right * 5); i++)
      await harness.bot.ctx.store.health.recordAnswer(guildId, itemId, false, 'Launch templates');
    const page = await bankFlags(alice);
    expect(fieldsText(page)).toContain('Launch templates');
    const keep = buttonsOf(page).find((b) => b.label === 'Keep it: it is fair');
    expect(buttonsOf(page).map((b) => b.label)).not.toContain('Dismiss the flags');
    const after = await (
      await harness.fake.click({ message: page, user: alice, customId: keep?.custom_id ?? '' })
    ).reply();
    expect(embedOf(after).description).toContain('Dismissed: the question stays');
    expect(embedOf(after).description).toContain('No open flags');
    expect(harness.fake.violations).toEqual([]);
  }, 60_000);
});
