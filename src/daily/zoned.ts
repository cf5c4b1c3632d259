import { UserError } from '../core/errors.ts';
import { quoteInput } from '../core/fit.ts';
import { assertTimeZone, localParts, pad } from '../core/localtime.ts';
import { parseLocalDate } from './dates.ts';

/** A wall-clock time of day. */
export interface TimeOfDay {
  hour: number;
  minute: number;
}

const TIME_SHAPE = /^(\d{1,2}):(\d{2})$/;
const SECOND_MS = 1000;
const DAY_MS = 86_400_000;

/** Parses a 24-hour `HH:MM` (a one-digit hour is accepted); throws a UserError with an example otherwise. */
export function parseTime(time: string): TimeOfDay {
  const match = typeof time === 'string' ? TIME_SHAPE.exec(time.trim()) : null;
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) {
    throw new UserError(`${quoteInput(String(time))} is not a time of day. Use 24-hour HH:MM, e.g. 08:30.`);
  }
  return { hour, minute };
}

/** Normalizes a valid time to `HH:MM` (e.g. `8:05` → `08:05`). */
export function formatTime({ hour, minute }: TimeOfDay): string {
  return `${pad(hour)}:${pad(minute)}`;
}

/** How far `timeZone`'s wall clock is ahead of UTC at instant `ms`, in milliseconds. */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(new Date(ms), timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / SECOND_MS) * SECOND_MS;
}

/**
 * The instant at which `timeZone`'s wall clock shows `time` on `localDate`.
 * A time skipped by a spring-forward gap gives the first instant after the gap (02:30 → 03:00 in New York);
 * a time repeated by a fall-back gives its first occurrence, so a daily post happens once.
 */
export function zonedTimeToInstant(localDate: string, time: string, timeZone: string): Date {
  const { year, month, day } = parseLocalDate(localDate);
  const { hour, minute } = parseTime(time);
  assertTimeZone(timeZone);
  // The wall time read as if it were UTC; the answer is `wall - offset` for the offset in force then.
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const isValid = (offset: number) => offsetAt(wall - offset, timeZone) === offset;

  // Offsets lie within ±14 h, so every candidate instant falls inside the ±1 day probed above.
  if (before === after && isValid(before)) return new Date(wall - before);
  const valid = [before, after].filter(isValid).map((offset) => wall - offset);
  if (valid.length > 0) return new Date(Math.min(...valid));
  return new Date(
    transitionBetween(wall - Math.max(before, after), wall - Math.min(before, after), timeZone),
  );
}

/** The first instant in (lo, hi] whose offset differs from lo's: where a gap ends, to the second. */
function transitionBetween(lo: number, hi: number, timeZone: string): number {
  const startOffset = offsetAt(lo, timeZone);
  let low = Math.floor(lo / SECOND_MS);
  let high = Math.ceil(hi / SECOND_MS);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offsetAt(mid * SECOND_MS, timeZone) === startOffset) low = mid;
    else high = mid;
  }
  return high * SECOND_MS;
}

/**
 * A converter from `HH:MM` to instants on one local date in one zone, for planning many servers at once.
 * When the zone keeps one offset from the day before to the day after (all but the DST days), each time is
 * plain arithmetic; otherwise every time goes through zonedTimeToInstant. Assumes, like tzdb since 1970, that
 * no zone changes its offset and back again within a day and a half.
 */
export function zonedDayConverter(localDate: string, timeZone: string): (time: string) => Date {
  const { year, month, day } = parseLocalDate(localDate);
  assertTimeZone(timeZone);
  const midnight = Date.UTC(year, month - 1, day);
  // Every candidate instant for this date (offsets within ±14 h) lies in [midnight - 1 day, midnight + 2 days].
  const offset = offsetAt(midnight - DAY_MS, timeZone);
  const steady =
    offsetAt(midnight + DAY_MS / 2, timeZone) === offset &&
    offsetAt(midnight + 2 * DAY_MS, timeZone) === offset;
  return (time) => {
    if (!steady) return zonedTimeToInstant(localDate, time, timeZone);
    const { hour, minute } = parseTime(time);
    return new Date(midnight + (hour * 60 + minute) * 60_000 - offset);
  };
}
