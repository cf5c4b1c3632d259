/**
 * Question engine throughput: `npx tsx bench/questions.ts [NOTES]`.
 * Builds a synthetic bank shaped like data/aws/ami.md (25 items a note: Q&As, clozes, table facts,
 * a sequence) with varied words per note, then times question making and typed grading.
 */
import { readFileSync } from 'node:fs';
import type { Item } from '../src/bank/types.ts';
import {
  applicableTypes,
  grade,
  indexOf,
  makeQuestion,
  pickType,
  type Question,
  type Response,
} from '../src/quiz/index.ts';
import { createRandom } from '../src/quiz/random.ts';

const NOTES = Number(process.argv[2] ?? 10_000);
const FOLDERS = 40;
const template = JSON.parse(
  readFileSync(new URL('../test/fixtures/quiz/ami-items.json', import.meta.url), 'utf8'),
) as Item[];
const VOCABULARY = [
  'Lambda',
  'VPC',
  'Aurora',
  'Kinesis',
  'Route',
  'Glacier',
  'Fargate',
  'Redshift',
  'Cognito',
];

/** A copy of the AMI items for note `n`, with "AMI" swapped for another service so texts differ. */
function noteItems(n: number): Item[] {
  const word = `${VOCABULARY[n % VOCABULARY.length]}${n}`;
  const swap = (text: string) => text.replaceAll('AMI', word);
  const note = `folder${n % FOLDERS}/note${n}.md`;
  return template.map((item) => ({
    ...item,
    id: `${item.id}-${n}`,
    note,
    prompt: swap(item.prompt),
    answer: swap(item.answer),
    answerMarkdown: swap(item.answerMarkdown),
    keys: item.keys.map(swap),
    ...(item.steps ? { steps: item.steps.map(swap) } : {}),
    ...(item.fact ? { fact: { ...item.fact, table: swap(item.fact.table), row: swap(item.fact.row) } } : {}),
    ...(item.cloze
      ? { cloze: { sentence: swap(item.cloze.sentence), blanked: swap(item.cloze.blanked) } }
      : {}),
  }));
}

function rate(count: number, ms: number): string {
  return Math.round(count / (ms / 1000)).toLocaleString('en');
}

/**
 * Wall time and CPU time of `run`. CPU time (user + system of this process) is the fairer figure
 * when other processes share the two cores; both are reported.
 */
function time<T>(run: () => T): { ms: number; cpuMs: number; result: T } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const result = run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000, result };
}

const built = time(() => Array.from({ length: NOTES }, (_, n) => noteItems(n)).flat());
const pool = { items: built.result };
const indexed = time(() => indexOf(pool));

const random = createRandom(2026);
const sample = Array.from({ length: 40_000 }, () => pool.items[random.int(pool.items.length)] as Item);
// What a quiz does per question: the type is known (stored or picked), the question is rebuilt from a seed.
const pairs = sample.flatMap((item) => applicableTypes(item, pool).map((type) => ({ item, type })));
const asked = time(() => {
  let made = 0;
  for (const [i, { item, type }] of pairs.entries())
    if (makeQuestion(item, pool, { type, seed: i + 1 })) made++;
  return made;
});
const picked = time(() => {
  let made = 0;
  for (const [i, item] of sample.entries()) {
    const type = pickType(item, pool, i);
    if (type && makeQuestion(item, pool, { type, seed: i })) made++;
  }
  return made;
});
const typed: Question[] = [];
for (const [i, item] of sample.entries()) {
  const question = makeQuestion(item, pool, { type: 'typed', seed: i });
  if (question) typed.push(question);
}
const replies = (question: Question, i: number): Response => {
  switch (i % 4) {
    case 0:
      return { text: question.answer };
    case 1:
      return { text: `${question.answer.slice(0, -2)}xx` };
    case 2:
      return { text: 'something else entirely' };
    default:
      return { text: question.answer.split(/,\s*/).reverse().join(' and ') };
  }
};
const GRADINGS = 400_000;
const graded = time(() => {
  let right = 0;
  for (let i = 0; i < GRADINGS; i++) {
    const question = typed[i % typed.length] as Question;
    if (grade(question, replies(question, i)).correct) right++;
  }
  return right;
});
const long = 'ebs snapshots and more '.repeat(218);
const gradedLong = time(() => {
  for (let i = 0; i < 20_000; i++) grade(typed[i % typed.length] as Question, { text: long });
});

type Timed = { ms: number; cpuMs: number };
const per = (count: number, timed: Timed) => `${rate(count, timed.ms)}/s | ${rate(count, timed.cpuMs)}/s`;
const took = (timed: Timed) => `${timed.ms.toFixed(0)} ms | ${timed.cpuMs.toFixed(0)} ms`;

const rows: [string, string][] = [
  ['build synthetic items', took(built)],
  ['index (once per bank)', took(indexed)],
  [`makeQuestion (${asked.result} questions)`, per(asked.result, asked)],
  ['pickType + makeQuestion', per(picked.result, picked)],
  [`typed grading (${GRADINGS} replies)`, per(GRADINGS, graded)],
  ['typed grading, 5,000-char reply', per(20_000, gradedLong)],
];
const width = Math.max(...rows.map(([name]) => name.length));
console.log(`bank: ${NOTES.toLocaleString('en')} notes, ${pool.items.length.toLocaleString('en')} items`);
console.log(`| ${'measure'.padEnd(width)} | wall clock | CPU time |`);
console.log(`| ${'-'.repeat(width)} | ---------- | -------- |`);
for (const [name, value] of rows) console.log(`| ${name.padEnd(width)} | ${value} |`);
