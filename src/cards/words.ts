import { localDate } from '../core/localtime.ts';
import { periodKey } from '../scoring/periods.ts';

const DAY_MS = 86_400_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The Monday (as a UTC midnight timestamp) of an ISO week key such as `2026-W49`. */
export function weekMonday(key: string): number {
  const match = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`not a week key: "${key}"`);
  const year = Number(match[1]);
  const week = Number(match[2]);
  // ISO 8601: week 1 is the week with January 4th in it.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = new Date(jan4).getUTCDay() || 7;
  return jan4 - (jan4Weekday - 1) * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/** "Dec 1–7", "Nov 30–Dec 6", "Dec 29, 2025–Jan 4, 2026" (the year only when the week spans two). */
export function weekRange(key: string): string {
  const start = new Date(weekMonday(key));
  const end = new Date(weekMonday(key) + 6 * DAY_MS);
  const m1 = MONTHS[start.getUTCMonth()];
  const m2 = MONTHS[end.getUTCMonth()];
  if (start.getUTCFullYear() !== end.getUTCFullYear())
    return `${m1} ${start.getUTCDate()}, ${start.getUTCFullYear()}–${m2} ${end.getUTCDate()}, ${end.getUTCFullYear()}`;
  if (m1 === m2) return `${m1} ${start.getUTCDate()}–${end.getUTCDate()}`;
  return `${m1} ${start.getUTCDate()}–${m2} ${end.getUTCDate()}`;
}

/** A week as people say it: "this week", "last week", or its dates ("Dec 1–7"). */
export function humanWeek(key: string, currentKey: string): string {
  if (key === currentKey) return 'this week';
  if (weekMonday(currentKey) - weekMonday(key) === 7 * DAY_MS) return 'last week';
  return weekRange(key);
}

/** "November 2026" for `2026-11`. */
export function monthName(key: string): string {
  const match = /^(\d{4})-(\d{2})$/.exec(key);
  if (!match) throw new RangeError(`not a month key: "${key}"`);
  return `${MONTH_NAMES[Number(match[2]) - 1]} ${match[1]}`;
}

/** The `count` week keys ending with the week of `at` in `timeZone`, oldest first. */
export function recentWeekKeys(at: Date, timeZone: string, count: number): string[] {
  const monday = weekMonday(periodKey('week', at, timeZone));
  const keys: string[] = [];
  // Midday UTC of each Monday: date arithmetic only, so no time-zone shift can skip or repeat a week.
  for (let i = count - 1; i >= 0; i--)
    keys.push(periodKey('week', new Date(monday - i * 7 * DAY_MS + DAY_MS / 2), 'UTC'));
  return keys;
}

/** "now", "in 3 hours", "tomorrow", "in 4 days", "on Dec 12": when something is due, in words. */
export function dueIn(due: Date, now: Date, timeZone: string): string {
  const ms = due.getTime() - now.getTime();
  if (ms <= 60_000) return 'now';
  const today = localDate(now, timeZone);
  const dueDay = localDate(due, timeZone);
  if (dueDay === today) {
    const hours = Math.round(ms / 3_600_000);
    if (hours < 1) return `in ${Math.max(1, Math.round(ms / 60_000))} minutes`;
    return hours === 1 ? 'in an hour' : `in ${hours} hours`;
  }
  const days = Math.round((Date.parse(`${dueDay}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / DAY_MS);
  if (days === 1) return 'tomorrow';
  if (days < 7) return `in ${days} days`;
  const [, month, day] = dueDay.split('-').map(Number);
  return `on ${MONTHS[(month ?? 1) - 1]} ${day}`;
}

/** The review state in plain words: what is due now, tomorrow, or when the next card comes. */
export function reviewsInWords(
  review: { due: number; dueTomorrow: number; nextDueAt: Date | null; seen: number },
  now: Date,
  timeZone: string,
): string {
  const parts: string[] = [];
  if (review.due > 0)
    parts.push(`${review.due} ${review.due === 1 ? 'review' : 'reviews'} due now (/review)`);
  if (review.dueTomorrow > 0)
    parts.push(`${review.dueTomorrow} ${review.due > 0 ? 'more ' : ''}due tomorrow`);
  if (parts.length > 0) return parts.join(' · ');
  if (review.nextDueAt)
    return `No review due today; the next one is due ${dueIn(review.nextDueAt, now, timeZone)}`;
  if (review.seen === 0) return 'No review cards yet: every answer you give starts one.';
  return 'No review waiting.';
}

/** "1 member", "1,204 members": a count with its word, as the cards write counts. */
export function counted(n: number, word: string, many = `${word}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? word : many}`;
}

/** "45 s", "2 min 05 s", "1 h 02 min": a time taken. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
