// Discord's message markdown, minimally, as DOM nodes. Every piece of text becomes a text node:
// note text and nicknames never reach innerHTML.

/**
 * @typedef {object} MarkdownContext
 * @property {(id: string) => string} userName  display name for a user mention
 * @property {(id: string) => string} channelName  name for a channel mention
 * @property {() => number} now  the bot's clock in epoch ms (relative timestamps count from it)
 */

/** @param {string} tag @param {string} [className] @param {Node[]} [children] */
function el(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

const text = (/** @type {string} */ value) => document.createTextNode(value);

const TIME_STYLES = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

const RELATIVE_UNITS = /** @type {const} */ ([
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
  ['second', 1000],
]);

/** "in 20 seconds", "3 hours ago": Discord's `R` style, counted from the bot's clock. */
export function relativeTime(/** @type {number} */ at, /** @type {number} */ now) {
  const diff = at - now;
  const format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
  for (const [unit, ms] of RELATIVE_UNITS) {
    if (Math.abs(diff) >= ms || unit === 'second') return format.format(Math.round(diff / ms), unit);
  }
  return '';
}

/** The text of a `<t:unix:style>` timestamp. */
export function formatTimestamp(
  /** @type {number} */ at,
  /** @type {string} */ style,
  /** @type {number} */ now,
) {
  if (style === 'R') return relativeTime(at, now);
  const options = TIME_STYLES[/** @type {keyof typeof TIME_STYLES} */ (style)] ?? TIME_STYLES.f;
  return new Intl.DateTimeFormat('en-GB', options).format(new Date(at));
}

/** Re-renders relative timestamps (countdowns) inside `root`; call every second. */
export function refreshTimestamps(/** @type {ParentNode} */ root, /** @type {number} */ now) {
  for (const node of root.querySelectorAll('time[data-style="R"]')) {
    const at = Number(/** @type {HTMLElement} */ (node).dataset.at);
    node.textContent = relativeTime(at, now);
  }
}

/** A link only for web addresses: `javascript:` and the like stay text. */
function safeLink(/** @type {string} */ href, /** @type {Node[]} */ children) {
  let url;
  try {
    url = new URL(href);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;
  const link = el('a', '', children);
  link.setAttribute('href', url.href);
  link.setAttribute('target', '_blank');
  link.setAttribute('rel', 'noopener noreferrer');
  return link;
}

/** Inline rules, tried together; the earliest match wins, then the first rule listed. */
const INLINE = [
  { re: /\\([*_~`|\\<>#[\]()-])/, make: (m) => text(m[1]) },
  { re: /```([\s\S]+?)```|`([^`]+)`/, make: (m) => el('code', 'inline-code', [text(m[1] ?? m[2])]) },
  { re: /\*\*([\s\S]+?)\*\*/, make: (m, ctx) => el('strong', '', inline(m[1], ctx)) },
  { re: /__([\s\S]+?)__/, make: (m, ctx) => el('u', '', inline(m[1], ctx)) },
  { re: /\*([^*\s](?:[\s\S]*?[^*\s])?)\*/, make: (m, ctx) => el('em', '', inline(m[1], ctx)) },
  { re: /(?<![\w])_([^_\s](?:[^_]*[^_\s])?)_(?![\w])/, make: (m, ctx) => el('em', '', inline(m[1], ctx)) },
  { re: /~~([\s\S]+?)~~/, make: (m, ctx) => el('s', '', inline(m[1], ctx)) },
  { re: /\|\|([\s\S]+?)\|\|/, make: (m, ctx) => spoiler(inline(m[1], ctx)) },
  {
    re: /<t:(-?\d{1,13})(?::([tTdDfFR]))?>/,
    make: (m, ctx) => timestamp(Number(m[1]) * 1000, m[2] ?? 'f', ctx),
  },
  { re: /<@!?(\d{1,20})>/, make: (m, ctx) => el('span', 'mention', [text(`@${ctx.userName(m[1])}`)]) },
  { re: /<@&(\d{1,20})>/, make: () => el('span', 'mention', [text('@role')]) },
  { re: /<#(\d{1,20})>/, make: (m, ctx) => el('span', 'mention', [text(`#${ctx.channelName(m[1])}`)]) },
  {
    re: /\[([^\]\n]+)\]\(<?(https?:\/\/[^\s)>]+)>?\)/,
    make: (m, ctx) => safeLink(m[2], inline(m[1], ctx)) ?? text(m[0]),
  },
  { re: /https?:\/\/[^\s<]*[^\s<.,:;"')\]]/, make: (m) => safeLink(m[0], [text(m[0])]) ?? text(m[0]) },
];

function spoiler(/** @type {Node[]} */ children) {
  const node = el('span', 'spoiler', children);
  node.tabIndex = 0;
  node.setAttribute('role', 'button');
  node.setAttribute('aria-label', 'Spoiler, press to reveal');
  const reveal = () => node.classList.add('revealed');
  node.addEventListener('click', reveal);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') reveal();
  });
  return node;
}

function timestamp(
  /** @type {number} */ at,
  /** @type {string} */ style,
  /** @type {MarkdownContext} */ ctx,
) {
  const node = el('time', 'timestamp', [text(formatTimestamp(at, style, ctx.now()))]);
  node.setAttribute('datetime', new Date(at).toISOString());
  node.dataset.at = String(at);
  node.dataset.style = style;
  node.title = new Date(at).toUTCString();
  return node;
}

/** Inline markdown of one piece of text, as nodes. */
export function inline(/** @type {string} */ source, /** @type {MarkdownContext} */ ctx) {
  /** @type {Node[]} */
  const out = [];
  let rest = source;
  while (rest.length > 0) {
    let best = null;
    for (const rule of INLINE) {
      const m = rule.re.exec(rest);
      if (m && (best === null || m.index < best.m.index)) best = { rule, m };
    }
    if (!best) {
      out.push(text(rest));
      break;
    }
    if (best.m.index > 0) out.push(text(rest.slice(0, best.m.index)));
    out.push(best.rule.make(best.m, ctx));
    rest = rest.slice(best.m.index + best.m[0].length);
  }
  return out;
}

/** Block markdown: code fences, quotes, headings, subtext, list items and lines. */
export function markdown(/** @type {string} */ source, /** @type {MarkdownContext} */ ctx) {
  const root = el('div', 'markdown');
  const lines = source.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const opener = line.trimStart();
    if (opener.startsWith('```') && !opener.slice(3).includes('```')) {
      const body = [];
      const first = opener.slice(3);
      if (first && !/^\w+$/.test(first)) body.push(first); // a bare word is the language tag
      i += 1;
      while (i < lines.length && !(lines[i] ?? '').includes('```')) body.push(lines[i++] ?? '');
      const closer = lines[i] ?? '';
      const beforeClose = closer.slice(0, closer.indexOf('```'));
      if (beforeClose) body.push(beforeClose);
      root.append(el('pre', 'code-block', [el('code', '', [text(body.join('\n'))])]));
      continue;
    }
    if (/^>>> /.test(line)) {
      root.append(el('blockquote', '', inline(lines.slice(i).join('\n').slice(4), ctx)));
      break;
    }
    if (/^> ?/.test(line)) {
      const quoted = [];
      while (i < lines.length && /^> ?/.test(lines[i] ?? ''))
        quoted.push((lines[i++] ?? '').replace(/^> ?/, ''));
      i -= 1;
      const quote = el('blockquote');
      quote.append(markdown(quoted.join('\n'), ctx));
      root.append(quote);
      continue;
    }
    const heading = /^(#{1,3}) (.+)$/.exec(line);
    if (heading) {
      root.append(el(`h${heading[1].length + 2}`, 'md-heading', inline(heading[2], ctx)));
      continue;
    }
    const subtext = /^-# (.+)$/.exec(line);
    if (subtext) {
      root.append(el('small', 'subtext', inline(subtext[1], ctx)));
      continue;
    }
    const item = /^(\s*)(?:[-*]|(\d+)\.) (.+)$/.exec(line);
    if (item) {
      const marker = item[2] ? `${item[2]}.` : '•';
      const row = el('div', 'md-item', [
        el('span', 'md-marker', [text(marker)]),
        el('span', '', inline(item[3], ctx)),
      ]);
      if (item[1].length > 0) row.classList.add('nested');
      root.append(row);
      continue;
    }
    root.append(el('div', 'md-line', line === '' ? [el('br')] : inline(line, ctx)));
  }
  return root;
}
