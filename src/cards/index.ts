export type { ExamResultCardData } from './exam.ts';
export { type ExamResultInput, type ExamResultView, examResultView } from './exam-view.ts';
export { CARD_FONT_FACES, cardFont, fontDir, registerCardFonts } from './fonts.ts';
export type { LeaderboardCardData, LeaderboardCardRow } from './leaderboard.ts';
export {
  type BoardInput,
  type LeaderboardView,
  leaderboardView,
  periodLabel,
  periodWords,
} from './leaderboard-view.ts';
export type { PodiumCardData, PodiumPlace } from './podium.ts';
export { type PodiumInput, type PodiumView, podiumView } from './podium-view.ts';
export {
  type CardKind,
  type CardKinds,
  CardRenderer,
  cardSize,
  type RenderedCard,
  renderCard,
} from './renderer.ts';
export { CARD_SAMPLES, type CardSample, SAMPLE_CARDS } from './samples.ts';
export type { StatBar, StatsCardData, StatTile } from './stats.ts';
export { ACTIVITY_WEEKS, type StatsInput, type StatsView, statsView } from './stats-view.ts';
export { groupTopics, type TagFacts, type TopicGroup } from './topics.ts';
export {
  dueIn,
  formatDuration,
  humanWeek,
  monthName,
  recentWeekKeys,
  reviewsInWords,
  weekRange,
} from './words.ts';
