import type { ReviewSummary } from '../review/summary.ts';
import type { MemberRecord, MemberStats } from '../scoring/member.ts';
import { periodKey } from '../scoring/periods.ts';
import type { StatBar, StatsCardData } from './stats.ts';
import { groupTopics } from './topics.ts';
import { humanWeek, recentWeekKeys, reviewsInWords, weekRange } from './words.ts';

/** Weeks in the activity strip. */
export const ACTIVITY_WEEKS = 12;

/** What `/stats` needs to say about a member, from the store and the bank (pure). */
export interface StatsInput {
  name: string;
  stats: MemberStats;
  record: MemberRecord;
  review: Pick<ReviewSummary, 'overall' | 'topics'>;
  items: readonly { id: string; tags: readonly string[] }[];
  now: Date;
  timeZone: string;
  /** Readiness per exam domain, when the exam feature provides it (issue 16). */
  domains?: StatBar[];
}

/** The stats in three forms: the card's data, a one-paragraph summary, and the full plain text (the alt text). */
export interface StatsView {
  card: StatsCardData;
  summary: string;
  text: string;
}

const n = (value: number) => value.toLocaleString('en-US');
const pct = (ratio: number) => `${Math.round(ratio * 100)}%`;

/** Builds the /stats card, summary and text from a member's stats. */
export function statsView(input: StatsInput): StatsView {
  const { stats, record, review, now, timeZone } = input;
  const readinessOf = new Map(review.topics.map((t) => [t.topic, t]));
  const facts = [...new Set([...stats.topics.map((t) => t.topic), ...review.topics.map((t) => t.topic)])].map(
    (tag) => {
      const answered = stats.topics.find((t) => t.topic === tag);
      const progress = readinessOf.get(tag);
      return {
        tag,
        answers: answered?.answers ?? 0,
        correct: answered?.correct ?? 0,
        readiness: progress ? progress.readiness : null,
        seen: progress?.seen ?? 0,
      };
    },
  );
  const topics = groupTopics(input.items, facts);
  const current = periodKey('week', now, timeZone);
  const activity = recentWeekKeys(now, timeZone, ACTIVITY_WEEKS).map((key) => ({
    key,
    label: key === current ? 'this week' : weekRange(key),
    points: record.periods[key]?.points ?? 0,
  }));
  const reviews = reviewsInWords(review.overall, now, timeZone);
  const streak = stats.streak === 1 ? '1 day' : `${stats.streak} days`;
  const due = review.overall.due;

  const card: StatsCardData = {
    name: input.name,
    tiles: [
      { label: 'Points', value: n(stats.points), detail: `+${n(stats.weekPoints)} this week` },
      {
        label: 'Accuracy',
        value: stats.answers > 0 ? pct(stats.accuracy) : '—',
        detail: `${n(stats.correct)} of ${n(stats.answers)} right`,
      },
      { label: 'Daily streak', value: `🔥 ${streak}`, detail: `best ${stats.bestStreak}` },
      {
        label: 'Reviews',
        value: due > 0 ? `${n(due)} due` : 'none due',
        detail: `${pct(review.overall.readiness)} of the bank ready`,
      },
    ],
    activity: activity.map(({ label, points }) => ({ label, points })),
    topics: topics.map((t) => ({
      label: t.label,
      ratio: t.readiness,
      detail: t.answers > 0 ? `${t.correct}/${t.answers} right` : 'not answered yet',
    })),
    ...(input.domains && input.domains.length > 0 ? { domains: input.domains } : {}),
    footer: `📚 ${reviews}`,
  };

  const summary =
    `${n(stats.points)} points (${n(stats.weekPoints)} this week) · ` +
    (stats.answers > 0
      ? `${pct(stats.accuracy)} right (${stats.correct}/${stats.answers})`
      : 'no answers yet') +
    ` · ${stats.streak > 0 ? `${stats.streak}-day streak` : 'no daily streak'} · ${reviews}`;

  const active = activity.filter((w) => w.points > 0).reverse();
  const lines = [
    `Stats of ${input.name}: ${summary}.`,
    `Points: ${n(stats.points)} in all, ${n(stats.weekPoints)} this week, ${n(stats.monthPoints)} this month. Best daily streak: ${stats.bestStreak}.`,
    active.length > 0
      ? `Activity: ${active.map((w) => `${humanWeek(w.key, current)} ${n(w.points)}`).join(', ')}.`
      : `Activity: no points in the last ${ACTIVITY_WEEKS} weeks.`,
    topics.length > 0 ? 'Topics, weakest first:' : 'Topics: none yet — answer a /quiz to see them.',
    ...topics.map((t) => {
      const progress = t.tags.map((tag) => readinessOf.get(tag)).find(Boolean);
      const cards = progress
        ? `, ${progress.learned} learned, ${progress.due} due, ${progress.mastered} mastered of ${progress.items}`
        : '';
      const right =
        t.answers > 0 ? `${pct(t.accuracy ?? 0)} right (${t.correct}/${t.answers})` : 'not answered yet';
      return `• ${t.label}: ${pct(t.readiness)} ready, ${right}${cards}`;
    }),
    ...(input.domains && input.domains.length > 0
      ? ['Exam domains:', ...input.domains.map((d) => `• ${d.label}: ${pct(d.ratio)} · ${d.detail}`)]
      : []),
  ];
  return { card, summary, text: lines.join('\n') };
}
