import { createHash } from 'node:crypto';
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { drawExamCard, type ExamResultCardData, examCardSize } from './exam.ts';
import { registerCardFonts } from './fonts.ts';
import { drawLeaderboardCard, type LeaderboardCardData, leaderboardCardSize } from './leaderboard.ts';
import { drawPodiumCard, type PodiumCardData, podiumCardSize } from './podium.ts';
import { drawStatsCard, type StatsCardData, statsCardSize } from './stats.ts';

/** The cards there are, with the data each one draws. */
export interface CardKinds {
  leaderboard: LeaderboardCardData;
  stats: StatsCardData;
  exam: ExamResultCardData;
  podium: PodiumCardData;
}
export type CardKind = keyof CardKinds;

/** A rendered card: the PNG, its size, and the name it is attached under (`attachment://<file>`). */
export interface RenderedCard {
  png: Buffer;
  width: number;
  height: number;
  file: string;
}

interface CardSpec<D> {
  size(data: D): { width: number; height: number };
  draw(ctx: SKRSContext2D, data: D): void;
}

/**
 * zlib level 1 without row filters: measured 3.5 ms against 31 ms for the default (level 6, all filters)
 * on the stats card, and smaller too (79 KB against 85 KB): the cards are large flat areas of colour.
 */
const PNG_OPTIONS = { compressionLevel: 1, filters: 0x08 } as const;

const SPECS: { [K in CardKind]: CardSpec<CardKinds[K]> } = {
  leaderboard: { size: leaderboardCardSize, draw: drawLeaderboardCard },
  stats: { size: statsCardSize, draw: drawStatsCard },
  exam: { size: examCardSize, draw: drawExamCard },
  podium: { size: podiumCardSize, draw: drawPodiumCard },
};

/** The size a card of `kind` will have for `data`, without drawing it. */
export function cardSize<K extends CardKind>(kind: K, data: CardKinds[K]): { width: number; height: number } {
  return SPECS[kind].size(data);
}

/** Draws a card and encodes it as PNG; encoding runs on libuv's thread pool, off the event loop. */
export async function renderCard<K extends CardKind>(kind: K, data: CardKinds[K]): Promise<RenderedCard> {
  registerCardFonts();
  const spec = SPECS[kind];
  const { width, height } = spec.size(data);
  const canvas = createCanvas(width, height);
  spec.draw(canvas.getContext('2d'), data);
  const png = await canvas.encode('png', PNG_OPTIONS);
  return { png, width, height, file: `${kind}.png` };
}

/**
 * Renders cards with a small cache keyed by the card's data: the same data (a data version) gives the
 * same picture, so a board nobody scored on since is served from memory. Built once per bot (ctx.cards).
 */
export class CardRenderer {
  readonly #cache = new Map<string, Promise<RenderedCard>>();
  readonly #capacity: number;
  #hits = 0;
  #misses = 0;

  constructor(options: { capacity?: number } = {}) {
    this.#capacity = options.capacity ?? 64;
    registerCardFonts();
  }

  /** The PNG of a card for `data`, from the cache when the same data was drawn recently. */
  render<K extends CardKind>(kind: K, data: CardKinds[K]): Promise<RenderedCard> {
    const key = `${kind}:${createHash('sha256').update(JSON.stringify(data)).digest('base64url')}`;
    const cached = this.#cache.get(key);
    if (cached) {
      this.#hits++;
      // Re-insert: the map's order is the eviction order (least recently used first).
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    this.#misses++;
    const rendering = renderCard(kind, data);
    rendering.catch(() => this.#cache.delete(key));
    this.#cache.set(key, rendering);
    while (this.#cache.size > this.#capacity) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
    }
    return rendering;
  }

  /** Cache counters, for tests and the benchmark. */
  stats(): { size: number; hits: number; misses: number } {
    return { size: this.#cache.size, hits: this.#hits, misses: this.#misses };
  }
}
