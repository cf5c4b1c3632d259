import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { type AnswerClass, isMeasure } from './answer-class.ts';
import { type DistractorTier, pickDistractors } from './distractors.ts';
import { explanationOf, optionNotesOf, sourceOf } from './explanation.ts';
import {
  MIN_MULTI_DISTRACTORS,
  MULTI_DISTRACTORS,
  type MultiSource,
  multiPrompt,
  multiSourceOf,
} from './multi.ts';
import { looseNormalize } from './normalize.ts';
import { type Base, DISTRACTORS, siblingTiers, withOptions } from './options.ts';
import { type Candidate, candidateOf, columnKey, type ItemPool, indexOf, rowKey, tableKey } from './pool.ts';
import { type AnswerProfile, cleanPrompt, kindOf, profileOf } from './profile.ts';
import { createRandom, hashString, type Random, shuffled } from './random.ts';
import { sequenceQuestion } from './sequence.ts';
import { factStatementQuestion, yesNoQuestion } from './truefalse.ts';

export { sourceOf } from './explanation.ts';

/**
 * How a question is answered: buttons with options, True/False buttons, a typed reply (modal), or
 * `multi`: "Choose two." from a select menu, every right option and nothing else.
 */
export type QuestionType = 'choice' | 'truefalse' | 'typed' | 'multi';

/** All question types, in the order they are listed. */
export const QUESTION_TYPES: readonly QuestionType[] = ['choice', 'truefalse', 'typed', 'multi'];

/** What a wrong option really is ("30 days is the Minimum storage duration of S3 Standard-IA"). */
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
  /** Why the answer is right, quoting the note (Markdown), with the heading it comes from. */
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
  const base: Base = { itemId: item.id, type: request.type, source: sourceOf(item), seed };
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

/** The question as asked: a cloze's blanked sentence, a fragment's sentence, or the note's question. */
function promptOf(item: Item, profile: AnswerProfile): string {
  if (item.kind === 'cloze' && item.cloze) return item.cloze.blanked;
  const prompt = withValueColumn(item, cleanPrompt(item.prompt));
  if (profile.cloze) return prompt ? `${prompt} ${profile.cloze}` : profile.cloze;
  if (prompt || !item.fact) return prompt;
  return `${item.fact.table} › ${item.fact.row}: ${item.fact.column}?`;
}

/** Value headers that add nothing to "Numbers to know: Maximum item size?". */
const PLAIN_VALUE_HEADER =
  /^(?:values?|details?|descriptions?|notes?|answers?|what it (?:is|does)|meaning|definition|explanation|info|column \d+)$/i;

/**
 * A two-column table's question names its value column when that says what is asked: "Durability: io2
 * — Annual failure rate?", not "Durability: io2?". Only as asked: the item's prompt (and its id) stay.
 */
function withValueColumn(item: Item, prompt: string): string {
  const fact = item.fact;
  const column = fact?.column.trim() ?? '';
  // An empty header ("| Volume | |") names nothing: the plain question stays.
  if (fact?.shape !== 'cell' || column === '' || PLAIN_VALUE_HEADER.test(column)) return prompt;
  const plain = `${fact.table}: ${fact.row}?`;
  return prompt === plain ? `${fact.table}: ${fact.row} — ${column}?` : prompt;
}

/** The class a fact's cell has in its column ("None" among durations), else the answer's own class. */
function answerClassOf(item: Item, pool: ItemPool, profile: AnswerProfile): AnswerClass {
  return item.kind === 'fact' ? (indexOf(pool).cellKind.get(item.id) ?? profile.kind) : profile.kind;
}

function choiceQuestion(item: Item, pool: ItemPool, profile: AnswerProfile, random: Random, base: Base) {
  const index = indexOf(pool);
  const prompt = promptOf(item, profile);
  const answer = fitText(profile.display, LIMITS.buttonLabel);
  if (looseNormalize(answer) === '') return null;
  const kind = answerClassOf(item, pool, profile);
  const tiers: DistractorTier[] = [];
  // A Q&A's other highlights (the NACL's "stateless" beside the Security Group's "stateful") come first.
  const otherKeys = otherKeysOf(item, profile);
  if (otherKeys.length > 0) tiers.push({ candidates: otherKeys, resemblance: 'any', ownItem: true });
  if (item.fact) {
    const { table, row, columnIndex } = item.fact;
    tiers.push({
      candidates: index.byColumn.get(columnKey(item.note, table, columnIndex)) ?? [],
      resemblance: 'column',
    });
    // Then the same row's other columns (the NACL's "Subnet" against the Security Group's level), of the
    // same class; where the columns are attributes instead, a row's other cells are other attributes.
    if (index.comparesColumns.has(tableKey(item.note, table)))
      tiers.push({ candidates: index.byRow.get(rowKey(item.note, table, row)) ?? [], resemblance: 'any' });
  }
  // A table's phrase or name is only a fair rival among its own column ("Free" among costs, not
  // "NAT Gateway"); measures (percentages, durations, sizes…) are fair rivals from anywhere.
  if (!item.fact || isMeasure(kind)) tiers.push(...siblingTiers(item, pool, kind));
  const distractors = pickDistractors(
    {
      itemId: item.id,
      answer,
      aliases: [item.answer, ...profile.typedAccepts],
      kind,
      prompt,
      tiers,
      need: DISTRACTORS,
    },
    random,
  );
  return withOptions(base, prompt, answer, distractors, random, profile.display, explanationOf(item));
}

