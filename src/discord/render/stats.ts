import type { RenderedCard, StatsView } from '../../cards/index.ts';
import type { Message } from '../reply.ts';
import { mention, plain } from './text.ts';
import { cardMessage } from './v2.ts';

const COLOR = 0x57f287;

/** /stats as a Components V2 message: a summary line, the card, and the full text as its alt text. */
export function statsMessage(view: StatsView, card: RenderedCard | undefined, userId: string): Message {
  return cardMessage({
    heading: `### 📊 Stats of ${mention(userId)}`,
    summary: plain(view.summary),
    ...(card ? { card } : {}),
    alt: view.text,
    accent: COLOR,
  });
}

/** /stats format:text: the same facts as plain text (what the picture's alt text says). */
export function statsTextMessage(view: StatsView): Message {
  return { content: plain(view.text) };
}

/** For a member without any answer in this server. */
export function noStatsMessage(userId: string, self: boolean): Message {
  return {
    content: self
      ? 'You have not answered any question in this server yet. Start with `/quiz`.'
      : `${mention(userId)} has not answered any question in this server yet.`,
  };
}
