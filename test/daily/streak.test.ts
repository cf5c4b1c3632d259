import { describe, expect, it } from 'vitest';
import { currentStreak, type DailyStreak, NO_STREAK, nextStreak } from '../../src/scoring/streak.ts';

// The streak rules live in src/scoring (the store persists them); these specify what the daily question
// relies on: consecutive local dates answered right, reset by a wrong answer or a missed day.

const answers = (list: [string, boolean][], start: DailyStreak = NO_STREAK) =>
  list.reduce((state, [date, correct]) => nextStreak(state, date, correct), start);

describe('daily streaks', () => {
  it('count consecutive local dates answered right, across a month end', () => {
    const state = answers([
      ['2026-11-29', true],
      ['2026-11-30', true],
      ['2026-12-01', true],
    ]);
    expect(state.streak).toBe(3);
    expect(currentStreak(state, '2026-12-01')).toBe(3);
  });

  it('reset to 0 on a wrong answer, and restart at 1 the day after', () => {
    const wrong = answers([
      ['2026-11-27', true],
      ['2026-11-28', false],
    ]);
    expect(wrong.streak).toBe(0);
    expect(nextStreak(wrong, '2026-11-29', true).streak).toBe(1);
  });

  it('restart at 1 after a missed day', () => {
    const state = answers([
      ['2026-11-26', true],
      ['2026-11-27', true],
      ['2026-11-29', true],
    ]);
    expect(state.streak).toBe(1);
  });

  it('count a date once, however often it is answered right', () => {
    const state = answers([
      ['2026-11-26', true],
      ['2026-11-27', true],
    ]);
    expect(nextStreak(state, '2026-11-27', true)).toEqual(state);
  });

  it('show on the day after the last right answer, and 0 once a day was missed', () => {
    const state = answers([
      ['2026-11-26', true],
      ['2026-11-27', true],
    ]);
    expect(currentStreak(state, '2026-11-28')).toBe(2);
    expect(currentStreak(state, '2026-11-29')).toBe(0);
    expect(currentStreak(NO_STREAK, '2026-11-29')).toBe(0);
  });

  it('continue across a DST change: the local dates are consecutive even though a day was 23 hours', () => {
    const state = answers([
      ['2026-03-28', true],
      ['2026-03-29', true],
      ['2026-03-30', true],
    ]);
    expect(state.streak).toBe(3);
  });
});
