import { UserError } from '../core/errors.ts';
import { assertTimeZone } from '../core/localtime.ts';
import { formatTime, parseTime } from './zoned.ts';

/** A server's daily-question configuration, as stored (plain JSON). */
export interface DailySettings {
  channelId: string;
  /** Local wall time of the post, 24-hour `HH:MM`. */
  time: string;
  /** IANA time zone the time and the local dates are read in. */
  timeZone: string;
  /** Tag or note the questions are drawn from; all items when absent. */
  topic?: string;
  enabled: boolean;
  /** Temporarily not posting (e.g. lost permission) without forgetting the configuration. */
  paused?: boolean;
  /** ISO instant the schedule was last set: no post is owed for a post time before this minute. */
  setAt?: string;
}

/** What an admin gives to `/daily set`. */
export interface DailySettingsInput {
  channelId: string;
  time: string;
  timeZone: string;
  topic?: string;
}

/**
 * Validates `/daily set` input and returns enabled settings stamped with `now` as `setAt`.
 * Throws one UserError that names every problem at once.
 */
export function makeDailySettings(input: DailySettingsInput, now: Date): DailySettings {
  const problems: string[] = [];
  let time = '';
  try {
    time = formatTime(parseTime(input.time));
  } catch (error) {
    problems.push((error as Error).message);
  }
  try {
    assertTimeZone(input.timeZone);
  } catch (error) {
    problems.push((error as Error).message);
  }
  if (typeof input.channelId !== 'string' || !/^\d{1,20}$/.test(input.channelId)) {
    problems.push('Choose a text channel for the daily question.');
  }
  if (problems.length > 0) throw new UserError(problems.join('\n'));
  const topic = input.topic?.trim();
  return {
    channelId: input.channelId,
    time,
    timeZone: input.timeZone,
    ...(topic ? { topic } : {}),
    enabled: true,
    setAt: now.toISOString(),
  };
}
