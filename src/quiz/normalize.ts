/**
 * Text comparison for grading and for keeping quiz options apart: two strengths of normalization
 * and a bounded edit distance.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: the ASCII range starts at U+0000 on purpose.
const ASCII = /^[\u0000-\u007f]*$/;
const RARE_PUNCTUATION = /['`&]/;

/** A thousands separator: "16,000" is typed "16000" as often, and is one number, not a list. */
const THOUSANDS = /(\d),(?=\d{3}(?!\d))/g;

/** "16,000 IOPS" → "16000 IOPS": the text without its thousands separators. */
export function withoutThousands(text: string): string {
  return text.includes(',') ? text.replace(THOUSANDS, '$1') : text;
}

/**
 * Lower case, no accents, `&` as "and", no thousands separators, other punctuation as spaces, single
 * spaces. Differences here are "exact".
 */
export function basicNormalize(text: string): string {
  const plain = withoutThousands(text);
  return asciiNormalize(plain) ?? unicodeNormalize(plain);
}

/** `basicNormalize` plus no articles and no trailing plural `s`: differences here are "accepted". */
export function looseNormalize(text: string): string {
  return loosen(basicNormalize(text));
}

/** The loose form of an already `basicNormalize`d text (hot in grading: one pass, no arrays). */
export function loosen(basic: string): string {
  let out = '';
  let start = 0;
  while (start < basic.length) {
    let end = basic.indexOf(' ', start);
    if (end === -1) end = basic.length;
    if (!isArticle(basic, start, end - start)) {
      const plural =
        end - start > 3 && basic.charCodeAt(end - 1) === 115 && basic.charCodeAt(end - 2) !== 115;
      out += (out === '' ? '' : ' ') + basic.slice(start, plural ? end - 1 : end);
    }
    start = end + 1;
  }
  return out;
}

function isArticle(text: string, start: number, length: number): boolean {
  if (length === 1) return text.charCodeAt(start) === 97;
  if (length === 2) return text.startsWith('an', start);
  return length === 3 && text.startsWith('the', start);
}

function unicodeNormalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The same result as `unicodeNormalize` for pure-ASCII text (nearly every answer), several times faster. */
function asciiNormalize(text: string): string | null {
  if (!ASCII.test(text)) return null;
  let lower = text.toLowerCase();
  if (RARE_PUNCTUATION.test(lower)) lower = lower.replace(/['`]/g, '').replace(/&/g, ' and ');
  return lower.replace(/[^a-z0-9]+/g, ' ').trim();
}

/**
 * Levenshtein distance, but gives up as soon as it must exceed `max` (then returns `max + 1`).
 * Work is O(length × max), so a 5,000-character reply costs no more than its length check.
 */
export function boundedEditDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const over = max + 1;
  if (Math.abs(a.length - b.length) > max) return over;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  let previous = new Int32Array(b.length + 1);
  let current = new Int32Array(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= max ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - max);
    const to = Math.min(b.length, i + max);
    current[0] = i <= max ? i : over;
    if (from > 1) current[from - 1] = over;
    let rowMin = from === 1 ? (current[0] ?? over) : over;
    const charA = a.charCodeAt(i - 1);
    for (let j = from; j <= to; j++) {
      const substitution = (previous[j - 1] ?? over) + (charA === b.charCodeAt(j - 1) ? 0 : 1);
      const deletion = (previous[j] ?? over) + 1;
      const insertion = (current[j - 1] ?? over) + 1;
      const value = Math.min(substitution, deletion, insertion, over);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (to < b.length) current[to + 1] = over;
    if (rowMin > max) return over;
    [previous, current] = [current, previous];
  }
  return Math.min(previous[b.length] ?? over, over);
}

/** How many typos an answer of this many characters tolerates: none up to 3, then about one per 6. */
export function typoAllowance(length: number): number {
  if (length <= 3) return 0;
  if (length <= 6) return 1;
  if (length <= 12) return 2;
  return Math.min(5, Math.floor(length / 6));
}

/** True when `phrase` occurs in `text` as whole words (both already normalized, space-separated). */
export function containsWords(text: string, phrase: string): boolean {
  if (phrase === '' || phrase.length > text.length) return false;
  for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
    const end = at + phrase.length;
    if (
      (at === 0 || text.charCodeAt(at - 1) === 32) &&
      (end === text.length || text.charCodeAt(end) === 32)
    ) {
      return true;
    }
  }
  return false;
}

/** The digits of a string in order: answers that differ in a number are never "close enough". */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, ' ').trim();
}
