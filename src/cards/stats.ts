import type { SKRSContext2D } from '@napi-rs/canvas';
import { background, bar, pct, ratioColor, roundRect, THEME, text } from './draw.ts';

/** One of the big numbers at the top ("Points", "1,240", "+120 this week"). */
export interface StatTile {
  label: string;
  value: string;
  detail: string;
}

/** One bar: a topic's (or an exam domain's) readiness, with a short note on the right. */
export interface StatBar {
  label: string;
  /** 0–1. */
  ratio: number;
  /** "72% ready · 9/12 right". */
  detail: string;
}

/** Everything the stats card shows: plain, already worded data. */
export interface StatsCardData {
  name: string;
  /** Up to four tiles, most useful first. */
  tiles: StatTile[];
  /** Points per week, oldest first (12 weeks); `label` under the first, middle and last bars. */
  activity: { label: string; points: number }[];
  /** Topics, weakest first (at most 6 are drawn). */
  topics: StatBar[];
  /** Readiness per exam domain (issue 16): a section of its own when present. */
  domains?: StatBar[];
  /** When reviews are due, in plain words. */
  footer: string;
}

export const STATS_CARD = { width: 800, maxBars: 6, barRow: 40 } as const;

const HEADER = 92;
const TILES = 118;
const ACTIVITY = 170;
const SECTION_TITLE = 40;
const FOOTER = 64;

function barRows(bars: readonly StatBar[] | undefined): number {
  return Math.min(bars?.length ?? 0, STATS_CARD.maxBars);
}

function sectionHeight(bars: readonly StatBar[] | undefined, always: boolean): number {
  const rows = barRows(bars);
  if (rows === 0 && !always) return 0;
  return SECTION_TITLE + Math.max(rows, 1) * STATS_CARD.barRow + 8;
}

/** The card's size: fixed width; the height grows with the topic and domain rows (6 each at most). */
export function statsCardSize(data: StatsCardData): { width: number; height: number } {
  const height =
    HEADER +
    TILES +
    ACTIVITY +
    sectionHeight(data.topics, true) +
    sectionHeight(data.domains, false) +
    FOOTER;
  return { width: STATS_CARD.width, height };
}

/** Draws the stats card on a canvas of `statsCardSize(data)`. */
export function drawStatsCard(ctx: SKRSContext2D, data: StatsCardData): void {
  const { width, height } = statsCardSize(data);
  background(ctx, width, height);
  text(ctx, '📊 Stats', 40, 62, { size: 30, bold: true });
  text(ctx, data.name, width - 40, 62, { size: 24, bold: true, align: 'right', maxWidth: 520 });

  let y = HEADER;
  const tiles = data.tiles.slice(0, 4);
  const gap = 12;
  const tileW = (width - 56 - gap * (Math.max(tiles.length, 1) - 1)) / Math.max(tiles.length, 1);
  tiles.forEach((tile, i) => {
    const x = 28 + i * (tileW + gap);
    roundRect(ctx, x, y, tileW, TILES - 16, 12, THEME.row);
    text(ctx, tile.label, x + 16, y + 28, { size: 15, color: THEME.muted, maxWidth: tileW - 32 });
    text(ctx, tile.value, x + 16, y + 64, { size: 28, bold: true, maxWidth: tileW - 32 });
    text(ctx, tile.detail, x + 16, y + 88, { size: 14, color: THEME.faint, maxWidth: tileW - 32 });
  });
  y += TILES;

  text(ctx, 'Activity — points per week', 40, y + 20, { size: 17, bold: true, color: THEME.muted });
  const weeks = data.activity;
  const most = Math.max(1, ...weeks.map((w) => w.points));
  const chartTop = y + 34;
  const chartH = 92;
  const slot = (width - 80) / Math.max(weeks.length, 1);
  weeks.forEach((week, i) => {
    const x = 40 + i * slot + 4;
    const h = week.points > 0 ? Math.max(6, (week.points / most) * chartH) : 3;
    const last = i === weeks.length - 1;
    roundRect(
      ctx,
      x,
      chartTop + chartH - h,
      slot - 8,
      h,
      5,
      week.points > 0 ? (last ? THEME.accent : '#4e5bd0') : THEME.track,
    );
    if (i === 0 || last || i === Math.floor(weeks.length / 2))
      text(ctx, week.label, x + (slot - 8) / 2, chartTop + chartH + 22, {
        size: 13,
        color: THEME.faint,
        align: 'center',
      });
  });
  y += ACTIVITY;

  y = drawBars(ctx, 'Readiness per topic, weakest first', data.topics, y, width, true);
  if (data.domains && data.domains.length > 0)
    y = drawBars(ctx, 'Readiness per exam domain', data.domains, y, width, false);

  text(ctx, data.footer, 40, height - 36, { size: 18, maxWidth: width - 80 });
}

function drawBars(
  ctx: SKRSContext2D,
  title: string,
  bars: readonly StatBar[],
  y: number,
  width: number,
  always: boolean,
): number {
  const height = sectionHeight(bars, always);
  if (height === 0) return y;
  text(ctx, title, 40, y + 22, { size: 17, bold: true, color: THEME.muted });
  const shown = bars.slice(0, STATS_CARD.maxBars);
  if (shown.length === 0)
    text(ctx, 'No topic yet — answer a /quiz to see one here.', 40, y + SECTION_TITLE + 24, {
      size: 17,
      color: THEME.faint,
    });
  shown.forEach((b, i) => {
    const row = y + SECTION_TITLE + i * STATS_CARD.barRow;
    text(ctx, b.label, 40, row + 20, { size: 17, maxWidth: 250 });
    bar(ctx, 300, row + 7, 220, 16, b.ratio, ratioColor(b.ratio));
    text(ctx, pct(b.ratio), 534, row + 21, { size: 16, bold: true });
    text(ctx, b.detail, width - 40, row + 21, {
      size: 15,
      color: THEME.muted,
      align: 'right',
      maxWidth: 180,
    });
  });
  return y + height;
}
