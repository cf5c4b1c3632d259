import type { SKRSContext2D } from '@napi-rs/canvas';
import { background, bar, pct, ratioColor, roundRect, THEME, text } from './draw.ts';

/** An exam result as the card shows it (issue 16's exam fills it in): scaled score, pass mark, domains. */
export interface ExamResultCardData {
  /** "SAA-C03 practice exam". */
  title: string;
  /** The member's display name. */
  name: string;
  /** Scaled score, e.g. 812 on 100–1000. */
  score: number;
  passMark: number;
  minScore: number;
  maxScore: number;
  /** "52/65 right · 1 h 48 min". */
  detail: string;
  /** Per domain, in the exam guide's order; `ratio` 0–1 of that domain's questions right. */
  domains: { name: string; ratio: number; weight?: string }[];
}

export const EXAM_CARD = { width: 800, domainRow: 44, maxDomains: 8 } as const;

const HEAD = 236;

/** The card's size: fixed width, height from the domain rows (at most 8). */
export function examCardSize(data: ExamResultCardData): { width: number; height: number } {
  const rows = Math.min(data.domains.length, EXAM_CARD.maxDomains);
  return { width: EXAM_CARD.width, height: HEAD + (rows > 0 ? 44 + rows * EXAM_CARD.domainRow : 0) + 28 };
}

/** Draws the exam result card on a canvas of `examCardSize(data)`. */
export function drawExamCard(ctx: SKRSContext2D, data: ExamResultCardData): void {
  const { width, height } = examCardSize(data);
  background(ctx, width, height);
  const passed = data.score >= data.passMark;
  text(ctx, `🎯 ${data.title}`, 40, 62, { size: 28, bold: true, maxWidth: 470 });
  text(ctx, data.name, width - 40, 62, { size: 20, color: THEME.muted, align: 'right', maxWidth: 230 });

  text(ctx, String(data.score), 40, 140, { size: 64, bold: true, color: passed ? THEME.good : THEME.bad });
  text(ctx, `of ${data.maxScore} · pass mark ${data.passMark}`, 200, 124, {
    size: 18,
    color: THEME.muted,
    maxWidth: 330,
  });
  text(ctx, data.detail, 200, 148, { size: 16, color: THEME.faint, maxWidth: 330 });
  roundRect(ctx, width - 200, 92, 160, 48, 24, passed ? '#248046' : '#a12828');
  text(ctx, passed ? '✅ Pass' : '❌ Not yet', width - 120, 124, { size: 22, bold: true, align: 'center' });

  // The scale: where the score and the pass mark sit between the lowest and highest score.
  const x0 = 40;
  const w = width - 80;
  const span = Math.max(1, data.maxScore - data.minScore);
  const at = (v: number) =>
    x0 + ((Math.max(data.minScore, Math.min(data.maxScore, v)) - data.minScore) / span) * w;
  bar(ctx, x0, 176, w, 18, (data.score - data.minScore) / span, passed ? THEME.good : THEME.bad);
  ctx.fillStyle = THEME.text;
  ctx.fillRect(Math.round(at(data.passMark)) - 1, 168, 3, 34);
  text(ctx, String(data.minScore), x0, 220, { size: 14, color: THEME.faint });
  text(ctx, `pass ${data.passMark}`, at(data.passMark), 220, {
    size: 14,
    color: THEME.muted,
    align: 'center',
  });
  text(ctx, String(data.maxScore), x0 + w, 220, { size: 14, color: THEME.faint, align: 'right' });

  const domains = data.domains.slice(0, EXAM_CARD.maxDomains);
  if (domains.length === 0) return;
  text(ctx, 'Per domain', 40, HEAD + 26, { size: 17, bold: true, color: THEME.muted });
  domains.forEach((d, i) => {
    const y = HEAD + 44 + i * EXAM_CARD.domainRow;
    text(ctx, d.name, 40, y + 20, { size: 17, maxWidth: 330 });
    if (d.weight) text(ctx, d.weight, 40, y + 38, { size: 12, color: THEME.faint, maxWidth: 330 });
    bar(ctx, 390, y + 7, 300, 16, d.ratio, ratioColor(d.ratio));
    text(ctx, pct(d.ratio), width - 40, y + 21, { size: 17, bold: true, align: 'right' });
  });
}
