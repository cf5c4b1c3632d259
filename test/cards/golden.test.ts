import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createCanvas, GlobalFonts, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import {
  CARD_FONT_FACES,
  CARD_SAMPLES,
  CardRenderer,
  cardFont,
  cardSize,
  fontDir,
  registerCardFonts,
  renderCard,
  SAMPLE_CARDS,
} from '../../src/cards/index.ts';

const FIXTURES = new URL('../fixtures/cards/', import.meta.url);
/** Anti-aliasing may differ slightly between CPUs; a real change moves far more than this. */
const MAX_DIFFERENT_PIXELS = 0.005;
const CHANNEL_TOLERANCE = 24;

async function pixels(png: Buffer) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    data: ctx.getImageData(0, 0, image.width, image.height).data,
  };
}

/** Share of pixels whose colour differs by more than the tolerance in any channel. */
async function difference(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([pixels(a), pixels(b)]);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let different = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    for (let c = 0; c < 4; c++) {
      if (Math.abs((pa.data[i + c] ?? 0) - (pb.data[i + c] ?? 0)) > CHANNEL_TOLERANCE) {
        different++;
        break;
      }
    }
  }
  return different / (pa.width * pa.height);
}

describe('card pictures match the committed golden images', () => {
  for (const { name, kind, data } of CARD_SAMPLES) {
    it(`draws the ${name} sample (${kind} card) from fixed data like test/fixtures/cards/${name}.png`, async () => {
      const card = await renderCard(kind, data as never);
      expect({ width: card.width, height: card.height }).toEqual(cardSize(kind, data as never));
      const file = new URL(`${name}.png`, FIXTURES);
      if (process.env.UPDATE === '1') {
        mkdirSync(FIXTURES, { recursive: true });
        writeFileSync(file, card.png);
      }
      expect(await difference(card.png, await readFile(file))).toBeLessThan(MAX_DIFFERENT_PIXELS);
    });
  }

  it('notices a change: a card with other data differs from the golden image', async () => {
    const changed = { ...SAMPLE_CARDS.exam, score: 500 };
    const card = await renderCard('exam', changed);
    expect(await difference(card.png, await readFile(new URL('exam.png', FIXTURES)))).toBeGreaterThan(
      MAX_DIFFERENT_PIXELS,
    );
  });
});

describe('the bundled fonts', () => {
  it('are registered from assets/fonts, every face of them', () => {
    registerCardFonts();
    expect(fontDir()).toMatch(/assets\/fonts\/$/);
    for (const face of CARD_FONT_FACES) {
      expect(existsSync(`${fontDir()}${face.file}`)).toBe(true);
      expect(GlobalFonts.has(face.family)).toBe(true);
    }
  });

  it('are the ones text is drawn with: the card stack draws exactly like the bundled face alone, unlike a system font', () => {
    registerCardFonts();
    const draw = (font: string, sample: string) => {
      const canvas = createCanvas(400, 60);
      const ctx = canvas.getContext('2d');
      ctx.fillStyle = '#fff';
      ctx.fillRect(0, 0, 400, 60);
      ctx.fillStyle = '#000';
      ctx.font = font;
      ctx.fillText(sample, 10, 40);
      return canvas.toBuffer('image/png');
    };
    const latin = 'Leaderboard 1,240 pts';
    expect(draw(cardFont(24), latin).equals(draw('24px "Flashcord Sans"', latin))).toBe(true);
    expect(draw(cardFont(24), latin).equals(draw('24px serif', latin))).toBe(false);
    const emoji = '🏆🔥🥇';
    expect(draw(cardFont(24), emoji).equals(draw('24px "Flashcord Emoji"', emoji))).toBe(true);
  });
});

describe('the card cache', () => {
  it('draws the same data once, and new data again', async () => {
    const cards = new CardRenderer({ capacity: 2 });
    const first = await cards.render('exam', SAMPLE_CARDS.exam);
    expect(await cards.render('exam', { ...SAMPLE_CARDS.exam })).toBe(first);
    await cards.render('exam', { ...SAMPLE_CARDS.exam, score: 700 });
    await cards.render('exam', { ...SAMPLE_CARDS.exam, score: 600 });
    expect(cards.stats()).toEqual({ size: 2, hits: 1, misses: 3 });
  });
});
