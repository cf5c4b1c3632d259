import { assertTimeZone, localParts, pad } from '../core/localtime.ts';

/** A leaderboard period; `week` and `month` follow the server's time zone. */
export type Period = 'week' | 'month' | 'all';

export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

const DAY_MS = 86_400_000;

/**
 * The key of the period containing `at` in `timeZone`: `2026-W48` (ISO week, Monday start),
 * `2026-11`, or `all`. Keys of one kind sort chronologically as strings.
 */
export function periodKey(period: Period, at: Date, timeZone: string): string {
  if (period === 'all') return 'all';
  assertTimeZone(timeZone);
  if (Number.isNaN(at.getTime())) throw new RangeError('periodKey needs a valid date');
  const p = localParts(at, timeZone);
  if (period === 'month') return `${p.year}-${pad(p.month)}`;
  if (period !== 'week') throw new RangeError(`Unknown period "${String(period)}"; use week, month or all`);
  // ISO 8601: the week belongs to the year of its Thursday.
  const thursday = Date.UTC(p.year, p.month - 1, p.day) + (4 - p.weekday) * DAY_MS;
  const isoYear = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(isoYear, 0, 1)) / DAY_MS / 7) + 1;
  return `${isoYear}-W${pad(week)}`;
}

/** The keys an answer at `at` counts towards: all time, its week and its month. */
export function periodKeysAt(at: Date, timeZone: string): string[] {
  return PERIODS.map((period) => periodKey(period, at, timeZone));
}

/** Which kind of period a key belongs to. */
export function periodOfKey(key: string): Period {
  if (key === 'all') return 'all';
  return key.includes('-W') ? 'week' : 'month';
}

/** Kept for callers that import it from here (src/store/settings.ts); the one check is in core/localtime. */
export { assertTimeZone };
