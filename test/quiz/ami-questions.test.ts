import { describe, expect, it } from 'vitest';
import {
  applicableTypes,
  correctResponse,
  grade,
  looseNormalize,
  makeQuestion,
  makeQuestionById,
  pickType,
  QUESTION_TYPES,
  type Question,
} from '../../src/quiz/index.ts';
import { AMI_QUESTIONS, amiItem, amiPool } from '../fixtures/quiz/ami.ts';

const SEEDS = [0, 1, 2, 3, 42, 1234, 99_999];

/** The option a member must pick for each Q&A, read off the note (its highlights, or the answer itself). */
const EXPECTED_CORRECT_OPTION: Record<(typeof AMI_QUESTIONS)[number], string> = {
  'What is an AMI?': 'template for EC2 instances',
  'Why would you create a custom AMI?': 'faster boot times',
  'Are AMIs region-specific?': 'True',
  'What happens behind the scenes when you create an AMI?': 'EBS snapshots',
  'What are the three sources of AMIs?': 'Public AMIs, Custom AMIs, Marketplace AMIs',
  'Should you stop an instance before creating an AMI?': 'recommended',
  'Can you sell your own AMIs?': 'True',
  'How do you launch an instance from a custom AMI?':
    'Launch Instance → My AMIs tab → Select your custom AMI → Configure and launch.',
  'Can you copy an AMI to another region?': 'True',
  'What is the difference between User Data and a custom AMI?': 'every boot',
};

