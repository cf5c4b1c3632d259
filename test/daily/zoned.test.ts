import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { localDate, localParts, pad } from '../../src/core/localtime.ts';
import { addDays, isoWeekday, mondayOf, parseLocalDate } from '../../src/daily/dates.ts';
import { formatTime, parseTime, zonedDayConverter, zonedTimeToInstant } from '../../src/daily/zoned.ts';
import { inRange, loadDstZones } from './dst-fixture.ts';

const wallTime = (at: Date, timeZone: string) => {
  const p = localParts(at, timeZone);
  return `${localDate(at, timeZone)} ${pad(p.hour)}:${pad(p.minute)}`;
};

describe('parseTime', () => {
  it('reads 24-hour HH:MM, and a one-digit hour', () => {
    expect(parseTime('08:30')).toEqual({ hour: 8, minute: 30 });
    expect(parseTime('00:00')).toEqual({ hour: 0, minute: 0 });
    expect(parseTime('23:59')).toEqual({ hour: 23, minute: 59 });
    expect(formatTime(parseTime('7:05'))).toBe('07:05');
  });

  it.each(['24:00', '12:60', '8.30', '8:30pm', '0830', '', ' : ', '-1:00', '123:00'])(
    'refuses %j with an example of the right shape',
    (bad) => {
      expect(() => parseTime(bad)).toThrow(UserError);
      expect(() => parseTime(bad)).toThrow('Use 24-hour HH:MM, e.g. 08:30');
    },
  );
});

