/** `npm run cards`: draws each card from its sample data (src/cards/samples.ts) into docs/cards/<kind>.png. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { type CardKind, renderCard, SAMPLE_CARDS } from '../cards/index.ts';

const out = new URL('../../docs/cards/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const kind of Object.keys(SAMPLE_CARDS) as CardKind[]) {
  const card = await renderCard(kind, SAMPLE_CARDS[kind] as never);
  writeFileSync(new URL(`${kind}.png`, out), card.png);
  console.log(`docs/cards/${kind}.png ${card.width}×${card.height}`);
}
