/**
 * When two answer texts say the same thing: `99.999999999%` and `11 nines`, `30 days` and `1 month`,
 * "Latency-based routing" and "latency routing", an answer and the alias the note gives in brackets.
 * A wrong option equivalent to a right answer would be marked wrong while being right.
 */
import { containsWords, looseNormalize } from './normalize.ts';

/** What an answer text means, precomputed once per text for fast comparisons. */
export interface Meaning {
  /** `looseNormalize` of the text. */
  loose: string;
  /** The loose forms it can also be read as: without its brackets, and what the brackets hold. */
  aliases: string[];
  /** Its words that carry meaning (no stop words), loose. */
  content: string[];
  /** A quantity in a canonical unit ("percent:99.9999999990", "seconds:2592000"), when it is one. */
  value?: string;
  /** The initials of a name of several words, loose: "Network ACL" → "nacl", "Security Group" → "sg". */
  acronym?: string;
}

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
};
const SECONDS: Record<string, number> = {
  ms: 0.001,
  millisecond: 0.001,
  s: 1,
  sec: 1,
  second: 1,
  min: 60,
  minute: 60,
  h: 3600,
  hr: 3600,
  hour: 3600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
};
const BYTES: Record<string, number> = {
  b: 1,
  byte: 1,
  kb: 1e3,
  kilobyte: 1e3,
  mb: 1e6,
  megabyte: 1e6,
  gb: 1e9,
  gigabyte: 1e9,
  tb: 1e12,
  terabyte: 1e12,
  pb: 1e15,
  petabyte: 1e15,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
  tib: 1024 ** 4,
  pib: 1024 ** 5,
};
const STOP_WORDS = new Set(
  'a an the of for to in on at by and or with from per via as is are be it its that this which what based'.split(
    ' ',
  ),
);
const QUANTITY =
  /^(?:about |around |up to )?(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s*(%|percent|nines?|[a-z]+)?$/;

/** Meanings of recent texts: the same answers and aliases come back with every question of an item. */
const cache = new Map<string, Meaning>();
const CACHE_LIMIT = 50_000;

/** The meaning of `text` for comparisons (cached; treat the result as read-only). */
export function meaningOf(text: string): Meaning {
  let meaning = cache.get(text);
  if (!meaning) {
    if (cache.size >= CACHE_LIMIT) cache.clear();
    meaning = computeMeaning(text);
    cache.set(text, meaning);
  }
  return meaning;
}

/** `meaningOf` without the cache, for callers that keep the result themselves. */
export function computeMeaning(text: string, loose: string = looseNormalize(text)): Meaning {
  const aliases: string[] = [];
  if (text.includes('(')) {
    const outside = looseNormalize(text.replace(/\([^)]*\)/g, ' '));
    if (outside && outside !== loose) aliases.push(outside);
    for (const match of text.matchAll(/\(([^)]*)\)/g)) {
      const alias = looseNormalize(
        (match[1] ?? '').replace(/^(?:e\.?g\.?|i\.?e\.?|aka|also|or)\b[,:]?\s*/i, ''),
      );
      if (alias && alias.split(' ').length <= 6 && !aliases.includes(alias)) aliases.push(alias);
    }
  }
  // Most answers hold no quantity: the regex runs only on texts with a digit or a number word.
  const value = MAYBE_QUANTITY.test(text) ? quantityOf(text) : undefined;
  const meaning: Meaning = { loose, aliases, content: contentWords(loose) };
  if (value !== undefined) meaning.value = value;
  const acronym = acronymOf(text);
  if (acronym) meaning.acronym = acronym;
  return meaning;
}

/** "Network ACL" → "nacl": each word's capital initial, an all-capitals word whole; none for one word. */
function acronymOf(text: string): string | undefined {
  const words = text
    .replace(/\([^)]*\)/g, ' ')
    .split(/[\s/-]+/)
    .filter((word) => /^\p{L}/u.test(word));
  if (words.length < 2 || words.length > 5) return undefined;
  let acronym = '';
  for (const word of words) {
    if (/^\p{Lu}{2,}$/u.test(word)) acronym += word;
    else if (/^\p{Lu}/u.test(word)) acronym += word[0];
    else if (!STOP_WORDS.has(word.toLowerCase())) return undefined;
  }
  return acronym.length >= 2 ? acronym.toLowerCase() : undefined;
}

/** Whether one text is the other's acronym ("NACL" and "Network ACL"). */
function acronymFor(a: Meaning, b: Meaning): boolean {
  return b.acronym !== undefined && [a.loose, ...a.aliases].includes(b.acronym);
}

const MAYBE_QUANTITY = /\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b/i;

/**
 * Whether `a` and `b` say the same: equal quantities in any unit or spelling, one contained in the
 * other (as whole words, through aliases too), or the words of one all among the other's. Names
 * (`names`) are compared whole, "AWS"/"Amazon" aside: "S3 Standard" is not "S3 Standard-IA".
 */
export function equivalent(a: Meaning, b: Meaning, names = false): boolean {
  // Two quantities are the same exactly when their values are: "99.9%" is not "99.99%" for sharing a "99".
  if (a.value !== undefined && b.value !== undefined) return a.value === b.value;
  if (acronymFor(a, b) || acronymFor(b, a)) return true;
  const formsA = [a.loose, ...a.aliases];
  const formsB = [b.loose, ...b.aliases];
  for (const x of formsA) {
    for (const y of formsB) {
      if (x === y) return true;
      if (names) {
        if (withoutVendor(x) === withoutVendor(y)) return true;
      } else if (containsWords(x, y) || containsWords(y, x)) return true;
    }
  }
  if (names) return false;
  return wordsWithin(a.content, b.content) || wordsWithin(b.content, a.content);
}

function withoutVendor(loose: string): string {
  return loose
    .replace(/\b(?:aws|amazon)\b/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether every meaningful word of `option` is already in `words` (the question, or the right answers). */
export function onlyRepeats(option: Meaning, words: ReadonlySet<string>): boolean {
  return option.content.length > 0 && option.content.every((word) => words.has(word));
}

/** The meaningful words of a loose text. */
export function contentWords(loose: string): string[] {
  return loose.split(' ').filter((word) => word !== '' && !STOP_WORDS.has(word));
}

function wordsWithin(small: readonly string[], big: readonly string[]): boolean {
  if (small.length === 0 || small.length > big.length) return false;
  return small.every((word) => big.includes(word));
}

/** "99.999999999%" and "11 nines" → "percent:99.9999999990"; "30 days" → "seconds:2592000". */
function quantityOf(text: string): string | undefined {
  const plain = text
    .toLowerCase()
    .replace(/\([^)]*\)/g, ' ')
    .replace(/,(?=\d{3})/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const match = QUANTITY.exec(plain);
  if (!match) return undefined;
  const [, rawNumber = '', rawUnit = ''] = match;
  const n = NUMBER_WORDS[rawNumber] ?? Number(rawNumber);
  if (!Number.isFinite(n)) return undefined;
  const unit = rawUnit.replace(/s$/, '');
  if (unit === '%' || unit === 'percent') return `percent:${n.toPrecision(12)}`;
  if (unit === 'nine') return `percent:${(100 - 10 ** (2 - n)).toPrecision(12)}`;
  if (unit in SECONDS) return `seconds:${((SECONDS[unit] ?? 1) * n).toPrecision(12)}`;
  if (unit in BYTES) return `bytes:${((BYTES[unit] ?? 1) * n).toPrecision(12)}`;
  if (unit === '') return `number:${n.toPrecision(12)}`;
  return undefined;
}
