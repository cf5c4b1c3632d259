/**
 * Anki fields are HTML. They are turned into plain text (and a Markdown-safe copy) by a small
 * tokenizer, never rendered or run: scripts and styles are dropped with their content, media tags
 * and `[sound:…]` references are dropped and counted, bold text becomes a highlight (a key).
 */

/** A field as text: plain, as escaped Markdown with `==highlights==`, its keys, and what was dropped. */
export interface FieldText {
  text: string;
  markdown: string;
  /** Bold, strong or underlined phrases: the gist the card author marked. */
  keys: string[];
  /** Media references removed (`<img>`, `<audio>`, `<video>`, `[sound:…]`, …). */
  media: number;
}

/** Elements whose content is dropped with them. */
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'head', 'title', 'template', 'noscript', 'iframe']);
/** Elements that are media: removed and counted. */
const MEDIA = new Set(['img', 'audio', 'video', 'source', 'object', 'embed', 'svg', 'picture', 'canvas']);
/** Elements that end a line of text. */
const BLOCK = new Set([
  'br',
  'div',
  'p',
  'li',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'table',
  'blockquote',
  'pre',
  'hr',
]);
const EMPHASIS = new Set(['b', 'strong', 'u']);
const TAG = /<(\/?)([a-zA-Z][\w:-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)|<![^>]*>|<\?[^>]*>/g;
/** Control characters but tab and newline: never text a card shows. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it matches.
export const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const SOUND = /\[sound:[^\]\n]*\]/g;
const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  middot: '·',
  bull: '•',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  micro: 'µ',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  larr: '←',
  rarr: '→',
  uarr: '↑',
  darr: '↓',
  harr: '↔',
  rArr: '⇒',
  lArr: '⇐',
  hArr: '⇔',
  le: '≤',
  ge: '≥',
  ne: '≠',
  asymp: '≈',
  infin: '∞',
  shy: '',
  zwj: '',
  zwnj: '',
};

/** Converts one HTML field to text; never throws, whatever the input. */
export function htmlToText(html: string): FieldText {
  let media = 0;
  const withoutSounds = html.replace(SOUND, () => {
    media += 1;
    return ' ';
  });
  // Runs of text between tags, with their emphasis, and line ends where blocks end.
  const runs: { text: string; strong: boolean }[] = [];
  let dropping: string | undefined;
  let strongDepth = 0;
  let last = 0;
  const pushText = (raw: string): void => {
    if (dropping || raw === '') return;
    runs.push({ text: decodeEntities(raw), strong: strongDepth > 0 });
  };
  for (const match of withoutSounds.matchAll(TAG)) {
    pushText(withoutSounds.slice(last, match.index));
    last = (match.index ?? 0) + match[0].length;
    const name = match[2]?.toLowerCase();
    if (!name) continue;
    const closing = match[1] === '/';
    if (dropping) {
      if (closing && name === dropping) dropping = undefined;
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(name)) {
      if (!closing && match[3] !== '/') dropping = name;
      continue;
    }
    if (MEDIA.has(name)) {
      if (!closing) media += 1;
      continue;
    }
    if (EMPHASIS.has(name)) strongDepth = Math.max(0, strongDepth + (closing ? -1 : 1));
    if (BLOCK.has(name)) runs.push({ text: '\n', strong: false });
    else if (name === 'td' || name === 'th') runs.push({ text: ' ', strong: false });
  }
  pushText(withoutSounds.slice(last));

  const keys: string[] = [];
  let text = '';
  let markdown = '';
  let open: { text: string; markdown: string } | undefined;
  const closeKey = (): void => {
    if (!open) return;
    const key = squashLine(open.text);
    if (key !== '' && !key.includes('\n')) {
      keys.push(key);
      markdown += `==${escapeMarkdownText(key)}==`;
    } else {
      markdown += open.markdown;
    }
    text += open.text;
    open = undefined;
  };
  for (const run of runs) {
    if (run.strong && run.text !== '\n') {
      open ??= { text: '', markdown: '' };
      open.text += run.text;
      open.markdown += escapeMarkdownText(run.text);
      continue;
    }
    closeKey();
    text += run.text;
    markdown += run.text === '\n' ? '\n' : escapeMarkdownText(run.text);
  }
  closeKey();
  return { text: tidy(text), markdown: tidy(markdown), keys: [...new Set(keys)], media };
}

/** Decodes named, decimal and hex character references; unknown ones stay as written. */
export function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (whole, body: string) => {
    if (body[0] === '#') {
      const code =
        body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      // Control characters and lone surrogates are not text a card can show.
      if (code < 32 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || code === 127) return ' ';
      return String.fromCodePoint(code);
    }
    return NAMED[body] ?? NAMED[body.toLowerCase()] ?? whole;
  });
}

/**
 * Escapes what Markdown (and Discord) would turn into formatting, links or mentions, so imported text
 * shows as written: `\ * _ ~ ` | > # [ ] < = @` and a leading list marker.
 */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(/[\\*_~`|>#[\]<=@]/g, '\\$&')
    .replace(/^(\s*)([-+])(\s)/gm, '$1\\$2$3')
    .replace(/^(\s*)(\d+)\.(\s)/gm, '$1$2\\.$3');
}

/** Collapses spaces within lines and blank lines between them. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map(squashLine)
    .filter((line) => line !== '')
    .join('\n')
    .trim();
}

function squashLine(line: string): string {
  return line
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(/[ \t\u00a0]+/g, ' ')
    .trim();
}
