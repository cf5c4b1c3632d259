import type { CardKind, CardKinds } from './renderer.ts';

/**
 * Fixed sample data for each card: the golden-image tests, the README pictures (`npm run cards`) and
 * the benchmark draw these. Long, right-to-left and emoji-only names are in on purpose.
 */
export const SAMPLE_CARDS: CardKinds = {
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
  podium: {
    title: 'December 2026',
    participants: 14,
    places: [
      {
        rank: 1,
        name: 'Bob the Builder of Extremely Long Display Names',
        points: 1240,
        accuracy: 0.83,
        streak: 12,
      },
      { rank: 2, name: 'שלום עליכם', points: 980, accuracy: 0.9, streak: 0 },
      { rank: 3, name: '🐱🐶🦊', points: 870, accuracy: 0.71, streak: 3 },
    ],
    footer: 'Next: January 2027, 31 days to climb the board',
  },
};

/** One sample: a named card, drawn from fixed data. */
export type CardSample = { [K in CardKind]: { name: string; kind: K; data: CardKinds[K] } }[CardKind];

/**
 * Every sample the golden-image test draws: one per card (named after its kind), plus variants that
 * must also look right: a season's board, a podium with one finisher and one with none.
 */
export const CARD_SAMPLES: readonly CardSample[] = [
  { name: 'leaderboard', kind: 'leaderboard', data: SAMPLE_CARDS.leaderboard },
  { name: 'stats', kind: 'stats', data: SAMPLE_CARDS.stats },
  { name: 'exam', kind: 'exam', data: SAMPLE_CARDS.exam },
  { name: 'podium', kind: 'podium', data: SAMPLE_CARDS.podium },
  {
    name: 'leaderboard-season',
    kind: 'leaderboard',
    data: {
      ...SAMPLE_CARDS.leaderboard,
      periodLabel: 'December 2026',
      periodDetail: '12 days left',
      ranked: 4,
      rows: SAMPLE_CARDS.leaderboard.rows.slice(0, 4).map((row) => ({ ...row, you: row.rank === 2 })),
      me: null,
    },
  },
  {
    name: 'podium-one',
    kind: 'podium',
    data: { ...SAMPLE_CARDS.podium, participants: 1, places: SAMPLE_CARDS.podium.places.slice(0, 1) },
  },
  {
    name: 'podium-empty',
    kind: 'podium',
    data: { title: 'Week of 7 Dec 2026', participants: 0, places: [], footer: '' },
  },
];
