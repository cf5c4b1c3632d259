import { localDate } from '../core/localtime.ts';
import { addDays, formatLocalDate, parseLocalDate } from '../daily/dates.ts';
import { zonedTimeToInstant } from '../daily/zoned.ts';

/** How long a season runs: a calendar month (from the anchor's day), an ISO-style week, or a number of days. */
export type SeasonLength = 'month' | 'week' | 'custom';

export const SEASON_LENGTHS: readonly SeasonLength[] = ['month', 'week', 'custom'];

/** A run of equal seasons starting on `anchor` (a local date) and following each other without gaps. */
export interface SeasonSchedule {
  length: SeasonLength;
  /** Days per season, for `custom` only (2–366). */
  days?: number;
  /** Local date (YYYY-MM-DD) the first season of this schedule starts on, at local midnight. */
  anchor: string;
}

/** One season: local dates `[startDate, endDate)` and the instants of their local midnights. */
export interface Season {
  /** The start date: unique per server, since seasons never overlap; sorts chronologically. */
  id: string;
  startDate: string;
  /** The first local date after the season (exclusive). */
  endDate: string;
  start: Date;
  end: Date;
  /** What members call it: "December 2026", "Week of 7 Dec 2026", "7 Dec – 20 Dec 2026". */
  name: string;
}

/**
 * The seasons of a server: the schedule in force, and optionally the next one from its anchor on. The
 * season running when the next schedule starts is cut short there (it keeps its id and points).
 */
export interface SeasonTimeline {
  schedule: SeasonSchedule;
  next?: SeasonSchedule;
}

/** Monthly calendar seasons: what every server has until `/season config` says otherwise. */
export const DEFAULT_SCHEDULE: SeasonSchedule = { length: 'month', anchor: '2000-01-01' };

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
const DAY_MS = 86_400_000;

/** The season containing local date `date` on `timeline`, or undefined before its first anchor. */
export function seasonOn(timeline: SeasonTimeline, date: string, timeZone: string): Season | undefined {
  const { next } = timeline;
  if (next && date >= next.anchor) return seasonOfSchedule(next, date, timeZone);
  const span = spanOn(timeline.schedule, date);
  if (!span) return undefined;
  const endDate = next && span.endDate > next.anchor ? next.anchor : span.endDate;
  return makeSeason(timeline.schedule, span.startDate, endDate, timeZone);
}

/** The season running at instant `at` in `timeZone` (DST-correct: boundaries are local midnights). */
export function seasonAt(timeline: SeasonTimeline, at: Date, timeZone: string): Season | undefined {
  return seasonOn(timeline, localDate(at, timeZone), timeZone);
}

/** The season before `season` on the timeline (the one ending when it starts), if any. */
export function seasonBefore(timeline: SeasonTimeline, season: Season, timeZone: string): Season | undefined {
  const previous = seasonOn(timeline, addDays(season.startDate, -1), timeZone);
  return previous && previous.endDate === season.startDate ? previous : undefined;
}

/** The season after `season` (starting when it ends). */
export function seasonAfter(timeline: SeasonTimeline, season: Season, timeZone: string): Season | undefined {
  return seasonOn(timeline, season.endDate, timeZone);
}

/** Whole local days from `at` until the season ends, the current day counted (1 on its last day). */
export function daysLeft(season: Season, at: Date, timeZone: string): number {
  const today = parseLocalDate(localDate(at, timeZone));
  const end = parseLocalDate(season.endDate);
  const diff = Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(today.year, today.month - 1, today.day);
  return Math.max(0, Math.round(diff / DAY_MS));
}

function seasonOfSchedule(schedule: SeasonSchedule, date: string, timeZone: string): Season | undefined {
  const span = spanOn(schedule, date);
  return span && makeSeason(schedule, span.startDate, span.endDate, timeZone);
}

/** The `[startDate, endDate)` of the schedule's season containing `date`. */
function spanOn(schedule: SeasonSchedule, date: string): { startDate: string; endDate: string } | undefined {
  if (date < schedule.anchor) return undefined;
  if (schedule.length === 'month') {
    const anchor = parseLocalDate(schedule.anchor);
    const d = parseLocalDate(date);
    let months = (d.year - anchor.year) * 12 + (d.month - anchor.month);
    if (d.day < anchor.day) months -= 1;
    return { startDate: addMonths(anchor, months), endDate: addMonths(anchor, months + 1) };
  }
  const len = seasonDays(schedule);
  const elapsed = daysBetween(schedule.anchor, date);
  const startDate = addDays(schedule.anchor, Math.floor(elapsed / len) * len);
  return { startDate, endDate: addDays(startDate, len) };
}

/** Days per season of a week or custom schedule. */
export function seasonDays(schedule: SeasonSchedule): number {
  return schedule.length === 'week' ? 7 : (schedule.days ?? 7);
}

function makeSeason(schedule: SeasonSchedule, startDate: string, endDate: string, timeZone: string): Season {
  return {
    id: startDate,
    startDate,
    endDate,
    start: zonedTimeToInstant(startDate, '00:00', timeZone),
    end: zonedTimeToInstant(endDate, '00:00', timeZone),
    name: seasonName(schedule, startDate, endDate),
  };
}

/** The display name of a season; calendar months get their month's name. */
export function seasonName(schedule: SeasonSchedule, startDate: string, endDate: string): string {
  const start = parseLocalDate(startDate);
  if (schedule.length === 'month' && start.day === 1) return `${MONTH_NAMES[start.month - 1]} ${start.year}`;
  if (schedule.length === 'week' && daysBetween(startDate, endDate) === 7)
    return `Week of ${short(startDate)}`;
  const last = parseLocalDate(addDays(endDate, -1));
  const from = last.year === start.year ? `${start.day} ${MONTHS[start.month - 1]}` : short(startDate);
  return `${from} – ${short(addDays(endDate, -1))}`;
}

function short(date: string): string {
  const { year, month, day } = parseLocalDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function addMonths(anchor: { year: number; month: number; day: number }, months: number): string {
  const index = anchor.year * 12 + (anchor.month - 1) + months;
  return formatLocalDate({ year: Math.floor(index / 12), month: (index % 12) + 1, day: anchor.day });
}

/** Calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = parseLocalDate(from);
  const b = parseLocalDate(to);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY_MS);
}
