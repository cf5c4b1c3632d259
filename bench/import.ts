/**
 * Import benchmark: a 10,000-card Anki package (6,000 Basic notes, 1,000 Basic-and-reversed, 2,000
 * Cloze; HTML in the fields) and a 10,000-row CSV, each read by its deck reader and loaded as a bank
 * (items, id table, search index) from a data folder. The package is built with the test fixture
 * builder (sql.js + fflate), like the tests do. Each case runs ROUNDS times after one cold run.
 * Size: BENCH_IMPORT_CARDS=10000 (default).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveBank } from '../src/bank/index.ts';
import { readAnkiPackage } from '../src/import/anki.ts';
import { readCsvDeck } from '../src/import/csv.ts';
import { buildApkg, type FixtureNote } from '../test/import/anki-fixture.ts';

const CARDS = Number(process.env.BENCH_IMPORT_CARDS ?? 10_000);
const ROUNDS = 5;

function notesFor(cards: number): FixtureNote[] {
  const basic = Math.round(cards * 0.6);
  const reversed = Math.round(cards * 0.1);
  const cloze = cards - basic - reversed * 2;
  const notes: FixtureNote[] = [];
  for (let i = 0; i < basic; i++) {
    notes.push({
      guid: `b${i}`,
      type: 'Basic',
      fields: [
        `What does <b>service ${i}</b> do?`,
        `<div>It runs workload ${i} &amp; scales it</div><div>in region ${i % 17}</div>`,
      ],
      tags: ['aws', `t${i % 50}`],
      deck: `AWS::Part ${i % 10}`,
    });
  }
  for (let i = 0; i < reversed; i++) {
    notes.push({
      guid: `r${i}`,
      type: 'Basic (and reversed card)',
      fields: [`term ${i}`, `meaning of term ${i}`],
      deck: 'AWS::Terms',
    });
  }
  for (let i = 0; i < cloze; i++) {
    notes.push({
      guid: `c${i}`,
      type: 'Cloze',
      fields: [
        `Feature ${i} is {{c1::available in ${i % 30} regions}} for <i>every</i> account.`,
        `extra ${i}`,
      ],
      deck: 'AWS::Cloze',
    });
  }
  return notes;
}

function csvFor(rows: number): string {
  const lines = ['term,definition,tags,domain'];
  for (let i = 0; i < rows; i++)
    lines.push(`term ${i},"definition of term ${i}, with a comma",aws t${i % 40},Domain ${i % 4}`);
  return `${lines.join('\n')}\n`;
}

async function time(run: () => Promise<unknown> | unknown): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

const dir = mkdtempSync(join(tmpdir(), 'flashcord-bench-import-'));
try {
  const apkg = await buildApkg(notesFor(CARDS));
  const csv = Buffer.from(csvFor(CARDS));
  writeFileSync(join(dir, 'deck.apkg'), apkg);
  const csvDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-import-csv-'));
  writeFileSync(join(csvDir, 'deck.csv'), csv);

  // Cold: the first load in this process, SQLite's WebAssembly included.
  let cards = 0;
  const coldAnki = await time(async () => {
    cards = (await LiveBank.open(dir)).current.items.length;
  });
  const anki: number[] = [];
  const ankiBank: number[] = [];
  const csvRead: number[] = [];
  const csvBank: number[] = [];
  let rows = 0;
  const coldCsv = await time(async () => {
    rows = (await LiveBank.open(csvDir)).current.items.length;
  });
  for (let round = 0; round < ROUNDS; round++) {
    anki.push(await time(() => readAnkiPackage('deck.apkg', apkg)));
    ankiBank.push(await time(() => LiveBank.open(dir)));
    csvRead.push(await time(() => readCsvDeck('deck.csv', csv)));
    csvBank.push(await time(() => LiveBank.open(csvDir)));
  }
  rmSync(csvDir, { recursive: true, force: true });
  const fmt = (ms: number) => `${Math.round(ms)} ms`;
  console.log(
    `package: ${(apkg.length / 1024 / 1024).toFixed(1)} MB, ${cards} cards; CSV: ${(csv.length / 1024).toFixed(0)} KB, ${rows} rows`,
  );
  console.log('| case | cold (first) | median | max |');
  console.log('| --- | ---: | ---: | ---: |');
  console.log(
    `| read the .apkg (unzip, sql.js, items) | — | ${fmt(median(anki))} | ${fmt(Math.max(...anki))} |`,
  );
  console.log(
    `| data folder with the .apkg → bank (LiveBank.open) | ${fmt(coldAnki)} | ${fmt(median(ankiBank))} | ${fmt(Math.max(...ankiBank))} |`,
  );
  console.log(
    `| read the CSV (csv-parse, items) | — | ${fmt(median(csvRead))} | ${fmt(Math.max(...csvRead))} |`,
  );
  console.log(
    `| data folder with the CSV → bank (LiveBank.open) | ${fmt(coldCsv)} | ${fmt(median(csvBank))} | ${fmt(Math.max(...csvBank))} |`,
  );
  const ankiWorst = Math.max(coldAnki, ...ankiBank);
  const csvWorst = Math.max(coldCsv, ...csvBank);
  console.log(`targets: .apkg < 3000 ms (worst ${fmt(ankiWorst)}), CSV < 1000 ms (worst ${fmt(csvWorst)})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