const otherKeysCache = new WeakMap<Item, Candidate[]>();

function otherKeysOf(item: Item, profile: AnswerProfile): Candidate[] {
  let keys = otherKeysCache.get(item);
  if (!keys) {
    keys =
      item.keys.length < 2
        ? []
        : item.keys
            .filter((key) => key.trim() !== profile.display)
            .map((key) => candidateOf(key, item.id, kindOf(key), { item, role: 'key' }))
            .filter((candidate): candidate is Candidate => candidate !== null);
    otherKeysCache.set(item, keys);
  }
  return keys;
}

function authoredChoiceQuestion(item: Item, random: Random, base: Base): Question | null {
  const choices = item.choices ?? [];
  const right = choices.filter((choice) => choice.correct);
  const chosen = right[random.int(right.length)];
  if (!chosen || looseNormalize(chosen.text) === '') return null;
  const answer = fitText(chosen.text, LIMITS.buttonLabel);
  const own: Candidate[] = choices
    .filter((choice) => !choice.correct)
    .map((choice) => candidateOf(choice.text, item.id, kindOf(choice.text), { item, role: 'choice' }))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const prompt = promptOf(item, profileOf(item));
  const distractors = pickDistractors(
    {
      itemId: item.id,
      answer,
      kind: kindOf(chosen.text),
      prompt,
      tiers: [{ candidates: own, resemblance: 'any', ownItem: true, authored: true }],
      need: DISTRACTORS,
    },
    random,
  );
  // The author wrote these options on purpose: a two-option question is theirs to ask.
  return withOptions(base, prompt, answer, distractors, random, chosen.text, explanationOf(item), 1);
}

function multiQuestion(item: Item, pool: ItemPool, source: MultiSource, random: Random, base: Base) {
  const answers = source.answers;
  const prompt = multiPrompt(promptOf(item, profileOf(item)), answers.length);
  const own: Candidate[] = source.authoredWrong
    .map((text) => candidateOf(text, item.id, kindOf(text), { item, role: 'choice' }))
    .filter((candidate): candidate is Candidate => candidate !== null);
  const kind = kindOf(answers[0] ?? '');
  const tiers: DistractorTier[] = [{ candidates: own, resemblance: 'any', ownItem: true, authored: true }];
  tiers.push(...siblingTiers(item, pool, kind));
  // Two or more wrong options of the author's own are the question they meant: no generated ones added.
  const need =
    own.length >= MIN_MULTI_DISTRACTORS ? Math.min(own.length, MULTI_DISTRACTORS) : MULTI_DISTRACTORS;
  const distractors = pickDistractors(
    { itemId: item.id, answer: answers[0] ?? '', alsoRight: answers.slice(1), kind, prompt, tiers, need },
    random,
  );
  // An author's own wrong options are theirs to ask, however few; generated ones need two at least.
  const fewest = own.length > 0 ? 1 : MIN_MULTI_DISTRACTORS;
  if (distractors.length < fewest) return null;
  const options = shuffled([...answers, ...distractors.map((d) => d.label)], random);
  const correctSet = answers.map((answer) => options.indexOf(answer)).sort((a, b) => a - b);
  return {
    ...base,
    prompt,
    options,
    answer: answers.join(', '),
    answers: [...answers],
    correctSet,
    explanation: explanationOf(item),
    optionNotes: optionNotesOf(options, distractors),
  };
}

function typedQuestion(item: Item, profile: AnswerProfile, base: Base): Question | null {
  const answer = profile.typedAnswer ?? profile.display;
  if (looseNormalize(answer) === '') return null;
  const [onlyKey] = profile.typedKeys;
  const accepts = profile.typedAccepts.filter((form) => form !== answer);
  if (profile.typedKeys.length === 1 && onlyKey && onlyKey !== answer) accepts.push(onlyKey);
  return {
    ...base,
    prompt: promptOf(item, profile),
    answer,
    ...(accepts.length > 0 ? { accepts } : {}),
    ...(profile.typedKeys.length > 1 ? { keys: [...profile.typedKeys] } : {}),
    explanation: explanationOf(item),
  };
}
