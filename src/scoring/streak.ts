/** A member's daily-question streak: consecutive local dates answered right. */
export interface DailyStreak {
  /** Length of the run ending on `lastCorrectDate`. */
  streak: number;
  best: number;
  /** Local date (YYYY-MM-DD) of the last right daily answer. */
  lastCorrectDate?: string;
}

export const NO_STREAK: DailyStreak = { streak: 0, best: 0 };

/** The streak after a daily answer on local date `date`: a right answer extends yesterday's run, a wrong one ends it. */
export function nextStreak(prev: DailyStreak, date: string, correct: boolean): DailyStreak {
  if (prev.lastCorrectDate === date) return prev; // the day already counts as answered right
  if (!correct) return { streak: 0, best: prev.best, ...withoutDate(prev) };
  const streak = prev.lastCorrectDate === previousDate(date) ? prev.streak + 1 : 1;
  return { streak, best: Math.max(prev.best, streak), lastCorrectDate: date };
}

/** The streak as seen on local date `today`: 0 once a day has been missed. */
export function currentStreak(state: DailyStreak, today: string): number {
  const last = state.lastCorrectDate;
  if (last === undefined) return 0;
  return last === today || last === previousDate(today) ? state.streak : 0;
}

/** The calendar date before `date` (YYYY-MM-DD). */
export function previousDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const prev = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - 1));
  return prev.toISOString().slice(0, 10);
}

function withoutDate(prev: DailyStreak): Pick<DailyStreak, 'lastCorrectDate'> {
  return prev.lastCorrectDate === undefined ? {} : { lastCorrectDate: prev.lastCorrectDate };
}
