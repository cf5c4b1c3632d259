import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..');
const runBank = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'bank.ts'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '' },
  });

describe('bank CLI', () => {
  const broken = mkdtempSync(join(tmpdir(), 'flashcord-cli-'));
  afterAll(() => rmSync(broken, { recursive: true, force: true }));

  it('prints one JSON object for data/ and exits 0 when there are no errors', () => {
    const run = runBank('--json', 'data');
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.notes).toBe(1);
    expect(out.items).toHaveLength(25);
    expect(out.diagnostics).toEqual([]);
  });

  it('exits 1 and prints file:line problems when a note has an error', () => {
    cpSync(join(repo, 'test', 'fixtures', 'bank', 'question-no-answer', 'input.md'), join(broken, 'q.md'));
    expect(runBank('--json', broken).status).toBe(1);
    const summary = runBank(broken);
    expect(summary.status).toBe(1);
    expect(summary.stdout).toContain('q.md:3:1: error: question "What is missing here?" has no answer');
  });

  it('exits 2 with a message on stderr for a folder that does not exist', () => {
    const run = runBank('--json', join(broken, 'nope'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('notes folder not found');
  });
});
