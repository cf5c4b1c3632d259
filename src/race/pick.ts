import type { Bank } from '../bank/index.ts';
import { applicableTypes, makeQuestion } from '../quiz/question.ts';
import { createRandom, hashString, shuffled } from '../quiz/random.ts';
import type { RaceQuestion } from './race.ts';

/** One question in this many is true/false where the item allows both (the rest multiple choice). */
const TRUE_FALSE_EVERY = 5;

/**
 * Up to `count` button questions (a race cannot wait for typing) of `topic`'s items, in a seeded
 * order; empty when the topic has nothing a race can ask.
 */
export function pickRaceQuestions(
  bank: Pick<Bank, 'items' | 'itemsForTopic'>,
  topic: string | null,
  count: number,
  seed: number,
  isMuted: (itemId: string) => boolean = () => false,
): RaceQuestion[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`count must be a positive integer, got ${count}`);
  const random = createRandom(seed >>> 0);
  const picked: RaceQuestion[] = [];
  for (const item of shuffled(bank.itemsForTopic(topic ?? undefined), random)) {
    if (picked.length >= count) break;
    if (isMuted(item.id)) continue;
    const types = applicableTypes(item, bank).filter((t) => t === 'choice' || t === 'truefalse');
    if (types.length === 0) continue;
    const wantTrueFalse = (picked.length + 1) % TRUE_FALSE_EVERY === 0 || !types.includes('choice');
    const type = wantTrueFalse && types.includes('truefalse') ? 'truefalse' : 'choice';
    const question = makeQuestion(item, bank, { type, seed: hashString(item.id, seed + picked.length) });
    if (!question?.options || question.correct === undefined) continue;
    if (question.type !== 'choice' && question.type !== 'truefalse') continue;
    picked.push({
      ...question,
      type: question.type,
      options: question.options,
      correct: question.correct,
      topics: [...item.tags],
    });
  }
  return picked;
}
