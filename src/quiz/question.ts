import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { type DistractorTier, pickDistractors } from './distractors.ts';
import {
  MIN_MULTI_DISTRACTORS,
  MULTI_DISTRACTORS,
  type MultiSource,
  multiPrompt,
  multiSourceOf,
} from './multi.ts';
import { looseNormalize } from './normalize.ts';
import {
  type Candidate,
  candidateOf,
  columnKey,
  folderOf,
  type ItemPool,
  indexOf,
  tableKey,
} from './pool.ts';
import {
  type AnswerKind,
  type AnswerProfile,
  cleanPrompt,
  isTypeable,
  kindOf,
  profileOf,
} from './profile.ts';
import { createRandom, hashString, type Random, shuffled } from './random.ts';
import { questionToStatement } from './statement.ts';

/**
 * How a question is answered: buttons with options, True/False buttons, a typed reply (modal), or
 * `multi`: "Choose two." from a select menu, every right option and nothing else.
 */
export type QuestionType = 'choice' | 'truefalse' | 'typed' | 'multi';

/** All question types, in the order they are listed. */
export const QUESTION_TYPES: readonly QuestionType[] = ['choice', 'truefalse', 'typed', 'multi'];

/** What a wrong option really is ("30 days is the minimum storage duration of Standard-IA"). */
export interface OptionNote {
  option: string;
  note: string;
}

/** One asked question; reproducible from (itemId, type, seed) with `makeQuestionById`. */
export interface Question {
  itemId: string;
  type: QuestionType;
  prompt: string;
  /** Button labels (each ≤ 80 characters) for `choice`, `truefalse` and `multi`. */
  options?: string[];
  /** Index of the right option in `options` (`choice`, `truefalse`). */
  correct?: number;
  /** The canonical answer, as shown after answering (`multi`: every answer, joined by commas). */
  answer: string;
  /** For `multi`: every right option's label, in the note's order; all must be chosen. */
  answers?: string[];
  /** For `multi`: the indexes of `answers` in `options`, ascending. */
  correctSet?: number[];
  /** For `choice` and `multi`: one entry per wrong option, in option order. */
  optionNotes?: OptionNote[];
  /** Other forms accepted when typed; each may hold `a / b` alternatives. */
  accepts?: string[];
  /** For multi-part typed answers: every key is required, in any order. */
  keys?: string[];
  /** The full answer as Markdown. */
  explanation: string;
  /** Where it comes from: "Note title › Section". */
  source: string;
  seed: number;
}

/** Which question to make of an item. */
export interface QuestionRequest {
  type: QuestionType;
  seed: number;
}

/** Fewer than this many wrong options makes a generated choice question a coin toss: ask it another way. */
const MIN_DISTRACTORS = 2;
const DISTRACTORS = 3;
const TRUE_FALSE = ['True', 'False'];
const YES_NO = ['Yes', 'No'];

/** Applicable types per pool (by its items array) and item: probing makes questions, so it is done once. */
const applicableCache = new WeakMap<readonly Item[], WeakMap<Item, readonly QuestionType[]>>();

/** The question types `item` can be asked as in `pool` (empty when none). */
export function applicableTypes(item: Item, pool: ItemPool): QuestionType[] {
  let byItem = applicableCache.get(pool.items);
  if (!byItem) {
    byItem = new WeakMap();
    applicableCache.set(pool.items, byItem);
  }
  let types = byItem.get(item);
  if (!types) {
    types = QUESTION_TYPES.filter((type) => makeQuestion(item, pool, { type, seed: 0 }) !== null);
    byItem.set(item, types);
  }
  return [...types];
}

/**
 * A seeded pick among the applicable types (of `allowed`, when a feature cannot show every type),
 * or null when the item cannot be asked at all.
 */
export function pickType(
  item: Item,
  pool: ItemPool,
  seed: number,
  allowed: readonly QuestionType[] = QUESTION_TYPES,
): QuestionType | null {
  const types = applicableTypes(item, pool).filter((type) => allowed.includes(type));
  if (types.length === 0) return null;
  return types[createRandom(hashString(item.id, seed)).int(types.length)] ?? null;
}

/** The question for an item id, or null when the id is unknown or the type does not apply. */
export function makeQuestionById(pool: ItemPool, itemId: string, request: QuestionRequest): Question | null {
  const item = indexOf(pool).byId.get(itemId);
  return item ? makeQuestion(item, pool, request) : null;
}

