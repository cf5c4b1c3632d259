/**
 * Text comparison for grading and for keeping quiz options apart: two strengths of normalization
 * and a bounded edit distance.
 */

const ARTICLES = new Set(['a', 'an', 'the']);

/** Lower case, no accents, `&` as "and", punctuation as spaces, single spaces. Differences here are "exact". */
export function basicNormalize(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** `basicNormalize` plus no articles and no trailing plural `s`: differences here are "accepted". */
export function looseNormalize(text: string): string {
  const words = basicNormalize(text).split(' ');
  const kept: string[] = [];
  for (const word of words) {
    if (word === '' || ARTICLES.has(word)) continue;
    kept.push(word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word);
  }
  return kept.join(' ');
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
  return ` ${text} `.includes(` ${phrase} `);
}

/** The digits of a string in order: answers that differ in a number are never "close enough". */
export function digitsOf(text: string): string {
  return text.replace(/\D+/g, ' ').trim();
}
