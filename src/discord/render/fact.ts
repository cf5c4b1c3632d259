import type { APIEmbed } from 'discord.js';
import { sourceOf } from '../../bank/index.ts';
import { fitEmbed, fitText } from '../../core/fit.ts';
import { type FactLookup, itemLabel } from '../../fact/lookup.ts';
import type { Message } from '../reply.ts';
import { highlightsToBold, plain } from './text.ts';

const COLOR = 0x5865f2;

/** The `/fact` answer: the fact with its key phrases in bold and its source, plus related facts. */
export function factMessage(lookup: Extract<FactLookup, { found: true }>): Message {
  const { item, related } = lookup;
  const fields: NonNullable<APIEmbed['fields']> = [{ name: 'Source', value: plain(sourceOf(item)) }];
  if (related.length > 0) {
    fields.push({
      name: 'See also',
      value: related.map((r) => `• ${plain(fitText(itemLabel(r), 120))}`).join('\n'),
    });
  }
  const embed: APIEmbed = {
    title: plain(itemLabel(item)),
    description: highlightsToBold(item.answerMarkdown.trim() || item.answer),
    color: COLOR,
    fields,
  };
  return { embeds: [fitEmbed(embed)] };
}

/** Nothing matched: the query and the nearest labels to try instead. */
export function noFactMessage(query: string, suggestions: readonly string[]): Message {
  const asked = plain(fitText(query.trim(), 100));
  const content =
    suggestions.length > 0
      ? `Nothing matches “${asked}”. Did you mean: ${suggestions.map((s) => `**${plain(fitText(s, 100))}**`).join(', ')}?`
      : `Nothing matches “${asked}”. Try a shorter word, or pick from the suggestions while typing.`;
  return { content };
}
