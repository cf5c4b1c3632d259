import { strToU8, zipSync } from 'fflate';
import initSqlJs from 'sql.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParsedNote } from '../../src/bank/parse-note.ts';
import { DEFAULT_ANKI_LIMITS, readAnkiPackage } from '../../src/import/anki.ts';
import { ZipError } from '../../src/import/zip.ts';
import { unzstd } from '../../src/import/zstd.ts';
import {
  buildApkg,
  buildCollection,
  buildCollection18,
  buildNewestApkg,
  type FixtureNote,
  SAMPLE_NOTES,
  zipPackage,
  zstdStored,
} from './anki-fixture.ts';

const byPrompt = (note: ParsedNote, prompt: string) => note.items.find((item) => item.prompt === prompt);
const messages = (note: ParsedNote) => note.diagnostics.map((d) => `${d.line} ${d.severity}: ${d.message}`);

describe('Anki packages', () => {
  let deck: ParsedNote;

  beforeAll(async () => {
    deck = await readAnkiPackage('decks/aws.apkg', await buildApkg(SAMPLE_NOTES));
  });

  it('reads a Basic note as one question and answer, with its tags, deck and folder', () => {
    const ec2 = byPrompt(deck, 'What is EC2?');
    expect(ec2).toMatchObject({
      kind: 'qa',
      answer: 'Elastic Compute Cloud: virtual servers',
      note: 'decks/aws.apkg',
      section: 'AWS › Compute',
      line: 1,
    });
    expect(ec2?.tags).toEqual(['aws', 'ec2', 'decks']);
  });

  it('reads Basic-and-reversed as two cards, one each way', () => {
    expect(byPrompt(deck, 'S3')?.answer).toBe('Simple Storage Service & object storage');
    expect(byPrompt(deck, 'Simple Storage Service & object storage')?.answer).toBe('S3');
  });

  it('turns each cloze number into a flashcord cloze, hints kept in the blank, Back Extra in the explanation', () => {
    const clozes = deck.items.filter((item) => item.kind === 'cloze');
    expect(clozes.map((c) => [c.prompt, c.answer])).toEqual([
      ['An AMI is ____ and can be copied to other regions.', 'region-specific'],
      ['An AMI is region-specific and can be ____ [how?] to other regions.', 'copied'],
    ]);
    expect(clozes[0]?.cloze).toEqual({
      sentence: 'An AMI is region-specific and can be copied to other regions.',
      blanked: 'An AMI is ____ and can be copied to other regions.',
    });
    expect(clozes[0]?.answerMarkdown).toBe(
      'An AMI is ==region-specific== and can be copied to other regions.\n\nSee AMI docs',
    );
  });

  it('turns HTML into text: scripts dropped, entities decoded, bold as keys, Markdown escaped', () => {
    const vpc = byPrompt(deck, 'What does a VPC give you?');
    expect(vpc?.answer).toBe('Isolated network\nSubnets <per AZ> *and* routing');
    expect(vpc?.answerMarkdown).toBe('Isolated ==network==\nSubnets \\<per AZ\\> \\*and\\* routing');
    expect(vpc?.keys).toEqual(['network']);
    expect(JSON.stringify(deck.items)).not.toContain('alert');
  });

  it('drops media with a diagnostic, and skips media-only cards, duplicates, empty fields and unsupported note types', () => {
    expect(messages(deck)).toEqual([
      '1 warning: 1 note of the unsupported note type "Image Occlusion" skipped (Basic, Basic-and-reversed and Cloze are read)',
      '1 warning: 1 note of the unsupported note type "Front only" skipped (Basic, Basic-and-reversed and Cloze are read)',
      '4 info: note 1600000000003 (Basic): 1 media reference (image or sound) dropped; the text is kept',
      '5 warning: note 1600000000004 (Basic), card "Card 1": the question is media only (images and sounds are dropped); skipped',
      '6 warning: note 1600000000005 (Basic): duplicate of the card on line 1; skipped',
      '7 warning: note 1600000000006 (Basic), card "Card 1": empty answer field; skipped',
    ]);
    expect(deck.items).toHaveLength(6);
    expect(deck.diagnostics.some((d) => d.severity === 'error')).toBe(false);
  });

  it('keeps ids stable when the deck is exported again with edits, new notes and another file name', async () => {
    const edited: FixtureNote[] = [
      { guid: 'new-note', type: 'Basic', fields: ['What is EBS?', 'Block storage'] },
      ...SAMPLE_NOTES.map((n) =>
        n.guid === 'basic-ec2' ? { ...n, fields: ['What is EC2?', 'Virtual servers'] } : n,
      ),
    ];
    const again = await readAnkiPackage('elsewhere/renamed.apkg', await buildApkg(edited));
    const after = new Map(again.items.map((i) => [i.id, i]));
    for (const item of deck.items) expect(after.get(item.id)?.prompt).toBe(item.prompt);
    expect(after.get(byPrompt(deck, 'What is EC2?')?.id ?? '')?.answer).toBe('Virtual servers');
    expect(after.size).toBe(again.items.length);
  });

  it('names the deck after its only top-level deck', async () => {
    const note = await readAnkiPackage(
      'spanish.apkg',
      await buildApkg([{ guid: 'g1', type: 'Basic', fields: ['hola', 'hello'], deck: 'Spanish::Greetings' }]),
    );
    expect(note.title).toBe('Spanish');
    expect(note.items[0]).toMatchObject({ title: 'Spanish', section: 'Greetings' });
  });

  it('refuses a file that is not a zip, a zip without a collection, and a malformed collection, each with one error', async () => {
    const cases: [Uint8Array, string][] = [
      [strToU8('definitely not a zip'), 'not a zip archive'],
      [zipSync({ 'readme.txt': strToU8('hi') }), 'not an Anki package: it holds no collection.anki2'],
      [
        zipPackage(strToU8('SQLite format 3\0 but garbage after the header'.repeat(20))),
        'not a readable Anki collection',
      ],
      [zipPackage(await emptyDatabase()), 'not a readable Anki collection: no such table: col'],
    ];
    for (const [bytes, message] of cases) {
      const note = await readAnkiPackage('bad.apkg', bytes);
      expect(note.items).toEqual([]);
      expect(note.skipped).toBe(true);
      expect(note.diagnostics).toHaveLength(1);
      expect(note.diagnostics[0]).toMatchObject({ severity: 'error', file: 'bad.apkg', line: 1 });
      expect(note.diagnostics[0]?.message).toContain(message);
    }
  });

  it('reads the newest format (Zstandard collection.anki21b, schema 18) as the older one, not its update stub', async () => {
    const newest = await readAnkiPackage('decks/aws.colpkg', await buildNewestApkg(SAMPLE_NOTES));
    const older = await readAnkiPackage('decks/aws.colpkg', await buildApkg(SAMPLE_NOTES));
    expect(newest.items).toEqual(older.items);
    expect(newest.diagnostics).toEqual(older.diagnostics);
    expect(JSON.stringify(newest.items)).not.toContain('update');
  });

  it('refuses a Zstandard collection that declares or unpacks to more than its limit', async () => {
    const collection = await buildCollection18([{ guid: 'a', type: 'Basic', fields: ['q', 'a'] }]);
    const lying = zipPackage(collection, {
      collectionName: 'x',
      extraEntries: { 'collection.anki21b': zstdStored(collection, 2 ** 33) },
    });
    expect((await readAnkiPackage('big.apkg', lying)).diagnostics[0]?.message).toMatch(
      /^collection\.anki21b declares 8192 MB, more than the limit for its size; refused$/,
    );
    expect(() => unzstd('c', zstdStored(new Uint8Array(300_000), 100_000), 200_000)).toThrow(ZipError);
    expect(() => unzstd('c', zstdStored(new Uint8Array(300_000)), 200_000)).toThrow('c declares 293 KB');
    expect(() => unzstd('c', new Uint8Array([1, 2, 3, 4, 5, 6]), 200_000)).toThrow('c: not Zstandard data');
  });

  it('refuses a collection with more notes than the limit', async () => {
    const notes = Array.from(
      { length: 5 },
      (_, i): FixtureNote => ({ guid: `g${i}`, type: 'Basic', fields: [`q${i}`, `a${i}`] }),
    );
    const note = await readAnkiPackage('big.apkg', await buildApkg(notes), {
      ...DEFAULT_ANKI_LIMITS,
      maxNotes: 4,
    });
    expect(note.diagnostics[0]?.message).toBe('the collection has 5 notes; at most 4 are read');
  });

  it('reads the collection.anki21 of a package that has both', async () => {
    const old = await buildCollection([{ guid: 'old', type: 'Basic', fields: ['old q', 'old a'] }]);
    const current = await buildCollection([{ guid: 'cur', type: 'Basic', fields: ['new q', 'new a'] }]);
    const note = await readAnkiPackage(
      'both.apkg',
      zipPackage(old, { extraEntries: { 'collection.anki21': current } }),
    );
    expect(note.items.map((i) => i.prompt)).toEqual(['new q']);
  });
});

async function emptyDatabase(): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run('create table other (x)');
  const bytes = db.export();
  db.close();
  return bytes;
}
