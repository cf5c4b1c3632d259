import { addDays, mondayOf, parseLocalDate } from './dates.ts';

/** A member's daily streak: consecutive local dates answered right, and the last date they answered. */
export interface StreakState {
  streak: number;
  lastDate?: string;
}

/**
 * The streak after answering the daily question of `answeredDate`: one more when the previous right answer
 * was the day before, 1 after a gap, 0 after a wrong answer. A second answer for the same date, or one for an
 * older date, changes nothing.
 */
export function nextStreak(prev: StreakState, answeredDate: string, correct: boolean): StreakState {
  parseLocalDate(answeredDate);
  if (prev.lastDate !== undefined && answeredDate <= prev.lastDate) return prev;
  if (!correct) return { streak: 0, lastDate: answeredDate };
  const continues = prev.lastDate === addDays(answeredDate, -1) && prev.streak > 0;
  return { streak: continues ? prev.streak + 1 : 1, lastDate: answeredDate };
}

/**
 * The streak to show on `today`: the stored one while it can still continue (answered today or yesterday),
 * 0 once a day was missed.
 */
export function currentStreak(state: StreakState, today: string): number {
  if (state.lastDate === undefined) return 0;
  return state.lastDate >= addDays(today, -1) ? state.streak : 0;
}

/**
 * Whether the post for `localDate` is the first daily post of its ISO week (Monday–Sunday, local), given the
 * date of the previous post; the first post ever also opens a week. Such a post names last week's top 3.
 */
export function isWeekStart(localDate: string, previousPostDate?: string): boolean {
  if (previousPostDate === undefined) return true;
  return mondayOf(localDate) !== mondayOf(previousPostDate);
}
