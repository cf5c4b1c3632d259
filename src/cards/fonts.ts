import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { GlobalFonts } from '@napi-rs/canvas';

/** The committed font folder (`assets/fonts`), found from this file whether it runs as `.ts` or compiled in `dist/`. */
export function fontDir(): string {
  for (const up of ['../../assets/fonts/', '../../../assets/fonts/']) {
    const dir = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(`${dir}twemoji-colr.woff2`)) return dir;
  }
  throw new Error('card fonts not found: assets/fonts/ is missing from the install');
}

/** One registered face: the family name the cards ask for, and its file in `assets/fonts`. */
export interface CardFontFace {
  family: string;
  file: string;
}

/**
 * Every face, in fallback order: Noto Sans per script, then Twemoji for emoji. Each weight is its
 * own family because @napi-rs/canvas picks the wrong weight when two share a name.
 */
export const CARD_FONT_FACES: readonly CardFontFace[] = [
  { family: 'Flashcord Sans', file: 'noto-sans-latin-400-normal.woff2' },
  { family: 'Flashcord Sans Ext', file: 'noto-sans-latin-ext-400-normal.woff2' },
  { family: 'Flashcord Sans Cyrillic', file: 'noto-sans-cyrillic-400-normal.woff2' },
  { family: 'Flashcord Sans Greek', file: 'noto-sans-greek-400-normal.woff2' },
  { family: 'Flashcord Sans Hebrew', file: 'noto-sans-hebrew-hebrew-400-normal.woff2' },
  { family: 'Flashcord Sans Arabic', file: 'noto-sans-arabic-arabic-400-normal.woff2' },
  { family: 'Flashcord Bold', file: 'noto-sans-latin-700-normal.woff2' },
  { family: 'Flashcord Bold Ext', file: 'noto-sans-latin-ext-700-normal.woff2' },
  { family: 'Flashcord Bold Cyrillic', file: 'noto-sans-cyrillic-700-normal.woff2' },
  { family: 'Flashcord Bold Greek', file: 'noto-sans-greek-700-normal.woff2' },
  { family: 'Flashcord Bold Hebrew', file: 'noto-sans-hebrew-hebrew-700-normal.woff2' },
  { family: 'Flashcord Bold Arabic', file: 'noto-sans-arabic-arabic-700-normal.woff2' },
  { family: 'Flashcord Emoji', file: 'twemoji-colr.woff2' },
];

const REGULAR = CARD_FONT_FACES.filter((f) => f.family.startsWith('Flashcord Sans'));
const BOLD = CARD_FONT_FACES.filter((f) => f.family.startsWith('Flashcord Bold'));
const stack = (faces: readonly CardFontFace[]) =>
  [...faces, { family: 'Flashcord Emoji' }].map((f) => `"${f.family}"`).join(', ');

/** A CSS font shorthand for the cards: `size` px, regular or bold, with every bundled script and emoji. */
export function cardFont(size: number, weight: 'regular' | 'bold' = 'regular'): string {
  return `${size}px ${stack(weight === 'bold' ? BOLD : REGULAR)}`;
}

/** Registers the bundled faces once per process (GlobalFonts is process-wide); safe to call again. */
export function registerCardFonts(): void {
  const dir = fontDir();
  for (const face of CARD_FONT_FACES) {
    if (GlobalFonts.has(face.family)) continue;
    const key = GlobalFonts.registerFromPath(`${dir}${face.file}`, face.family);
    if (!key) throw new Error(`could not load card font ${face.file}`);
  }
}
