import { afterAll, describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { type AnswerRequest, submitAnswer } from '../../src/quiz/answer.ts';
import { Cooldown } from '../../src/quiz/cooldown.ts';
import { makeQuestion, type Question, type QuestionType } from '../../src/quiz/question.ts';
import {
  ANSWER_COOLDOWN_MS,
  ANSWER_NOT_RECORDED,
  answerSolo,
  type SoloDeps,
  startSolo,
} from '../../src/quiz/solo.ts';
import { basePoints } from '../../src/scoring/points.ts';
import { amiPool } from '../fixtures/quiz/ami.ts';
import { type Backend, makeBackend } from '../store/backends.ts';
import { choicesFor } from './quiz-support.ts';

const GUILD = '300000000000000001';
const MEMBERS = 200;
const ANSWERS_EACH = 5;
const backends: ('sqlite' | 'redis')[] = process.env.REDIS_URL ? ['sqlite', 'redis'] : ['sqlite'];

/** Five questions of different AMI items: four chosen, one typed. */
function questions(): Question[] {
  const wanted: QuestionType[] = ['choice', 'choice', 'truefalse', 'choice', 'typed'];
  const out: Question[] = [];
  for (const item of amiPool.items) {
    const type = wanted[out.length];
    if (!type) break;
    const question = makeQuestion(item, amiPool, { type, seed: 1 });
    if (question) out.push(question);
  }
  return out;
}

/** Member `m`'s reply to question `q`: right unless (m + q) is a multiple of 3. */
function reply(question: Question, m: number, q: number): AnswerRequest['response'] {
  const right = (m + q) % 3 !== 0;
  if (question.type === 'typed') return { text: right ? question.answer : 'no idea' };
  if (question.type === 'multi') return { choices: choicesFor(question, right) };
  const correct = question.correct ?? 0;
  return { choice: right ? correct : (correct + 1) % (question.options?.length ?? 2) };
}

describe.each(backends)('the answer pipeline on %s', (kind) => {
  const opened: Backend[] = [];
  afterAll(async () => {
    for (const backend of opened) await backend.cleanup();
  });

  it('1,000 answers from 200 members of one guild at once give exactly the right totals', async () => {
    const backend = makeBackend(kind);
    opened.push(backend);
    const { store } = await backend.open();
    const asked = questions();
    expect(asked).toHaveLength(ANSWERS_EACH);
    const at = new Date('2026-11-27T10:00:00Z');
    const userId = (m: number) => `4000000000000${String(m).padStart(5, '0')}`;

    const expected = new Map<string, { points: number; correct: number }>();
    const submissions: Promise<unknown>[] = [];
    for (let m = 0; m < MEMBERS; m++) {
      for (let q = 0; q < ANSWERS_EACH; q++) {
        const question = asked[q] as Question;
        const response = reply(question, m, q);
        const right = (m + q) % 3 !== 0;
        const total = expected.get(userId(m)) ?? { points: 0, correct: 0 };
        total.points += basePoints({ kind: 'quiz', correct: right, typed: question.type === 'typed' });
        total.correct += right ? 1 : 0;
        expected.set(userId(m), total);
        submissions.push(
          submitAnswer(store.scores, {
            guildId: GUILD,
            userId: userId(m),
            question,
            topics: ['ami'],
            response,
            kind: 'quiz',
            at,
            timeZone: 'UTC',
          }),
        );
      }
    }
    await Promise.all(submissions);

    let sum = 0;
    for (const [id, total] of expected) {
      const record = await store.scores.getMember(GUILD, id);
      expect(record?.answers).toBe(ANSWERS_EACH);
      expect(record?.correct).toBe(total.correct);
      expect(record?.periods.all?.points).toBe(total.points);
      sum += total.points;
    }
    const board = await store.scores.leaderboard(GUILD, 'all', at, 'UTC', { limit: 100 });
    expect(board.ranked).toBe(MEMBERS);
    // Rebuilt from the store alone, the rankings agree with what was written.
    await store.close();
    const reopened = (await backend.open()).store;
    const rebuilt = await reopened.scores.leaderboard(GUILD, 'all', at, 'UTC', { limit: 100 });
    expect(rebuilt.top).toEqual(board.top);
    let rebuiltSum = 0;
    for (const id of expected.keys())
      rebuiltSum += (await reopened.scores.getMember(GUILD, id))?.periods.all?.points ?? 0;
    expect(rebuiltSum).toBe(sum);
  });

  it('a solo answer while the store fails changes nothing, and the same answer works once it is back', async () => {
    const backend = makeBackend(kind);
    opened.push(backend);
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const { store, flaky } = await backend.open(clock);
    const bank = await loadBank('data');
    const deps: SoloDeps = { store, bank, clock, cooldown: new Cooldown(ANSWER_COOLDOWN_MS) };
    const actor = { guildId: GUILD, userId: '500000000000000001' };
    const view = await startSolo(deps, { ...actor, id: 'flaky1', topic: 'ami', count: 1, seed: 3 });
    if (view.kind !== 'question' || !view.question) throw new Error('expected a question');
    const response =
      view.question.type === 'typed'
        ? { text: view.question.answer }
        : { choice: view.question.correct ?? 0 };

    flaky.failWhen = (op, key) => op === 'set' && key.includes(':member:');
    clock.advance(2_000);
    await expect(answerSolo(deps, actor, 'flaky1', 0, response)).rejects.toThrow(ANSWER_NOT_RECORDED);
    flaky.failWhen = undefined;
    expect(await store.scores.getMember(GUILD, actor.userId)).toBeUndefined();
    expect((await store.scores.leaderboard(GUILD, 'all', clock.now(), 'UTC')).ranked).toBe(0);

    clock.advance(2_000);
    const attempt = await answerSolo(deps, actor, 'flaky1', 0, response);
    expect(attempt.status).toBe('answered');
    expect((await store.scores.getMember(GUILD, actor.userId))?.answers).toBe(1);

    clock.advance(2_000);
    expect((await answerSolo(deps, actor, 'flaky1', 0, response)).status).toBe('stale');
    expect((await store.scores.getMember(GUILD, actor.userId))?.answers).toBe(1);
  });
});
