/**
 * What kind of thing an answer is, so a wrong option is always a plausible member of the same kind:
 * a percentage among percentages, a duration among durations, a service name among service names.
 */

import { withoutThousands } from './normalize.ts';

/** Every class an answer text falls in (see `classOf`), in the order documented. */
export const ANSWER_CLASSES = [
  'yesno',
  'percentage',
  'duration',
  'size',
  'rate',
  'price',
  'count',
  'name',
  'step',
  'short',
  'long',
  'sentence',
  'list',
] as const;

/** The class of an answer text (see `classOf`). */
export type AnswerClass = (typeof ANSWER_CLASSES)[number];

/** The most words a short phrase has; also the most a typed answer may have. */
export const SHORT_PHRASE_WORDS = 4;
/** A number class only describes a short text: "30 days", not "Wait 30 days before deleting it". */
const NUMBER_TEXT_WORDS = 5;
const SENTENCE_WORDS = 12;
const NAME_WORDS = 6;

const NUMBER_WORD = '(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\\d+(?:[.,]\\d+)?)';
const PERCENTAGE = new RegExp(`\\d\\s*%|\\bper\\s?cent\\b|\\b${NUMBER_WORD}\\s+nines\\b`, 'i');
const PRICE = /[$€£]\s*\d|\d\s*(?:usd|eur|cents?)\b/i;
/** A quantity per unit of time ("500 MiB/s", "10 Gbps", "3,000 requests per second"): no size, no count. */
const RATE =
  /\d\s*(?:[kmgtp]i?b(?:it)?s?\s*\/\s*s(?:ec)?|[kmgt]?bps|(?:\p{L}+\s*)?(?:per\s+|\/\s*)(?:second|sec|s)|iops)\b/iu;
const SIZE = /\d\s*(?:[kmgtpe]i?b|bytes?|kilobytes?|megabytes?|gigabytes?|terabytes?|petabytes?)\b/i;
const DURATION_UNIT =
  '(?:ms|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)';
const DURATION = new RegExp(
  `(?:^|\\s)${NUMBER_WORD}\\s*(?:-\\s*\\d+\\s*)?${DURATION_UNIT}\\b|^(?:milliseconds|seconds|minutes|hours|days|instant(?:ly)?)\\b`,
  'i',
);
const STARTS_WITH_NUMBER = /^[~<>≈±+-]?\d/;
/** Imperative verbs that start a console or CLI step ("Open the bucket's Management tab"). */
const STEP_VERBS = new Set(
  (
    'open click select choose go navigate enable disable create launch stop start restart customize configure ' +
    'install run attach detach add remove delete copy set type enter press sign log wait repeat check review ' +
    'edit update upload download terminate reboot deploy register tag apply save'
  ).split(' '),
);
const STOP_WORDS = new Set('a an the of for to in on at by and or with from per via as is are vs'.split(' '));
const YES_NO = /^(?:yes|no|true|false)$/i;

/** The class of an answer text. Pure and cheap: run once per candidate when a pool is indexed. */
export function classOf(text: string): AnswerClass {
  // "(e.g., Amazon Linux 2)" is an aside, and "16,000" one number: their commas make no list.
  const trimmed = withoutThousands(text.replace(/\s*\([^)]*\)/g, '').trim() || text.trim());
  if (YES_NO.test(trimmed.replace(/[.!]$/, ''))) return 'yesno';
  const words = trimmed.split(/\s+/).filter(Boolean);
  const first = (words[0] ?? '').toLowerCase().replace(/[^a-z]/g, '');
  if (trimmed.includes('→') || (STEP_VERBS.has(first) && words.length >= 2 && !/,/.test(trimmed)))
    return 'step';
  if (words.length <= NUMBER_TEXT_WORDS && !/,/.test(trimmed)) {
    if (PERCENTAGE.test(trimmed)) return 'percentage';
    if (PRICE.test(trimmed)) return 'price';
    if (RATE.test(trimmed)) return 'rate';
    if (SIZE.test(trimmed)) return 'size';
    if (DURATION.test(trimmed)) return 'duration';
    if (STARTS_WITH_NUMBER.test(trimmed) && words.length <= 3) return 'count';
  }
  if (/[.!?]$/.test(trimmed) || words.length > SENTENCE_WORDS) return 'sentence';
  if (isList(trimmed)) return 'list';
  if (isName(words)) return 'name';
  return words.length <= SHORT_PHRASE_WORDS ? 'short' : 'long';
}

const MEASURES = new Set<AnswerClass>(['percentage', 'duration', 'size', 'rate', 'price', 'count']);

/**
 * Whether a class is a measure (percentage, duration, size, rate, price, count): measures are the same kind of
 * thing wherever they come from, unlike a phrase or a name, which is only a fair rival beside its own kind.
 */
export function isMeasure(kind: AnswerClass): boolean {
  return MEASURES.has(kind);
}

/** Whether two classes are the same kind of answer: equal, or two lengths of plain phrase. */
export function sameKind(a: AnswerClass, b: AnswerClass): boolean {
  if (a === b) return true;
  const phrase = (c: AnswerClass) => c === 'short' || c === 'long';
  return phrase(a) && phrase(b);
}

/** Same column, same attribute: any two lengths of text (phrase, list, sentence) are of one kind there. */
export function sameColumnKind(a: AnswerClass, b: AnswerClass): boolean {
  const text = (c: AnswerClass) => c === 'short' || c === 'long' || c === 'list' || c === 'sentence';
  return sameKind(a, b) || (text(a) && text(b));
}

/** Whether the answer can fairly be typed: a short phrase, name, number or step of at most 4 words, not a list. */
export function isTypeableAnswer(text: string): boolean {
  const trimmed = withoutThousands(text.trim());
  if (trimmed === '' || /[,;]/.test(trimmed)) return false;
  return trimmed.split(/\s+/).length <= SHORT_PHRASE_WORDS;
}

/** "Security Group, AWS Network Firewall", "OS, software, configuration, monitoring tools". */
function isList(text: string): boolean {
  const parts = text.split(/\s*[,;]\s*/).filter(Boolean);
  if (parts.length < 2) return false;
  if (parts.length >= 3) return parts.every((part) => part.split(/\s+/).length <= NUMBER_TEXT_WORDS);
  return parts.every((part) => isName(part.split(/\s+/)));
}

/** "S3 Glacier Deep Archive", "Standard-IA", "AWS Network Firewall": each significant word capitalized. */
function isName(words: readonly string[]): boolean {
  if (words.length === 0 || words.length > NAME_WORDS) return false;
  const first = words[0] ?? '';
  if (!/^[\p{Lu}\p{N}]/u.test(first)) return false;
  // "Provided by AWS" is prose in sentence case, not a name: names do not start with a participle.
  if (words.length > 1 && /^\p{Lu}\p{Ll}{3,}(?:ed|ing)$/u.test(first)) return false;
  return words.every((word) => STOP_WORDS.has(word.toLowerCase()) || /^[\p{Lu}\p{N}(]/u.test(word));
}
