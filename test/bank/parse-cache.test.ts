import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Bank, LiveBank, type ParsedNote, parseNote } from '../../src/bank/index.ts';
import {
  PARSER_CODE_STAMP,
  parserCodeHash,
  parserFingerprint,
  readParseCache,
  stampParserCode,
  writeParseCache,
} from '../../src/bank/parse-cache.ts';

const root = join(import.meta.dirname, '..', '..');
const fixtures = join(root, 'test', 'fixtures', 'bank');
const seed = readFileSync(join(root, 'data', 'aws', 'ami.md'));
const GOOD = '# Lambda\n\n> [!question] What runs Lambda code?\n> ==Managed servers== you never see.\n';
const BROKEN = '# Lambda\n\n> [!question] What runs Lambda code?\n\n> [!question] Another one?\n> Yes.\n';

/** Starts writing the cache file named by argv[1] and kills itself after a few entries. */
const KILLED_WRITER = `
import { writeParseCache } from './src/bank/parse-cache.ts';
import { parseNote } from './src/bank/parse-note.ts';
const note = parseNote('a.md', Buffer.from('Capital of France::Paris\\n'));
function* entries() {
  for (let n = 0; n < 200_000; n++) {
    if (n === 50_000) process.kill(process.pid, 'SIGKILL');
    yield ['a.md', 'hash', note];
  }
}
await writeParseCache(process.argv[1], 'killed-writer', entries());
`;

/** A pid no process has: above the kernel's pid_max (4194304 at most on Linux). */
const deadPid = () => 4_194_305;

/** What a bank serves, for deep comparison with another bank. */
function served(bank: Bank) {
  const ids = bank.search('region', { limit: 50 }).map((hit) => hit.item.id);
  return { notes: bank.notes, items: bank.items, diagnostics: bank.diagnostics, search: ids };
}

