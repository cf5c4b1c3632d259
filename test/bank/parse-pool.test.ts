import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveBank, type ParsedNote, parseNote } from '../../src/bank/index.ts';
import type { BulkParser } from '../../src/bank/loader.ts';
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

describe('bulk parsing of the first load', () => {
  const dir = fixtureFolder();
  const cacheDir = mkdtempSync(join(tmpdir(), 'flashcord-pool-cache-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });
  const notes = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) =>
    f.endsWith('.md'),
  ).length;

  /** A bulk parser that records what it parsed; `parse` records what was parsed in-process. */
  function recorder() {
    const seen = { starts: 0, closes: 0, bulk: [] as string[], inProcess: [] as string[] };
    const bulk: BulkParser = {
      parse: async (path, bytes) => {
        seen.bulk.push(path);
        return parseNote(path, bytes);
      },
      close: async () => {
        seen.closes += 1;
      },
    };
    const parse = (path: string, bytes: Buffer): ParsedNote => {
      seen.inProcess.push(path);
      return parseNote(path, bytes);
    };
    const start = (): BulkParser => {
      seen.starts += 1;
      return bulk;
    };
    return { seen, parse, start };
  }

  it('parses in-process when fewer notes than the threshold need parsing', async () => {
    const { seen, parse, start } = recorder();
    await LiveBank.open(dir, { parse, bulkParse: { minNotes: notes + 1, start } });
    expect(seen).toMatchObject({ starts: 0, bulk: [] });
    expect(seen.inProcess).toHaveLength(notes);
  });

  it('hands every note to the bulk parser from the threshold on, closes it, and reloads in-process', async () => {
    const { seen, parse, start } = recorder();
    const live = await LiveBank.open(dir, { parse, bulkParse: { minNotes: notes, start } });
    expect(seen).toMatchObject({ starts: 1, closes: 1, inProcess: [] });
    expect(seen.bulk).toHaveLength(notes);
    expect(live.current.items).toEqual((await LiveBank.open(dir)).current.items);

    const changed = join(dir, 'aws', 'ami.md');
    writeFileSync(changed, `${readFileSync(changed, 'utf8')}\nCapital of France::Paris\n`);
    utimesSync(changed, 9_000, 9_000);
    await live.reload();
    expect(seen.inProcess).toEqual(['aws/ami.md']);
    expect(seen.starts).toBe(1);
  });

  it('counts only the notes the parse cache does not have', async () => {
    const cacheFile = join(cacheDir, 'bank.cache');
    const first = await LiveBank.open(dir, { cacheFile });
    await first.flushCache();
    writeFileSync(join(dir, 'one.md'), 'Capital of Italy::Rome\n');
    writeFileSync(join(dir, 'two.md'), 'Capital of Spain::Madrid\n');
    const { seen, parse, start } = recorder();
    const live = await LiveBank.open(dir, { parse, cacheFile, bulkParse: { minNotes: 3, start } });
    // Which notes, not in which order: notes are read concurrently and parsed as their reads finish.
    expect(seen.starts).toBe(0);
    expect([...seen.inProcess].sort()).toEqual(['one.md', 'two.md']);
    expect(live.opened.fromCache).toHaveLength(notes);
  });

  it('opens in parallel with a parse cache: a warm start parses nothing and serves the same bank', async () => {
    const cacheFile = join(cacheDir, 'parallel.cache');
    const cold = await openBankInParallel(dir, { workers: 2, cacheFile });
    await cold.flushCache();
    const warm = await openBankInParallel(dir, { workers: 2, cacheFile });
    expect(cold.opened.parsed.length).toBeGreaterThan(5);
    expect(warm.opened).toMatchObject({ parsed: [], fromCache: cold.opened.parsed });
    expect(warm.current.items).toEqual(cold.current.items);
    expect(warm.current.diagnostics).toEqual(cold.current.diagnostics);
  });
});
