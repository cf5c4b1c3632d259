export type { ExamResultCardData } from './exam.ts';
export { CARD_FONT_FACES, cardFont, fontDir, registerCardFonts } from './fonts.ts';
export type { LeaderboardCardData, LeaderboardCardRow } from './leaderboard.ts';
export {
  type CardKind,
  type CardKinds,
  CardRenderer,
  cardSize,
  type RenderedCard,
  renderCard,
} from './renderer.ts';
export type { StatBar, StatsCardData, StatTile } from './stats.ts';
