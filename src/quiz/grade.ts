import { matchTyped } from './match.ts';
import { basicNormalize } from './normalize.ts';
import type { Question } from './question.ts';

/** A member's reply: a clicked option, or typed text. */
export type Response = { choice: number } | { text: string };

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

/** Index of the True/Yes or False/No option a typed word means, if any. */
function optionFromWord(question: Question, text: string): number | undefined {
  const word = basicNormalize(text);
  const wanted = TRUE_WORDS.has(word) ? TRUE_WORDS : FALSE_WORDS.has(word) ? FALSE_WORDS : undefined;
  if (!wanted) return undefined;
  const index = (question.options ?? []).findIndex((option) => wanted.has(basicNormalize(option)));
  return index === -1 ? undefined : index;
}
