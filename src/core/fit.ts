/** Discord's length limits (characters) and counts, so text is cut before Discord would reject it. */
export const LIMITS = {
  buttonLabel: 80,
  selectOptionLabel: 100,
  selectOptionDescription: 100,
  autocompleteName: 100,
  autocompleteChoices: 25,
  customId: 100,
  embedTitle: 256,
  embedDescription: 4096,
  embedFieldName: 256,
  embedFieldValue: 1024,
  embedFields: 25,
  embedFooter: 2048,
  embedAuthor: 256,
  embedTotal: 6000,
  messageContent: 2000,
  modalTitle: 45,
  textInputLabel: 45,
} as const;

const ELLIPSIS = '…';
/** A word boundary further back than this share of the limit wastes too much text; cut mid-word instead. */
const MIN_WORD_CUT_SHARE = 0.6;

/** `text` cut to at most `max` characters, at a word boundary where reasonable, ending with "…". */
export function fitText(text: string, max: number): string {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`fitText: limit must be a positive integer, got ${max}`);
  if (text.length <= max) return text;
  if (max === 1) return ELLIPSIS;
  let cut = max - ELLIPSIS.length;
  // Never split a surrogate pair: half an emoji is invalid text.
  if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
  const head = text.slice(0, cut);
  // When the cut falls right before a space, the last word is whole already.
  const boundary = /\s/.test(text.charAt(cut)) ? cut : head.search(/\s\S*$/);
  const atWord = boundary >= Math.floor(cut * MIN_WORD_CUT_SHARE) ? head.slice(0, boundary) : head;
  return `${atWord.replace(/[\s,;:–—-]+$/u, '')}${ELLIPSIS}`;
}

/** Longest free-text option value the bot registers (Discord allows up to 6,000): topics, times, zones. */
export const MAX_OPTION_TEXT = 100;
/** How much of a member's input an error message repeats. */
const QUOTED_INPUT = 40;

/** A member's input quoted in a message, cut short: errors must stay readable and within limits. */
export function quoteInput(input: string, max = QUOTED_INPUT): string {
  return `"${fitText(input, max)}"`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** The parts of an embed that count toward Discord's 6,000-character total (no discord.js types). */
export interface EmbedText {
  title?: string;
  description?: string;
  fields?: { name: string; value: string; inline?: boolean }[];
  footer?: { text: string };
  author?: { name: string };
}

/** Characters an embed counts toward `LIMITS.embedTotal`. */
export function embedLength(embed: EmbedText): number {
  let total = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  total += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) total += field.name.length + field.value.length;
  return total;
}

type TextSlot = { get: () => string; set: (value: string) => void };

/**
 * A copy of `embed` where every part fits its own limit, at most 25 fields are kept, empty field
 * names/values (which Discord rejects) become a zero-width space, and the total fits 6,000 characters
 * by shortening the longest parts first.
 */
export function fitEmbed<E extends EmbedText>(embed: E): E {
  const out: E = { ...embed };
  if (out.title !== undefined) out.title = fitText(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = fitText(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: fitText(out.footer.text, LIMITS.embedFooter) };
  if (out.author) out.author = { ...out.author, name: fitText(out.author.name, LIMITS.embedAuthor) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((field) => ({
      ...field,
      name: fitText(field.name || '\u200b', LIMITS.embedFieldName),
      value: fitText(field.value || '\u200b', LIMITS.embedFieldValue),
    }));
  }
  const slots = textSlots(out);
  let excess = embedLength(out) - LIMITS.embedTotal;
  while (excess > 0) {
    const lengths = slots.map((slot) => slot.get().length);
    const longest = Math.max(...lengths);
    if (longest <= 1) break; // unreachable under 6,000 with at most 25 fields; guards an endless loop
    const tied = slots.filter((_, i) => lengths[i] === longest);
    const second = Math.max(0, ...lengths.filter((length) => length < longest));
    // Bring the longest parts down together, never below the next longest, so the loss is shared.
    const target = Math.max(1, second, longest - Math.ceil(excess / tied.length));
    for (const slot of tied) slot.set(fitText(slot.get(), target));
    excess = embedLength(out) - LIMITS.embedTotal;
  }
  return out;
}

function textSlots(embed: EmbedText): TextSlot[] {
  const slots: TextSlot[] = [];
  if (embed.description !== undefined) {
    slots.push({ get: () => embed.description ?? '', set: (v) => (embed.description = v) });
  }
  if (embed.title !== undefined) slots.push({ get: () => embed.title ?? '', set: (v) => (embed.title = v) });
  for (const field of embed.fields ?? []) {
    slots.push({ get: () => field.value, set: (v) => (field.value = v) });
    slots.push({ get: () => field.name, set: (v) => (field.name = v) });
  }
  if (embed.footer) {
    const footer = embed.footer;
    slots.push({ get: () => footer.text, set: (v) => (footer.text = v) });
  }
  return slots;
}
