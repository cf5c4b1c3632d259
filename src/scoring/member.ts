import { localDate } from '../core/localtime.ts';
import { periodKey, periodKeysAt } from './periods.ts';
import { type AnswerKind, canScoreAgain, streakBonus } from './points.ts';
import { currentStreak, type DailyStreak, NO_STREAK, nextStreak } from './streak.ts';

/** Points in one period, and when they last grew (the earlier, the better in a tie). */
export interface PeriodScore {
  points: number;
  at: number;
}

/** A member's season: points (as a period), and answers for the accuracy that breaks ties. */
export interface SeasonScore extends PeriodScore {
  answers: number;
  correct: number;
}

export interface TopicCount {
  answers: number;
  correct: number;
}

/** Everything stored about one member of one guild: one JSON value, written in one go. */
export interface MemberRecord {
  v: 1;
  userId: string;
  answers: number;
  correct: number;
  /** `all`, recent weeks (`2026-W48`) and months (`2026-11`). */
  periods: Record<string, PeriodScore>;
  topics: Record<string, TopicCount>;
  /** itemId → epoch ms of the last answer that earned points, within the last 24 h only. */
  lastScored: Record<string, number>;
  daily: DailyStreak;
  lastAnswerAt: number;
  /** Season id (its local start date, see src/season) → score; the latest `RETAIN.seasons` are kept. */
  seasons?: Record<string, SeasonScore>;
  /**
   * The latest `RETAIN.answerIds` answers that carried an `answerId` (a quiz's `session:question`), and
   * what each was scored: a retry of an answer already applied (its write landed after the member was
   * told to try again) is recognized and not counted twice.
   */
  answered?: Record<string, AnsweredEntry>;
}

/** What an answer with an `answerId` was scored, kept to recognize its retries. */
export interface AnsweredEntry {
  awarded: number;
  correct: boolean;
}

/** One answer as the quiz, race, daily and review code report it. */
export interface AnswerInput {
  userId: string;
  itemId: string;
  /** The item's tags (topic names), counted for per-topic accuracy. */
  topics: string[];
  correct: boolean;
  /** Points asked for, from `basePoints`; for `daily` the store adds the streak bonus. */
  points: number;
  kind: AnswerKind;
  at: Date;
  /** The server's time zone; decides the week, month and local date of the answer. */
  timeZone: string;
  /** The server's season at `at` (filled in by the score store, not by callers). */
  season?: string;
  /**
   * Names this answer (a solo quiz's `sessionId:questionIndex`) so that applying it again changes
   * nothing: the score store may be asked twice when the first write's fate was unknown.
   */
  answerId?: string;
}

export interface AppliedAnswer {
  record: MemberRecord;
  /** Points actually awarded: 0 for a wrong answer or when the 24 h rule applies. */
  awarded: number;
  /** The period keys whose points changed (empty when nothing was awarded). */
  changedPeriods: string[];
  /** The season whose score changed (every answer in a season changes its accuracy). */
  changedSeason?: string;
  /** Set when the answer's `answerId` was already applied: the record is unchanged, this is what it got. */
  duplicate?: AnsweredEntry;
}

/** Weeks, months and seasons kept in a member record (12 weeks: the /stats activity strip); older ones are dropped on write. */
export const RETAIN = { weeks: 12, months: 13, seasons: 3, answerIds: 32 } as const;

/** A record for a member who has not answered yet. */
export function emptyMember(userId: string): MemberRecord {
  return {
    v: 1,
    userId,
    answers: 0,
    correct: 0,
    periods: {},
    topics: {},
    lastScored: {},
    daily: { ...NO_STREAK },
    lastAnswerAt: 0,
  };
}

/** Applies one answer to a member record (pure): counts, the 24 h rule, streak, period points, pruning. */
export function applyAnswer(prev: MemberRecord | undefined, answer: AnswerInput): AppliedAnswer {
  const before = prev ?? emptyMember(answer.userId);
  const earlier = answer.answerId === undefined ? undefined : before.answered?.[answer.answerId];
  if (earlier) return { record: before, awarded: earlier.awarded, changedPeriods: [], duplicate: earlier };
  const at = answer.at.getTime();
  // The daily question is exempt from the 24 h rule: it is asked once a day by construction and each member
  // answers it once, so practising its item in a quiz earlier must not cost the day's 20 + streak.
  const eligible =
    answer.correct && (answer.kind === 'daily' || canScoreAgain(before.lastScored[answer.itemId], at));
  const daily =
    answer.kind === 'daily'
      ? nextStreak(before.daily, localDate(answer.at, answer.timeZone), answer.correct)
      : before.daily;
  const bonus = answer.kind === 'daily' && eligible ? streakBonus(daily.streak) : 0;
  const awarded = eligible ? answer.points + bonus : 0;

  const periods = { ...before.periods };
  const changedPeriods = awarded > 0 ? periodKeysAt(answer.at, answer.timeZone) : [];
  for (const key of changedPeriods) {
    periods[key] = { points: (periods[key]?.points ?? 0) + awarded, at };
  }
  const lastScored = pruneLastScored(before.lastScored, at);
  if (eligible) lastScored[answer.itemId] = at;

  const topics = { ...before.topics };
  for (const topic of new Set(answer.topics)) {
    const count = topics[topic] ?? { answers: 0, correct: 0 };
    topics[topic] = { answers: count.answers + 1, correct: count.correct + (answer.correct ? 1 : 0) };
  }

  const seasons = answer.season
    ? seasonsAfter(before.seasons, answer.season, answer.correct, awarded, at)
    : undefined;
  const record: MemberRecord = {
    ...before,
    ...(seasons ? { seasons } : {}),
    answers: before.answers + 1,
    correct: before.correct + (answer.correct ? 1 : 0),
    periods: prunePeriods(periods),
    topics,
    lastScored,
    daily,
    lastAnswerAt: Math.max(before.lastAnswerAt, at),
  };
  if (answer.answerId !== undefined) {
    record.answered = answeredAfter(before.answered, answer.answerId, { awarded, correct: answer.correct });
  }
  return { record, awarded, changedPeriods, ...(answer.season ? { changedSeason: answer.season } : {}) };
}

