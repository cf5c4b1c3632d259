/** Questions from numbered steps: "What is step 3 of …?", "What comes after Stop Instance in …?". */
import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { type DistractorTier, pickDistractors } from './distractors.ts';
import { sourceOf } from './explanation.ts';
import { looseNormalize } from './normalize.ts';
import { type Base, DISTRACTORS, siblingTiers, withOptions } from './options.ts';
import { type Candidate, candidateOf, type ItemPool } from './pool.ts';
import { cleanPrompt, isTypeable } from './profile.ts';
import type { Question, QuestionType } from './question.ts';
import type { Random } from './random.ts';

/** A question on one step of a sequence item; null for true/false, or typed steps too long to type. */
export function sequenceQuestion(
  item: Item,
  pool: ItemPool,
  type: QuestionType,
  random: Random,
  base: Base,
): Question | null {
  const steps = (item.steps ?? [])
    .map((step) => step.replace(/^\s*\d+[.)]\s*/, '').trim())
    .filter((step) => looseNormalize(step) !== '');
  if (steps.length < 2 || type === 'truefalse' || type === 'multi') return null;
  if (type === 'typed' && !steps.every(isTypeable)) return null;
  const name = sequenceName(item);
  const explanation = `${steps.map((step, i) => `${i + 1}. ${step}`).join('\n')}\n— ${sourceOf(item)}`;
  const asked = (variant: 'after' | 'position'): { prompt: string; answer: string } => {
    if (variant === 'after') {
      const k = random.int(steps.length - 1);
      return { prompt: `What comes after ${steps[k]} in ${name}?`, answer: steps[k + 1] ?? '' };
    }
    const n = random.int(steps.length);
    return { prompt: `What is step ${n + 1} of ${name}?`, answer: steps[n] ?? '' };
  };
  const first = asked(steps.length >= 3 && random.next() < 0.5 ? 'after' : 'position');
  if (type === 'typed') return { ...base, prompt: first.prompt, answer: first.answer, explanation };
  const own = steps
    .map((step) => candidateOf(step, item.id, 'step', { item, role: 'step' }))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const build = (question: { prompt: string; answer: string }) => {
    const answer = fitText(question.answer, LIMITS.buttonLabel);
    // The other steps of the same process are the fairest wrong options, whatever words they use.
    const tiers: DistractorTier[] = [{ candidates: own, resemblance: 'any', ownItem: true, authored: true }];
    tiers.push(...siblingTiers(item, pool, 'step'));
    const distractors = pickDistractors(
      { itemId: item.id, answer, kind: 'step', prompt: question.prompt, tiers, need: DISTRACTORS },
      random,
    );
    return withOptions(base, question.prompt, answer, distractors, random, question.answer, explanation);
  };
  // "What comes after X?" rules out X as an option; short sequences may need the step-number form.
  return build(first) ?? (first.prompt.startsWith('What comes after') ? build(asked('position')) : null);
}

function sequenceName(item: Item): string {
  const section = item.section.split(' › ').pop()?.trim();
  if (section) return section;
  return cleanPrompt(item.prompt).replace(/[?:]+$/, '') || item.title;
}
