import { assertTimeZone, localDate, localParts } from '../core/localtime.ts';
import { addDays, formatLocalDate, parseLocalDate } from './dates.ts';
import type { DailySettings } from './settings.ts';
import { parseTime, zonedDayConverter, zonedTimeToInstant } from './zoned.ts';

/** One server as the planner sees it: its settings and the last local date it posted for. */
export interface PlannedServer {
  guildId: string;
  settings: DailySettings;
  lastPostedLocalDate?: string;
}

/** A post to make: the local date it is for (the one to claim) and the instant it is due. */
export interface PlannedPost {
  localDate: string;
  at: Date;
}

/** A post that is due now, for one server. */
export interface DuePost extends PlannedPost {
  guildId: string;
}

const MINUTE_MS = 60_000;
/** Larger than any backward clock change in tzdb (Antarctica/Casey went back 3 h), with margin. */
const MAX_SETBACK_MINUTES = 240;

/** The instant of `settings`' daily post on `localDate` (DST-correct; see zonedTimeToInstant). */
export function postTimeFor(settings: DailySettings, localDate: string): Date {
  return zonedTimeToInstant(localDate, settings.time, settings.timeZone);
}

/**
 * The next post `settings` owes after `lastPostedLocalDate`: today's when it is not posted yet (even when
 * its time has passed, so a restart catches up), else the next day's. Never a date on or before the last
 * posted one, never a post time before the minute `setAt` falls in. `undefined` when disabled or paused.
 */
export function nextPost(
  settings: DailySettings,
  now: Date,
  lastPostedLocalDate?: string,
): PlannedPost | undefined {
  return planFrom(settings, now, lastPostedLocalDate, wallClockReader(now), postTimeFor, false);
}

/**
 * The servers whose post for their current local date is due at `now` and not yet made, each with the
 * local date to claim. A server whose settings cannot be planned (corrupt zone or time) is skipped and
 * reported to `onInvalid`, so one bad record never stops the others.
 */
export function dueServers(
  servers: readonly PlannedServer[],
  now: Date,
  onInvalid?: (guildId: string, error: Error) => void,
): DuePost[] {
  const due: DuePost[] = [];
  const wallClock = wallClockReader(now);
  const postTime = dayConverterCache();
  for (const server of servers) {
    try {
      const post = planFrom(server.settings, now, server.lastPostedLocalDate, wallClock, postTime, true);
      if (post && post.at.getTime() <= now.getTime()) due.push({ guildId: server.guildId, ...post });
    } catch (error) {
      onInvalid?.(server.guildId, error as Error);
    }
  }
  return due;
}

/** What a zone's wall clock shows at the planning instant. */
interface WallClock {
  date: string;
  minuteOfDay: number;
}

/** Reads wall clocks at `now`, once per zone: servers cluster in a few zones and Intl is the cost. */
function wallClockReader(now: Date): (timeZone: string) => WallClock {
  const byZone = new Map<string, WallClock>();
  return (timeZone) => {
    let clock = byZone.get(timeZone);
    if (!clock) {
      const p = localParts(now, timeZone);
      clock = { date: formatLocalDate(p), minuteOfDay: p.hour * 60 + p.minute };
      byZone.set(timeZone, clock);
    }
    return clock;
  };
}

/** postTimeFor, sharing one zonedDayConverter per (zone, date) across the servers of one planning call. */
function dayConverterCache(): (settings: DailySettings, localDate: string) => Date {
  const byZoneAndDate = new Map<string, (time: string) => Date>();
  return (settings, localDate) => {
    const key = `${settings.timeZone}\u0000${localDate}`;
    let convert = byZoneAndDate.get(key);
    if (!convert) {
      convert = zonedDayConverter(localDate, settings.timeZone);
      byZoneAndDate.set(key, convert);
    }
    return convert(settings.time);
  };
}

/**
 * nextPost with the wall clock and post-time function supplied. With `dueOnly` it gives up early on posts
 * that cannot be due yet, before any offset arithmetic: a later date's post, or today's while the clock is
 * hours short of it.
 */
function planFrom(
  settings: DailySettings,
  now: Date,
  lastPostedLocalDate: string | undefined,
  wallClockIn: (timeZone: string) => WallClock,
  postTime: (settings: DailySettings, localDate: string) => Date,
  dueOnly: boolean,
): PlannedPost | undefined {
  if (!settings.enabled || settings.paused) return undefined;
  assertTimeZone(settings.timeZone);
  const wall = wallClockIn(settings.timeZone);
  let date = wall.date;
  if (lastPostedLocalDate !== undefined) {
    parseLocalDate(lastPostedLocalDate);
    // `>=`, not `===`: after a time-zone change the last post can be "tomorrow" here. Never a date twice.
    if (lastPostedLocalDate >= date) date = addDays(lastPostedLocalDate, 1);
  }
  const notBefore = setAtMinute(settings);
  if (notBefore > now.getTime()) {
    const setDate = localDate(new Date(notBefore), settings.timeZone);
    if (setDate > date) date = setDate;
  }
  if (dueOnly) {
    if (date !== wall.date) return undefined;
    // Today's time can only have passed while the clock reads far earlier if the clock was turned back
    // further than that; since 1970 no zone has turned back more than 3 hours at once.
    const { hour, minute } = parseTime(settings.time);
    if (hour * 60 + minute - wall.minuteOfDay > MAX_SETBACK_MINUTES) return undefined;
  }
  // Two days always suffice: if a date's post time is before setAt, the next day's is after it.
  for (let step = 0; step < 3; step++) {
    const at = postTime(settings, date);
    if (at.getTime() >= notBefore) return { localDate: date, at };
    if (dueOnly) return undefined;
    date = addDays(date, 1);
  }
  return undefined;
}

/** The store key claimed before posting, so a local date gets one post across restarts and shards. */
export function claimKey(guildId: string, localDate: string): string {
  if (typeof guildId !== 'string' || !/^\d{1,20}$/.test(guildId)) {
    throw new TypeError(`claimKey: guild id must be a Discord snowflake, got "${String(guildId)}"`);
  }
  parseLocalDate(localDate);
  return `v1:guild:${guildId}:daily:claim:${localDate}`;
}

/** The start of the minute `setAt` falls in (setting the daily at 08:30:20 still owes the 08:30 post). */
function setAtMinute(settings: DailySettings): number {
  if (settings.setAt === undefined) return Number.NEGATIVE_INFINITY;
  const ms = Date.parse(settings.setAt);
  if (Number.isNaN(ms))
    throw new TypeError(`daily settings: setAt "${settings.setAt}" is not an ISO instant`);
  return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
