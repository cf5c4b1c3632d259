import { mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LiveBank, type ParsedNote, parseNote } from '../../src/bank/index.ts';

const seed = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'aws', 'ami.md'));
const GOOD = '# Lambda\n\n> [!question] What runs Lambda code?\n> ==Managed servers== you never see.\n';
const BROKEN = '# Lambda\n\n> [!question] What runs Lambda code?\n\n> [!question] Another one?\n> Yes.\n';

describe('LiveBank', () => {
  let dir: string;
  let parsedPaths: string[];
  const countingParse = (path: string, bytes: Buffer): ParsedNote => {
    parsedPaths.push(path);
    return parseNote(path, bytes);
  };
  /** Writes a file with an mtime that differs from its previous one even within the same millisecond. */
  const write = (name: string, text: string | Buffer, mtime: number): void => {
    writeFileSync(join(dir, name), text);
    utimesSync(join(dir, name), mtime, mtime);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'flashcord-reload-'));
    parsedPaths = [];
    write('ami.md', seed, 1_000);
    write('lambda.md', GOOD, 1_000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps serving the old bank until the rebuilt one is ready', async () => {
    const live = await LiveBank.open(dir, { parse: countingParse });
    const before = live.current;
    write('lambda.md', `${GOOD}\nCold starts add ==latency== to the first call.\n`, 2_000);
    const reloading = live.reload();
    expect(live.current).toBe(before);
    await reloading;
    expect(live.current).not.toBe(before);
    expect(before.items).toHaveLength(26);
    expect(live.current.items).toHaveLength(27);
    expect(before.search('latency')).toEqual([]);
    expect(live.current.search('latency')[0]?.item.answer).toBe('latency');
  });

  it('re-parses only notes whose size, mtime and content changed', async () => {
    const live = await LiveBank.open(dir, { parse: countingParse });
    expect(parsedPaths.sort()).toEqual(['ami.md', 'lambda.md']);
    parsedPaths = [];
    utimesSync(join(dir, 'ami.md'), 3_000, 3_000); // touched, same bytes
    write('lambda.md', GOOD.replace('Managed servers', 'Hidden servers'), 3_000);
    const report = await live.reload();
    expect(parsedPaths).toEqual(['lambda.md']);
    expect(report).toMatchObject({ parsed: ['lambda.md'], removed: [], keptLastGood: [], unchanged: 1 });
  });

  it('keeps the last good items of a note that breaks and reports its new errors', async () => {
    const live = await LiveBank.open(dir);
    write('lambda.md', BROKEN, 4_000);
    const report = await live.reload();
    expect(report.keptLastGood).toEqual(['lambda.md']);
    const lambda = live.current.itemsForTopic('lambda.md');
    expect(lambda.map((item) => item.answer)).toEqual(['Managed servers you never see.']);
    expect(live.current.diagnostics).toContainEqual(
      expect.objectContaining({
        file: 'lambda.md',
        line: 3,
        severity: 'error',
        message: expect.stringContaining('no answer'),
      }),
    );
    write('lambda.md', `${GOOD}\nCapital of France::Paris\n`, 5_000);
    await live.reload();
    expect(live.current.itemsForTopic('lambda.md')).toHaveLength(2);
    expect(live.current.diagnostics).toEqual([]);
  });

  it('drops the items of a deleted note and serves new notes', async () => {
    const live = await LiveBank.open(dir);
    unlinkSync(join(dir, 'lambda.md'));
    write('s3.md', '# S3\n\nS3 offers ==eleven nines== of durability.\n', 6_000);
    const report = await live.reload();
    expect(report).toMatchObject({ parsed: ['s3.md'], removed: ['lambda.md'] });
    expect(live.current.notes.map((note) => note.path)).toEqual(['ami.md', 's3.md']);
    expect(live.current.search('managed servers')).toEqual([]);
    expect(live.current.search('eleven nines')[0]?.item.note).toBe('s3.md');
  });

  describe('with a prepare step (the quiz pool index)', () => {
    it("readies each new bank's items before it is served, also at first load", async () => {
      const prepared: number[] = [];
      const live = await LiveBank.open(dir, {
        prepare: async (pool) => {
          prepared.push(pool.items.length);
        },
      });
      expect(prepared).toEqual([live.current.items.length]);
      write('lambda.md', `${GOOD}\nCold starts add ==latency== to the first call.\n`, 2_000);
      await live.reload();
      expect(prepared).toEqual([26, 27]);
    });

    it('serves the old bank, its search unchanged, while the next one is prepared', async () => {
      let release = () => {};
      let preparing: Promise<void> | undefined;
      const live = await LiveBank.open(dir, {
        prepare: (pool) => {
          if (pool.items.length !== 27) return Promise.resolve();
          preparing = new Promise<void>((resolve) => {
            release = resolve;
          });
          return preparing;
        },
      });
      const before = live.current;
      write(
        'lambda.md',
        `${GOOD.replace('Managed servers', 'Hidden servers')}\nCold starts add ==latency==.\n`,
        2_000,
      );
      const reloading = live.reload();
      await vi.waitFor(() => expect(preparing).toBeDefined());
      expect(live.current).toBe(before);
      // The served bank still finds the note's old text and not its new one: nothing is half-applied.
      expect(before.search('managed servers')[0]?.item.note).toBe('lambda.md');
      expect(before.search('latency')).toEqual([]);
      release();
      await reloading;
      expect(live.current.search('latency')[0]?.item.note).toBe('lambda.md');
    });

    it('serves the new bank anyway when preparing it fails, and says so', async () => {
      const problems: unknown[] = [];
      const live = await LiveBank.open(dir, {
        prepare: async (pool) => {
          if (pool.items.length === 27) throw new Error('out of memory');
        },
        onPrepareError: (error) => problems.push(error),
      });
      write('lambda.md', `${GOOD}\nCold starts add ==latency== to the first call.\n`, 2_000);
      await live.reload();
      expect(live.current.items).toHaveLength(27);
      expect(problems).toEqual([new Error('out of memory')]);
    });
  });
});
