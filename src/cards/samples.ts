import type { ExamResultCardData } from './exam.ts';
import type { LeaderboardCardData } from './leaderboard.ts';
import type { StatsCardData } from './stats.ts';

/**
 * Fixed sample data for each card: the golden-image tests, the README pictures (`npm run cards`) and
 * the benchmark draw these. Long, right-to-left and emoji-only names are in on purpose.
 */
export const SAMPLE_CARDS: {
  leaderboard: LeaderboardCardData;
  stats: StatsCardData;
  exam: ExamResultCardData;
} = {
  leaderboard: {
    periodLabel: 'This week',
    periodDetail: 'Nov 30–Dec 6',
    ranked: 13,
    rows: [
      { rank: 1, name: 'alice', points: 1240, streak: 12, you: false },
      {
        rank: 2,
        name: 'Bob the Builder of Extremely Long Display Names That Never End',
        points: 980,
        streak: 3,
        you: false,
      },
      { rank: 3, name: 'שלום עליכם', points: 870, streak: 0, you: false },
      { rank: 4, name: '🐱🐶🦊', points: 500, streak: 1, you: false },
      { rank: 5, name: 'مرحبا بالعالم', points: 420, streak: 0, you: false },
      { rank: 6, name: 'Zoë Ångström', points: 300, streak: 0, you: false },
      { rank: 7, name: 'Дмитрий', points: 200, streak: 0, you: false },
      { rank: 8, name: 'carol', points: 150, streak: 2, you: false },
      { rank: 9, name: 'dave', points: 90, streak: 0, you: false },
      { rank: 10, name: 'erin', points: 40, streak: 0, you: false },
    ],
    me: { rank: 13, points: 10 },
  },
  stats: {
    name: 'bob',
    tiles: [
      { label: 'Points', value: '1,240', detail: '+120 this week' },
      { label: 'Accuracy', value: '83%', detail: '52 of 63 right' },
      { label: 'Daily streak', value: '🔥 5 days', detail: 'best 9' },
      { label: 'Reviews', value: '3 due', detail: '42% of the bank ready' },
    ],
    activity: [0, 20, 45, 10, 0, 60, 35, 80, 15, 50, 30, 120].map((points, i) => ({
      label:
        i === 11
          ? 'this week'
          : (['Sep 14–20', '', '', '', '', '', 'Oct 26–Nov 1', '', '', '', '', ''][i] ?? ''),
      points,
    })),
    topics: [
      { label: 'ami · aws · ec2 · image · saa-c03', ratio: 0.42, detail: '9/12 right' },
      { label: 'ebs · storage', ratio: 0.65, detail: '13/16 right' },
      { label: 's3', ratio: 0.9, detail: '20/21 right' },
    ],
    domains: [
      { label: 'Design Secure Architectures', ratio: 0.7, detail: '30% of the exam' },
      { label: 'Design Resilient Architectures', ratio: 0.55, detail: '26% of the exam' },
    ],
    footer: '📚 3 reviews due now (/review) · 5 more due tomorrow',
  },
  exam: {
    title: 'SAA-C03 practice exam',
    name: 'bob',
    score: 812,
    passMark: 720,
    minScore: 100,
    maxScore: 1000,
    detail: '52/65 right · 1 h 48 min',
    domains: [
      { name: 'Design Secure Architectures', ratio: 0.8, weight: '30% of the exam' },
      { name: 'Design Resilient Architectures', ratio: 0.65, weight: '26% of the exam' },
      { name: 'Design High-Performing Architectures', ratio: 0.4, weight: '24% of the exam' },
      { name: 'Design Cost-Optimized Architectures', ratio: 0.9, weight: '20% of the exam' },
    ],
  },
};
