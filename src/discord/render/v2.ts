import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  AttachmentBuilder,
  ContainerBuilder,
  MediaGalleryBuilder,
  MediaGalleryItemBuilder,
  MessageFlags,
  SeparatorSpacingSize,
  TextDisplayBuilder,
} from 'discord.js';
import type { RenderedCard } from '../../cards/index.ts';
import { fitText } from '../../core/fit.ts';
import type { Message } from '../reply.ts';

/** Discord's Components V2 limits that these messages must respect. */
export const V2_LIMITS = { textTotal: 4000, mediaDescription: 1024, components: 40 } as const;

/** What a card message shows: a heading and summary (for screen readers and notifications), the picture, buttons. */
export interface CardMessageParts {
  /** Markdown heading line, e.g. "### 🏆 Leaderboard — this week". */
  heading: string;
  /** A short text summary shown above the picture; Markdown allowed (mentions never ping). */
  summary: string;
  /** The picture; without it the message is text only (`alt` is shown instead). */
  card?: RenderedCard;
  /** The picture's alt text: the plain-text version of the card. */
  alt: string;
  accent: number;
  rows?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/**
 * A Components V2 message: one container holding the heading and summary, the card as a media item
 * (`attachment://<file>`, uploaded in the same request) and the buttons. The flag makes Discord refuse
 * `content` and `embeds`, so the text lives in text displays.
 */
export function cardMessage(parts: CardMessageParts): Message {
  const budget = V2_LIMITS.textTotal - parts.heading.length - 2;
  const summary = fitText(parts.summary, Math.max(1, Math.min(budget, 1500)));
  const container = new ContainerBuilder()
    .setAccentColor(parts.accent)
    .addTextDisplayComponents(new TextDisplayBuilder().setContent(`${parts.heading}\n${summary}`));
  const files: AttachmentBuilder[] = [];
  if (parts.card) {
    const alt = fitText(parts.alt, V2_LIMITS.mediaDescription);
    container.addMediaGalleryComponents(
      new MediaGalleryBuilder().addItems(
        new MediaGalleryItemBuilder().setURL(`attachment://${parts.card.file}`).setDescription(alt),
      ),
    );
    files.push(new AttachmentBuilder(parts.card.png, { name: parts.card.file, description: alt }));
  } else {
    const room = V2_LIMITS.textTotal - parts.heading.length - summary.length - 8;
    if (room > 20)
      container.addTextDisplayComponents(new TextDisplayBuilder().setContent(fitText(parts.alt, room)));
  }
  if (parts.rows && parts.rows.length > 0) {
    container.addSeparatorComponents((s) => s.setDivider(true).setSpacing(SeparatorSpacingSize.Small));
    container.addActionRowComponents(...parts.rows);
  }
  return { components: [container.toJSON()], files, flags: MessageFlags.IsComponentsV2 };
}

/** A text-only Components V2 message: one container of text blocks (each fitted) and optional buttons. */
export function textMessage(
  blocks: readonly string[],
  accent: number,
  rows: APIActionRowComponent<APIComponentInMessageActionRow>[] = [],
): Message {
  const container = new ContainerBuilder().setAccentColor(accent);
  let left = V2_LIMITS.textTotal;
  for (const block of blocks) {
    if (left < 20 || !block.trim()) continue;
    const fitted = fitText(block, left);
    left -= fitted.length;
    container.addTextDisplayComponents(new TextDisplayBuilder().setContent(fitted));
  }
  if (rows.length > 0) container.addActionRowComponents(...rows);
  return { components: [container.toJSON()], flags: MessageFlags.IsComponentsV2 };
}
