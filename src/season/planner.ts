import { localDate } from '../core/localtime.ts';
import { addDays } from '../daily/dates.ts';
import { type Season, type SeasonTimeline, seasonAt, seasonBefore, seasonOn } from './schedule.ts';

/** What the end-of-season runner knows about a guild (see SeasonState in src/store/seasons.ts). */
export interface PlannerState {
  since?: string;
  lastClosed?: string;
}

/** What to do for one guild at one instant. */
export type SeasonPlan =
  /** First sight of the guild: remember the running season; seasons that ended before it get no post. */
  | { kind: 'start'; since: string }
  /** `season` ended and is not closed yet: close it (history, role, post) and announce `next`. */
  | { kind: 'close'; season: Season; next?: Season; skipped: Season[] }
  | { kind: 'none' };

/** Ended seasons missed while the bot was down that are still recorded (no post, no role), at most. */
const MAX_SKIPPED = 12;

/**
 * The pure end-of-season planner: the latest season that ended before `now` (local midnights in
 * `timeZone`) and is not closed yet. Only the latest one is posted, also after a long downtime; the
 * seasons in between are returned as `skipped` (newest first), so their history can be kept.
 */
export function planSeasonEnd(
  timeline: SeasonTimeline,
  timeZone: string,
  now: Date,
  state: PlannerState,
): SeasonPlan {
  const current = seasonAt(timeline, now, timeZone);
  if (state.since === undefined) return { kind: 'start', since: current?.id ?? localDate(now, timeZone) };
  const ended = current
    ? seasonBefore(timeline, current, timeZone)
    : seasonOn(timeline, addDays(localDate(now, timeZone), -1), timeZone);
  if (!ended || ended.end.getTime() > now.getTime()) return { kind: 'none' };
  if (!isOpen(ended, state)) return { kind: 'none' };
  const skipped: Season[] = [];
  for (let s = seasonBefore(timeline, ended, timeZone); s && isOpen(s, state); ) {
    if (skipped.length >= MAX_SKIPPED) break;
    skipped.push(s);
    s = seasonBefore(timeline, s, timeZone);
  }
  return { kind: 'close', season: ended, ...(current ? { next: current } : {}), skipped };
}

/** Whether a season still needs closing: it began on or after `since` and after the last closed one. */
function isOpen(season: Season, state: PlannerState): boolean {
  if (state.since !== undefined && season.id < state.since) return false;
  return state.lastClosed === undefined || season.id > state.lastClosed;
}