/** Makes one question of `item`, deterministic for (item, type, seed); null when that type does not apply. */
export function makeQuestion(item: Item, pool: ItemPool, request: QuestionRequest): Question | null {
  const seed = request.seed >>> 0;
  const random = createRandom(hashString(`${item.id}\u0000${request.type}`, seed));
  const base = { itemId: item.id, type: request.type, source: sourceOf(item), seed };
  if (item.kind === 'sequence') return sequenceQuestion(item, pool, request.type, random, base);
  const profile = profileOf(item);
  const multi = multiSourceOf(item);
  switch (request.type) {
    case 'multi':
      return multi ? multiQuestion(item, pool, multi, random, base) : null;
    case 'truefalse':
      if (profile.yesNo !== undefined) return yesNoQuestion(item, profile.yesNo, base);
      return item.kind === 'fact' ? factStatementQuestion(item, pool, random, base) : null;
    case 'choice':
      // An item with several right answers is asked as `multi`: one of them alone would be half the truth.
      if (profile.kind === 'yesno' || multi) return null;
      return item.kind === 'choice'
        ? authoredChoiceQuestion(item, random, base)
        : choiceQuestion(item, pool, profile, random, base);
    case 'typed':
      if (!profile.typeable || profile.kind === 'yesno' || multi) return null;
      return typedQuestion(item, profile, base);
  }
}

/** "Note title › Section", the way a source is shown under every answer. */
export function sourceOf(item: Item): string {
  return [item.title, item.section].filter((part) => part.trim() !== '').join(' › ');
}

type Base = Pick<Question, 'itemId' | 'type' | 'source' | 'seed'>;

function promptOf(item: Item): string {
  if (item.kind === 'cloze' && item.cloze) return item.cloze.blanked;
  const prompt = cleanPrompt(item.prompt);
  if (prompt || !item.fact) return prompt;
  return `${item.fact.table} › ${item.fact.row}: ${item.fact.column}?`;
}

function explanationOf(item: Item): string {
  return item.answerMarkdown.trim() || item.answer;
}

function choiceQuestion(item: Item, pool: ItemPool, profile: AnswerProfile, random: Random, base: Base) {
  const index = indexOf(pool);
  const prompt = promptOf(item);
  const answer = fitText(profile.display, LIMITS.buttonLabel);
  if (looseNormalize(answer) === '') return null;
  const tiers: DistractorTier[] = [];
  if (item.fact) {
    const column = index.byColumn.get(columnKey(item.note, item.fact.table, item.fact.columnIndex)) ?? [];
    tiers.push({ candidates: column, resemblance: 'any' });
  }
  tiers.push(...siblingTiers(item, pool, profile.kind));
  const distractors = pickDistractors(
    { itemId: item.id, answer, kind: profile.kind, prompt, tiers, need: DISTRACTORS },
    random,
  );
  return withOptions(base, prompt, answer, distractors, random, profile.display, explanationOf(item));
}

/** Siblings of the same note, then of the same topic (folder), then look-alikes from anywhere. */
function siblingTiers(item: Item, pool: ItemPool, kind: AnswerKind): DistractorTier[] {
  const index = indexOf(pool);
  return [
    { candidates: index.byNote.get(item.note) ?? [], resemblance: 'related' },
    { candidates: index.byFolder.get(folderOf(item.note)) ?? [], resemblance: 'related' },
    { candidates: index.byKind.get(kind) ?? [], resemblance: 'strict' },
  ];
}

function withOptions(
  base: Base,
  prompt: string,
  answerLabel: string,
  distractors: string[],
  random: Random,
  answer: string,
  explanation: string,
  minDistractors = MIN_DISTRACTORS,
): Question | null {
  if (distractors.length < minDistractors) return null;
  const options = shuffled([answerLabel, ...distractors], random);
  return { ...base, prompt, options, correct: options.indexOf(answerLabel), answer, explanation };
}

function authoredChoiceQuestion(item: Item, random: Random, base: Base): Question | null {
  const choices = item.choices ?? [];
  const right = choices.filter((choice) => choice.correct);
  const chosen = right[random.int(right.length)];
  if (!chosen || looseNormalize(chosen.text) === '') return null;
  const answer = fitText(chosen.text, LIMITS.buttonLabel);
  const own: Candidate[] = choices
    .filter((choice) => !choice.correct)
    .map((choice) => candidateOf(choice.text, item.id))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const prompt = promptOf(item);
  const distractors = pickDistractors(
    {
      itemId: item.id,
      answer,
      kind: profileOf(item).kind,
      prompt,
      tiers: [{ candidates: own, resemblance: 'any', ownItem: true }],
      need: DISTRACTORS,
    },
    random,
  );
  // The author wrote these options on purpose: a two-option question is theirs to ask.
  return withOptions(base, prompt, answer, distractors, random, chosen.text, explanationOf(item), 1);
}

