import { escapeMarkdown } from 'discord.js';

/** Note Markdown for Discord: `==highlight==` (which Discord does not know) becomes **bold**. */
export function highlightsToBold(markdown: string): string {
  return markdown.replace(/==([^=\n](?:[^\n]*?[^=\n])?)==/g, '**$1**');
}

/** escapeMarkdown leaves these alone by default; note text starting a line with them must not format. */
const LINE_FORMATS = { heading: true, bulletedList: true, numberedList: true, maskedLink: true } as const;
const QUOTE_START = /^(\s*)>/gm;
const MENTION_START = /[<@]/g;

/**
 * Note or member text shown as is: `____` blanks, `*`, headings, lists, quotes and links must not turn into
 * formatting, and `@everyone` or `<@id>` must not show as a mention.
 */
export function plain(text: string): string {
  return escapeMarkdown(text, LINE_FORMATS).replace(QUOTE_START, '$1\\>').replace(MENTION_START, '\\$&');
}

/** "45 s", "2 min 05 s", "1 h 02 min" (shared with the cards, which never import discord.js). */
export { formatDuration } from '../../cards/words.ts';

/** "1 point", "2 points". */
export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${pluralWord(n, word, many)}`;
}

/** The word alone, for a count written apart ("**2** points"): "point" for 1, "points" otherwise. */
export function pluralWord(n: number, word: string, many = `${word}s`): string {
  return n === 1 ? word : many;
}

/** A ratio as a whole percentage ("83%"). */
export function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

/** A user mention: shown as the member's name, or as `<@id>` when they left, and never a ping (no parse). */
export function mention(userId: string): string {
  return `<@${userId}>`;
}

/**
 * As many lines as fit in `max` characters, then "…and N more" for the rest; a single overlong line
 * is cut by the caller's fitting.
 */
export function fitLines(lines: readonly string[], max: number): string {
  let text = '';
  for (const [index, line] of lines.entries()) {
    const rest = lines.length - index - 1;
    const candidate = text ? `${text}\n${line}` : line;
    const tail = rest > 0 ? `\n…and ${rest} more` : '';
    if (candidate.length + tail.length > max && text) return `${text}\n…and ${lines.length - index} more`;
    text = candidate;
  }
  return text;
}
