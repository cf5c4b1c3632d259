import { describe, expect, it } from 'vitest';
import { periodKey, periodKeysAt } from '../../src/scoring/periods.ts';

const at = (iso: string) => new Date(iso);

describe('periodKey', () => {
  it('names the ISO week and the month of an instant in UTC', () => {
    expect(periodKey('week', at('2026-11-27T12:00:00Z'), 'UTC')).toBe('2026-W48');
    expect(periodKey('month', at('2026-11-27T12:00:00Z'), 'UTC')).toBe('2026-11');
    expect(periodKey('all', at('2026-11-27T12:00:00Z'), 'UTC')).toBe('all');
  });

  it('starts weeks on Monday in the server time zone, not in UTC', () => {
    // Monday 04:30 UTC is still Sunday evening in New York.
    const mondayUtc = at('2026-11-30T04:30:00Z');
    expect(periodKey('week', mondayUtc, 'UTC')).toBe('2026-W49');
    expect(periodKey('week', mondayUtc, 'America/New_York')).toBe('2026-W48');
    // …and the New York week rolls over at local midnight.
    expect(periodKey('week', at('2026-11-30T05:00:00Z'), 'America/New_York')).toBe('2026-W49');
  });

  it('rolls the month over at local midnight of the server time zone', () => {
    const lateNovemberUtc = at('2026-11-30T15:30:00Z');
    expect(periodKey('month', lateNovemberUtc, 'UTC')).toBe('2026-11');
    expect(periodKey('month', lateNovemberUtc, 'Asia/Tokyo')).toBe('2026-12');
    expect(periodKey('month', at('2026-11-30T14:59:59Z'), 'Asia/Tokyo')).toBe('2026-11');
  });

  it('gives early-January days to the ISO week of the previous year when the week began there', () => {
    expect(periodKey('week', at('2027-01-01T12:00:00Z'), 'UTC')).toBe('2026-W53');
    expect(periodKey('week', at('2027-01-04T12:00:00Z'), 'UTC')).toBe('2027-W01');
    expect(periodKey('week', at('2025-12-29T12:00:00Z'), 'UTC')).toBe('2026-W01');
  });

  it('keeps weeks 7 days long across a DST change', () => {
    // Europe/Berlin leaves summer time on Sunday 2026-10-25.
    expect(periodKey('week', at('2026-10-25T22:59:00Z'), 'Europe/Berlin')).toBe('2026-W43');
    expect(periodKey('week', at('2026-10-25T23:00:00Z'), 'Europe/Berlin')).toBe('2026-W44');
  });

  it('rejects an unknown time zone and an invalid date with a clear error', () => {
    expect(() => periodKey('week', at('2026-11-27T12:00:00Z'), 'Mars/Olympus')).toThrow(
      '"Mars/Olympus" is not a known time zone',
    );
    expect(() => periodKey('week', new Date(Number.NaN), 'UTC')).toThrow(/valid date/);
  });

  it('lists all, week and month keys for an answer', () => {
    expect(periodKeysAt(at('2026-11-27T12:00:00Z'), 'UTC')).toEqual(['2026-W48', '2026-11', 'all']);
  });
});
