import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { examFeature } from '../../src/discord/exam-deps.ts';
import { quizFeature } from '../../src/discord/quiz-deps.ts';
import { buildExamQuestion, rightOptions } from '../../src/exam/questions.ts';
import type { ExamSession } from '../../src/exam/session.ts';
import { ManualScheduler } from '../../src/race/scheduler.ts';
import type { FakeMessage } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { allComponents, galleryItems, isV2, shownPicture, v2Text } from './v2-support.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const alice = { id: '100000000000000001', username: 'alice' };
const bob = { id: '100000000000000002', username: 'bob' };

interface Component {
  type: number;
  custom_id: string;
  label?: string;
  disabled?: boolean;
  options?: { value: string; label: string }[];
}

/** Buttons and selects with a custom_id, in action rows or nested in a Components V2 container. */
function componentsOf(message: FakeMessage): Component[] {
  return (allComponents(message) as unknown as Partial<Component>[]).filter(
    (c): c is Component => typeof c.custom_id === 'string',
  );
}

/** The component whose custom_id has this action (and argument): `v1:exam:<id>:<action>[:<arg>]`. */
function control(message: FakeMessage, action: string, ...args: (string | number)[]): Component {
  const suffix = [action, ...args].join(':');
  const found = componentsOf(message).find((c) => c.custom_id.split(':').slice(3).join(':') === suffix);
  if (!found)
    throw new Error(
      `no ${suffix} in ${componentsOf(message)
        .map((c) => c.custom_id)
        .join(', ')}`,
    );
  return found;
}

function embed(message: FakeMessage): {
  title: string;
  description: string;
  fields: { name: string; value: string }[];
} {
  return message.embeds[0] as never;
}

function examIdOf(message: FakeMessage): string {
  return (componentsOf(message)[0]?.custom_id ?? '').split(':')[2] ?? '';
}

async function stored(harness: Harness, id: string): Promise<ExamSession> {
  const session = await harness.bot.ctx.exam?.store.get(harness.fake.guild().id, id);
  if (!session) throw new Error(`no exam ${id}`);
  return session;
}

/** The right option indexes of question `index`, rebuilt as the bot does. */
async function rightOf(harness: Harness, id: string, index: number): Promise<number[]> {
  const session = await stored(harness, id);
  const planned = session.questions[index];
  const question = planned && buildExamQuestion(harness.bot.ctx.banks.forGuild(session.guildId), planned);
  if (!question) throw new Error(`no question ${index}`);
  return rightOptions(question);
}

/** A wrong answer of the right size: one right option swapped for a wrong one. */
async function wrongOf(harness: Harness, id: string, index: number): Promise<number[]> {
  const right = await rightOf(harness, id, index);
  const wrong = [0, 1, 2, 3, 4].find((o) => !right.includes(o)) ?? 0;
  return [...right.slice(1), wrong];
}

/** Answers question `index` with `options`: a button for one option, the select menu for "Choose two". */
async function answer(
  harness: Harness,
  message: FakeMessage,
  index: number,
  options: number[],
): Promise<FakeMessage> {
  const handle =
    options.length > 1
      ? await harness.fake.select({
          message,
          customId: control(message, 'pick', index).custom_id,
          values: options.map(String),
          user: alice,
        })
      : await harness.fake.click({
          message,
          customId: control(message, 'a', index, options[0] ?? 0).custom_id,
          user: alice,
        });
  return handle.reply();
}

