import type { SKRSContext2D } from '@napi-rs/canvas';
import { cardFont } from './fonts.ts';

/** Discord's dark theme, so a card sits naturally in a message. */
export const THEME = {
  background: '#1e1f22',
  panel: '#2b2d31',
  row: '#313338',
  highlight: '#3c3f8f',
  text: '#f2f3f5',
  muted: '#b5bac1',
  faint: '#80848e',
  accent: '#5865f2',
  good: '#57f287',
  warn: '#fee75c',
  bad: '#ed4245',
  track: '#404249',
} as const;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * `text` cut (by whole graphemes, so an emoji or a combining mark is never split) to fit `maxWidth`
 * in the current font, with "…" when cut. Control characters are dropped: they draw as boxes.
 */
export function fitWidth(ctx: SKRSContext2D, text: string, maxWidth: number): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ').trim();
  if (ctx.measureText(clean).width <= maxWidth) return clean;
  const parts = [...segmenter.segment(clean)].map((s) => s.segment);
  let lo = 0;
  let hi = parts.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = `${parts.slice(0, mid).join('').trimEnd()}…`;
    if (ctx.measureText(candidate).width <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return `${parts.slice(0, lo).join('').trimEnd()}…`;
}

/** Draws `text` at (x, y) in a font, colour and alignment, fitted to `maxWidth` when given. */
export function text(
  ctx: SKRSContext2D,
  value: string,
  x: number,
  y: number,
  opts: {
    size: number;
    bold?: boolean;
    color?: string;
    align?: 'left' | 'right' | 'center';
    maxWidth?: number;
  },
): void {
  ctx.font = cardFont(opts.size, opts.bold ? 'bold' : 'regular');
  ctx.fillStyle = opts.color ?? THEME.text;
  ctx.textAlign = opts.align ?? 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(opts.maxWidth ? fitWidth(ctx, value, opts.maxWidth) : value, x, y);
}

/** A filled rectangle with rounded corners. */
export function roundRect(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  color: string,
): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, Math.min(r, h / 2, w / 2));
  ctx.fill();
}

/** A horizontal bar: a track and a fill for `ratio` (clamped to 0–1). */
export function bar(
  ctx: SKRSContext2D,
  x: number,
  y: number,
  w: number,
  h: number,
  ratio: number,
  color: string,
): void {
  roundRect(ctx, x, y, w, h, h / 2, THEME.track);
  const filled = Math.max(0, Math.min(1, Number.isFinite(ratio) ? ratio : 0)) * w;
  if (filled >= 1) roundRect(ctx, x, y, Math.max(filled, h), h, h / 2, color);
}

/** Green from 80 %, yellow from 50 %, red below: the colour of a readiness or accuracy bar. */
export function ratioColor(ratio: number): string {
  if (ratio >= 0.8) return THEME.good;
  if (ratio >= 0.5) return THEME.warn;
  return THEME.bad;
}

/** A whole percentage ("83%"). */
export function pct(ratio: number): string {
  return `${Math.round(Math.max(0, Math.min(1, ratio)) * 100)}%`;
}

/** The card's background: a dark canvas with one lighter panel inset. */
export function background(ctx: SKRSContext2D, width: number, height: number): void {
  ctx.fillStyle = THEME.background;
  ctx.fillRect(0, 0, width, height);
  roundRect(ctx, 12, 12, width - 24, height - 24, 18, THEME.panel);
}
