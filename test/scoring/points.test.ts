import { describe, expect, it } from 'vitest';
import {
  basePoints,
  canScoreAgain,
  type PointsInput,
  RULES,
  raceBonus,
  streakBonus,
} from '../../src/scoring/points.ts';

const HOUR = 3_600_000;

describe('basePoints', () => {
  const table: [string, PointsInput, number][] = [
    ['a correct quiz answer by choice', { kind: 'quiz', correct: true }, 10],
    ['a correct typed quiz answer', { kind: 'quiz', correct: true, typed: true }, 15],
    ['a wrong quiz answer', { kind: 'quiz', correct: false }, 0],
    ['a wrong typed answer', { kind: 'quiz', correct: false, typed: true }, 0],
    ['a correct review answer', { kind: 'review', correct: true }, 10],
    ['the fastest correct race answer', { kind: 'race', correct: true, raceRank: 1 }, 15],
    ['the second correct race answer', { kind: 'race', correct: true, raceRank: 2 }, 14],
    ['the fifth correct race answer', { kind: 'race', correct: true, raceRank: 5 }, 11],
    ['the sixth correct race answer', { kind: 'race', correct: true, raceRank: 6 }, 10],
    ['a correct race answer without a rank', { kind: 'race', correct: true }, 10],
    ['a wrong race answer, however fast', { kind: 'race', correct: false, raceRank: 1 }, 0],
    ['a correct daily answer', { kind: 'daily', correct: true }, 20],
    ['a correct typed daily answer (daily is always 20)', { kind: 'daily', correct: true, typed: true }, 20],
    ['a wrong daily answer', { kind: 'daily', correct: false }, 0],
  ];
  it.each(table)('gives %s %i points', (_name, input, expected) => {
    expect(basePoints(input)).toBe(expected);
  });
});

describe('raceBonus', () => {
  it('gives +5, +4, +3, +2, +1 to the first five and nothing after or for nonsense ranks', () => {
    expect([1, 2, 3, 4, 5, 6, 0, -1, 1.5].map(raceBonus)).toEqual([5, 4, 3, 2, 1, 0, 0, 0, 0]);
  });
});

describe('streakBonus', () => {
  it('gives +2 per day of streak beyond the first, at most +10', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 30].map(streakBonus)).toEqual([0, 0, 2, 4, 6, 8, 10, 10, 10]);
  });
});

describe('canScoreAgain (the 24 h rule)', () => {
  const t = Date.UTC(2026, 10, 27, 12);
  it('lets an item never scored before score', () => {
    expect(canScoreAgain(undefined, t)).toBe(true);
  });
  it('refuses points for the same item 23 h 59 min later', () => {
    expect(canScoreAgain(t, t + 24 * HOUR - 60_000)).toBe(false);
  });
  it('allows points again exactly 24 h later', () => {
    expect(canScoreAgain(t, t + RULES.cooldownMs)).toBe(true);
  });
});
