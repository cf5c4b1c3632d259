import type { SKRSContext2D } from '@napi-rs/canvas';
import { background, pct, roundRect, THEME, text } from './draw.ts';
import { counted } from './words.ts';

/** One finisher on the podium. Names are display names, already chosen by the caller. */
export interface PodiumPlace {
  /** 1, 2 or 3. */
  rank: number;
  name: string;
  points: number;
  /** 0–1 of the season's answers right. */
  accuracy: number;
  /** Daily streak when the season ended (0: none). */
  streak: number;
}

/** Everything the end-of-season podium card shows: plain, already worded data. */
export interface PodiumCardData {
  /** The season's name: "December 2026". */
  title: string;
  /** Members with points in the season. */
  participants: number;
  /** The top 3 (fewer when fewer scored), any order: each is drawn on its own step. */
  places: PodiumPlace[];
  /** A line at the bottom: the new season, or empty. */
  footer: string;
}

export const PODIUM_CARD = { width: 800, height: 470 } as const;

const MEDALS = ['🥇', '🥈', '🥉'];
/** Gold, silver, bronze steps. */
const STEP_COLORS = ['#b8860b', '#7d8590', '#8c5a2b'];
const STEP_HEIGHTS = [132, 96, 70];
const COLUMN = 232;
const GAP = 24;
const GROUND = PODIUM_CARD.height - 64;

/** The card's size: fixed, whatever the number of finishers. */
export function podiumCardSize(_data: PodiumCardData): { width: number; height: number } {
  return { width: PODIUM_CARD.width, height: PODIUM_CARD.height };
}

/** The x of a place's column centre: 1st in the middle, 2nd on the left, 3rd on the right. */
function columnCentre(rank: number): number {
  const middle = PODIUM_CARD.width / 2;
  if (rank === 2) return middle - COLUMN - GAP;
  if (rank === 3) return middle + COLUMN + GAP;
  return middle;
}

/** Draws the podium card on a canvas of `podiumCardSize(data)`. */
export function drawPodiumCard(ctx: SKRSContext2D, data: PodiumCardData): void {
  const { width, height } = podiumCardSize(data);
  background(ctx, width, height);
  text(ctx, `🏆 ${data.title}`, 40, 64, { size: 30, bold: true, maxWidth: 500 });
  text(ctx, 'Final standings', width - 40, 60, { size: 20, bold: true, align: 'right', maxWidth: 200 });
  const members =
    data.participants === 0 ? 'Nobody took part' : `${counted(data.participants, 'member')} took part`;
  text(ctx, members, 40, 96, { size: 17, color: THEME.muted, maxWidth: width - 80 });

  const byRank = new Map(data.places.filter((p) => p.rank >= 1 && p.rank <= 3).map((p) => [p.rank, p]));
  for (const rank of [1, 2, 3]) {
    const place = byRank.get(rank);
    const x = columnCentre(rank);
    const stepHeight = STEP_HEIGHTS[rank - 1] ?? 70;
    const top = GROUND - stepHeight;
    // An empty place keeps its step, greyed, so the podium keeps its shape.
    roundRect(
      ctx,
      x - COLUMN / 2,
      top,
      COLUMN,
      stepHeight,
      10,
      place ? (STEP_COLORS[rank - 1] ?? THEME.row) : THEME.row,
    );
    text(ctx, String(rank), x, top + Math.min(64, stepHeight - 14), {
      size: 44,
      bold: true,
      color: place ? THEME.text : THEME.faint,
      align: 'center',
    });
    if (!place) {
      text(ctx, '—', x, top - 24, { size: 22, color: THEME.faint, align: 'center' });
      continue;
    }
    text(ctx, MEDALS[rank - 1] ?? '', x, top - 118, { size: 38, align: 'center' });
    text(ctx, place.name, x, top - 78, { size: 22, bold: true, align: 'center', maxWidth: COLUMN - 16 });
    text(ctx, `${place.points.toLocaleString('en-US')} pts`, x, top - 48, {
      size: 20,
      bold: true,
      color: THEME.warn,
      align: 'center',
    });
    const streak = place.streak > 0 ? ` · 🔥 ${place.streak}` : '';
    text(ctx, `${pct(place.accuracy)} right${streak}`, x, top - 20, {
      size: 16,
      color: THEME.muted,
      align: 'center',
      maxWidth: COLUMN - 16,
    });
  }
  if (byRank.size === 0)
    text(ctx, 'Nobody scored this season.', width / 2, 200, {
      size: 22,
      color: THEME.muted,
      align: 'center',
    });
  if (data.footer)
    text(ctx, data.footer, width / 2, height - 30, {
      size: 17,
      color: THEME.muted,
      align: 'center',
      maxWidth: width - 80,
    });
}