describe('questions from the AMI note', () => {
  it('can ask every item in at least one way', () => {
    for (const item of amiPool.items) {
      expect(applicableTypes(item, amiPool), item.prompt).not.toEqual([]);
    }
  });

  it('gives each of the 10 Q&As a question that its own answer answers', () => {
    for (const prompt of AMI_QUESTIONS) {
      const item = amiItem(prompt);
      const types = applicableTypes(item, amiPool);
      expect(types.length, prompt).toBeGreaterThan(0);
      for (const type of types) {
        for (const seed of SEEDS) {
          const question = makeQuestion(item, amiPool, { type, seed });
          if (!question) throw new Error(`${prompt}: ${type} applies but gave no question`);
          expect(grade(question, correctResponse(question)).correct, `${prompt} as ${type}`).toBe(true);
          if (question.options && question.type !== 'multi') {
            const correctOption = question.options[question.correct ?? -1];
            expect(correctOption, `${prompt} as ${type}, seed ${seed}`).toBe(EXPECTED_CORRECT_OPTION[prompt]);
            expect(correctOption).toBe(question.answer);
          }
        }
      }
    }
  });

  it.each([
    ['Are AMIs region-specific?', 'True or false: AMIs are region-specific.'],
    ['Can you sell your own AMIs?', 'True or false: You can sell your own AMIs.'],
    ['Can you copy an AMI to another region?', 'True or false: You can copy an AMI to another region.'],
  ])('asks the yes/no question %j as true/false', (prompt, statement) => {
    const item = amiItem(prompt);
    expect(applicableTypes(item, amiPool)).toEqual(['truefalse']);
    expect(pickType(item, amiPool, 5)).toBe('truefalse');
    const question = makeQuestion(item, amiPool, { type: 'truefalse', seed: 5 });
    expect(question).toMatchObject({
      prompt: statement,
      options: ['True', 'False'],
      correct: 0,
      answer: 'True',
    });
  });

  it('asks the three AMI sources as "Choose three.", never typed as a list', () => {
    const item = amiItem('What are the three sources of AMIs?');
    expect(applicableTypes(item, amiPool)).toEqual(['multi']);
    const question = makeQuestion(item, amiPool, { type: 'multi', seed: 1 });
    expect(question?.answers).toEqual(['Public AMIs', 'Custom AMIs', 'Marketplace AMIs']);
  });

  it('asks a Q&A with a key phrase by its key phrase', () => {
    const question = makeQuestion(amiItem('Why would you create a custom AMI?'), amiPool, {
      type: 'choice',
      seed: 8,
    });
    expect(question?.answer).toBe('faster boot times');
    expect(question?.options).toHaveLength(4);
    expect(question?.options?.[question.correct ?? -1]).toBe('faster boot times');
  });

  it('never asks a long explanation as a typed answer', () => {
    const item = amiItem('How do you launch an instance from a custom AMI?');
    expect(applicableTypes(item, amiPool)).toEqual(['choice']);
  });

  it('draws table distractors from the same column first', () => {
    const question = makeQuestion(amiItem('AMI Sources: Custom AMI?'), amiPool, { type: 'choice', seed: 11 });
    expect(question?.options).toEqual(
      expect.arrayContaining([
        'Created and maintained by you',
        'Provided by AWS (e.g., Amazon Linux 2)',
        'Made/sold by vendors on AWS Marketplace',
      ]),
    );
  });

  it('makes true and false statements from a table fact by swapping the cell', () => {
    const item = amiItem('AMI Sources: Custom AMI?');
    const prompts = new Map<string, string>();
    for (let seed = 0; seed < 40; seed++) {
      const question = makeQuestion(item, amiPool, { type: 'truefalse', seed });
      if (question) prompts.set(question.prompt, question.answer);
    }
    expect(prompts.get('True or false? AMI Sources › Custom AMI — Created and maintained by you')).toBe(
      'True',
    );
    expect(
      prompts.get('True or false? AMI Sources › Custom AMI — Provided by AWS (e.g., Amazon Linux 2)'),
    ).toBe('False');
  });

  it('asks the creation process by step number and by what comes next', () => {
    const item = amiItem('AMI Creation Process: the steps in order');
    const asked = new Map<string, Question>();
    for (let seed = 0; seed < 60; seed++) {
      const question = makeQuestion(item, amiPool, { type: 'choice', seed });
      if (question) asked.set(question.prompt, question);
    }
    expect(asked.get('What is step 3 of AMI Creation Process?')?.answer).toBe('Stop Instance');
    expect(asked.get('What comes after Stop Instance in AMI Creation Process?')?.answer).toBe('Create AMI');
    for (const [prompt, question] of asked) {
      const previous = /after (.+) in/.exec(prompt)?.[1];
      if (previous) expect(question.options, prompt).not.toContain(previous);
    }
  });

  it('blanks the highlight of a cloze and takes it as the answer', () => {
    const item = amiItem('Custom AMIs give ____ because all software is pre-installed.');
    const question = makeQuestion(item, amiPool, { type: 'typed', seed: 2 });
    expect(question?.prompt).toBe('Custom AMIs give ____ because all software is pre-installed.');
    expect(grade(question ?? fail(), { text: 'Faster boot time' }).correct).toBe(true);
  });

  it('accepts the highlighted gist of a table cell when typed', () => {
    const question = makeQuestion(amiItem('AMI Characteristics: Behind the scenes?'), amiPool, {
      type: 'typed',
      seed: 2,
    });
    expect(grade(question ?? fail(), { text: 'EBS snapshot' }).correct).toBe(true);
    expect(grade(question ?? fail(), { text: 'creates EBS snapshots' }).correct).toBe(true);
  });

  it('shows the full answer and the source with every question', () => {
    const question = makeQuestion(amiItem('What is an AMI?'), amiPool, { type: 'typed', seed: 2 });
    expect(question?.source).toBe('AMI (Amazon Machine Image) › Questions & Answers');
    expect(question?.explanation).toContain('==template for EC2 instances==');
  });

  it('never offers a distractor that is the answer in other words, a fragment of the prompt, or filler', () => {
    for (const item of amiPool.items) {
      for (const seed of SEEDS) {
        const question = makeQuestion(item, amiPool, { type: 'choice', seed });
        if (!question?.options) continue;
        const answer = looseNormalize(question.options[question.correct ?? -1] ?? '');
        const prompt = ` ${looseNormalize(question.prompt)} `;
        question.options.forEach((option, i) => {
          if (i === question.correct) return;
          expect(looseNormalize(option)).not.toBe(answer);
          expect(prompt.includes(` ${looseNormalize(option)} `), `${option} in ${question.prompt}`).toBe(
            false,
          );
          expect(option).not.toMatch(/of the above/i);
        });
      }
    }
  });

  it('rebuilds the same question from (itemId, type, seed)', () => {
    for (const item of amiPool.items) {
      for (const type of QUESTION_TYPES) {
        const first = makeQuestion(item, amiPool, { type, seed: 77 });
        expect(makeQuestionById(amiPool, item.id, { type, seed: 77 })).toEqual(first);
      }
    }
  });

  it('varies the option order with the seed', () => {
    const item = amiItem('AMI Characteristics: Region?');
    const orders = new Set(
      SEEDS.map((seed) => makeQuestion(item, amiPool, { type: 'choice', seed })?.correct),
    );
    expect(orders.size).toBeGreaterThan(1);
  });

  it('returns null for an unknown id or a type that does not apply', () => {
    expect(makeQuestionById(amiPool, 'no-such-id', { type: 'choice', seed: 1 })).toBeNull();
    expect(
      makeQuestion(amiItem('Are AMIs region-specific?'), amiPool, { type: 'typed', seed: 1 }),
    ).toBeNull();
  });
});

function fail(): never {
  throw new Error('expected a question');
}
