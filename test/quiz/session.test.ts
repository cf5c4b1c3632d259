import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applicableTypes, makeQuestionById } from '../../src/quiz/question.ts';
import {
  answerRefusal,
  createSession,
  currentIndex,
  isFinished,
  isQuizSession,
  missedQuestions,
  planQuestions,
  type QuizSession,
  type SessionAnswer,
  summarize,
  withAnswer,
} from '../../src/quiz/session.ts';
import { amiPool } from '../fixtures/quiz/ami.ts';

const plan = (count: number, seed: number, items = amiPool.items) =>
  planQuestions({ items, pool: amiPool, count, seed });

const right = (at: number, awarded = 10): SessionAnswer => ({
  verdict: 'exact',
  correct: true,
  given: 'x',
  awarded,
  at,
});
const wrong = (at: number): SessionAnswer => ({
  verdict: 'wrong',
  correct: false,
  given: 'y',
  awarded: 0,
  at,
});

function session(count = 3, seed = 1): QuizSession {
  return createSession({
    id: 's1',
    guildId: 'g',
    userId: 'u',
    topic: 'ami',
    questions: plan(count, seed),
    startedAt: 1_000,
  });
}

describe('planning a quiz', () => {
  it('asks the requested number of different items, each as a type it can be asked as', () => {
    const questions = plan(5, 42);
    expect(questions).toHaveLength(5);
    expect(new Set(questions.map((q) => q.itemId)).size).toBe(5);
    for (const q of questions) {
      expect(makeQuestionById(amiPool, q.itemId, { type: q.type, seed: q.seed })).not.toBeNull();
    }
  });

  it('is reproducible from its seed and differs between seeds', () => {
    expect(plan(5, 7)).toEqual(plan(5, 7));
    expect(plan(5, 7)).not.toEqual(plan(5, 8));
  });

  it('mixes in a typed question from three questions on, whenever the topic has a typeable item', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 20 }), fc.nat(), (count, seed) => {
        expect(plan(count, seed).some((q) => q.type === 'typed')).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('brings in a typeable item when none of the drawn ones can be typed', () => {
    const typeable = amiPool.items.filter((item) => applicableTypes(item, amiPool).includes('typed'));
    const untypeable = amiPool.items.filter((item) => !applicableTypes(item, amiPool).includes('typed'));
    expect(untypeable.length).toBeGreaterThanOrEqual(3);
    const items = [...untypeable.slice(0, 3), typeable[0]].filter((item) => item !== undefined);
    for (let seed = 0; seed < 40; seed++) {
      expect(plan(3, seed, items).map((q) => q.type)).toContain('typed');
    }
  });

  it('asks fewer questions when the topic has fewer items, and none for an empty topic', () => {
    expect(plan(20, 1, amiPool.items.slice(0, 4))).toHaveLength(4);
    expect(plan(5, 1, [])).toEqual([]);
  });

  it('refuses a count outside 1–20', () => {
    expect(() => plan(0, 1)).toThrow(/1–20/);
    expect(() => plan(21, 1)).toThrow(/1–20/);
    expect(() => plan(2.5, 1)).toThrow(/1–20/);
  });
});

describe('a session', () => {
  it('starts at the first question and ends after the last answer, with the time of that answer', () => {
    let s = session(2);
    expect(currentIndex(s)).toBe(0);
    s = withAnswer(s, 0, right(2_000));
    expect(currentIndex(s)).toBe(1);
    expect(isFinished(s)).toBe(false);
    s = withAnswer(s, 1, wrong(5_000));
    expect(isFinished(s)).toBe(true);
    expect(s.endedAt).toBe(5_000);
  });

  it('takes an answer only for the open question: earlier ones are "answered", later ones unknown', () => {
    const s = withAnswer(session(3), 0, right(2_000));
    expect(answerRefusal(s, 0)).toBe('answered');
    expect(answerRefusal(s, 1)).toBeNull();
    expect(answerRefusal(s, 2)).toBe('unknown');
    expect(answerRefusal(s, 7)).toBe('unknown');
    expect(answerRefusal(s, -1)).toBe('unknown');
    expect(() => withAnswer(s, 0, right(3_000))).toThrow(/answered/);
  });

  it('never changes the session it was given', () => {
    const s = session(2);
    const before = structuredClone(s);
    withAnswer(s, 0, right(2_000));
    expect(s).toEqual(before);
  });

  it('needs at least one question', () => {
    expect(() =>
      createSession({ id: 'x', guildId: 'g', userId: 'u', topic: null, questions: [], startedAt: 0 }),
    ).toThrow(/at least one question/);
  });

  it('sums up score, points, time and the missed questions (a skipped question is not missed)', () => {
    let s = session(4);
    s = withAnswer(s, 0, right(2_000, 10));
    s = withAnswer(s, 1, wrong(3_000));
    s = withAnswer(s, 2, { verdict: 'skipped', correct: false, given: '', awarded: 0, at: 4_000 });
    s = withAnswer(s, 3, { ...right(66_000, 15), verdict: 'accepted', acceptedAs: 'x' });
    expect(summarize(s, 99_000)).toEqual({
      total: 4,
      correct: 2,
      points: 25,
      durationMs: 65_000,
      missed: [1],
    });
  });

  it('retries exactly the missed questions, same items and types with new seeds', () => {
    let s = session(3);
    s = withAnswer(s, 0, wrong(2_000));
    s = withAnswer(s, 1, right(3_000));
    s = withAnswer(s, 2, wrong(4_000));
    const retry = missedQuestions(s, 99);
    expect(retry.map((q) => [q.itemId, q.type])).toEqual(
      [s.questions[0], s.questions[2]].map((q) => [q?.itemId, q?.type]),
    );
    expect(retry[0]?.seed).not.toBe(s.questions[0]?.seed);
  });

  it('recognises stored sessions and rejects foreign or old JSON', () => {
    expect(isQuizSession(session())).toBe(true);
    expect(isQuizSession({ ...session(), v: 2 })).toBe(false);
    expect(isQuizSession(null)).toBe(false);
    expect(isQuizSession('quiz')).toBe(false);
    expect(isQuizSession({ v: 1, id: 's' })).toBe(false);
  });
});

describe('the type mix', () => {
  it('puts the typed question anywhere in the quiz, not always first', () => {
    const positions = new Set<number>();
    for (let seed = 0; seed < 60; seed++) positions.add(plan(5, seed).findIndex((q) => q.type === 'typed'));
    expect(positions.size).toBeGreaterThanOrEqual(4);
  });
});
