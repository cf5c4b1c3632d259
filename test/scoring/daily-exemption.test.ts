import Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import type { AnswerInput } from '../../src/scoring/member.ts';
import { createStore, type Store } from '../../src/store/index.ts';

const GUILD = '900000000000000001';
const MORNING = new Date('2026-11-27T08:00:00Z');
const NOON = new Date('2026-11-27T12:00:00Z');

const answer = (over: Partial<AnswerInput>): AnswerInput => ({
  userId: '1001',
  itemId: 'ami-region',
  topics: ['aws'],
  correct: true,
  points: 10,
  kind: 'quiz',
  at: MORNING,
  timeZone: 'UTC',
  ...over,
});

describe('the daily question and the 24 h rule', () => {
  let store: Store | undefined;
  afterEach(async () => store?.close());

  it('a daily answer scores even when the item was practised in a quiz earlier that day', async () => {
    store = createStore(new Keyv());
    const quiz = await store.scores.recordAnswer(GUILD, answer({}));
    const daily = await store.scores.recordAnswer(GUILD, answer({ kind: 'daily', points: 20, at: NOON }));
    expect(quiz.awarded).toBe(10);
    expect(daily.awarded).toBe(20);
    expect(daily.totals.points).toBe(30);
  });

  it('still gives no points for a quiz answer to the item within 24 h of the daily answer', async () => {
    store = createStore(new Keyv());
    await store.scores.recordAnswer(GUILD, answer({ kind: 'daily', points: 20 }));
    const quiz = await store.scores.recordAnswer(GUILD, answer({ at: NOON }));
    expect(quiz.awarded).toBe(0);
  });

  it('keeps the rule for quiz answers', async () => {
    store = createStore(new Keyv());
    await store.scores.recordAnswer(GUILD, answer({}));
    const again = await store.scores.recordAnswer(GUILD, answer({ at: NOON }));
    expect(again.awarded).toBe(0);
  });
});
