import type { Item } from '../bank/types.ts';
import type { ItemPool } from './pool.ts';
import { applicableTypes, makeQuestion, type OptionNote, type Question } from './question.ts';

/** A question as the `questions` CLI shows it to note authors. */
export interface QuestionPreview {
  itemId: string;
  type: Question['type'];
  prompt: string;
  options?: string[];
  answer: string;
  /** For `multi`: every right option. */
  answers?: string[];
  accepts?: string[];
  source: string;
  explanation: string;
  /** For `choice` and `multi`: what each wrong option really is. */
  optionNotes?: OptionNote[];
}

/** One question of each applicable type for every item, in bank order; plus the items that cannot be asked. */
export function previewQuestions(pool: ItemPool, seed: number): { questions: Question[]; unaskable: Item[] } {
  const questions: Question[] = [];
  const unaskable: Item[] = [];
  for (const item of pool.items) {
    const types = applicableTypes(item, pool);
    if (types.length === 0) unaskable.push(item);
    for (const type of types) {
      const question = makeQuestion(item, pool, { type, seed });
      if (question) questions.push(question);
    }
  }
  return { questions, unaskable };
}

/** The fields the `--json` preview prints, in a stable order. */
export function toPreview(question: Question): QuestionPreview {
  return {
    itemId: question.itemId,
    type: question.type,
    prompt: question.prompt,
    ...(question.options ? { options: question.options } : {}),
    answer: question.answer,
    ...(question.answers ? { answers: question.answers } : {}),
    ...(question.accepts ? { accepts: question.accepts } : {}),
    source: question.source,
    explanation: question.explanation,
    ...(question.optionNotes ? { optionNotes: question.optionNotes } : {}),
  };
}

/** A readable listing: each question with its options (the right one marked) or its accepted answers. */
export function formatPreview(questions: readonly Question[], unaskable: readonly Item[]): string {
  const lines: string[] = [];
  let source = '';
  for (const question of questions) {
    if (question.source !== source) {
      source = question.source;
      lines.push('', source);
    }
    lines.push(`  [${question.type}] ${question.prompt}`);
    if (question.options) {
      question.options.forEach((option, i) => {
        const right = i === question.correct || (question.correctSet ?? []).includes(i);
        const note = question.optionNotes?.find((entry) => entry.option === option)?.note;
        lines.push(`      ${right ? '✓' : '·'} ${option}${note ? `   — ${note}` : ''}`);
      });
    } else {
      const also = [
        ...(question.accepts ?? []),
        ...(question.keys ? [`all of: ${question.keys.join('; ')}`] : []),
      ];
      lines.push(`      → ${question.answer}${also.length > 0 ? `   (also: ${also.join(' | ')})` : ''}`);
    }
  }
  const byType = (type: Question['type']) => questions.filter((question) => question.type === type).length;
  lines.push(
    '',
    `${questions.length} questions: ${byType('choice')} choice, ${byType('multi')} multi, ${byType('truefalse')} true/false, ${byType('typed')} typed`,
  );
  for (const item of unaskable) lines.push(`cannot ask: ${item.note}:${item.line} ${item.prompt}`);
  return `${lines.join('\n').trimStart()}\n`;
}
