/** Shared by every question maker: the fields every question has, and shuffled options with their notes. */
import type { Item } from '../bank/types.ts';
import type { Distractor, DistractorTier } from './distractors.ts';
import { optionNotesOf } from './explanation.ts';
import { folderOf, type ItemPool, indexOf } from './pool.ts';
import type { AnswerKind } from './profile.ts';
import type { Question } from './question.ts';
import { type Random, shuffled } from './random.ts';

/** The fields every question of one request shares. */
export type Base = Pick<Question, 'itemId' | 'type' | 'source' | 'seed'>;

/** Fewer than this many wrong options makes a generated choice question a coin toss: ask it another way. */
export const MIN_DISTRACTORS = 2;
export const DISTRACTORS = 3;

/** Siblings of the same note, then of the same topic (folder), then look-alikes from anywhere. */
export function siblingTiers(item: Item, pool: ItemPool, kind: AnswerKind): DistractorTier[] {
  const index = indexOf(pool);
  return [
    { candidates: index.byNote.get(item.note) ?? [], resemblance: 'related' },
    { candidates: index.byFolder.get(folderOf(item.note)) ?? [], resemblance: 'related' },
    { candidates: index.byKind.get(kind) ?? [], resemblance: 'strict' },
  ];
}

/** A choice question: the answer and its wrong options shuffled, with a note per wrong option; null with too few. */
export function withOptions(
  base: Base,
  prompt: string,
  answerLabel: string,
  distractors: readonly Distractor[],
  random: Random,
  answer: string,
  explanation: string,
  minDistractors = MIN_DISTRACTORS,
): Question | null {
  if (distractors.length < minDistractors) return null;
  const options = shuffled([answerLabel, ...distractors.map((d) => d.label)], random);
  return {
    ...base,
    prompt,
    options,
    correct: options.indexOf(answerLabel),
    answer,
    explanation,
    optionNotes: optionNotesOf(options, distractors),
  };
}