describe('parse cache', () => {
  let dir: string;
  let cacheDir: string;
  let cacheFile: string;
  let parsed: string[];
  let problems: string[];
  const counting = (path: string, bytes: Buffer): ParsedNote => {
    parsed.push(path);
    return parseNote(path, bytes);
  };
  /** Opens the folder with the cache as the bot does, and waits for the cache write it schedules. */
  const openCached = async (fingerprint?: string): Promise<LiveBank> => {
    parsed = [];
    const live = await LiveBank.open(dir, {
      parse: counting,
      cacheFile,
      ...(fingerprint ? { cacheFingerprint: fingerprint } : {}),
      onCacheProblem: (problem, during) => problems.push(`${during}: ${problem}`),
    });
    await live.flushCache();
    return live;
  };
  const fresh = async (): Promise<Bank> => (await LiveBank.open(dir)).current;
  /** Writes a note with an mtime of its own, so a reload never mistakes it for the previous version. */
  const write = (name: string, text: string | Buffer, mtime: number): void => {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), mtime, mtime);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashcord-cache-notes-'));
    cacheDir = mkdtempSync(join(tmpdir(), 'flashcord-cache-'));
    cacheFile = join(cacheDir, 'nested', 'bank.cache');
    problems = [];
    // The seed note and every malformed fixture case, so diagnostics go through the cache too.
    mkdirSync(join(dir, 'aws'));
    copyFileSync(join(root, 'data', 'aws', 'ami.md'), join(dir, 'aws', 'ami.md'));
    for (const name of readdirSync(fixtures, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)) {
      copyFileSync(join(fixtures, name, 'input.md'), join(dir, `${name}.md`));
    }
    write('lambda.md', GOOD, 1_000);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it('serves on a warm start exactly the bank a fresh parse gives, parsing nothing', async () => {
    const cold = await openCached();
    const all = cold.opened.parsed;
    expect(all.length).toBeGreaterThan(5);
    expect(cold.opened.fromCache).toEqual([]);
    expect(existsSync(cacheFile)).toBe(true);

    const warm = await openCached();
    expect(parsed).toEqual([]);
    expect(warm.opened).toMatchObject({ parsed: [], fromCache: all, removed: [] });
    const expected = served(await fresh());
    expect(expected.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    expect(served(warm.current)).toEqual(expected);
    expect(served(cold.current)).toEqual(expected);
    expect(problems).toEqual([]);
  });

  it('reloads a warm-started bank like any other: only changed notes are parsed', async () => {
    await openCached();
    const warm = await openCached();
    write('lambda.md', `${GOOD}\nCold starts add ==latency== to the first call.\n`, 2_000);
    parsed = [];
    const report = await warm.reload();
    expect(parsed).toEqual(['lambda.md']);
    expect(report).toMatchObject({ parsed: ['lambda.md'], fromCache: [], removed: [] });
    expect(served(warm.current)).toEqual(served(await fresh()));
  });

  it('parses again only the notes that changed or appeared since the cache was written', async () => {
    await openCached();
    write('lambda.md', GOOD.replace('Managed servers', 'Hidden servers'), 2_000);
    write('new.md', 'Capital of France::Paris\n', 2_000);
    utimesSync(join(dir, 'aws', 'ami.md'), 3_000, 3_000); // touched, same bytes: still cached
    const warm = await openCached();
    expect(parsed.sort()).toEqual(['lambda.md', 'new.md']);
    expect(warm.opened.fromCache).toContain('aws/ami.md');
    expect(served(warm.current)).toEqual(served(await fresh()));

    // The rewrite holds the new versions: the next start parses nothing.
    await openCached();
    expect(parsed).toEqual([]);
  });

  it('keys entries by path too, since item ids depend on it', async () => {
    await openCached();
    unlinkSync(join(dir, 'lambda.md'));
    write('renamed.md', GOOD, 1_000);
    const warm = await openCached();
    expect(parsed).toEqual(['renamed.md']);
    expect(warm.current.itemsForTopic('renamed.md')[0]?.note).toBe('renamed.md');
    expect(served(warm.current)).toEqual(served(await fresh()));
  });

  it('is ignored whole when it was made by another parser version', async () => {
    const all = (await openCached('parser-a')).opened.parsed;
    await openCached('parser-b');
    expect(parsed.sort()).toEqual(all);
    expect(problems).toEqual(['read: made by another parser version']);
    problems = [];
    await openCached('parser-b');
    expect(parsed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('fingerprints the parser code: one changed file in its folder gives another fingerprint', async () => {
    const copies = mkdtempSync(join(tmpdir(), 'flashcord-fingerprint-'));
    try {
      const code = join(root, 'src', 'bank');
      for (const name of ['a', 'b', 'c']) cpSync(code, join(copies, name), { recursive: true });
      writeFileSync(
        join(copies, 'b', 'table.ts'),
        `${readFileSync(join(code, 'table.ts'), 'utf8')}\n// edited\n`,
      );
      const [a, b, c] = await Promise.all(
        ['a', 'b', 'c'].map((name) => parserFingerprint(join(copies, name))),
      );
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(c).toBe(a);
      expect(b).not.toBe(a);
      // The default is the fingerprint of the folder this code runs from.
      expect(await parserFingerprint()).toBe(await parserFingerprint(code));
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  });

  it('keys on the parser source, so compiled code stamped by the build shares the cache of tsx runs', async () => {
    const copies = mkdtempSync(join(tmpdir(), 'flashcord-stamp-'));
    try {
      const source = join(copies, 'src');
      const compiled = join(copies, 'dist');
      cpSync(join(root, 'src', 'bank'), source, { recursive: true });
      mkdirSync(compiled);
      writeFileSync(join(compiled, 'table.js'), 'export const compiled = true;\n');
      const unstamped = await parserCodeHash(compiled);
      expect(unstamped).not.toBe(await parserCodeHash(source));
      await stampParserCode(source, compiled);
      expect(readFileSync(join(compiled, PARSER_CODE_STAMP), 'utf8').trim()).toBe(
        await parserCodeHash(source),
      );
      expect(await parserFingerprint(compiled)).toBe(await parserFingerprint(source));
      // What can differ between two builds of the same code never counts: maps, notes, timestamps.
      writeFileSync(join(source, 'table.js.map'), '{"version":3}');
      writeFileSync(join(source, 'README.txt'), 'notes');
      utimesSync(join(source, 'table.ts'), 1_000, 1_000);
      expect(await parserCodeHash(source)).toBe(
        readFileSync(join(compiled, PARSER_CODE_STAMP), 'utf8').trim(),
      );
    } finally {
      rmSync(copies, { recursive: true, force: true });
    }
  });

  const damaged: [string, (bytes: Buffer) => Buffer | string][] = [
    ['empty', () => Buffer.alloc(0)],
    ['truncated', (bytes) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['cut by one byte', (bytes) => bytes.subarray(0, bytes.length - 1)],
    [
      'corrupt in the middle',
      (bytes) => {
        const copy = Buffer.from(bytes);
        const at = Math.floor(copy.length / 2);
        copy[at] = (copy[at] ?? 0) ^ 0xff;
        return copy;
      },
    ],
    ['some other file', () => JSON.stringify({ entries: [] })],
    ['random bytes', (bytes) => Buffer.from(bytes.map((_, n) => (n * 7919 + 13) & 0xff))],
  ];
  it.each(damaged)('falls back to parsing every note when the file is %s', async (_name, damage) => {
    const all = (await openCached()).opened.parsed;
    writeFileSync(cacheFile, damage(readFileSync(cacheFile)));
    const live = await openCached();
    expect(parsed.sort()).toEqual(all);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^read: /);
    expect(served(live.current)).toEqual(served(await fresh()));
    // Rewritten whole: the next start uses it again.
    problems = [];
    await openCached();
    expect(parsed).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('refuses a well-formed file whose entries have the wrong shape', async () => {
    const fingerprint = await parserFingerprint();
    const note = parseNote('lambda.md', GOOD);
    const wrong = { ...note, items: note.items.map((item) => ({ ...item, note: 'elsewhere.md' })) };
    await writeParseCache(cacheFile, fingerprint, [['lambda.md', 'x', wrong]]);
    expect(await readParseCache(cacheFile, fingerprint)).toEqual({
      entries: new Map(),
      problem: 'unexpected entry shape',
    });
    await writeParseCache(cacheFile, fingerprint, [
      ['lambda.md', 'x', { items: 'none' } as unknown as ParsedNote],
    ]);
    expect((await readParseCache(cacheFile, fingerprint)).problem).toBe('unexpected entry shape');
  });

  it('treats a missing file as a cold start without a problem, and an unreadable one as a problem', async () => {
    await openCached();
    expect(problems).toEqual([]);
    rmSync(cacheFile);
    mkdirSync(cacheFile); // a folder where the file should be: neither readable nor writable
    const live = await openCached();
    expect(parsed.length).toBeGreaterThan(5);
    expect(problems).toEqual([expect.stringMatching(/^read: unreadable/), expect.stringMatching(/^write: /)]);
    expect(served(live.current)).toEqual(served(await fresh()));
  });

  it('drops the entries of notes gone from the folder, so it holds only the notes present', async () => {
    await openCached();
    const before = statSync(cacheFile).size;
    unlinkSync(join(dir, 'aws', 'ami.md'));
    const warm = await openCached();
    expect(parsed).toEqual([]);
    const { entries } = await readParseCache(cacheFile, await parserFingerprint());
    expect([...entries.keys()].sort()).toEqual(warm.current.notes.map((note) => note.path).sort());
    expect(entries.has('aws/ami.md')).toBe(false);
    expect(statSync(cacheFile).size).toBeLessThan(before);
  });

  it('drops removed notes on a reload too, at the next write', async () => {
    const live = await openCached();
    unlinkSync(join(dir, 'lambda.md'));
    await live.reload();
    await live.flushCache();
    const { entries } = await readParseCache(cacheFile, await parserFingerprint());
    expect(entries.has('lambda.md')).toBe(false);
    expect(entries.size).toBe(live.current.notes.length);
  });

  it('caches parses, not history: after a restart a broken note is served as a fresh start serves it', async () => {
    const live = await openCached();
    write('lambda.md', BROKEN, 4_000);
    expect((await live.reload()).keptLastGood).toEqual(['lambda.md']);
    // While running, the last good version keeps serving.
    expect(live.current.itemsForTopic('lambda.md').map((item) => item.answer)).toEqual([
      'Managed servers you never see.',
    ]);
    await live.flushCache();

    const restarted = await openCached();
    expect(parsed).toEqual([]);
    expect(restarted.opened.keptLastGood).toEqual([]);
    const expected = await fresh();
    expect(expected.itemsForTopic('lambda.md').map((item) => item.answer)).not.toContain(
      'Managed servers you never see.',
    );
    expect(served(restarted.current)).toEqual(served(expected));
    expect(restarted.current.diagnostics).toContainEqual(
      expect.objectContaining({ file: 'lambda.md', severity: 'error' }),
    );
  });

  it('leaves one whole, readable file when several writers race, and readers never see a torn one', async () => {
    const fingerprint = await parserFingerprint();
    const note = parseNote('seed.md', seed);
    const versions = Array.from({ length: 6 }, (_, n) =>
      Array.from({ length: 100 + n * 20 }, (_, k) => {
        const path = `w${n}/note-${k}.md`;
        const items = note.items.map((item) => ({ ...item, note: path }));
        return [path, `hash-${n}-${k}`, { ...note, path, items }] as const;
      }),
    );
    await writeParseCache(cacheFile, fingerprint, versions[0] ?? []);
    const reads: (string | number)[] = [];
    let writing = true;
    const reader = (async () => {
      while (writing) {
        const read = await readParseCache(cacheFile, fingerprint);
        reads.push(read.problem ?? read.entries.size);
      }
    })();
    await Promise.all(versions.map((entries) => writeParseCache(cacheFile, fingerprint, entries)));
    writing = false;
    await reader;
    const sizes = versions.map((entries) => entries.length);
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) expect(sizes).toContain(read);
    const final = await readParseCache(cacheFile, fingerprint);
    expect(final.problem).toBeUndefined();
    const winner = versions.find((entries) => entries.length === final.entries.size);
    expect([...final.entries.keys()]).toEqual(winner?.map(([path]) => path));
    expect(readdirSync(join(cacheDir, 'nested'))).toEqual(['bank.cache']);
  });

  it('removes temporary files left by a writer that died, but not a live writer’s', async () => {
    await openCached();
    const old = `${cacheFile}.${process.ppid}-0-deadbeef.tmp`;
    const gone = `${cacheFile}.${deadPid()}-0-0badf00d.tmp`;
    const live = `${cacheFile}.${process.ppid}-0-cafecafe.tmp`;
    writeFileSync(old, 'half a cache');
    writeFileSync(gone, '');
    writeFileSync(live, 'being written');
    const hourAgo = Date.now() / 1000 - 3600;
    utimesSync(old, hourAgo, hourAgo);
    write('lambda.md', `${GOOD}\n`, 5_000);
    await openCached();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(gone)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it('leaves no temporary file once a writer killed mid-write is followed by a start that changes nothing', async () => {
    await openCached();
    const before = readFileSync(cacheFile);
    // A writer of this very cache file, killed (SIGKILL: no handler runs) after its first entries.
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', KILLED_WRITER, cacheFile],
      { cwd: root, encoding: 'utf8' },
    );
    expect(child.signal).toBe('SIGKILL');
    const leftovers = () => readdirSync(join(cacheDir, 'nested')).filter((name) => name.endsWith('.tmp'));
    expect(leftovers()).toHaveLength(1);
    // The next start: nothing changed, so nothing is written, but the killed writer's file goes.
    await openCached();
    expect(parsed).toEqual([]);
    expect(leftovers()).toEqual([]);
    expect(readFileSync(cacheFile).equals(before)).toBe(true);
  });
});
