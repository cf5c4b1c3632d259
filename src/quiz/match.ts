import {
  basicNormalize,
  boundedEditDistance,
  containsWords,
  digitsOf,
  looseNormalize,
  typoAllowance,
} from './normalize.ts';

/** What a typed reply is checked against. */
export interface TypedAnswerSpec {
  /** The canonical answer; `a / b` lists alternatives. */
  answer: string;
  /** Other whole-answer forms that are also right. */
  accepts?: readonly string[];
  /** When two or more: every key must appear in the reply, in any order. Each key may hold `a / b`. */
  keys?: readonly string[];
}

/** The outcome of matching a typed reply. */
export interface TypedMatch {
  verdict: 'exact' | 'accepted' | 'wrong';
  /** The form the reply was taken for, when it was a near match. */
  acceptedAs?: string;
}

/** A reply this much longer than every accepted form cannot be one of them; skip the work. */
const LENGTH_SLACK_FACTOR = 4;
const LENGTH_SLACK_CHARS = 40;
/** A reply containing the answer may add a few words ("it gives faster boot times"), not a paragraph. */
const CONTAINMENT_EXTRA_WORDS = 4;
const PART_SEPARATORS = /\s*(?:[,;\n]|\s\/\s|&|\band\b|\bthen\b)\s*/i;

/** Matches a typed reply against an answer: normalized, typo-tolerant, alternatives and multi-key aware. */
export function matchTyped(reply: string, spec: TypedAnswerSpec): TypedMatch {
  const given = reply.trim();
  if (basicNormalize(given) === '') return { verdict: 'wrong' };
  const forms = [...alternativesOf(spec.answer), ...(spec.accepts ?? []).flatMap(alternativesOf)];
  const keys = (spec.keys ?? []).map(alternativesOf).filter((alternatives) => alternatives.length > 0);
  const longest = Math.max(
    ...forms.map((form) => form.length),
    keys.reduce((sum, alternatives) => sum + Math.max(...alternatives.map((key) => key.length)) + 2, 0),
  );
  if (given.length > longest * LENGTH_SLACK_FACTOR + LENGTH_SLACK_CHARS) return { verdict: 'wrong' };

  const single = matchForms(given, forms);
  if (single.verdict !== 'wrong') return single;
  if (keys.length > 1) return matchAllKeys(given, keys, spec.answer);
  if (keys.length === 1) return matchForms(given, keys[0] ?? []);
  return single;
}

/** The `a / b` alternatives of an answer; "TCP/UDP" style answers without spaces count too. */
export function alternativesOf(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const spaced = trimmed.split(/\s+\/\s+/);
  const parts = spaced.length > 1 ? spaced : /^\S+\/\S+$/.test(trimmed) ? trimmed.split('/') : [];
  return [trimmed, ...parts.map((part) => part.trim()).filter(Boolean)];
}

function matchForms(given: string, forms: readonly string[]): TypedMatch {
  const givenBasic = basicNormalize(given);
  if (forms.some((form) => basicNormalize(form) === givenBasic)) return { verdict: 'exact' };
  const givenLoose = looseNormalize(given);
  for (const form of forms) {
    if (isCloseEnough(givenLoose, looseNormalize(form))) return { verdict: 'accepted', acceptedAs: form };
  }
  const givenWords = givenLoose.split(' ').length;
  for (const form of forms) {
    const formLoose = looseNormalize(form);
    const formWords = formLoose.split(' ').length;
    const substantial = formWords >= 2 || formLoose.length >= 5;
    if (
      substantial &&
      givenWords <= formWords + CONTAINMENT_EXTRA_WORDS &&
      containsWords(givenLoose, formLoose)
    ) {
      return { verdict: 'accepted', acceptedAs: form };
    }
  }
  return { verdict: 'wrong' };
}

/** Equal, or within the typo allowance of the answer's length; never across a changed number. */
function isCloseEnough(given: string, form: string): boolean {
  if (given === form) return true;
  if (form === '' || digitsOf(given) !== digitsOf(form)) return false;
  const allowance = typoAllowance(form.length);
  return allowance > 0 && boundedEditDistance(given, form, allowance) <= allowance;
}

function matchAllKeys(given: string, keys: readonly string[][], answer: string): TypedMatch {
  const parts = given
    .split(PART_SEPARATORS)
    .map(looseNormalize)
    .filter((part) => part !== '');
  const whole = looseNormalize(given);
  let allExact = true;
  for (const alternatives of keys) {
    const looseForms = alternatives.map(looseNormalize);
    const primary = looseForms[0] ?? '';
    const asPart = parts.some((part) => looseForms.some((form) => isCloseEnough(part, form)));
    const inside = looseForms.some((form) => containsWords(whole, form));
    if (!asPart && !inside) return { verdict: 'wrong' };
    if (!parts.includes(primary)) allExact = false;
  }
  // Listing every key is right; padding them with many unmatched extra phrases is guessing.
  if (parts.length > keys.length + 1) return { verdict: 'wrong' };
  return allExact && parts.length === keys.length
    ? { verdict: 'exact' }
    : { verdict: 'accepted', acceptedAs: answer };
}
