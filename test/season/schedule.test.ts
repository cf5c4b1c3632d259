import { describe, expect, it } from 'vitest';
import { applySeasonConfig, DEFAULT_SEASON_CONFIG } from '../../src/season/config.ts';
import { daysLeft, seasonAt, seasonBefore, seasonOn } from '../../src/season/schedule.ts';

const monthly = { schedule: { length: 'month' as const, anchor: '2000-01-01' } };
const weekly = { schedule: { length: 'week' as const, anchor: '2026-03-02' } }; // a Monday

describe('season boundaries', () => {
  it('starts monthly seasons at local midnight in New York across the March DST change (EST → EDT)', () => {
    const march = seasonOn(monthly, '2026-03-15', 'America/New_York');
    expect(march?.name).toBe('March 2026');
    expect(march?.start.toISOString()).toBe('2026-03-01T05:00:00.000Z'); // EST, UTC-5
    expect(march?.end.toISOString()).toBe('2026-04-01T04:00:00.000Z'); // EDT, UTC-4
    // One hour before the end it is still March there; at the end it is April.
    expect(seasonAt(monthly, new Date('2026-04-01T03:59:59Z'), 'America/New_York')?.id).toBe('2026-03-01');
    expect(seasonAt(monthly, new Date('2026-04-01T04:00:00Z'), 'America/New_York')?.id).toBe('2026-04-01');
  });

  it('ends a week season in London on the local Monday midnight after the clocks go forward', () => {
    // Europe/London springs forward on Sunday 29 March 2026.
    const week = seasonAt(weekly, new Date('2026-03-28T12:00:00Z'), 'Europe/London');
    expect(week?.name).toBe('Week of 23 Mar 2026');
    expect(week?.start.toISOString()).toBe('2026-03-23T00:00:00.000Z'); // GMT
    expect(week?.end.toISOString()).toBe('2026-03-29T23:00:00.000Z'); // Monday 00:00 BST
    expect(seasonAt(weekly, new Date('2026-03-29T23:00:00Z'), 'Europe/London')?.id).toBe('2026-03-30');
  });

  it('follows Sydney, whose clocks go back in April (AEDT → AEST), and gives the season 30 local days', () => {
    const april = seasonOn(monthly, '2026-04-05', 'Australia/Sydney');
    if (!april) throw new Error('no April season');
    expect(april?.start.toISOString()).toBe('2026-03-31T13:00:00.000Z'); // AEDT, UTC+11
    expect(april?.end.toISOString()).toBe('2026-04-30T14:00:00.000Z'); // AEST, UTC+10
    expect(daysLeft(april, new Date('2026-04-29T15:00:00Z'), 'Australia/Sydney')).toBe(1); // 30 Apr, local
  });

  it('keeps seasons of a custom length back to back from their start date', () => {
    const custom = { schedule: { length: 'custom' as const, days: 10, anchor: '2026-12-01' } };
    expect(seasonOn(custom, '2026-12-10', 'UTC')?.id).toBe('2026-12-01');
    const second = seasonOn(custom, '2026-12-11', 'UTC');
    if (!second) throw new Error('no second season');
    expect(second?.id).toBe('2026-12-11');
    expect(second?.name).toBe('11 Dec – 20 Dec 2026');
    expect(seasonOn(custom, '2026-11-30', 'UTC')).toBeUndefined();
    expect(seasonBefore(custom, second, 'UTC')?.id).toBe('2026-12-01');
  });

  it('names a season over New Year with both years', () => {
    const custom = { schedule: { length: 'custom' as const, days: 14, anchor: '2026-12-28' } };
    expect(seasonOn(custom, '2027-01-02', 'UTC')?.name).toBe('28 Dec 2026 – 10 Jan 2027');
  });

  it('runs monthly seasons from a start day other than the 1st', () => {
    const mid = { schedule: { length: 'month' as const, anchor: '2026-01-15' } };
    const season = seasonOn(mid, '2026-02-14', 'UTC');
    expect([season?.startDate, season?.endDate]).toEqual(['2026-01-15', '2026-02-15']);
    expect(season?.name).toBe('15 Jan – 14 Feb 2026');
  });
});

describe('/season config schedules', () => {
  const now = new Date('2026-12-10T12:00:00Z');

  it('switches to weekly seasons when the current monthly one ends, so none is cut short', () => {
    const config = applySeasonConfig(DEFAULT_SEASON_CONFIG, { length: 'week' }, now, 'UTC');
    expect(config.timeline.next).toEqual({ length: 'week', anchor: '2027-01-01' });
    expect(seasonOn(config.timeline, '2026-12-31', 'UTC')?.name).toBe('December 2026');
    expect(seasonOn(config.timeline, '2027-01-01', 'UTC')?.endDate).toBe('2027-01-08');
  });

  it('cuts the current season short at an explicit start, keeping its id', () => {
    const config = applySeasonConfig(
      DEFAULT_SEASON_CONFIG,
      { length: 'week', start: '2026-12-14' },
      now,
      'UTC',
    );
    const current = seasonOn(config.timeline, '2026-12-10', 'UTC');
    expect([current?.id, current?.endDate]).toEqual(['2026-12-01', '2026-12-14']);
    expect(seasonOn(config.timeline, '2026-12-14', 'UTC')?.name).toBe('Week of 14 Dec 2026');
  });

  it('names every problem at once', () => {
    expect(() =>
      applySeasonConfig(
        DEFAULT_SEASON_CONFIG,
        { length: 'custom', start: '2026-12-01', top: 40 },
        now,
        'UTC',
      ),
    ).toThrow(
      /custom season needs days[\s\S]*start 2026-12-01 is in the past[\s\S]*top must be a whole number from 1 to 10/,
    );
    expect(() => applySeasonConfig(DEFAULT_SEASON_CONFIG, { start: '2026-12-30' }, now, 'UTC')).toThrow(
      /day 1–28/,
    );
  });
});
