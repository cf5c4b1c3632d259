import { createHash } from 'node:crypto';
import { sourceOf } from '../bank/source.ts';
import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { encodeCustomId } from '../discord/customId.ts';
import { plain } from '../discord/render/text.ts';
import type { OwnNote } from './service.ts';

/** Items shown on one page of `/bank show`. */
export const ITEMS_PER_PAGE = 8;
const PROMPT_MAX = 220;
const ANSWER_MAX = 200;

/** One page of a note preview, as plain message JSON (an embed and a row of buttons). */
export interface NotePage {
  embed: { title: string; description: string; footer: { text: string } };
  components: {
    type: 1;
    components: { type: 2; style: 2; label: string; custom_id: string; disabled: boolean }[];
  }[];
}

/** A short, stable handle of a note key for custom_ids: keys can be longer than a custom_id allows. */
export function pageHandle(key: string): string {
  return createHash('sha1').update(key).digest('hex').slice(0, 12);
}

/**
 * Page `page` (clamped) of a note's items: kind, prompt and answer as plain text (note text is shown,
 * never interpreted), with Previous / Next buttons routed to `handler` (`v1:<handler>:<note>:<page>`).
 */
export function notePage(note: OwnNote, page: number, handler: string): NotePage {
  const items = note.parsed.items;
  const pages = Math.max(1, Math.ceil(items.length / ITEMS_PER_PAGE));
  const current = Math.min(Math.max(0, Math.trunc(page)), pages - 1);
  const shown = items.slice(current * ITEMS_PER_PAGE, (current + 1) * ITEMS_PER_PAGE);
  const description =
    shown.length === 0
      ? 'This note yields no questions yet.'
      : shown.map((item, i) => itemLine(item, current * ITEMS_PER_PAGE + i + 1)).join('\n\n');
  const handle = pageHandle(note.meta.key);
  const button = (label: string, target: number, disabled: boolean) => ({
    type: 2 as const,
    style: 2 as const,
    label,
    custom_id: encodeCustomId(handler, [handle, String(target)]),
    disabled,
  });
  return {
    embed: {
      title: fitText(`${note.parsed.title} (${note.path})`, LIMITS.embedTitle),
      description: fitText(description, LIMITS.embedDescription),
      footer: {
        text: `Page ${current + 1}/${pages} · ${items.length} ${items.length === 1 ? 'item' : 'items'}`,
      },
    },
    components:
      pages > 1
        ? [
            {
              type: 1,
              components: [
                button('◀ Previous', current - 1, current === 0),
                button('Next ▶', current + 1, current >= pages - 1),
              ],
            },
          ]
        : [],
  };
}

function itemLine(item: Item, n: number): string {
  const where = item.section ? ` · ${plain(sourceOf(item))}` : '';
  return [
    `**${n}. ${item.kind}** (line ${item.line}${where})`,
    plain(fitText(item.prompt, PROMPT_MAX)),
    `→ ${plain(fitText(item.answer, ANSWER_MAX))}`,
  ].join('\n');
}
