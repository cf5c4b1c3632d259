import type { Item } from '../bank/types.ts';
import { basicNormalize, looseNormalize } from './normalize.ts';

/** What an answer looks like, so a distractor is a number for a number, a name for a name. */
export type AnswerKind = 'yesno' | 'number' | 'name' | 'phrase' | 'sentence' | 'list';

/** How an item is answered: derived once per item from its prompt, answer, keys and Markdown. */
export interface AnswerProfile {
  /** The right option on a button: the key phrase(s), the cell, or the answer's first sentence. */
  display: string;
  kind: AnswerKind;
  /** What a typed reply must contain: one entry, or several (all required, any order). Entries may hold `a / b`. */
  typedKeys: string[];
  /** Whole-answer forms also accepted when typed (the full cell, the text without its parenthesis). */
  typedAccepts: string[];
  /** Whether a person could reasonably type the answer (short key phrases, not explanations). */
  typeable: boolean;
  /** For yes/no questions: the answer. */
  yesNo?: boolean;
}

const MAX_TYPED_KEY_LENGTH = 40;
const MAX_TYPED_KEY_WORDS = 6;
const MAX_TYPED_KEYS = 5;
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

/** The kind of a short answer text. */
export function kindOf(text: string): AnswerKind {
  const normal = basicNormalize(text);
  if (/^(yes|no|true|false)$/.test(normal)) return 'yesno';
  const words = text.trim().split(/\s+/).filter(Boolean);
  // A word that starts with a digit ("2-3 minutes", "$0.10"); "EC2" and "S3" are names, not numbers.
  if (/(?:^|\s)[$€£~<>≈±+-]?\d/.test(text) && words.length <= 4) return 'number';
  if (words.length > 8 || /[.!?]$/.test(text.trim())) return 'sentence';
  if ((text.match(/,/g) ?? []).length >= 2) return 'list';
  const capitalized = words.filter((word) => /^[\p{Lu}\p{N}]/u.test(word)).length;
  if (words.length > 0 && /^\p{Lu}/u.test(text.trim()) && capitalized / words.length >= 0.6) return 'name';
  return 'phrase';
}

/** Whether a key phrase is short enough to be typed from memory. */
export function isTypeable(text: string): boolean {
  const trimmed = text.trim();
  return (
    trimmed.length > 0 &&
    trimmed.length <= MAX_TYPED_KEY_LENGTH &&
    trimmed.split(/\s+/).length <= MAX_TYPED_KEY_WORDS
  );
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
  if (keys.length === 1) return shortAnswerProfile(keys[0] ?? '', []);
  if (keys.length > 1) return listProfile(keys, []);
  const leads = listLeads(item.answerMarkdown);
  if (leads.length > 1) return listProfile(leads, []);
  return shortAnswerProfile(firstSentence(item.answer), []);
}

function factProfile(item: Item): AnswerProfile {
  const cell = item.answer.trim();
  const keys = unique(item.keys.map((key) => key.trim()).filter(Boolean));
  const base = shortAnswerProfile(cell, []);
  if (keys.length > 0 && keys.every(isTypeable)) {
    // Typing the highlighted gist of the cell is enough; the whole cell is accepted too.
    return { ...base, typedKeys: keys, typedAccepts: withoutParenthesis([cell]), typeable: true };
  }
  const parts = cell.split(/\s*,\s*/).filter(Boolean);
  if (!base.typeable && parts.length > 1 && parts.length <= MAX_TYPED_KEYS && parts.every(isTypeable)) {
    return { ...base, typedKeys: parts, typedAccepts: [], typeable: true };
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
    typeable: isTypeable(display) || alternatives.some(isTypeable),
  };
}

function listProfile(keys: readonly string[], accepts: string[]): AnswerProfile {
  const display = keys.join(', ');
  const shortForms = withoutCommonWords(keys);
  const typedKeys = keys.map((key, i) => {
    const short = shortForms[i];
    return short && short !== key ? `${key} / ${short}` : key;
  });
  return {
    display,
    kind: keys.length > 1 ? 'list' : kindOf(display),
    typedKeys,
    typedAccepts: accepts,
    typeable: keys.length > 0 && keys.length <= MAX_TYPED_KEYS && keys.every(isTypeable),
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

function unique(texts: readonly string[]): string[] {
  const seen = new Set<string>();
  return texts.filter((text) => {
    const normal = basicNormalize(text);
    if (seen.has(normal)) return false;
    seen.add(normal);
    return true;
  });
}
