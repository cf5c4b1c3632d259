import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveBank, parseNote } from '../../src/bank/index.ts';
import { openBankInParallel, ParsePool } from '../../src/bank/parse-pool.ts';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'bank');

/** A folder with the seed note and every malformed fixture case, so diagnostics are compared too. */
function fixtureFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-pool-'));
  mkdirSync(join(dir, 'aws'));
  copyFileSync(join(root, 'data', 'aws', 'ami.md'), join(dir, 'aws', 'ami.md'));
  for (const name of readdirSync(fixtures, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    copyFileSync(join(fixtures, name, 'input.md'), join(dir, `${name}.md`));
  }
  return dir;
}

describe('parsing on worker threads', () => {
  const dir = fixtureFolder();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same bank as an in-process load: notes, items, diagnostics and search', async () => {
    const inProcess = (await LiveBank.open(dir)).current;
    const pool = ParsePool.start(2);
    const parallel = (await LiveBank.open(dir, { parse: (path, bytes) => pool.parse(path, bytes) })).current;
    await pool.close();
    expect(pool.counts()).toEqual({ onWorkers: parallel.notes.length, inProcess: 0 });
    expect(parallel.diagnostics.length).toBeGreaterThan(0);
    expect(parallel.notes).toEqual(inProcess.notes);
    expect(parallel.items).toEqual(inProcess.items);
    expect(parallel.diagnostics).toEqual(inProcess.diagnostics);
    const ids = (hits: { item: { id: string } }[]) => hits.map((hit) => hit.item.id);
    expect(ids(parallel.search('region'))).toEqual(ids(inProcess.search('region')));
  });

  it('opens a bank in parallel that serves and reloads like any live bank', async () => {
    const live = await openBankInParallel(dir, { workers: 1 });
    expect(live.current.itemsForTopic('aws')).toHaveLength(25);
    expect((await live.reload()).unchanged).toBe(live.current.notes.length);
  });

  it('parses notes still queued when the pool closes on the main thread, losing none', async () => {
    const seed = readFileSync(join(root, 'data', 'aws', 'ami.md'));
    const pool = ParsePool.start(1);
    const pending = Array.from({ length: 5 }, (_, n) => pool.parse(`n${n}.md`, seed));
    await pool.close();
    const notes = await Promise.all(pending);
    expect(pool.counts().onWorkers + pool.counts().inProcess).toBe(5);
    expect(notes).toEqual(Array.from({ length: 5 }, (_, n) => parseNote(`n${n}.md`, seed)));
  });
});
