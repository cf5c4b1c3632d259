/** What an answer was given to; decides its base points (DESIGN.md §4). */
export type AnswerKind = 'quiz' | 'race' | 'daily' | 'review';

export const ANSWER_KINDS: readonly AnswerKind[] = ['quiz', 'race', 'daily', 'review'];

/** The scoring rules as numbers, so docs, tests and code agree on one table. */
export const RULES = {
  correct: 10,
  typed: 15,
  daily: 20,
  /** Race speed bonus for the 1st…5th correct answer of a round. */
  raceBonus: [5, 4, 3, 2, 1] as readonly number[],
  /** Daily streak bonus: this much per day of streak beyond the first… */
  streakStep: 2,
  /** …capped here (reached on the 6th consecutive day). */
  streakMax: 10,
  /** A (member, item) earns points at most once in this window. */
  cooldownMs: 24 * 60 * 60 * 1000,
} as const;

export interface PointsInput {
  kind: AnswerKind;
  correct: boolean;
  /** Answered by typing (modal) rather than by choosing. */
  typed?: boolean;
  /** For races: 1-based order among the round's correct answers. */
  raceRank?: number;
}

/** Base points of one answer before the 24 h rule and the daily streak bonus; wrong answers earn 0. */
export function basePoints(input: PointsInput): number {
  if (!input.correct) return 0;
  if (input.kind === 'daily') return RULES.daily;
  const base = input.typed ? RULES.typed : RULES.correct;
  return input.kind === 'race' ? base + raceBonus(input.raceRank) : base;
}

/** Speed bonus for the `rank`-th correct answer of a race round (+5 … +1, then 0). */
export function raceBonus(rank: number | undefined): number {
  if (rank === undefined || !Number.isInteger(rank) || rank < 1) return 0;
  return RULES.raceBonus[rank - 1] ?? 0;
}

/** Daily streak bonus for a streak of `streak` consecutive days, today included: +2 per day beyond the first, at most +10. */
export function streakBonus(streak: number): number {
  if (!Number.isFinite(streak) || streak <= 1) return 0;
  return Math.min(RULES.streakMax, RULES.streakStep * (Math.floor(streak) - 1));
}

/** True when an item last scored at `lastScoredAt` (epoch ms) may score again at `at` (the 24 h rule). */
export function canScoreAgain(lastScoredAt: number | undefined, at: number): boolean {
  return lastScoredAt === undefined || at - lastScoredAt >= RULES.cooldownMs;
}
