import type { Item } from '../bank/types.ts';
import { type AnswerClass, classOf, isTypeableAnswer } from './answer-class.ts';
import { basicNormalize, looseNormalize } from './normalize.ts';

/** What an answer looks like, so a distractor is a number for a number, a name for a name (see answer-class.ts). */
export type AnswerKind = AnswerClass;

/** How an item is answered: derived once per item from its prompt, answer, keys and Markdown. */
export interface AnswerProfile {
  /** The right option on a button: the key phrase(s), the cell, or the answer's first sentence. */
  display: string;
  kind: AnswerKind;
  /** What a typed reply must contain: one entry, or several (all required, any order). Entries may hold `a / b`. */
  typedKeys: string[];
  /** Whole-answer forms also accepted when typed (the full cell, the text without its parenthesis). */
  typedAccepts: string[];
  /** Whether a person could reasonably type the answer: at most 4 words, no list. */
  typeable: boolean;
  /** What a typed reply is compared with when the display is too long to type (a cell's highlighted gist). */
  typedAnswer?: string;
  /**
   * For a Q&A whose highlight is a fragment of its sentence ("complete access"): that sentence with
   * the highlight blanked, asked instead of the bare question so the fragment is not "the whole answer".
   */
  cloze?: string;
  /** For yes/no questions: the answer. */
  yesNo?: boolean;
}

const MAX_TYPED_KEY_LENGTH = 40;
/** A highlight covering less than this share of its sentence's words is a fragment of it. */
const FRAGMENT_SHARE = 0.5;
const FRAGMENT_EXTRA_WORDS = 3;
/** "What is the root account?" asks for a definition: a highlighted fragment of it is not the answer. */
const DEFINITION_QUESTION = /^(?:what|who)\s+(?:is|are|was|were)\b|^define\b/i;
const QUESTION_LABEL = /^q\d+\s*[:.)-]\s*/i;
const YES_NO_QUESTION = /^(are|is|can|could|should|does|do|did|will|would|has|have|had|was|were|must|may)\s/i;

const profiles = new WeakMap<Item, AnswerProfile>();

/** The answer profile of `item`, computed once and cached per item object. */
export function profileOf(item: Item): AnswerProfile {
  let profile = profiles.get(item);
  if (!profile) {
    profile = buildProfile(item);
    profiles.set(item, profile);
  }
  return profile;
}

/** A prompt without a leading "Q3:" label, which means nothing once questions are shuffled. */
export function cleanPrompt(prompt: string): string {
  return prompt.replace(QUESTION_LABEL, '').trim();
}

/** The class of a short answer text (see answer-class.ts). */
export function kindOf(text: string): AnswerKind {
  return classOf(text);
}

/** Whether a key phrase is short enough to be typed from memory: at most 4 words and 40 characters, no list. */
export function isTypeable(text: string): boolean {
  return isTypeableAnswer(text) && text.trim().length <= MAX_TYPED_KEY_LENGTH;
}

/** The first sentence of a plain-text answer. */
export function firstSentence(text: string): string {
  const line = (text.trim().split('\n')[0] ?? '').replace(/^\s*(?:[-*+•]|\d+[.)])\s+/, '');
  const match = /^.*?[.!?](?=\s|$)/.exec(line);
  return (match ? match[0] : line).trim();
}

function buildProfile(item: Item): AnswerProfile {
  switch (item.kind) {
    case 'qa':
      return qaProfile(item);
    case 'fact':
      return factProfile(item);
    case 'cloze':
      return shortAnswerProfile(item.keys[0] ?? item.answer, [item.answer]);
    case 'sequence':
      // Sequence questions pick their step per seed; this profile only describes the whole list.
      return listProfile(item.steps ?? [], []);
    case 'choice': {
      const right = (item.choices ?? []).filter((choice) => choice.correct).map((choice) => choice.text);
      return right.length === 1 ? shortAnswerProfile(right[0] ?? '', []) : listProfile(right, []);
    }
  }
}

function qaProfile(item: Item): AnswerProfile {
  const yesNo = yesNoAnswer(item);
  if (yesNo !== undefined) {
    const word = yesNo ? 'Yes' : 'No';
    return { display: word, kind: 'yesno', typedKeys: [word], typedAccepts: [], typeable: true, yesNo };
  }
  const keys = unique(item.keys.map((key) => key.trim()).filter(Boolean));
  if (keys.length === 1) {
    const key = keys[0] ?? '';
    const cloze = DEFINITION_QUESTION.test(cleanPrompt(item.prompt)) ? fragmentCloze(item.answer, key) : null;
    return { ...shortAnswerProfile(key, []), ...(cloze ? { cloze } : {}) };
  }
  if (keys.length > 1) {
    // "==Security Group==, ==AWS Network Firewall==" is a list (asked as `multi`); highlights spread
    // through an explanation are asked one at a time: the first, blanked in its sentence.
    if (answersOnlyKeys(item.answer, keys)) return listProfile(keys, []);
    const key = keys[0] ?? '';
    const cloze = blankedSentence(item.answer, key);
    return { ...shortAnswerProfile(key, []), ...(cloze ? { cloze } : {}) };
  }
  const leads = listLeads(item.answerMarkdown);
  if (leads.length > 1) return listProfile(leads, []);
  return shortAnswerProfile(firstSentence(item.answer), []);
}

