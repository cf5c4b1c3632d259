import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApkg, SAMPLE_NOTES } from './anki-fixture.ts';

const repo = join(import.meta.dirname, '..', '..');
const runBank = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'src', 'cli', 'bank.ts'), ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: '' },
  });

describe('npm run bank with decks', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-cli-decks-'));
  beforeAll(async () => {
    mkdirSync(join(dir, 'decks'));
    writeFileSync(join(dir, 'decks', 'aws.apkg'), await buildApkg(SAMPLE_NOTES));
    writeFileSync(join(dir, 'decks', 'quizlet.tsv'), 'EC2\tservers\n\tno term\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists each deck with its items and its skipped cards, and exits 0 when nothing is an error', () => {
    const run = runBank(dir);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('decks/aws.apkg — aws: 6 items (4 qa, 2 cloze)');
    expect(run.stdout).toContain(
      'decks/aws.apkg:6:1: warning: note 1600000000005 (Basic): duplicate of the card on line 1; skipped',
    );
    expect(run.stdout).toContain('decks/quizlet.tsv:2:1: warning: row 2: empty term; skipped');
    const json = JSON.parse(runBank('--json', dir).stdout);
    expect(json.notes).toBe(2);
    expect(json.items).toHaveLength(7);
  });

  it('exits 1 with the reason when a deck cannot be read', () => {
    writeFileSync(join(dir, 'decks', 'broken.apkg'), 'not a zip');
    const run = runBank(dir);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('decks/broken.apkg:1:1: error: not a zip archive (an Anki package is one)');
  });
});
