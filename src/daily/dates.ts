import { UserError } from '../core/errors.ts';
import { quoteInput } from '../core/fit.ts';
import { pad } from '../core/localtime.ts';

/** A calendar date without a time zone, split into numbers. */
export interface DateParts {
  year: number;
  month: number;
  day: number;
}

const DAY_MS = 86_400_000;
const DATE_SHAPE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses a local date `YYYY-MM-DD`; a UserError naming the expected shape when it is not a real date. */
export function parseLocalDate(date: string): DateParts {
  const match = typeof date === 'string' ? DATE_SHAPE.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    // Round-trip through UTC to reject dates like 2026-02-30 that Date would silently roll over.
    const probe = new Date(Date.UTC(year, month - 1, day));
    if (probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day) {
      return { year, month, day };
    }
  }
  throw new UserError(`${quoteInput(String(date))} is not a date. Use YYYY-MM-DD, e.g. 2026-03-29.`);
}

/** Formats date parts as `YYYY-MM-DD`. */
export function formatLocalDate({ year, month, day }: DateParts): string {
  return `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
}

/** The calendar date `days` after `date` (negative goes back). */
export function addDays(date: string, days: number): string {
  const { year, month, day } = parseLocalDate(date);
  const shifted = new Date(Date.UTC(year, month - 1, day) + days * DAY_MS);
  return formatLocalDate({
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  });
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const { year, month, day } = parseLocalDate(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() || 7;
}

/** The Monday that starts the ISO week containing `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - isoWeekday(date));
}
