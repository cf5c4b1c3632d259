import Keyv from 'keyv';
import { beforeEach, describe, expect, it } from 'vitest';
import { type AnswerRequest, type CardUpdater, recordGrade, submitAnswer } from '../../src/quiz/answer.ts';
import type { Question } from '../../src/quiz/question.ts';
import { answerElapsedMs, createSession } from '../../src/quiz/session.ts';
import { Rating, State } from '../../src/review/index.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { DAY } from './helpers.ts';

const GUILD = '100000000000000001';
const ALICE = '200000000000000001';
const START = new Date('2026-11-27T10:00:00Z');

const question: Question = {
  itemId: 'notes/ami.md#region',
  type: 'choice',
  prompt: 'Are AMIs region-specific?',
  options: ['Yes', 'No'],
  correct: 0,
  answer: 'Yes',
  explanation: 'Yes',
  source: 'AMI',
  seed: 1,
};

function request(store: Store, overrides: Partial<AnswerRequest> = {}): AnswerRequest {
  return {
    guildId: GUILD,
    userId: ALICE,
    question,
    topics: ['aws'],
    response: { choice: 0 },
    kind: 'quiz',
    at: START,
    timeZone: 'UTC',
    cards: store.cards,
    ...overrides,
  };
}

describe('every graded answer updates the member’s review card', () => {
  let store: Store;
  beforeEach(() => {
    store = createStore(new Keyv());
  });

  it('rates a wrong answer Again and brings the item back the next day', async () => {
    const outcome = await submitAnswer(store.scores, request(store, { response: { choice: 1 } }));
    expect(outcome.review?.rating).toBe(Rating.Again);
    const card = await store.cards.card(GUILD, ALICE, question.itemId);
    expect(card?.state).toBe(State.Learning);
    expect(card && card.due - START.getTime()).toBeLessThan(DAY);
  });

  it('rates a fast right answer on a known card Easy, and the same answer of unknown speed Good', async () => {
    await store.cards.review(
      GUILD,
      ALICE,
      question.itemId,
      Rating.Easy,
      new Date(START.getTime() - 10 * DAY),
    );
    const fast = await submitAnswer(store.scores, request(store, { elapsedMs: 2_000 }));
    expect(fast.review?.rating).toBe(Rating.Easy);
    const later = new Date(START.getTime() + 30 * DAY);
    const unknownSpeed = await submitAnswer(store.scores, request(store, { at: later }));
    expect(unknownSpeed.review?.rating).toBe(Rating.Good);
  });

  it('keeps the answer and its points when the card cannot be updated, and reports why', async () => {
    const failing: CardUpdater = {
      reviewAnswer: () => Promise.reject(new Error('card shard unavailable')),
    };
    const outcome = await submitAnswer(store.scores, request(store, { cards: failing }));
    expect(outcome.awarded).toBe(10);
    expect(outcome.review).toBeNull();
    expect(String(outcome.cardError)).toMatch(/card shard unavailable/);
    expect((await store.scores.getMember(GUILD, ALICE))?.periods.all?.points).toBe(10);
  });

  it('updates the card only after the score is recorded', async () => {
    const steps: string[] = [];
    const scores = {
      recordAnswer: async (...args: Parameters<Store['scores']['recordAnswer']>) => {
        steps.push('score');
        return store.scores.recordAnswer(...args);
      },
    };
    const cards: CardUpdater = {
      reviewAnswer: async (...args) => {
        steps.push('card');
        return store.cards.reviewAnswer(...args);
      },
    };
    await recordGrade(scores, request(store, { cards }), {
      correct: true,
      verdict: 'exact',
      given: 'Yes',
      answer: 'Yes',
      explanation: 'Yes',
      source: 'AMI',
    });
    expect(steps).toEqual(['score', 'card']);
  });

  it('leaves cards alone when the feature passes no card store', async () => {
    const outcome = await submitAnswer(store.scores, { ...request(store), cards: undefined });
    expect(outcome.review).toBeNull();
    expect(await store.cards.cards(GUILD, ALICE)).toEqual(new Map());
  });
});

describe('answer time of a solo question', () => {
  const session = createSession({
    id: 's1',
    guildId: GUILD,
    userId: ALICE,
    topic: null,
    questions: [
      { itemId: 'a', type: 'choice', seed: 1 },
      { itemId: 'b', type: 'choice', seed: 2 },
    ],
    startedAt: START.getTime(),
  });
  const answered = {
    ...session,
    answers: [
      { verdict: 'exact' as const, correct: true, given: 'x', awarded: 10, at: START.getTime() + 5_000 },
    ],
  };

  it('is measured from the start for the first question', () => {
    expect(answerElapsedMs(session, 0, START.getTime() + 40_000)).toBe(40_000);
  });

  it('is known for a later question only when the answer came within the fast threshold of the previous one', () => {
    expect(answerElapsedMs(answered, 1, START.getTime() + 9_000, 6_000)).toBe(4_000);
    // 30 s may be reading the feedback before "Next": not evidence of a slow answer.
    expect(answerElapsedMs(answered, 1, START.getTime() + 35_000, 6_000)).toBeUndefined();
  });
});