describe('/exam end to end', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('start 10 questions, answer, go back, mark, restart the bot, resume, finish, result by domain; another exam is submitted at its deadline', async () => {
    const clock = new ManualClock('2026-12-01T10:00:00Z');
    const scheduler = new ManualScheduler(clock);
    harness = await startHarness({
      env: { DATA_DIR: resolve(ROOT, 'test/fixtures/exam/notes') },
      features: [quizFeature(), examFeature({ scheduler })],
      start: { clock },
    });
    const { fake } = harness;

    const start = await fake.slash({
      name: 'exam',
      subcommand: 'start',
      options: { questions: 10 },
      user: alice,
    });
    let message = await start.reply();
    expect(start.ephemeral).toBe(true);
    expect(embed(message).title).toContain('question 1 of 10');
    expect(embed(message).fields[0]?.value).toContain('⬜');
    expect(JSON.stringify(message.embeds)).toContain('20:00 left');
    const id = examIdOf(message);

    // Question 1 right, question 2 wrong.
    message = await answer(harness, message, 0, await rightOf(harness, id, 0));
    expect(embed(message).title).toContain('question 2 of 10');
    message = await answer(harness, message, 1, await wrongOf(harness, id, 1));
    expect(embed(message).title).toContain('question 3 of 10');

    // Back to question 2: its chosen option shows; mark it.
    message = await (
      await fake.click({ message, customId: control(message, 'prev', 2).custom_id, user: alice })
    ).reply();
    expect(embed(message).title).toContain('question 2 of 10');
    expect(embed(message).description).toContain('➤');
    message = await (
      await fake.click({ message, customId: control(message, 'mark', 1).custom_id, user: alice })
    ).reply();
    expect(embed(message).title).toContain('🚩');
    expect(embed(message).fields[0]?.value).toMatch(/1`✅.*2`🚩.*3`⬜/s);

    // The bot restarts; 5 minutes pass. The old message's buttons still work, and /exam resume reopens it.
    await harness.restart();
    clock.advance(5 * 60_000);
    message = await (
      await fake.click({ message, customId: control(message, 'next', 1).custom_id, user: alice })
    ).reply();
    expect(embed(message).title).toContain('question 3 of 10');
    const resume = await fake.slash({ name: 'exam', subcommand: 'resume', user: alice });
    message = await resume.reply();
    expect(embed(message).title).toContain('question 3 of 10');
    expect(JSON.stringify(message.embeds)).toContain('15:00 left');

    // The navigator jumps; the rest is answered right.
    message = await (
      await fake.select({ message, customId: control(message, 'nav').custom_id, values: ['2'], user: alice })
    ).reply();
    for (let i = 2; i < 10; i++) message = await answer(harness, message, i, await rightOf(harness, id, i));
    message = await (
      await fake.click({ message, customId: control(message, 'submit').custom_id, user: alice })
    ).reply();
    expect(embed(message).title).toBe('Submit the exam?');
    expect(embed(message).description).toContain('1** marked for review');
    message = await (
      await fake.click({ message, customId: control(message, 'confirm').custom_id, user: alice })
    ).reply();

    // The result is a Components V2 message: the figures as text, the card as a PNG whose alt text
    // gives them by domain.
    expect(isV2(message)).toBe(true);
    const result = v2Text(message);
    expect(result).toContain('### ✅ Pass — 910 (pass mark 720)');
    expect(result).toContain('**Raw score:** 9/10 (90%)');
    expect(result).toContain('100–1000');
    expect(result).toContain('**Time used:** 5 min 00 s');
    const [card] = galleryItems(message);
    const picture = await shownPicture(message);
    expect(picture.name).toMatch(/\.png$/);
    expect(picture.width).toBe(800);
    const domains = card?.description ?? '';
    expect(domains).toContain('Design Secure Architectures (30%)');
    expect(domains).toContain('Design Resilient Architectures (26%)');
    expect(domains).toContain('Design High-Performing Architectures (24%)');
    expect(domains).toContain('Design Cost-Optimized Architectures (20%)');
    expect(domains.match(/\d+\/\d+/g)?.map((n) => Number(n.split('/')[1]))).toEqual([3, 3, 2, 2]);

    // The review lists the missed (and marked) question 2 with its answer and explanation.
    message = await (
      await fake.click({ message, customId: control(message, 'review', 0).custom_id, user: alice })
    ).reply();
    const review = v2Text(message);
    expect(review).toMatch(/\*\*2\. ❌ 🚩/);
    expect(review.match(/\*\*\d+\. /g)).toHaveLength(1);
    expect(review).toContain('Answer: **');
    expect(await harness.bot.ctx.store.scores.getMember(fake.guild().id, alice.id)).toBeUndefined();
    expect((await harness.bot.ctx.store.cards.cards(fake.guild().id, alice.id)).size).toBe(10);

    // History and readiness.
    const history = await (await fake.slash({ name: 'exam', subcommand: 'history', user: alice })).reply();
    expect(v2Text(history)).toContain('pass **910** (9/10');
    expect(v2Text(history)).toMatch(/Weakest: .+, \d+%/);
    expect(galleryItems(history)[0]?.description).toContain('scaled score 910');

    // Bob's exam runs past its 1-minute deadline: the timer submits it; his buttons then show the result.
    const bobStart = await fake.slash({
      name: 'exam',
      subcommand: 'start',
      options: { questions: 10, minutes: 1 },
      user: bob,
    });
    const bobMessage = await bobStart.reply();
    await scheduler.advance(61_000);
    const bobId = examIdOf(bobMessage);
    expect((await stored(harness, bobId)).result).toMatchObject({ submittedBy: 'deadline', correct: 0 });
    const late =
      await // Any of the exam's buttons; "Next" is on every question (its first may be a "choose two" select).
      (
        await fake.click({
          message: bobMessage,
          customId: control(bobMessage, 'next', 0).custom_id,
          user: bob,
        })
      ).reply();
    expect(v2Text(late)).toContain('submitted automatically');
    const bobResume = await (await fake.slash({ name: 'exam', subcommand: 'resume', user: bob })).reply();
    expect(v2Text(bobResume)).toContain('No exam running. Your last one:');

    expect(fake.violations).toEqual([]);
  });

  it('/quiz and /review practise one domain, and /stats shows readiness by domain', async () => {
    harness = await startHarness({ env: { DATA_DIR: resolve(ROOT, 'test/fixtures/exam/notes') } });
    const { fake } = harness;
    const choices = await fake.autocomplete({ name: 'quiz', options: { domain: 'cost' }, focused: 'domain' });
    expect(choices).toEqual([{ name: 'Design Cost-Optimized Architectures (20%)', value: 'cost' }]);

    const quiz = await fake.slash({ name: 'quiz', options: { domain: 'cost', questions: 5 }, user: alice });
    const message = await quiz.reply();
    const sessionId = componentsOf(message)[0]?.custom_id.split(':')[2] ?? '';
    const session = await harness.bot.ctx.store.sessions.get<{
      questions: { itemId: string }[];
      topic: string;
    }>(`quiz:${sessionId}`);
    expect(session?.topic).toBe('Design Cost-Optimized Architectures');
    const notes = session?.questions.map((q) => harness?.bot.ctx.bank.current.get(q.itemId)?.note);
    expect(new Set(notes)).toEqual(new Set(['aws/costs.md']));
    // Answer the first question (any option) so the member has stats and a card.
    const first = componentsOf(message).find((c) => c.type === 2);
    if (!first) throw new Error('no button');
    const clicked = await fake.click({ message, customId: first.custom_id, user: alice });
    if (first.custom_id.endsWith(':type')) {
      // A typed question opens a form: wait for it, then answer it there.
      await clicked.response();
      await (
        await fake.submitModal({ customId: `v1:quiz:${sessionId}:0`, fields: { answer: 'x' }, user: alice })
      ).reply();
    } else await clicked.reply();

    const stats = await (await fake.slash({ name: 'stats', user: alice })).reply();
    // Readiness by domain: bars on the card, and lines in its alt text (the plain-text form).
    const alt = galleryItems(stats)[0]?.description ?? '';
    expect(alt).toContain('Exam domains:');
    expect(alt).toMatch(/• Design Cost-Optimized Architectures \(20%\): \d+% · recall \S+ · seen \d+%/);

    const review = await (
      await fake.slash({ name: 'review', options: { domain: 'secure' }, user: alice })
    ).reply();
    expect(JSON.stringify(review)).not.toContain('Question 1 of');
    const unknown = await fake.slash({ name: 'quiz', options: { domain: 'astrology' }, user: alice });
    expect((await unknown.reply()).content).toContain('No exam domain "astrology"');
    expect(fake.violations).toEqual([]);
  });

  it('asks "Choose two" with a select menu taking exactly two, graded all or nothing', async () => {
    harness = await startHarness({ env: { DATA_DIR: resolve(ROOT, 'test/fixtures/exam/multi') } });
    const { fake } = harness;
    let message = await (await fake.slash({ name: 'exam', subcommand: 'start', user: alice })).reply();
    const id = examIdOf(message);
    const pick = control(message, 'pick', 0) as Component & { min_values: number; max_values: number };
    expect(pick).toMatchObject({ type: 3, min_values: 2, max_values: 2 });
    expect(embed(message).description).toContain('(Choose two.)');
    await expect(
      fake.select({ message, customId: pick.custom_id, values: ['0'], user: alice }),
    ).rejects.toThrow();
    // Question 1 exactly right; question 2 half right (wrong: all or nothing).
    message = await answer(harness, message, 0, await rightOf(harness, id, 0));
    message = await answer(harness, message, 1, await wrongOf(harness, id, 1));
    expect((await stored(harness, id)).answers.slice(0, 2).map((a) => a?.length)).toEqual([2, 2]);
    message = await (
      await fake.click({ message, customId: control(message, 'submit').custom_id, user: alice })
    ).reply();
    message = await (
      await fake.click({ message, customId: control(message, 'confirm').custom_id, user: alice })
    ).reply();
    expect(v2Text(message)).toContain('**Raw score:** 1/10 (10%)');
    message = await (
      await fake.click({ message, customId: control(message, 'review', 0).custom_id, user: alice })
    ).reply();
    const second = v2Text(message);
    expect(second).toMatch(/\*\*2\. ❌/);
    expect(second).toMatch(/Answer: \*\*\S.*, \S/); // both right answers
    expect(fake.violations).toEqual([]);
  });
});