/** The season scores after one answer in `season`: points grow only when awarded, as for periods. */
function seasonsAfter(
  seasons: Record<string, SeasonScore> | undefined,
  season: string,
  correct: boolean,
  awarded: number,
  at: number,
): Record<string, SeasonScore> {
  const prev = seasons?.[season] ?? { points: 0, at, answers: 0, correct: 0 };
  const score: SeasonScore = {
    points: prev.points + awarded,
    at: awarded > 0 ? at : prev.at,
    answers: prev.answers + 1,
    correct: prev.correct + (correct ? 1 : 0),
  };
  // Season ids are local dates, so they sort chronologically; older seasons live on in the history.
  const kept = Object.entries({ ...seasons, [season]: score })
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .slice(-RETAIN.seasons);
  return Object.fromEntries(kept);
}

/** Points of a member in the period containing `at` (0 when none). */
export function pointsIn(record: MemberRecord, period: 'week' | 'month' | 'all', at: Date, timeZone: string) {
  return record.periods[periodKey(period, at, timeZone)]?.points ?? 0;
}

/** What `/stats` shows about a member at time `at`. */
export interface MemberStats {
  userId: string;
  points: number;
  weekPoints: number;
  monthPoints: number;
  answers: number;
  correct: number;
  /** correct / answers, 0 when there are no answers. */
  accuracy: number;
  streak: number;
  bestStreak: number;
  /** Per topic, weakest (lowest accuracy, then most answers) first. */
  topics: { topic: string; answers: number; correct: number; accuracy: number }[];
}

/** Summarizes a member record for display. */
export function memberStats(record: MemberRecord, at: Date, timeZone: string): MemberStats {
  const topics = Object.entries(record.topics)
    .map(([topic, c]) => ({ topic, ...c, accuracy: c.answers === 0 ? 0 : c.correct / c.answers }))
    .sort((a, b) => a.accuracy - b.accuracy || b.answers - a.answers || a.topic.localeCompare(b.topic));
  return {
    userId: record.userId,
    points: pointsIn(record, 'all', at, timeZone),
    weekPoints: pointsIn(record, 'week', at, timeZone),
    monthPoints: pointsIn(record, 'month', at, timeZone),
    answers: record.answers,
    correct: record.correct,
    accuracy: record.answers === 0 ? 0 : record.correct / record.answers,
    streak: currentStreak(record.daily, localDate(at, timeZone)),
    bestStreak: record.daily.best,
    topics,
  };
}

/** The answer ids kept after one more: the newest `RETAIN.answerIds`, oldest dropped first. */
function answeredAfter(
  answered: Record<string, AnsweredEntry> | undefined,
  answerId: string,
  entry: AnsweredEntry,
): Record<string, AnsweredEntry> {
  const kept = Object.entries(answered ?? {}).slice(-(RETAIN.answerIds - 1));
  return Object.fromEntries([...kept, [answerId, entry]]);
}

function pruneLastScored(lastScored: Record<string, number>, at: number): Record<string, number> {
  const kept: Record<string, number> = {};
  for (const [itemId, scoredAt] of Object.entries(lastScored)) {
    if (!canScoreAgain(scoredAt, at)) kept[itemId] = scoredAt;
  }
  return kept;
}

function prunePeriods(periods: Record<string, PeriodScore>): Record<string, PeriodScore> {
  const keys = Object.keys(periods);
  // Keys of one kind sort chronologically as strings, so the newest are at the end.
  const weeks = keys.filter((k) => k.includes('-W')).sort();
  const months = keys.filter((k) => k !== 'all' && !k.includes('-W')).sort();
  const keep = new Set(['all', ...weeks.slice(-RETAIN.weeks), ...months.slice(-RETAIN.months)]);
  const kept: Record<string, PeriodScore> = {};
  for (const key of keys) {
    const score = periods[key];
    if (keep.has(key) && score) kept[key] = score;
  }
  return kept;
}
