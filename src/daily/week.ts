import { mondayOf } from './dates.ts';

/**
 * Whether the post for `localDate` is the first daily post of its ISO week (Monday–Sunday, local), given the
 * date of the previous post; the first post ever also opens a week. Such a post names last week's top 3.
 * Comparing Mondays, not "is it Monday", so a week whose Monday post was missed still gets its summary.
 */
export function isWeekStart(localDate: string, previousPostDate?: string): boolean {
  if (previousPostDate === undefined) return true;
  return mondayOf(localDate) !== mondayOf(previousPostDate);
}
