import { matchTyped } from './match.ts';
import { isExactSet } from './multi.ts';
import { basicNormalize } from './normalize.ts';
import type { Question } from './question.ts';

/** A member's reply: a clicked option, the options chosen in a `multi` select menu, or typed text. */
export type Response = { choice: number } | { choices: number[] } | { text: string };

/** The verdict on a reply, with everything the reply message shows. */
export interface Grade {
  verdict: 'exact' | 'accepted' | 'wrong';
  correct: boolean;
  /** The answer form a near match was taken for ("accepted as EBS snapshots"). */
  acceptedAs?: string;
  /** What the member answered: the option label or the text. */
  given: string;
  answer: string;
  explanation: string;
  source: string;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 't']);
const FALSE_WORDS = new Set(['false', 'no', 'n', 'f']);

/** Grades a reply to a question. Never throws: a missing, empty or out-of-range reply is simply wrong. */
export function grade(question: Question, response: Response): Grade {
  const shown = { answer: question.answer, explanation: question.explanation, source: question.source };
  if ('choices' in response) return gradeSet(question, response.choices, shown);
  if (question.type === 'multi') {
    // One click or a typed word cannot answer "Choose two.": wrong, whatever it was.
    const given =
      'choice' in response ? (question.options?.[response.choice] ?? '') : String(response.text ?? '');
    return { verdict: 'wrong', correct: false, given, ...shown };
  }
  if ('choice' in response) {
    const given = Number.isInteger(response.choice) ? (question.options?.[response.choice] ?? '') : '';
    const correct = given !== '' && response.choice === question.correct;
    return { verdict: correct ? 'exact' : 'wrong', correct, given, ...shown };
  }
  const given = typeof response.text === 'string' ? response.text : '';
  if (question.type === 'truefalse') {
    const chosen = optionFromWord(question, given);
    const correct = chosen !== undefined && chosen === question.correct;
    return { verdict: correct ? 'exact' : 'wrong', correct, given, ...shown };
  }
  const match = matchTyped(given, {
    answer: question.answer,
    ...(question.accepts ? { accepts: question.accepts } : {}),
    ...(question.keys ? { keys: question.keys } : {}),
  });
  return {
    verdict: match.verdict,
    correct: match.verdict !== 'wrong',
    ...(match.acceptedAs !== undefined ? { acceptedAs: match.acceptedAs } : {}),
    given,
    ...shown,
  };
}

/** All or nothing, as in the exam: right only when exactly the right options are chosen. */
function gradeSet(
  question: Question,
  choices: readonly number[],
  shown: Pick<Grade, 'answer' | 'explanation' | 'source'>,
): Grade {
  const options = question.options ?? [];
  const valid =
    Array.isArray(choices) && choices.every((c) => Number.isInteger(c) && c >= 0 && c < options.length);
  const picked = valid ? [...new Set(choices)].sort((a, b) => a - b) : [];
  const given = picked.map((c) => options[c] ?? '').join(', ');
  const correct = question.type === 'multi' && valid && isExactSet(choices, question.correctSet ?? []);
  return { verdict: correct ? 'exact' : 'wrong', correct, given, ...shown };
}

/** Index of the True/Yes or False/No option a typed word means, if any. */
function optionFromWord(question: Question, text: string): number | undefined {
  const word = basicNormalize(text);
  const wanted = TRUE_WORDS.has(word) ? TRUE_WORDS : FALSE_WORDS.has(word) ? FALSE_WORDS : undefined;
  if (!wanted) return undefined;
  const index = (question.options ?? []).findIndex((option) => wanted.has(basicNormalize(option)));
  return index === -1 ? undefined : index;
}

/** The reply that answers `question` right: its right option(s) clicked, or its answer typed (previews, tests, benches). */
export function correctResponse(question: Question): Response {
  if (question.type === 'multi') return { choices: [...(question.correctSet ?? [])] };
  if (question.options && question.correct !== undefined) return { choice: question.correct };
  return { text: question.answer };
}
