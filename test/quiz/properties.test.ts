import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item, ItemKind } from '../../src/bank/types.ts';
import { LIMITS } from '../../src/core/fit.ts';
import {
  correctResponse,
  grade,
  looseNormalize,
  makeQuestion,
  QUESTION_TYPES,
  type Question,
} from '../../src/quiz/index.ts';

const WORDS = [
  'EC2',
  'AMI',
  'snapshot',
  'region',
  'Launch',
  'the',
  'Instance',
  'S3',
  '2-3',
  'boot',
  'a',
  'and',
];

/** Short texts from a small vocabulary (so answers collide), sometimes random or very long ones. */
const text = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 6 }).map((w) => w.join(' ')),
  },
  { weight: 1, arbitrary: fc.string({ minLength: 0, maxLength: 30 }) },
  {
    weight: 1,
    arbitrary: fc.array(fc.constantFrom(...WORDS), { minLength: 20, maxLength: 60 }).map((w) => w.join(' ')),
  },
);

const itemShape = fc.record({
  kind: fc.constantFrom<ItemKind>('qa', 'cloze', 'fact', 'sequence', 'choice'),
  note: fc.constantFrom('aws/ami.md', 'aws/ebs.md', 'net/vpc.md'),
  prompt: text,
  answer: text,
  keys: fc.array(text, { maxLength: 3 }),
  row: text,
  column: fc.integer({ min: 1, max: 3 }),
  steps: fc.array(text, { minLength: 0, maxLength: 6 }),
  choices: fc.array(fc.record({ text, correct: fc.boolean() }), { maxLength: 5 }),
  yes: fc.constantFrom('', 'Yes. ', 'No. '),
});

const bank = fc.array(itemShape, { minLength: 1, maxLength: 30 }).map((shapes): Item[] =>
  shapes.map((shape, i) => ({
    id: `item-${i}`,
    kind: shape.kind,
    note: shape.note,
    title: shape.note,
    section: 'Section',
    tags: [],
    prompt: shape.yes ? `Is ${shape.prompt}?` : shape.prompt,
    answer: `${shape.yes}${shape.answer}`,
    answerMarkdown: shape.answer,
    keys: shape.keys,
    line: i + 1,
    ...(shape.kind === 'fact'
      ? {
          fact: {
            table: 'T',
            row: shape.row,
            column: `C${shape.column}`,
            columnIndex: shape.column,
            shape: 'cell' as const,
          },
        }
      : {}),
    ...(shape.kind === 'sequence' ? { steps: shape.steps } : {}),
    ...(shape.kind === 'choice' ? { choices: shape.choices } : {}),
    ...(shape.kind === 'cloze'
      ? { cloze: { sentence: `${shape.prompt} ${shape.answer}`, blanked: `${shape.prompt} ____` } }
      : {}),
  })),
);

/** Every question the bank yields for one seed. */
function allQuestions(items: Item[], seed: number): Question[] {
  const pool = { items };
  const questions: Question[] = [];
  for (const item of items) {
    for (const type of QUESTION_TYPES) {
      const question = makeQuestion(item, pool, { type, seed });
      if (question) questions.push(question);
    }
  }
  return questions;
}

const RUNS = { numRuns: 150 };

describe('question generation over generated banks', () => {
  it('puts the answer among the options exactly once', () => {
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        for (const question of allQuestions(items, seed)) {
          if (!question.options) continue;
          const rights = question.answers ?? [question.options[question.correct ?? -1]];
          for (const right of rights) {
            expect(right).toBeDefined();
            expect(question.options.filter((option) => option === right)).toHaveLength(1);
          }
          expect(grade(question, correctResponse(question)).correct).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('keeps options distinct after normalization, 2 to 4 of them (a multi: its answers and up to 3 more)', () => {
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        for (const question of allQuestions(items, seed)) {
          if (!question.options) continue;
          const normal = question.options.map(looseNormalize);
          expect(new Set(normal).size).toBe(question.options.length);
          expect(normal).not.toContain('');
          expect(question.options.length).toBeGreaterThanOrEqual(2);
          expect(question.options.length).toBeLessThanOrEqual((question.answers?.length ?? 1) + 3);
        }
      }),
      RUNS,
    );
  });

  it('fits every option label into a Discord button (80 characters)', () => {
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        for (const question of allQuestions(items, seed)) {
          for (const option of question.options ?? [])
            expect(option.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
        }
      }),
      RUNS,
    );
  });

  it('makes the same questions for the same seed, even from a copy of the bank', () => {
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        expect(allQuestions(structuredClone(items), seed)).toEqual(allQuestions(items, seed));
      }),
      RUNS,
    );
  });

  it('accepts the canonical answer typed back to a typed question', () => {
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        for (const question of allQuestions(items, seed)) {
          if (question.type === 'typed')
            expect(grade(question, { text: question.answer }).correct).toBe(true);
        }
      }),
      RUNS,
    );
  });
});

describe('the generated banks', () => {
  it('yield questions of every type, so the properties above are not vacuous', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(bank, fc.nat(), (items, seed) => {
        for (const question of allQuestions(items, seed)) seen.add(question.type);
      }),
      { numRuns: 100, seed: 7 },
    );
    expect([...seen].sort()).toEqual(['choice', 'multi', 'truefalse', 'typed']);
  });
});
