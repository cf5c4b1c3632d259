/**
 * Words so common in questions ("What is an AMI?") that matching them says nothing: indexing them
 * would put most items in their posting lists and make every query that contains them slow.
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

/** Whether a token is worth indexing: not a stop word, and not a single letter (`don't` → `t`). */
export function isIndexable(token: string): boolean {
  return !STOP_WORDS.has(token) && !(token.length === 1 && token >= 'a');
}

/** The indexable terms of a text, in order, repeats kept (they count as term frequency). */
export function indexTerms(text: string): string[] {
  return tokenize(text).filter(isIndexable);
}

/** A query word and how it may match: the last word is still being typed, so it is also a prefix. */
export interface QueryWord {
  text: string;
  /** The word itself can match (false for a stop word kept only as a prefix). */
  exact: boolean;
  prefix: boolean;
}

/**
 * The words of a query. Stop words and single letters are dropped, except the last word, which the
 * user may still be typing ("th" → "throughput"): it is kept as a prefix.
 */
export function queryWords(query: string): QueryWord[] {
  const tokens = tokenize(query);
  const words: QueryWord[] = [];
  tokens.forEach((token, index) => {
    const last = index === tokens.length - 1;
    const indexable = isIndexable(token);
    if (indexable || last) words.push({ text: token, exact: indexable, prefix: last });
  });
  return words;
}
