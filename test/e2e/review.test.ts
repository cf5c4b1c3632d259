import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { highlightsToBold } from '../../src/discord/render/text.ts';
import type { QuizSession } from '../../src/quiz/session.ts';
import { DEFAULT_MEMBERS, type FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { answerByChoice, buttonsOf, questionOf, sessionIdOf, storedSession } from './quiz-support.ts';
import { v2Text } from './v2-support.ts';

const alice = { id: DEFAULT_MEMBERS[0]?.id ?? '', username: DEFAULT_MEMBERS[0]?.username ?? '' };
const AMI = 'AMI (Amazon Machine Image)';
const DAY = 86_400_000;

interface EmbedJson {
  title?: string;
  description?: string;
  fields?: { name: string; value: string }[];
}

const embedOf = (message: FakeMessage) => (message.embeds[0] ?? {}) as EmbedJson;

describe('/review after a quiz with two misses', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  let harness: Harness;
  const missed: string[] = [];
  let reviewEnd: FakeMessage;
  /** Every answer's feedback embed as shown then (the message is edited by "Next"), with its question. */
  const feedbacks: { question: ReturnType<typeof questionOf>; feedback: EmbedJson; buttons: string[] }[] = [];

  beforeAll(async () => {
    harness = await startHarness({ start: { clock } });
  });
  afterAll(async () => harness?.close());

  const guildId = () => harness.fake.guild().id;

  /** Answers question `index` of a session right or wrong (a choice click or a typed answer), then "Next". */
  async function answer(
    message: FakeMessage,
    session: QuizSession,
    index: number,
    right: boolean,
  ): Promise<FakeMessage> {
    const question = questionOf(harness, session, index);
    clock.advance(3_000);
    let feedback: FakeMessage;
    if (question.type === 'typed') {
      const open = await harness.fake.click({
        message,
        customId: `v1:quiz:${session.id}:${index}:type`,
        user: alice,
      });
      expect((await open.response()).type).toBe(9);
      const text = right ? question.answer : 'certainly not the answer';
      feedback = await (
        await harness.fake.submitModal({
          customId: `v1:quiz:${session.id}:${index}`,
          fields: { answer: text },
          user: alice,
        })
      ).reply();
    } else {
      feedback = await answerByChoice(harness, message, session.id, index, question, right, alice);
    }
    expect(embedOf(feedback).title?.startsWith(right ? '✅' : '❌')).toBe(true);
    feedbacks.push({
      question,
      feedback: structuredClone(embedOf(feedback)),
      buttons: buttonsOf(feedback).map((b) => b.custom_id),
    });
    clock.advance(2_000);
    return (
      await harness.fake.click({
        message: feedback,
        customId: `v1:quiz:${session.id}:${index}:next`,
        user: alice,
      })
    ).reply();
  }

  it('has nothing due right after the quiz, and says when the misses come back', async () => {
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: AMI, questions: 5 },
    });
    let message = await start.reply();
    const session = await storedSession(harness, sessionIdOf(message));
    for (let index = 0; index < 5; index++) {
      const right = index % 2 === 0; // questions 2 and 4 are missed
      if (!right) missed.push(session.questions[index]?.itemId ?? '');
      message = await answer(message, session, index, right);
    }
    expect(v2Text(message).split('\n')[0]).toBe('### Quiz finished — 3/5 right');

    const review = await harness.fake.slash({ name: 'review', user: alice });
    const idle = await review.reply();
    expect(review.ephemeral).toBe(true);
    expect(embedOf(idle).title).toBe('Nothing to review right now');
    expect(embedOf(idle).description).toMatch(/^Next review due <t:\d+:R>\n2 cards due tomorrow$/);
    expect(buttonsOf(idle).map((b) => b.label)).toEqual(['Quick quiz: ami']);
  });

  it('offers exactly the two missed questions the next day, oldest due first', async () => {
    clock.advance(DAY);
    const review = await harness.fake.slash({ name: 'review', user: alice });
    let message = await review.reply();
    expect(review.ephemeral).toBe(true);
    expect(message.content).toBe('🔁 **Review** — 2 cards');
    expect(embedOf(message).title).toBe('Question 1 of 2');
    const session = await storedSession(harness, sessionIdOf(message));
    expect(session.mode).toBe('review');
    expect(session.questions.map((q) => q.itemId)).toEqual(missed);

    const before = await harness.bot.ctx.store.cards.cards(guildId(), alice.id);
    const answered = feedbacks.length;
    for (let index = 0; index < 2; index++) message = await answer(message, session, index, true);
    reviewEnd = message;

    // Each graded review card teaches: why the answer is right, and what the other options really are.
    for (const { question, feedback, buttons } of feedbacks.slice(answered)) {
      // ...and a card that looks wrong can be flagged right there.
      expect(buttons).toContain(`v1:flag:${question.itemId}`);
      const fields = new Map((feedback.fields ?? []).map((f) => [f.name, f.value]));
      expect(question.explanation.trim()).not.toBe(question.answer.trim());
      expect(fields.get('Explanation')).toContain(highlightsToBold(question.explanation).trim().slice(0, 40));
      const notes = question.optionNotes ?? [];
      if (question.type === 'choice' || question.type === 'multi') expect(notes.length).toBeGreaterThan(0);
      for (const { note } of notes)
        expect(fields.get('The other options')).toContain(`• ${note.slice(0, 40)}`);
    }

    const now = clock.now().getTime();
    const after = await harness.bot.ctx.store.cards.cards(guildId(), alice.id);
    for (const itemId of missed) {
      expect(after.get(itemId)?.due).toBeGreaterThan(before.get(itemId)?.due ?? Number.POSITIVE_INFINITY);
      expect((after.get(itemId)?.due ?? 0) - now).toBeGreaterThanOrEqual(DAY);
    }
  });

  it('ends with the score, when the next review is due and the cards due tomorrow', async () => {
    const embed = embedOf(reviewEnd);
    expect(embed.title).toBe('Review finished — 2/2 right');
    expect(embed.description).toMatch(/Next review due <t:\d+:R>/);
    expect(embed.description).toContain('cards due tomorrow');
    expect(buttonsOf(reviewEnd).map((b) => b.custom_id)).toEqual(['v1:review:weak']);
    // Review answers score like quiz answers: the missed items earned nothing yesterday, so they score now.
    const record = await harness.bot.ctx.store.scores.getMember(guildId(), alice.id);
    expect(record?.answers).toBe(7);
    expect(record?.correct).toBe(5);
  });

  it('/stats shows per-topic readiness, cards learned, due and mastered, and accuracy', async () => {
    const stats = await (
      await harness.fake.slash({ name: 'stats', user: alice, options: { format: 'text' } })
    ).reply();
    expect(stats.content).toMatch(
      /• ami · aws · [^:]+: \d+% ready, 71% right \(5\/7\), 5 learned, 0 due, 0 mastered of \d+/,
    );
    expect(stats.content).toContain('· no daily streak · 3 due tomorrow.');
    expect(harness.fake.violations).toEqual([]);
  });

  it('offers a short quiz on the weakest topic when nothing is due, and the button starts it', async () => {
    const idle = await (await harness.fake.slash({ name: 'review', user: alice })).reply();
    expect(embedOf(idle).title).toBe('Nothing to review right now');
    clock.advance(3_000);
    const ix = await harness.fake.click({ message: idle, customId: 'v1:review:weak', user: alice });
    const quiz = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(embedOf(quiz).title).toBe('Question 1 of 5');
    const session = await storedSession(harness, sessionIdOf(quiz));
    expect(session.topic).toBe('ami');
    expect(session.mode).toBeUndefined();
    expect(harness.fake.violations).toEqual([]);
  });
});
