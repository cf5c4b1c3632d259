import { UserError } from '../core/errors.ts';
import { quoteInput } from '../core/fit.ts';
import { localDate } from '../core/localtime.ts';
import { parseLocalDate } from '../daily/dates.ts';
import {
  DEFAULT_SCHEDULE,
  SEASON_LENGTHS,
  type SeasonLength,
  type SeasonSchedule,
  type SeasonTimeline,
  seasonOn,
} from './schedule.ts';

/** A server's season configuration, as stored (plain JSON). */
export interface SeasonConfig {
  v: 1;
  timeline: SeasonTimeline;
  /** The role the winners get; none when absent (the role is opt-in). */
  championRoleId?: string;
  /** How many from the top get the role (1–10). */
  top: number;
  /** Where the end-of-season post goes; the daily question's channel when absent. */
  channelId?: string;
  /** ISO instant of the last `/season config`. */
  setAt?: string;
}

/** Monthly seasons, no champion role, posted in the daily channel. */
export const DEFAULT_SEASON_CONFIG: SeasonConfig = { v: 1, timeline: { schedule: DEFAULT_SCHEDULE }, top: 1 };

/** The most members a champion role goes to. */
export const MAX_CHAMPIONS = 10;

/** What `/season config` was given; absent fields stay as they are, `null` removes a role or channel. */
export interface SeasonConfigInput {
  length?: string;
  days?: number;
  /** Local date the new schedule starts; default: when the current season ends. */
  start?: string;
  championRoleId?: string | null;
  top?: number;
  channelId?: string | null;
}

/**
 * The configuration after `/season config`: a new length or start applies from `start` (by default
 * when the current season ends, so no season is cut short), the rest at once. Throws one UserError that
 * names every problem.
 */
export function applySeasonConfig(
  current: SeasonConfig,
  input: SeasonConfigInput,
  now: Date,
  timeZone: string,
): SeasonConfig {
  const problems: string[] = [];
  const next: SeasonConfig = { ...current, setAt: now.toISOString() };
  if (input.length !== undefined || input.days !== undefined || input.start !== undefined) {
    try {
      next.timeline = rescheduled(current.timeline, input, now, timeZone);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      problems.push(...error.message.split('\n'));
    }
  }
  if (input.top !== undefined) {
    if (!Number.isInteger(input.top) || input.top < 1 || input.top > MAX_CHAMPIONS)
      problems.push(`top must be a whole number from 1 to ${MAX_CHAMPIONS}.`);
    else next.top = input.top;
  }
  if (input.championRoleId === null) delete next.championRoleId;
  else if (input.championRoleId !== undefined) next.championRoleId = input.championRoleId;
  if (input.channelId === null) delete next.channelId;
  else if (input.channelId !== undefined) next.channelId = input.channelId;
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  return next;
}

function rescheduled(
  timeline: SeasonTimeline,
  input: SeasonConfigInput,
  now: Date,
  timeZone: string,
): SeasonTimeline {
  const problems: string[] = [];
  const today = localDate(now, timeZone);
  const effective = timeline.next && today >= timeline.next.anchor ? timeline.next : timeline.schedule;
  const length = (input.length ?? effective.length) as SeasonLength;
  if (!SEASON_LENGTHS.includes(length))
    problems.push(`${quoteInput(String(input.length))} is not a season length; use month, week or custom.`);
  const days = input.days ?? (length === 'custom' ? effective.days : undefined);
  if (length === 'custom' && (days === undefined || !Number.isInteger(days) || days < 2 || days > 366))
    problems.push('A custom season needs days: a whole number from 2 to 366.');
  const current = seasonOn({ schedule: effective }, today, timeZone);
  let anchor = input.start?.trim() ?? current?.endDate ?? today;
  try {
    const { day } = parseLocalDate(anchor);
    if (anchor < today) problems.push(`start ${anchor} is in the past; use today (${today}) or later.`);
    if (length === 'month' && day > 28)
      problems.push('A monthly season must start on day 1–28, so that every month has its start day.');
  } catch (error) {
    problems.push((error as Error).message);
    anchor = today;
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  const schedule: SeasonSchedule = { length, anchor, ...(length === 'custom' ? { days } : {}) };
  return { schedule: effective, next: schedule };
}

/** The stored season config of a guild, defaults when absent or not readable. */
export function seasonConfigOf(stored: unknown): SeasonConfig {
  if (typeof stored !== 'object' || stored === null) return DEFAULT_SEASON_CONFIG;
  const config = stored as Partial<SeasonConfig>;
  if (!config.timeline?.schedule || typeof config.top !== 'number') return DEFAULT_SEASON_CONFIG;
  return config as SeasonConfig;
}
