import {
  basicNormalize,
  boundedEditDistance,
  containsWords,
  digitsOf,
  looseNormalize,
  loosen,
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

/** An accepted form with its normalizations computed once. */
interface Form {
  text: string;
  basic: string;
  loose: string;
}

/** Matches a typed reply against an answer: normalized, typo-tolerant, alternatives and multi-key aware. */
export function matchTyped(reply: string, spec: TypedAnswerSpec): TypedMatch {
  const forms = [...alternativesOf(spec.answer), ...(spec.accepts ?? []).flatMap(alternativesOf)].map(formOf);
  const keys = (spec.keys ?? [])
    .map((key) => alternativesOf(key).map(formOf))
    .filter((alternatives) => alternatives.length > 0);
  const longest = Math.max(
    ...forms.map((form) => form.text.length),
    keys.reduce((sum, alternatives) => sum + Math.max(...alternatives.map((key) => key.text.length)) + 2, 0),
  );
  // Checked before any normalization, so an enormous reply costs nothing.
  if (reply.length > longest * LENGTH_SLACK_FACTOR + LENGTH_SLACK_CHARS) return { verdict: 'wrong' };
  const basic = basicNormalize(reply);
  if (basic === '') return { verdict: 'wrong' };
  const given = { text: reply, basic, loose: loosen(basic) };

  const single = matchForms(given, forms);
  if (single.verdict !== 'wrong') return single;
  if (keys.length > 1) return matchAllKeys(reply, given.loose, keys, spec.answer);
  if (keys.length === 1) return matchForms(given, keys[0] ?? []);
  return single;
}

/** The `a / b` alternatives of an answer; "TCP/UDP" style answers without spaces count too. */
export function alternativesOf(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (!trimmed.includes('/')) return [trimmed];
  const spaced = trimmed.split(/\s+\/\s+/);
  const parts = spaced.length > 1 ? spaced : /^\S+\/\S+$/.test(trimmed) ? trimmed.split('/') : [];
  return [trimmed, ...parts.map((part) => part.trim()).filter(Boolean)];
}

function formOf(text: string): Form {
  const basic = basicNormalize(text);
  return { text, basic, loose: loosen(basic) };
}

function matchForms(given: Form, forms: readonly Form[]): TypedMatch {
  if (forms.some((form) => form.basic === given.basic)) return { verdict: 'exact' };
  for (const form of forms) {
    if (isCloseEnough(given.loose, form.loose)) return { verdict: 'accepted', acceptedAs: form.text };
  }
  const givenWords = wordCount(given.loose);
  for (const form of forms) {
    const formWords = wordCount(form.loose);
    const substantial = formWords >= 2 || form.loose.length >= 5;
    if (
      substantial &&
      givenWords <= formWords + CONTAINMENT_EXTRA_WORDS &&
      containsWords(given.loose, form.loose)
    ) {
      return { verdict: 'accepted', acceptedAs: form.text };
    }
  }
  return { verdict: 'wrong' };
}

function wordCount(normal: string): number {
  let count = normal === '' ? 0 : 1;
  for (let i = 0; i < normal.length; i++) if (normal.charCodeAt(i) === 32) count++;
  return count;
}

/** Equal, or within the typo allowance of the answer's length; never across a changed number. */
function isCloseEnough(given: string, form: string): boolean {
  if (given === form) return true;
  const allowance = typoAllowance(form.length);
  if (allowance === 0 || form === '' || Math.abs(given.length - form.length) > allowance) return false;
  if (digitsOf(given) !== digitsOf(form)) return false;
  return boundedEditDistance(given, form, allowance) <= allowance;
}

function matchAllKeys(reply: string, whole: string, keys: readonly Form[][], answer: string): TypedMatch {
  const parts = reply
    .split(PART_SEPARATORS)
    .map(looseNormalize)
    .filter((part) => part !== '');
  let allExact = true;
  for (const alternatives of keys) {
    const primary = alternatives[0]?.loose ?? '';
    const asPart = parts.some((part) => alternatives.some((form) => isCloseEnough(part, form.loose)));
    const inside = alternatives.some((form) => containsWords(whole, form.loose));
    if (!asPart && !inside) return { verdict: 'wrong' };
    if (!parts.includes(primary)) allExact = false;
  }
  // Listing every key is right; padding them with unmatched extra phrases is guessing.
  if (parts.length > keys.length + 1) return { verdict: 'wrong' };
  return allExact && parts.length === keys.length
    ? { verdict: 'exact' }
    : { verdict: 'accepted', acceptedAs: answer };
}