function multiQuestion(item: Item, pool: ItemPool, source: MultiSource, random: Random, base: Base) {
  const answers = source.answers;
  const prompt = multiPrompt(promptOf(item), answers.length);
  const own: Candidate[] = source.authoredWrong
    .map((text) => candidateOf(text, item.id))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const kind = kindOf(answers[0] ?? '');
  const tiers: DistractorTier[] = [{ candidates: own, resemblance: 'any', ownItem: true }];
  tiers.push(...siblingTiers(item, pool, kind));
  const distractors = pickDistractors(
    {
      itemId: item.id,
      answer: answers[0] ?? '',
      alsoRight: answers.slice(1),
      kind,
      prompt,
      tiers,
      need: MULTI_DISTRACTORS,
    },
    random,
  );
  // An author's own wrong options are theirs to ask, however few; generated ones need two at least.
  const fewest = own.length > 0 ? 1 : MIN_MULTI_DISTRACTORS;
  if (distractors.length < fewest) return null;
  const options = shuffled([...answers, ...distractors], random);
  const correctSet = answers.map((answer) => options.indexOf(answer)).sort((a, b) => a - b);
  return {
    ...base,
    prompt,
    options,
    answer: answers.join(', '),
    answers: [...answers],
    correctSet,
    explanation: explanationOf(item),
  };
}

function typedQuestion(item: Item, profile: AnswerProfile, base: Base): Question | null {
  if (looseNormalize(profile.display) === '') return null;
  const [onlyKey] = profile.typedKeys;
  const accepts = [...profile.typedAccepts];
  if (profile.typedKeys.length === 1 && onlyKey && onlyKey !== profile.display) accepts.push(onlyKey);
  return {
    ...base,
    prompt: promptOf(item),
    answer: profile.display,
    ...(accepts.length > 0 ? { accepts } : {}),
    ...(profile.typedKeys.length > 1 ? { keys: [...profile.typedKeys] } : {}),
    explanation: explanationOf(item),
  };
}

function yesNoQuestion(item: Item, yes: boolean, base: Base): Question {
  const question = cleanPrompt(item.prompt);
  const statement = questionToStatement(question);
  const options = statement ? TRUE_FALSE : YES_NO;
  const correct = yes ? 0 : 1;
  return {
    ...base,
    prompt: statement ? `True or false: ${statement}` : question,
    options: [...options],
    correct,
    answer: options[correct] ?? '',
    explanation: explanationOf(item),
  };
}

function factStatementQuestion(item: Item, pool: ItemPool, random: Random, base: Base): Question | null {
  const fact = item.fact;
  const cell = item.answer.trim();
  if (!fact || !cell) return null;
  const index = indexOf(pool);
  let shown = cell;
  if (random.next() < 0.5) {
    const column = index.byColumn.get(columnKey(item.note, fact.table, fact.columnIndex)) ?? [];
    const [swapped] = pickDistractors(
      {
        itemId: item.id,
        answer: cell,
        kind: profileOf(item).kind,
        prompt: fact.row,
        tiers: [{ candidates: column, resemblance: 'any' }],
        need: 1,
      },
      random,
    );
    // Only a full cell makes an honest statement; a label cut to 80 characters would be a different claim.
    const full = column.find((candidate) => fitText(candidate.text, LIMITS.buttonLabel) === swapped);
    if (full) shown = full.text;
  }
  const manyColumns = (index.columnCount.get(tableKey(item.note, fact.table)) ?? 2) > 2;
  const subject =
    fact.shape === 'pair'
      ? `${fact.row} → ${fact.column}`
      : `${fact.row}${manyColumns ? ` (${fact.column})` : ''}`;
  const truthful = shown === cell;
  return {
    ...base,
    prompt: `True or false? ${fact.table} › ${subject} — ${shown}`,
    options: [...TRUE_FALSE],
    correct: truthful ? 0 : 1,
    answer: truthful ? 'True' : 'False',
    explanation: `**${fact.row}** — ${explanationOf(item)}`,
  };
}

function sequenceQuestion(item: Item, pool: ItemPool, type: QuestionType, random: Random, base: Base) {
  const steps = (item.steps ?? [])
    .map((step) => step.replace(/^\s*\d+[.)]\s*/, '').trim())
    .filter((step) => looseNormalize(step) !== '');
  if (steps.length < 2 || type === 'truefalse') return null;
  if (type === 'typed' && !steps.every(isTypeable)) return null;
  const name = sequenceName(item);
  const explanation = steps.map((step, i) => `${i + 1}. ${step}`).join('\n');
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
    .map((step) => candidateOf(step, item.id))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const build = (question: { prompt: string; answer: string }) => {
    const answer = fitText(question.answer, LIMITS.buttonLabel);
    const kind = kindOf(question.answer);
    const tiers: DistractorTier[] = [{ candidates: own, resemblance: 'any', ownItem: true }];
    tiers.push(...siblingTiers(item, pool, kind));
    const distractors = pickDistractors(
      { itemId: item.id, answer, kind, prompt: question.prompt, tiers, need: DISTRACTORS },
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
