import { describe, expect, it } from 'vitest';
import { currentStreak, isWeekStart, nextStreak, type StreakState } from '../../src/daily/streak.ts';

const answers = (list: [string, boolean][], start: StreakState = { streak: 0 }) =>
  list.reduce((state, [date, correct]) => nextStreak(state, date, correct), start);

describe('nextStreak', () => {
  it('counts consecutive local dates answered right, across a month end', () => {
    expect(
      answers([
        ['2026-11-29', true],
        ['2026-11-30', true],
        ['2026-12-01', true],
      ]),
    ).toEqual({ streak: 3, lastDate: '2026-12-01' });
  });

  it('resets to 0 on a wrong answer, and restarts at 1 the day after', () => {
    const wrong = answers([
      ['2026-11-27', true],
      ['2026-11-28', false],
    ]);
    expect(wrong).toEqual({ streak: 0, lastDate: '2026-11-28' });
    expect(nextStreak(wrong, '2026-11-29', true)).toEqual({ streak: 1, lastDate: '2026-11-29' });
  });

  it('restarts at 1 after a missed day', () => {
    expect(
      answers([
        ['2026-11-26', true],
        ['2026-11-27', true],
        ['2026-11-29', true],
      ]).streak,
    ).toBe(1);
  });

  it('ignores a second answer for the same date and an answer for an older date', () => {
    const state = answers([['2026-11-27', true]]);
    expect(nextStreak(state, '2026-11-27', false)).toBe(state);
    expect(nextStreak(state, '2026-11-20', true)).toBe(state);
  });

  it('refuses a malformed date', () => {
    expect(() => nextStreak({ streak: 0 }, '27/11/2026', true)).toThrow('YYYY-MM-DD');
  });
});

describe('currentStreak', () => {
  const state = { streak: 4, lastDate: '2026-11-27' };
  it('shows the streak on the day and the day after the last right answer', () => {
    expect(currentStreak(state, '2026-11-27')).toBe(4);
    expect(currentStreak(state, '2026-11-28')).toBe(4);
  });
  it('shows 0 once a day was missed, and for a member who never answered', () => {
    expect(currentStreak(state, '2026-11-29')).toBe(0);
    expect(currentStreak({ streak: 0 }, '2026-11-29')).toBe(0);
  });
});

describe('isWeekStart', () => {
  it('is true for the Monday post after a Sunday post', () => {
    expect(isWeekStart('2026-11-30', '2026-11-29')).toBe(true);
  });
  it('is false for a later post in the same ISO week', () => {
    expect(isWeekStart('2026-12-01', '2026-11-30')).toBe(false);
    expect(isWeekStart('2026-11-29', '2026-11-23')).toBe(false);
  });
  it('is true for a Wednesday post when Monday and Tuesday were missed', () => {
    expect(isWeekStart('2026-12-02', '2026-11-27')).toBe(true);
  });
  it('follows ISO weeks across the year end, and opens a week for the very first post', () => {
    expect(isWeekStart('2027-01-01', '2026-12-28')).toBe(false);
    expect(isWeekStart('2027-01-04', '2027-01-03')).toBe(true);
    expect(isWeekStart('2026-11-27')).toBe(true);
  });
});
