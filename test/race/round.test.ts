import { describe, expect, it } from 'vitest';
import { closeRound, openRound, type Round, submitAnswer } from '../../src/race/round.ts';

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const FOUR = 4;

function answered(round: Round, ...answers: [userId: string, choice: number, afterMs: number][]): Round {
  let current = round;
  for (const [userId, choice, afterMs] of answers) {
    const outcome = submitAnswer(current, { userId, choice, at: round.openedAt + afterMs }, FOUR);
    if (outcome.outcome !== 'locked') throw new Error(`${userId}: ${outcome.outcome}`);
    current = outcome.round;
  }
  return current;
}

describe('a race round', () => {
  it('opens for the given length with no answers', () => {
    expect(openRound(2, T0, 20_000)).toEqual({
      index: 2,
      openedAt: T0,
      closesAt: T0 + 20_000,
      answers: [],
      closed: false,
    });
  });

  it('refuses a negative index and a non-positive length', () => {
    expect(() => openRound(-1, T0, 1000)).toThrow(/index/);
    expect(() => openRound(0, T0, 0)).toThrow(/length/);
  });

  it('locks in one answer per member and leaves the given round unchanged', () => {
    const round = openRound(0, T0, 20_000);
    const outcome = submitAnswer(round, { userId: 'a', choice: 1, at: T0 + 500 }, FOUR);
    expect(outcome.outcome).toBe('locked');
    expect(round.answers).toEqual([]);
    if (outcome.outcome === 'locked')
      expect(outcome.round.answers).toEqual([{ userId: 'a', choice: 1, at: T0 + 500 }]);
  });

  it('counts a second answer by the same member as a duplicate, even with another choice', () => {
    const round = answered(openRound(0, T0, 20_000), ['a', 1, 100]);
    expect(submitAnswer(round, { userId: 'a', choice: 2, at: T0 + 200 }, FOUR)).toEqual({
      outcome: 'duplicate',
    });
    expect(round.answers).toHaveLength(1);
  });

  it('refuses answers at or after the deadline, and after closing', () => {
    const round = openRound(0, T0, 2_000);
    expect(submitAnswer(round, { userId: 'a', choice: 0, at: T0 + 2_000 }, FOUR)).toEqual({
      outcome: 'closed',
    });
    const { round: closed } = closeRound(round, 0);
    expect(submitAnswer(closed, { userId: 'a', choice: 0, at: T0 + 1 }, FOUR)).toEqual({ outcome: 'closed' });
  });

  it('refuses a choice that is not one of the options', () => {
    const round = openRound(0, T0, 2_000);
    for (const choice of [-1, 4, 1.5, Number.NaN]) {
      expect(submitAnswer(round, { userId: 'a', choice, at: T0 }, FOUR)).toEqual({ outcome: 'invalid' });
    }
  });
});

describe('closing a round', () => {
  it('gives 10 points plus +5…+1 to the first five right answers by time, 10 to the sixth, 0 when wrong', () => {
    const round = answered(
      openRound(0, T0, 20_000),
      ['u1', 2, 100],
      ['wrong', 0, 150],
      ['u2', 2, 200],
      ['u3', 2, 300],
      ['u4', 2, 400],
      ['u5', 2, 500],
      ['u6', 2, 600],
    );
    const { result } = closeRound(round, 2);
    expect(result.answers.map((a) => [a.userId, a.points])).toEqual([
      ['u1', 15],
      ['wrong', 0],
      ['u2', 14],
      ['u3', 13],
      ['u4', 12],
      ['u5', 11],
      ['u6', 10],
    ]);
    expect(result.right.map((a) => a.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(result.answers.find((a) => a.userId === 'wrong')?.rank).toBeUndefined();
  });

  it('names the fastest right answer, not the fastest answer', () => {
    const round = answered(openRound(0, T0, 20_000), ['quick-but-wrong', 1, 50], ['right', 3, 900]);
    const { result } = closeRound(round, 3);
    expect(result.fastest).toMatchObject({ userId: 'right', ms: 900, rank: 1, points: 15 });
  });

  it('ranks answers received in the same millisecond by arrival', () => {
    const round = answered(
      openRound(0, T0, 20_000),
      ['first', 0, 300],
      ['second', 0, 300],
      ['third', 0, 300],
    );
    const { result } = closeRound(round, 0);
    expect(result.right.map((a) => [a.userId, a.points])).toEqual([
      ['first', 15],
      ['second', 14],
      ['third', 13],
    ]);
  });

  it('has no fastest and no points when nobody answered right', () => {
    const { round, result } = closeRound(answered(openRound(1, T0, 2_000), ['a', 1, 10]), 0);
    expect(round.closed).toBe(true);
    expect(result.fastest).toBeUndefined();
    expect(result.right).toEqual([]);
    expect(result.index).toBe(1);
  });
});