describe('local dates', () => {
  it('refuses dates that do not exist', () => {
    expect(() => parseLocalDate('2026-02-29')).toThrow('Use YYYY-MM-DD');
    expect(() => parseLocalDate('2026-13-01')).toThrow(UserError);
    expect(parseLocalDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('finds the ISO weekday and the Monday of the week', () => {
    expect(isoWeekday('2026-11-29')).toBe(7);
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('zonedTimeToInstant', () => {
  it.each([
    ['Europe/London', '2026-03-29', '01:30', '2026-03-29T01:00:00.000Z', 'gap → 02:00 BST'],
    ['Europe/London', '2026-03-29', '02:30', '2026-03-29T01:30:00.000Z', 'just after the gap'],
    ['Europe/London', '2026-10-25', '01:30', '2026-10-25T00:30:00.000Z', 'repeated → first (BST)'],
    ['Europe/London', '2026-10-25', '02:30', '2026-10-25T02:30:00.000Z', 'after the repeat (GMT)'],
    ['Europe/London', '2027-03-28', '01:30', '2027-03-28T01:00:00.000Z', 'gap → 02:00 BST'],
    ['Europe/London', '2027-10-31', '01:30', '2027-10-31T00:30:00.000Z', 'repeated → first'],
    ['America/New_York', '2026-03-08', '02:30', '2026-03-08T07:00:00.000Z', 'gap → 03:00 EDT'],
    ['America/New_York', '2026-03-08', '01:59', '2026-03-08T06:59:00.000Z', 'last EST minute'],
    ['America/New_York', '2026-11-01', '01:30', '2026-11-01T05:30:00.000Z', 'repeated → first (EDT)'],
    ['America/New_York', '2026-11-01', '02:30', '2026-11-01T07:30:00.000Z', 'after the repeat (EST)'],
    ['America/New_York', '2027-03-14', '02:30', '2027-03-14T07:00:00.000Z', 'gap → 03:00 EDT'],
    ['America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00.000Z', 'repeated → first'],
    ['Australia/Lord_Howe', '2026-04-05', '01:45', '2026-04-04T14:45:00.000Z', 'repeated half hour → first'],
    ['Australia/Lord_Howe', '2026-04-05', '02:30', '2026-04-04T16:00:00.000Z', '+10:30 after the change'],
    ['Australia/Lord_Howe', '2026-10-04', '02:15', '2026-10-03T15:30:00.000Z', '30-minute gap → 02:30'],
    ['Australia/Lord_Howe', '2026-10-04', '02:30', '2026-10-03T15:30:00.000Z', 'first minute after gap'],
    ['Australia/Lord_Howe', '2026-10-04', '01:59', '2026-10-03T15:29:00.000Z', 'last +10:30 minute'],
    ['Australia/Lord_Howe', '2027-04-04', '01:45', '2027-04-03T14:45:00.000Z', 'repeated → first'],
    ['Australia/Lord_Howe', '2027-10-03', '02:15', '2027-10-02T15:30:00.000Z', 'gap → 02:30'],
    ['Asia/Kolkata', '2026-03-08', '02:30', '2026-03-07T21:00:00.000Z', 'fixed +05:30'],
    ['Asia/Kolkata', '2026-10-25', '00:00', '2026-10-24T18:30:00.000Z', 'midnight'],
    ['Pacific/Apia', '2011-12-30', '12:00', '2011-12-30T10:00:00.000Z', 'a skipped day → next midnight'],
  ])('%s %s %s → %s (%s)', (timeZone, date, time, expected) => {
    expect(zonedTimeToInstant(date, time, timeZone).toISOString()).toBe(expected);
  });

  it('refuses an unknown time zone with a clear message', () => {
    expect(() => zonedTimeToInstant('2026-03-08', '08:30', 'Mars/Olympus')).toThrow(
      '"Mars/Olympus" is not a known time zone',
    );
  });

  it('gives every wall time that exists back as its first instant (any zone, any minute of 2026–2027)', () => {
    const zones = loadDstZones().map((z) => z.timeZone);
    const start = Date.UTC(2026, 0, 1);
    const minutes = (Date.UTC(2028, 0, 1) - start) / 60_000;
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.integer({ min: 0, max: minutes }), (timeZone, minute) => {
        const instant = new Date(start + minute * 60_000);
        const [date, time] = wallTime(instant, timeZone).split(' ') as [string, string];
        const back = zonedTimeToInstant(date, time, timeZone);
        expect(wallTime(back, timeZone)).toBe(`${date} ${time}`);
        expect(back.getTime()).toBeLessThanOrEqual(instant.getTime());
        // The only earlier instant showing the same wall time is a fall-back repeat, at most an hour before.
        expect(instant.getTime() - back.getTime()).toBeLessThanOrEqual(3_600_000);
      }),
      { numRuns: 2000, seed: 20261127 },
    );
  });

  describe.each(loadDstZones())('every minute of each change day in $timeZone', ({ timeZone, changes }) => {
    it.each(changes)('$date', (change) => {
      for (let m = 0; m < 24 * 60; m++) {
        const time = `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
        const at = zonedTimeToInstant(change.date, time, timeZone);
        const shown = wallTime(at, timeZone);
        if (inRange(time, change.gap)) {
          expect(shown).toBe(`${change.date} ${change.gap?.[1]}`);
        } else {
          expect(shown).toBe(`${change.date} ${time}`);
        }
        if (inRange(time, change.repeat)) {
          // The same wall time recurs shiftMinutes later; the planner must have picked the earlier one.
          const second = new Date(at.getTime() + (change.shiftMinutes ?? 0) * 60_000);
          expect(wallTime(second, timeZone)).toBe(shown);
        }
      }
    });
  });
});

describe("zonedDayConverter (the planner's shortcut for many servers)", () => {
  const everyMinute = Array.from({ length: 24 * 60 }, (_, m) => `${pad(Math.floor(m / 60))}:${pad(m % 60)}`);

  describe.each(loadDstZones())('agrees with zonedTimeToInstant in $timeZone', ({ timeZone, changes }) => {
    it.each(changes)('on every minute of $date and the days either side', ({ date }) => {
      for (const day of [addDays(date, -1), date, addDays(date, 1)]) {
        const convert = zonedDayConverter(day, timeZone);
        for (const time of everyMinute) {
          expect(convert(time).getTime(), `${day} ${time}`).toBe(
            zonedTimeToInstant(day, time, timeZone).getTime(),
          );
        }
      }
    });
  });

  it('refuses a bad time with the same clear message', () => {
    expect(() => zonedDayConverter('2026-11-27', 'UTC')('25:00')).toThrow('Use 24-hour HH:MM');
  });
});
