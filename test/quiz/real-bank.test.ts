import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Bank, loadBank } from '../../src/bank/index.ts';
import {
  applicableTypes,
  correctResponse,
  grade,
  makeQuestion,
  makeQuestionById,
} from '../../src/quiz/index.ts';
import { previewQuestions } from '../../src/quiz/preview.ts';

const run = promisify(execFile);

describe('questions from the shipped data/ folder', () => {
  let bank: Bank;
  beforeAll(async () => {
    bank = await loadBank('data');
  });

  it('can ask every item of every shipped note', () => {
    expect(bank.items.length).toBeGreaterThan(0);
    const { unaskable } = previewQuestions(bank, 1);
    expect(unaskable.map((item) => `${item.note}:${item.line} ${item.prompt}`)).toEqual([]);
  });

  it('answers every question it makes with its own answer', () => {
    for (const { questions } of [previewQuestions(bank, 1), previewQuestions(bank, 2)]) {
      for (const question of questions) {
        expect(grade(question, correctResponse(question)).correct, question.prompt).toBe(true);
      }
    }
  });

  it('rebuilds a question from its id, type and seed after the bank is loaded again', async () => {
    const reloaded = await loadBank('data');
    for (const item of bank.items) {
      for (const type of applicableTypes(item, bank)) {
        expect(makeQuestionById(reloaded, item.id, { type, seed: 9 })).toEqual(
          makeQuestion(item, bank, { type, seed: 9 }),
        );
      }
    }
  });
});

describe('npm run questions', () => {
  const cli = (...args: string[]) =>
    run(process.execPath, ['--import', 'tsx', 'src/cli/questions.ts', ...args], { encoding: 'utf8' });

  it('prints one question of each applicable type per item as JSON', async () => {
    const { stdout } = await cli('--json', '--seed', '3', 'data');
    const { questions } = JSON.parse(stdout) as { questions: Record<string, unknown>[] };
    const bank = await loadBank('data');
    const expected = bank.items.reduce((sum, item) => sum + applicableTypes(item, bank).length, 0);
    expect(questions).toHaveLength(expected);
    for (const question of questions) {
      expect(
        Object.keys(question).every((key) =>
          [
            'itemId',
            'type',
            'prompt',
            'options',
            'answer',
            'answers',
            'accepts',
            'source',
            'explanation',
            'optionNotes',
          ].includes(key),
        ),
      ).toBe(true);
      expect(['choice', 'truefalse', 'typed', 'multi']).toContain(question.type);
    }
  });

  it('is deterministic for a seed', async () => {
    const [first, second] = await Promise.all([cli('--json', '--seed', '4'), cli('--json', '--seed', '4')]);
    expect(first.stdout).toBe(second.stdout);
  });

  it('refuses a bad seed with the usage and exit code 2', async () => {
    await expect(cli('--seed', 'soon')).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('usage:'),
    });
  });
});
