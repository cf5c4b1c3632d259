import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveBank } from '../../src/bank/index.ts';
import { openBankInParallel } from '../../src/bank/parse-pool.ts';
import { watchNotes } from '../../src/bank/watch.ts';
import { applicableTypes, makeQuestion } from '../../src/quiz/index.ts';
import { buildApkg, SAMPLE_NOTES } from './anki-fixture.ts';

const seed = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'aws', 'ami.md'));

describe('decks in the data folder', () => {
  let dir: string;
  const write = (name: string, bytes: string | Uint8Array, mtime: number): void => {
    writeFileSync(join(dir, name), bytes);
    utimesSync(join(dir, name), mtime, mtime);
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flashcord-decks-'));
    mkdirSync(join(dir, 'decks'));
    write('ami.md', seed, 1_000);
    write('decks/aws.apkg', await buildApkg(SAMPLE_NOTES), 1_000);
    write('decks/quizlet.tsv', 'Route 53\tAmazon DNS service\nCloudFront\tAmazon CDN\n', 1_000);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('load beside the notes, searchable, as quiz topics, with their diagnostics', async () => {
    const bank = (await LiveBank.open(dir)).current;
    expect(bank.notes.map((n) => [n.path, n.items])).toEqual([
      ['ami.md', 25],
      ['decks/aws.apkg', 6],
      ['decks/quizlet.tsv', 2],
    ]);
    expect(bank.search('cdn')[0]?.item).toMatchObject({ prompt: 'CloudFront', note: 'decks/quizlet.tsv' });
    expect(bank.search('elastic compute')[0]?.item.prompt).toBe('What is EC2?');
    expect(bank.itemsForTopic('networking').map((i) => i.prompt)).toEqual(['What does a VPC give you?']);
    expect(bank.topics().some((t) => t.kind === 'tag' && t.name === 'decks')).toBe(true);
    expect(bank.diagnostics.filter((d) => d.file === 'decks/aws.apkg')).toHaveLength(6);
  });

  it('give choice and typed questions, as notes do', async () => {
    const bank = (await LiveBank.open(dir)).current;
    const cloze = bank.items.find((i) => i.note === 'decks/aws.apkg' && i.kind === 'cloze');
    const qa = bank.items.find((i) => i.prompt === 'Route 53');
    for (const item of [cloze, qa]) {
      if (!item) throw new Error('missing item');
      expect(applicableTypes(item, bank)).toEqual(expect.arrayContaining(['choice', 'typed']));
      const choice = makeQuestion(item, bank, { type: 'choice', seed: 1 });
      expect(choice?.options?.[choice.correct ?? -1]).toBe(item.answer);
      expect(makeQuestion(item, bank, { type: 'typed', seed: 1 })?.answer).toBe(item.answer);
    }
  });

  it('a deck that breaks keeps serving its last good cards; a new bad file never touches the rest', async () => {
    const live = await LiveBank.open(dir);
    write('decks/aws.apkg', 'PK but truncated', 2_000);
    write('decks/bomb.apkg', 'not a zip either', 2_000);
    const report = await live.reload();
    expect(report.keptLastGood).toEqual(['decks/aws.apkg']);
    const bank = live.current;
    expect(bank.items.filter((i) => i.note === 'decks/aws.apkg')).toHaveLength(6);
    expect(bank.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.file, d.message])).toEqual([
      ['decks/aws.apkg', 'not a zip archive (an Anki package is one)'],
      ['decks/bomb.apkg', 'not a zip archive (an Anki package is one)'],
    ]);
    expect(bank.items).toHaveLength(33);
  });

  it('are picked up, changed and removed by the live-reload watcher', async () => {
    const live = await LiveBank.open(dir);
    const watcher = watchNotes(live, { debounceMs: 10, maxWaitMs: 50 });
    try {
      write(
        'decks/sheet.csv',
        'term,definition,domain\nKMS,Key Management Service,Design Secure Architectures\n',
        3_000,
      );
      await waitFor(() => live.current.items.some((i) => i.prompt === 'KMS'));
      expect(live.current.items.find((i) => i.prompt === 'KMS')?.tags).toContain(
        'domain:design-secure-architectures',
      );
      unlinkSync(join(dir, 'decks/quizlet.tsv'));
      await waitFor(() => !live.current.items.some((i) => i.prompt === 'CloudFront'));
    } finally {
      watcher.close();
    }
  });

  it('load the same on parse worker threads as in-process', async () => {
    const inProcess = (await LiveBank.open(dir)).current;
    const onWorkers = (await openBankInParallel(dir, { workers: 2, minNotes: 1 })).current;
    expect(onWorkers.items).toEqual(inProcess.items);
    expect(onWorkers.diagnostics).toEqual(inProcess.diagnostics);
  });
});

async function waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  expect(condition()).toBe(true);
}