/** Whether an answer says nothing but its highlights ("Security Group, AWS Network Firewall."). */
export function answersOnlyKeys(answer: string, keys: readonly string[]): boolean {
  let rest = answer;
  for (const key of keys) rest = rest.replace(key, ' ');
  return (
    basicNormalize(rest)
      .replace(/\band\b|\bor\b/g, '')
      .trim() === ''
  );
}

/** The sentence (or line) of `answer` holding `key`, with the key blanked. */
function blankedSentence(answer: string, key: string): string | null {
  const sentence = answer
    .split(/(?<=[.!?])\s+|\n+/)
    .find((candidate) => candidate.includes(key))
    ?.trim();
  return sentence ? sentence.replace(key, '____') : null;
}

/**
 * The sentence of `answer` holding `key` with the key blanked, when the key is only a fragment of it
 * (under half its words, and 3 words shorter at least); null when the key stands as the answer.
 */
function fragmentCloze(answer: string, key: string): string | null {
  const blanked = blankedSentence(answer, key);
  if (!blanked) return null;
  const sentence = blanked.replace('____', key);
  const words = (text: string) => text.split(/\s+/).filter(Boolean).length;
  const keyWords = words(key);
  const sentenceWords = words(sentence);
  if (keyWords >= sentenceWords * FRAGMENT_SHARE || sentenceWords < keyWords + FRAGMENT_EXTRA_WORDS)
    return null;
  return blanked;
}

function factProfile(item: Item): AnswerProfile {
  const cell = item.answer.trim();
  const keys = unique(item.keys.map((key) => key.trim()).filter(Boolean));
  const base = shortAnswerProfile(cell, []);
  const [onlyKey] = keys;
  if (keys.length === 1 && onlyKey && isTypeable(onlyKey)) {
    // Typing the highlighted gist of the cell is what is asked; the whole cell is accepted too.
    const accepts = withoutParenthesis([cell]).filter((form) => form !== onlyKey);
    return { ...base, typedKeys: [onlyKey], typedAccepts: accepts, typeable: true, typedAnswer: onlyKey };
  }
  return base;
}

function shortAnswerProfile(text: string, accepts: string[]): AnswerProfile {
  const display = text.trim();
  const alternatives = withoutParenthesis([display]).filter((form) => form !== display);
  return {
    display,
    kind: kindOf(display),
    typedKeys: [display],
    typedAccepts: unique([...alternatives, ...accepts.filter((form) => form.trim() && form !== display)]),
    typeable: isTypeable(display),
  };
}

function listProfile(keys: readonly string[], accepts: string[]): AnswerProfile {
  const display = keys.join(', ');
  const shortForms = withoutCommonWords(keys);
  const typedKeys = keys.map((key, i) => {
    const short = shortForms[i];
    return short && short !== key ? `${key} / ${short}` : key;
  });
  // A list is never typed: nobody types several answers exactly; it is asked as a choice or `multi`.
  return {
    display,
    kind: keys.length > 1 ? 'list' : kindOf(display),
    typedKeys,
    typedAccepts: accepts,
    typeable: keys.length === 1 && keys.every(isTypeable),
  };
}

function yesNoAnswer(item: Item): boolean | undefined {
  if (!YES_NO_QUESTION.test(cleanPrompt(item.prompt))) return undefined;
  const lead = basicNormalize(item.keys[0] ?? '') || basicNormalize(item.answer).split(' ')[0];
  const firstWord = basicNormalize(item.answer).split(' ')[0];
  for (const word of [lead, firstWord]) {
    if (word === 'yes') return true;
    if (word === 'no') return false;
  }
  return undefined;
}

/** The lead of each list item in a Markdown answer: its bold text, else the text before a dash or colon. */
export function listLeads(markdown: string): string[] {
  const leads: string[] = [];
  for (const line of markdown.split('\n')) {
    const match = /^\s*(?:>\s*)*(?:\d+[.)]|[-*+])\s+(.*)$/.exec(line);
    if (!match?.[1]) continue;
    const body = match[1];
    const bold = /^\*\*(.+?)\*\*/.exec(body)?.[1];
    const lead = bold ?? body.split(/\s+[—–-]\s+|:\s/)[0] ?? '';
    const plain = lead
      .replace(/[*_`=]/g, '')
      .replace(/:$/, '')
      .trim();
    if (plain) leads.push(plain);
  }
  return leads;
}

/** Each key without the words all keys share ("Public AMIs", "Custom AMIs" → "Public", "Custom"). */
function withoutCommonWords(keys: readonly string[]): string[] {
  if (keys.length < 2) return keys.slice();
  const wordSets = keys.map((key) => new Set(looseNormalize(key).split(' ')));
  const common = [...(wordSets[0] ?? [])].filter((word) => wordSets.every((set) => set.has(word)));
  if (common.length === 0) return keys.slice();
  const shortened = keys.map((key) =>
    key
      .split(/\s+/)
      .filter((word) => !common.includes(looseNormalize(word)))
      .join(' '),
  );
  return shortened.every((key) => key.trim()) ? shortened : keys.slice();
}

function withoutParenthesis(forms: readonly string[]): string[] {
  const out = forms.slice();
  for (const form of forms) {
    const stripped = form.replace(/\s*\([^)]*\)/g, '').trim();
    if (stripped && stripped !== form) out.push(stripped);
  }
  return out;
}

/** The texts without repeats (compared after normalization), first occurrence kept. */
export function unique(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const normal = basicNormalize(text);
    if (seen.has(normal)) return false;
    seen.add(normal);
    return true;
  });
}
