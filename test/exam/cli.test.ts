import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const run = (cli: string, ...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', cli), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '' },
  });
const notes = join('test', 'fixtures', 'exam', 'notes');

describe('exam CLI and the bank report', () => {
  it('npm run exam -- --json prints a mock exam drawn by domain weight, the same for the same seed', () => {
    const first = run('exam.ts', '--json', '--seed', '5', '--questions', '20', notes);
    expect(first.status).toBe(0);
    const exam = JSON.parse(first.stdout);
    expect(exam).toMatchObject({
      profile: 'saa-c03',
      minutes: 40,
      byDomain: { secure: 6, resilient: 5, performance: 5, cost: 4 },
    });
    expect(exam.questions).toHaveLength(20);
    for (const q of exam.questions) {
      expect(Object.keys(q)).toEqual([
        'id',
        'domain',
        'type',
        'prompt',
        'options',
        q.type === 'multi' ? 'answers' : 'answer',
      ]);
      if (q.type === 'multi') for (const a of q.answers) expect(q.options).toContain(a);
      else expect(q.options).toContain(q.answer);
    }
    expect(run('exam.ts', '--json', '--seed', '5', '--questions', '20', notes).stdout).toBe(first.stdout);
  });

  it('exits 1 with the shortfall per domain when the notes cannot fill the exam', () => {
    const result = run('exam.ts', 'data');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Design Secure Architectures: needs 19, the notes give 0');
  });

  it('npm run bank reports notes in no domain and domains too thin for a full exam', () => {
    const result = run('bank.ts', notes);
    expect(result.stdout).toContain('misc/pets.md: in no domain, 3 items not asked in exams');
    expect(result.stdout).toMatch(
      /Design Cost-Optimized Architectures: \d+ exam questions, too few for a full exam \(needs 13\)/,
    );
  });
});
