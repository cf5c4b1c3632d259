import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBank, loadBank, parseNote } from '../../src/bank/index.ts';

const seed = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'aws', 'ami.md'));
const fixtures = join(import.meta.dirname, '..', 'fixtures', 'bank');
const bank = buildBank([
  parseNote('aws/ami.md', seed),
  parseNote('net/vpc.md', '---\ntags: networking\n---\n# VPC\n\nA subnet lives in ==one AZ== only.\n'),
]);

describe('Bank', () => {
  it('finds a fact by a fuzzy, prefix query and ranks it first', () => {
    const [hit] = bank.search('regon specif', { limit: 3 });
    expect(hit?.item.prompt).toBe('Are AMIs region-specific?');
    expect(hit?.score).toBeGreaterThan(0);
  });

  it('limits search results and returns nothing for a blank query', () => {
    expect(bank.search('ami', { limit: 2 })).toHaveLength(2);
    expect(bank.search('   ')).toEqual([]);
  });

  it('gets an item by id', () => {
    const first = bank.items[0];
    expect(first && bank.get(first.id)).toBe(first);
    expect(bank.get('missing')).toBeUndefined();
  });

  it('lists tags and note titles as topics with item counts, most items first', () => {
    const topics = bank.topics();
    expect(topics).toContainEqual({ name: 'aws', kind: 'tag', items: 25 });
    expect(topics).toContainEqual({ name: 'VPC', kind: 'note', items: 1, note: 'net/vpc.md' });
    expect(topics[0]?.items).toBe(25);
  });

  it('selects items by tag, note title or note path, case-insensitively, and all items without a topic', () => {
    expect(bank.itemsForTopic('SAA-C03')).toHaveLength(25);
    expect(bank.itemsForTopic('vpc')).toHaveLength(1);
    expect(bank.itemsForTopic('net/vpc.md')).toHaveLength(1);
    expect(bank.itemsForTopic('AMI (Amazon Machine Image)')).toHaveLength(25);
    expect(bank.itemsForTopic('')).toHaveLength(26);
    expect(bank.itemsForTopic(undefined)).toHaveLength(26);
    expect(bank.itemsForTopic('nothing-like-it')).toEqual([]);
  });

  it('summarises every note with its item counts by kind', () => {
    expect(bank.notes[0]).toMatchObject({
      path: 'aws/ami.md',
      items: 25,
      counts: { qa: 10, cloze: 2, fact: 12, sequence: 1, choice: 0 },
    });
  });

  it('reports an explicit id used in two notes as an error and drops the second item', () => {
    const twice = buildBank([
      parseNote('a.md', '> [!question] One? ^shared\n> Yes.\n'),
      parseNote('b.md', '> [!question] Two? ^shared\n> No.\n'),
    ]);
    expect(twice.items.map((item) => item.prompt)).toEqual(['One?']);
    expect(twice.diagnostics).toEqual([
      expect.objectContaining({
        file: 'b.md',
        line: 1,
        severity: 'error',
        message: expect.stringContaining('a.md:1'),
      }),
    ]);
  });
});

describe('loadBank', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-bank-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads the good notes of a folder where every malformed case sits beside them', async () => {
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'ami.md'), seed);
    for (const name of [
      'broken-frontmatter',
      'empty-file',
      'empty-table',
      'non-utf8',
      'question-no-answer',
    ]) {
      writeFileSync(join(dir, `${name}.md`), readFileSync(join(fixtures, name, 'input.md')));
    }
    const loaded = await loadBank(dir);
    expect(loaded.notes).toHaveLength(6);
    expect(loaded.itemsForTopic('aws')).toHaveLength(25);
    const files = new Set(loaded.diagnostics.map((d) => d.file));
    expect(files).toEqual(
      new Set([
        'broken-frontmatter.md',
        'empty-file.md',
        'empty-table.md',
        'non-utf8.md',
        'question-no-answer.md',
      ]),
    );
  });

  it('loads a 2 MB note (a pasted log), keeping its items and reporting it as large', () => {
    // Prose-heavy 2 MB notes take tens of seconds on a busy 2-core runner; a log block keeps the test quick.
    const line = 'INFO 2026-11-27T12:00:00Z instance i-0abc started in us-east-1a with ami-0123456789\n';
    const log = line.repeat(Math.ceil((2 * 1024 * 1024) / line.length));
    const text = `# Huge\n\nPasting logs makes a note ==very large== indeed.\n\n\`\`\`log\n${log}\`\`\`\n\n> [!question] Does it load?\n> ==Yes==.\n`;
    const parsed = parseNote('huge.md', Buffer.from(text));
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    expect(parsed.items.map((item) => item.kind)).toEqual(['cloze', 'qa']);
    expect(parsed.diagnostics).toEqual([
      expect.objectContaining({
        file: 'huge.md',
        line: 1,
        severity: 'info',
        message: expect.stringContaining('large note'),
      }),
    ]);
  });

  it('refuses a folder that does not exist with a clear message', async () => {
    await expect(loadBank(join(dir, 'missing'))).rejects.toThrow(/notes folder not found/);
  });
});
