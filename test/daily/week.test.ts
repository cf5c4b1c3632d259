import { describe, expect, it } from 'vitest';
import { isWeekStart } from '../../src/daily/week.ts';

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

  it('follows ISO weeks across the year end', () => {
    expect(isWeekStart('2027-01-01', '2026-12-28')).toBe(false);
    expect(isWeekStart('2027-01-04', '2027-01-03')).toBe(true);
  });

  it('opens a week with the very first post', () => {
    expect(isWeekStart('2026-11-27')).toBe(true);
  });

  it('refuses a malformed date', () => {
    expect(() => isWeekStart('2026-11-31', '2026-11-27')).toThrow('YYYY-MM-DD');
  });
});
