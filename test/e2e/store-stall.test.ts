import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { APOLOGY } from '../../src/discord/router.ts';
import { ANSWER_NOT_RECORDED, ANSWER_RECORDED_SLOW } from '../../src/quiz/solo.ts';
import { DEFAULT_MEMBERS, type FakeMessage, type InteractionHandle } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { questionOf, sendChoice, sessionIdOf, storedSession } from './quiz-support.ts';
import { type Stall, stallableStore } from './store-stall.ts';

const alice = { id: DEFAULT_MEMBERS[0]?.id ?? '', username: 'alice' };
/** How long the store stays stalled: the 4 s of issue 19, past Discord's 3 s deadline. */
const STALL_MS = 4_000;
const RIGHT = '✅ Right! +10 points';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Holds the stall for the whole STALL_MS, and at least until every interaction got its first callback
 * from the bot: what is asserted is that none needed the store to be answered in time.
 */
async function holdStall(stall: Stall, handles: InteractionHandle[]): Promise<void> {
  const held = sleep(STALL_MS);
  await Promise.all(handles.map((handle) => handle.response()));
  await held;
  await stall.release();
}

describe('every interaction is answered in time while the store is stalled 4 s', () => {
  const clock = new ManualClock('2026-12-05T10:00:00Z');
  const store = stallableStore();
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ start: { clock, wrapStoreAdapter: store.wrapStoreAdapter } });
  });
  afterAll(async () => harness?.close());

  /** Alice's new one-question quiz: its message, session id and question. */
  async function newQuiz() {
    clock.advance(25 * 3_600_000); // past the 24 h rule: an item drawn again may score again
    const message = await (
      await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'ami', questions: 1 } })
    ).reply();
    const sessionId = sessionIdOf(message);
    const question = questionOf(harness, await storedSession(harness, sessionId), 0);
    return { message, sessionId, question };
  }
  const points = async () =>
    (await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, alice.id))?.periods.all?.points ??
    0;
  const answers = async () =>
    (await harness.bot.ctx.store.scores.getMember(harness.fake.guild().id, alice.id))?.answers ?? 0;
  const answer = (quiz: {
    message: FakeMessage;
    sessionId: string;
    question: ReturnType<typeof questionOf>;
  }) => {
    clock.advance(3_000); // past the answer cooldown
    return sendChoice(harness, quiz.message, quiz.sessionId, 0, quiz.question, true, alice);
  };

  it('acknowledges /quiz, an answer, /fact and /leaderboard, and says the answer was not recorded when it was not', async () => {
    const quiz = await newQuiz();
    const before = await answers();

    const stall = store.stall();
    const clicked = await answer(quiz);
    const handles = [
      clicked,
      await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'ami' } }),
      await harness.fake.slash({ name: 'fact', user: alice, options: { query: 'region' } }),
      await harness.fake.slash({ name: 'leaderboard', user: alice }),
    ];
    await holdStall(stall, handles);
    expect(stall.held).toBeGreaterThan(0); // the store really was asked, and stalled

    for (const handle of handles) expect(handle.rejections).toEqual([]); // no 10062, no 40060
    expect((await clicked.reply()).content).toBe(ANSWER_NOT_RECORDED);
    expect(clicked.ephemeral).toBe(true);
    for (const handle of handles) expect((await handle.reply()).content).not.toBe(APOLOGY);
    expect(await answers()).toBe(before);
    expect((await storedSession(harness, quiz.sessionId)).answers).toEqual([]);

    // The store is back: the same answer now counts, once.
    const retried = await answer(quiz);
    expect((await retried.reply()).embeds[0]?.title).toBe(RIGHT);
    expect(await answers()).toBe(before + 1);
    expect(harness.fake.violations).toEqual([]);
  }, 20_000);

  it('waits for a score write that missed its deadline and shows it, counted once, when it lands', async () => {
    const quiz = await newQuiz();
    const [pointsBefore, answersBefore] = [await points(), await answers()];

    const stall = store.stall(
      (operation, keys) => operation === 'setMany' && keys.some((k) => k.includes(':member:')),
    );
    const clicked = await answer(quiz);
    await holdStall(stall, [clicked]);
    expect(stall.held).toBe(1);

    expect((await clicked.response()).type).toBe(6); // deferred for the handler, in time
    expect((await clicked.reply()).embeds[0]?.title).toBe(RIGHT);
    expect(clicked.rejections).toEqual([]);
    expect(await points()).toBe(pointsBefore + 10);
    expect(await answers()).toBe(answersBefore + 1);

    expect((await storedSession(harness, quiz.sessionId)).answers).toHaveLength(1);
    expect(harness.fake.violations).toEqual([]);
  }, 20_000);

  it('says the answer was recorded when only its progress could not be saved, and a retry does not count it twice', async () => {
    const quiz = await newQuiz();
    const [pointsBefore, answersBefore] = [await points(), await answers()];

    const stall = store.stall(
      (operation, keys) => operation === 'set' && keys.some((k) => k.includes(`quiz:${quiz.sessionId}`)),
    );
    const clicked = await answer(quiz);
    const told = await clicked.reply();
    expect(told.content).toBe(ANSWER_RECORDED_SLOW);
    expect(clicked.ephemeral).toBe(true);
    await stall.release({ fail: true }); // that session write never lands
    expect(stall.held).toBe(1);
    expect(await points()).toBe(pointsBefore + 10);

    const retried = await answer(quiz);
    expect((await retried.reply()).embeds[0]?.title).toBe(RIGHT);
    expect(await points()).toBe(pointsBefore + 10);
    expect(await answers()).toBe(answersBefore + 1);
    expect((await storedSession(harness, quiz.sessionId)).answers).toHaveLength(1);
    expect(harness.fake.violations).toEqual([]);
  }, 20_000);
});
