/**
 * Multi-response questions ("Choose two."), as the exam asks them: every right answer is among the
 * options with 2–3 wrong ones of the same kind, and only the exact set of right options is right.
 */
import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { equivalent, meaningOf } from './equivalence.ts';
import { containsWords, looseNormalize } from './normalize.ts';
import { answersOnlyKeys, cleanPrompt, listLeads, unique } from './profile.ts';

/** At most this many right answers: five plus three wrong options still read at a glance. */
export const MAX_MULTI_ANSWERS = 5;
/** Wrong options a multi question wants, and the fewest it is asked with. */
export const MULTI_DISTRACTORS = 3;
export const MIN_MULTI_DISTRACTORS = 2;

const COUNT_WORDS = ['', '', 'two', 'three', 'four', 'five'];
const COUNT_ASKED = /\b(?:which|choose|select|pick|name|what are the|list)\s+(two|three|four|five|[2-5])\b/i;
const COUNT_ANY = /\b(two|three|four|five|[2-5])\b/i;
const CHOOSE_ALREADY = /\(\s*choose\s+(?:two|three|four|five|[2-5])\s*\.?\s*\)/i;

/** The right answers of an item asked as `multi`, with the wrong options its author wrote; null when it has no several answers. */
export interface MultiSource {
  answers: string[];
  /** Wrong options written in the note (a task list's `- [ ]` lines). */
  authoredWrong: string[];
}

/**
 * The answers of an item that has several: a task list with two or more `[x]`; a Q&A whose answer
 * lists its items (bold leads or one highlight each) where the question does not ask for another
 * number, or a "Which two…" question with that many highlights. Null otherwise.
 */
export function multiSourceOf(item: Item): MultiSource | null {
  let source = sources.get(item);
  if (source === undefined) {
    source = findMultiSource(item);
    sources.set(item, source);
  }
  return source;
}

const sources = new WeakMap<Item, MultiSource | null>();

function findMultiSource(item: Item): MultiSource | null {
  const prompt = cleanPrompt(item.prompt);
  const asked = countAsked(prompt);
  let source: MultiSource | null = null;
  if (item.kind === 'choice') {
    const choices = item.choices ?? [];
    const answers = choices.filter((c) => c.correct).map((c) => c.text.trim());
    source = { answers, authoredWrong: choices.filter((c) => !c.correct).map((c) => c.text.trim()) };
  } else if (item.kind === 'qa') {
    const keys = item.keys.map((key) => key.trim()).filter(Boolean);
    const leads = listLeads(item.answerMarkdown);
    const listed = keys.length >= 2 && (keys.length === asked || answersOnlyKeys(item.answer, keys));
    const answers = listed ? keys : leads.length >= 2 ? leads : [];
    source = { answers, authoredWrong: [] };
  }
  if (!source) return null;
  const answers = unique(source.answers.filter((answer) => looseNormalize(answer) !== ''));
  if (answers.length < 2 || answers.length > MAX_MULTI_ANSWERS) return null;
  // Two right answers that read as one ("S3", "S3 a") cannot both stand as options: not a "Choose N".
  const meanings = answers.map(meaningOf);
  if (meanings.some((a, i) => meanings.some((b, j) => j > i && equivalent(a, b)))) return null;
  if (asked !== null && asked !== answers.length) return null;
  // "What is the difference between User Data and a custom AMI?" lists its own subjects: not a choice.
  const promptLoose = looseNormalize(prompt);
  if (answers.some((answer) => containsWords(promptLoose, looseNormalize(answer)))) return null;
  if (answers.some((answer) => fitText(answer, LIMITS.buttonLabel) !== answer)) return null;
  return { answers, authoredWrong: source.authoredWrong };
}

/** How many answers the question itself asks for ("Which two…", "the three sources"), or null. */
export function countAsked(prompt: string): number | null {
  const match = COUNT_ASKED.exec(prompt) ?? (/\?\s*$/.test(prompt) ? COUNT_ANY.exec(prompt) : null);
  if (!match?.[1]) return null;
  const word = match[1].toLowerCase();
  const n = /^\d$/.test(word) ? Number(word) : COUNT_WORDS.indexOf(word);
  return n >= 2 ? n : null;
}

/** The prompt as the exam words it: "… (Choose two.)", unless it says so already. */
export function multiPrompt(prompt: string, count: number): string {
  if (CHOOSE_ALREADY.test(prompt)) return prompt;
  return `${prompt.trim()} (Choose ${COUNT_WORDS[count] ?? String(count)}.)`;
}

/** Whether a set of chosen option indexes is exactly the right set (all or nothing, any order). */
export function isExactSet(chosen: readonly number[], correctSet: readonly number[]): boolean {
  const picked = new Set(chosen);
  if (picked.size !== chosen.length || picked.size !== correctSet.length) return false;
  return correctSet.every((index) => picked.has(index));
}
