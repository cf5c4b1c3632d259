import type { ItemPool } from '../quiz/pool.ts';
import { makeQuestion, makeQuestionById, type Question } from '../quiz/question.ts';

/**
 * How an exam question is answered: one option (`choice`), or every right one of several (`multi`,
 * "Choose two."). Everything below handles a list of chosen option indexes, so a single choice is
 * the one-element case.
 */
export type ExamQuestionType = 'choice' | 'multi';

/**
 * The types an exam asks, most wanted first: an item is asked the first way it can be (the question
 * engine makes an item with several right answers a `multi`, never a `choice`).
 */
export const EXAM_TYPES: readonly ExamQuestionType[] = ['multi', 'choice'];

/** One planned exam question, reproducible from (itemId, type, seed) like a quiz question. */
export interface ExamQuestion {
  itemId: string;
  type: ExamQuestionType;
  seed: number;
  /** The profile domain id the item was drawn for. */
  domain: string;
}

/** The question of a planned entry, rebuilt from the bank; null when its item left the bank. */
export function buildExamQuestion(pool: ItemPool, planned: ExamQuestion): Question | null {
  return makeQuestionById(pool, planned.itemId, { type: planned.type, seed: planned.seed });
}

/** The first exam type `item` can be asked as, with its question; null when none applies. */
export function examQuestionOf(
  item: Parameters<typeof makeQuestion>[0],
  pool: ItemPool,
  seed: number,
): { type: ExamQuestionType; question: Question } | null {
  for (const type of EXAM_TYPES) {
    const question = makeQuestion(item, pool, { type, seed });
    if (question) return { type, question };
  }
  return null;
}

/** The option indexes that make a right answer (one for `choice`, the `correctSet` of a `multi`). */
export function rightOptions(question: Question): number[] {
  if (question.type === 'multi') return [...(question.correctSet ?? [])];
  return question.correct === undefined ? [] : [question.correct];
}

/** How many options a member picks for this question. */
export function picksOf(question: Question): number {
  return Math.max(1, rightOptions(question).length);
}

/** All-or-nothing: right when the chosen options are exactly the right ones. */
export function isRightAnswer(question: Question, chosen: readonly number[] | null): boolean {
  if (!chosen) return false;
  const right = rightOptions(question);
  if (right.length === 0 || chosen.length !== right.length) return false;
  return right.every((index) => chosen.includes(index));
}

/** The option texts of the chosen indexes, joined for display. */
export function optionTexts(question: Question, chosen: readonly number[] | null): string {
  if (!chosen || chosen.length === 0) return '';
  return chosen.map((index) => question.options?.[index] ?? '?').join(', ');
}
