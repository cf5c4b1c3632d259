/**
 * Words so common in questions ("What is an AMI?") that they cannot select items: a query needs its
 * other words to match, and these only rank the items found ("what is an AMI" → "What is an AMI?").
 */
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from how in is it its of on or that the their them then ' +
    'there these this those to was were what when where which who why will with you your'
  ).split(' '),
);

const NON_WORD = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}+/gu;
const NON_ASCII = /[\u0080-\uffff]/;

/** Lower-cases and strips accents, then splits on anything that is not a letter or a digit. */
export function tokenize(text: string): string[] {
  const lower = text.toLowerCase();
  const plain = NON_ASCII.test(lower) ? lower.normalize('NFD').replace(MARKS, '') : lower;
  return plain.split(NON_WORD).filter((token) => token !== '');
}

/** Single letters (`don't` → `t`) are not indexed: they select nothing and their lists are long. */
function isIndexable(token: string): boolean {
  return !(token.length === 1 && token >= 'a');
}

/** The indexable terms of a text, in order, repeats kept (they count as term frequency). */
export function indexTerms(text: string): string[] {
  return tokenize(text).filter(isIndexable);
}

/** A query word and how it may match. */
export interface QueryWord {
  text: string;
  /** The word itself can match (false for a single letter, which is only a prefix). */
  exact: boolean;
  /** The last word is still being typed, so it also matches as a prefix. */
  prefix: boolean;
  /** A stop word: it ranks the items the other words find, but an item need not contain it. */
  optional: boolean;
}

/**
 * The words of a query, single letters dropped except the last word, which the user may still be
 * typing ("launch th" → "throughput"). When every word is a stop word, they are all required.
 */
export function queryWords(query: string): QueryWord[] {
  const tokens = tokenize(query);
  const words: QueryWord[] = [];
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const indexable = isIndexable(token);
    if (!indexable && !last) return;
    words.push({ text: token, exact: indexable, prefix: last, optional: !last && STOP_WORDS.has(token) });
  });
  if (words.every((word) => word.optional)) for (const word of words) word.optional = false;
  return words;
}
