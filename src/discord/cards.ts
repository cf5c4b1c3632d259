import { CardRenderer } from '../cards/index.ts';
import type { Context } from './command.ts';

/** The bot's card renderer (`ctx.cards`), made on first use when the context was built without one. */
export function cardsOf(ctx: Context): CardRenderer {
  ctx.cards ??= new CardRenderer();
  return ctx.cards;
}
