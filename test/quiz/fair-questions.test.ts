import { beforeAll, describe, expect, it } from 'vitest';
import { type Bank, buildBank, loadBank, parseNote } from '../../src/bank/index.ts';
import { classOf, sameColumnKind, sameKind } from '../../src/quiz/answer-class.ts';
import { equivalent, meaningOf } from '../../src/quiz/equivalence.ts';
import { correctResponse, grade, type Question } from '../../src/quiz/index.ts';
import { columnKey, indexOf } from '../../src/quiz/pool.ts';
import { previewQuestions } from '../../src/quiz/preview.ts';

const SEEDS = [1, 2, 3, 7, 42, 1234];
const NOTHING = /^(?:none|n\/a|unlimited|any|-)$/i;

/** Every question the preview makes of `bank` over several seeds. */
function questionsOf(bank: Bank): Question[] {
  return SEEDS.flatMap((seed) => previewQuestions(bank, seed).questions);
}

function rightsOf(question: Question): string[] {
  if (question.answers) return question.answers;
  return question.options && question.correct !== undefined ? [question.options[question.correct] ?? ''] : [];
}

/** The "Must show" invariants of issue 15, as one check per question. */
function unfairness(bank: Bank, question: Question): string[] {
  const problems: string[] = [];
  const item = bank.get(question.itemId);
  const say = (what: string) => problems.push(`${what} — ${question.type} “${question.prompt}”`);
  if (question.type === 'typed') {
    if (question.answer.trim().split(/\s+/).length > 4) say(`typed answer over 4 words: ${question.answer}`);
    // "16,000" is one number: only its thousands separator is a comma.
    if (/[,;]/.test(question.answer.replace(/(\d),(?=\d{3}(?!\d))/g, '$1')))
      say(`typed answer is a list: ${question.answer}`);
    if ((question.keys?.length ?? 0) > 1) say('typed answer needs several parts');
  }
  if (question.type !== 'choice' && question.type !== 'multi') return problems;
  const options = question.options ?? [];
  const rights = rightsOf(question);
  if (question.type === 'multi') {
    for (const answer of rights) if (!options.includes(answer)) say(`multi misses its answer ${answer}`);
    if (rights.length < 2) say('multi with fewer than 2 answers');
  }
  if (!question.explanation.trim()) say('no explanation');
  const wrong = options.filter((option) => !rights.includes(option));
  const noted = (question.optionNotes ?? []).map((note) => note.option);
  if (noted.join('\u0000') !== wrong.join('\u0000')) say(`optionNotes ${noted.join(' | ')} ≠ wrong options`);
  for (const note of question.optionNotes ?? []) if (!note.note.trim()) say(`empty note for ${note.option}`);
  // The author's own options and a sequence's own steps are the item's, whatever their class.
  const own = new Set([...(item?.choices ?? []).map((c) => c.text.trim()), ...(item?.steps ?? [])]);
  const column =
    item?.fact && indexOf(bank).byColumn.get(columnKey(item.note, item.fact.table, item.fact.columnIndex));
  const cells = new Set((column || []).map((cell) => cell.text));
  for (const option of wrong) {
    const offKind: string[] = [];
    for (const right of rights) {
      const names = classOf(option) === 'name' && classOf(right) === 'name';
      if (equivalent(meaningOf(option), meaningOf(right), names)) say(`option “${option}” says “${right}”`);
      if (own.has(option) || own.has(right)) continue;
      const a = classOf(right);
      const b = classOf(option);
      const sameColumn = cells.has(option) && cells.has(right);
      if (sameColumn && (NOTHING.test(option) || NOTHING.test(right))) continue;
      if (!(sameKind(a, b) || (sameColumn && sameColumnKind(a, b))))
        offKind.push(`option “${option}” (${b}) among ${a}`);
    }
    // A multi's answers may be of several kinds ("S3 bucket", "Application Load Balancer"): a wrong
    // option must be of the kind of one of them. A single answer has one kind.
    const tolerated = question.type === 'multi' ? rights.length - 1 : 0;
    if (offKind.length > tolerated) for (const problem of offKind) say(problem);
  }
  return problems;
}

describe.each([
  ['the fault fixtures of issue 15 (test/fixtures/questions)', 'test/fixtures/questions'],
  // Written after the generator, never tuned on: VPC, IAM, RDS and CloudFront notes in Obsidian style.
  ['notes the generator was not tuned on (test/fixtures/notes-unseen)', 'test/fixtures/notes-unseen'],
  // Written in a later session to re-check the invariants (ELB, DynamoDB, EBS, SQS/SNS), also never tuned on.
  ['a second set of notes never tuned on (test/fixtures/notes-unseen-2)', 'test/fixtures/notes-unseen-2'],
  ['the shipped notes (data/)', 'data'],
])('questions from %s', (_name, dir) => {
  let bank: Bank;
  let questions: Question[];
  beforeAll(async () => {
    bank = await loadBank(dir);
    questions = questionsOf(bank);
  });

  it('never offers an option equivalent to a right answer, or of another kind; notes every wrong option', () => {
    expect(questions.length).toBeGreaterThan(0);
    expect(questions.flatMap((question) => unfairness(bank, question))).toEqual([]);
  });

  it('answers every question it makes with its own answer', () => {
    for (const question of questions) {
      expect(grade(question, correctResponse(question)).correct, question.prompt).toBe(true);
    }
  });
});

describe('the faults of issue 15, on notes the project had never seen', () => {
  let bank: Bank;
  let questions: Question[];
  beforeAll(async () => {
    bank = await loadBank('test/fixtures/questions');
    questions = questionsOf(bank);
  });
  const asked = (start: string) => questions.filter((question) => question.prompt.startsWith(start));

  it('never offers "11 nines" beside 99.999999999% (percentages vs N nines)', () => {
    const durable = asked('How durable is S3?').filter((q) => q.options);
    expect(durable.length).toBeGreaterThan(0);
    for (const question of durable) expect(question.options).not.toContain('11 nines');
    for (const question of asked('At a glance: Durability?').filter((q) => q.options)) {
      expect(question.options).not.toContain('99.999999999%');
    }
  });

  it('never offers the prompt reworded ("lowest latency region") as a wrong routing policy', () => {
    const latency = asked('Which routing policy sends traffic to the lowest-latency region?').filter(
      (q) => q.options,
    );
    expect(latency.length).toBeGreaterThan(0);
    for (const question of latency) expect(question.options).not.toContain('lowest latency region');
  });

  it('keeps durations out of availabilities and console steps out of storage classes', () => {
    for (const question of asked('Classes compared: ').filter((q) => q.prompt.endsWith('Availability?'))) {
      for (const option of question.options ?? []) expect(option).toMatch(/%$|nines$/);
    }
    for (const question of asked('Which storage class is the cheapest').filter((q) => q.options)) {
      for (const option of question.options ?? []) expect(option).toMatch(/^S3 /);
    }
  });

  it('never offers an unrelated note\'s answer list for "What is the difference between a Security Group and a NACL?"', () => {
    const difference = asked('What is the difference between a Security Group and a NACL?');
    expect(difference.length).toBeGreaterThan(0);
    for (const question of difference) {
      expect(question.options ?? []).not.toContain('nested highlight, Nested answer');
      expect(question.answer).not.toContain(',');
    }
  });

  it('asks a task list with several [x] and a "Which two" callout as multi, with every answer', () => {
    const stateless = asked('Which of these are stateless?');
    expect(stateless.map((q) => q.type)).toEqual(SEEDS.map(() => 'multi'));
    for (const question of stateless) {
      expect(question.answers).toEqual(['Network ACL', 'Route table rules']);
      expect(question.prompt).toContain('(Choose two.)');
    }
    const ip = asked('Which two services can block traffic from one specific IP address?');
    expect(ip.every((q) => q.type === 'multi' && q.answers?.join() === 'NACL,AWS WAF')).toBe(true);
    const subnet = asked('Which of these filter traffic at the subnet level? (Choose two.)');
    expect(
      subnet.every(
        (q) => q.prompt.endsWith('(Choose two.)') && !q.prompt.endsWith('(Choose two.) (Choose two.)'),
      ),
    ).toBe(true);
  });

  it('types no long phrase or list: "Long-term archive, retrieval in 12 to 48 hours" and "Security Group, AWS Network Firewall" are not typed', () => {
    const typed = questions.filter((q) => q.type === 'typed').map((q) => q.answer);
    expect(typed).not.toContain('Long-term archive, retrieval in 12 to 48 hours');
    expect(typed).not.toContain('Security Group, AWS Network Firewall');
    expect(
      asked('Which services give network-level protection to a VPC?').every((q) => q.type === 'multi'),
    ).toBe(true);
  });

  it('asks a highlighted fragment of a definition in its sentence, not as the whole answer to "What is…?"', () => {
    const root = asked('What is the root account?');
    expect(root.length).toBeGreaterThan(0);
    for (const question of root) {
      expect(question.prompt).toContain('it has ____ to every service and resource');
      expect(question.answer).toBe('complete access');
    }
  });

  it('makes a false statement only from a cell that contradicts the row, never a near-paraphrase', () => {
    const oneZone = asked('True or false? Classes compared › S3 One Zone-IA (Use case)');
    for (const question of oneZone)
      expect(question.prompt).not.toContain('Infrequent access, rapid retrieval');
  });

  it('explains each answer from the note and says what each wrong option is', () => {
    const thirty = questions.find(
      (q) => q.type === 'choice' && q.optionNotes?.some((n) => n.option === '30 days'),
    );
    expect(thirty?.optionNotes?.find((n) => n.option === '30 days')?.note).toMatch(
      /^30 days is what the table gives for S3 (Standard-IA|One Zone-IA) — Minimum storage duration/,
    );
    const deep = asked('Which storage class is the cheapest')[0];
    expect(deep?.explanation).toContain('It is the lowest-cost class');
    expect(deep?.explanation).toContain('S3 Storage Classes › Durability');
  });
});

describe('true/false on the reference note', () => {
  it('makes the false "With AMI" statement from the other side of the row, which the table contradicts', async () => {
    const bank = await loadBank('data');
    const statements = questionsOf(bank).filter((q) =>
      q.prompt.startsWith('True or false? Why Use Custom AMIs?'),
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const question of statements.filter((q) => q.answer === 'False')) {
      const item = bank.get(question.itemId);
      expect(question.prompt).toBe(`True or false? Why Use Custom AMIs? › With AMI — ${item?.fact?.row}`);
    }
    expect(statements.map((q) => q.prompt)).not.toContain(
      'True or false? Why Use Custom AMIs? › Launch instance → With AMI — Software already installed',
    );
  });
});

describe('faults found on the notes the generator was not tuned on (test/fixtures/notes-unseen)', () => {
  let bank: Bank;
  let questions: Question[];
  beforeAll(async () => {
    bank = await loadBank('test/fixtures/notes-unseen');
    questions = questionsOf(bank);
  });
  const choices = (start: string) =>
    questions.filter((q) => q.prompt.startsWith(start) && (q.type === 'choice' || q.type === 'multi'));

  it('asks a table of attributes (Purpose | Cost | Scope) with rivals from the same column only', () => {
    const gateways = choices('Gateways and endpoints:');
    expect(gateways.length).toBeGreaterThan(5);
    for (const question of gateways) {
      const fact = bank.get(question.itemId)?.fact;
      const column = bank.items
        .filter((item) => item.fact?.table === fact?.table && item.fact?.column === fact?.column)
        .map((item) => item.answer);
      for (const option of question.options ?? []) expect(column, question.prompt).toContain(option);
    }
  });

  it('never offers a column header ("Cost", "Scope") or a table cell as the answer to a practice question', () => {
    const headers = ['Purpose', 'Cost', 'Scope', 'Free', 'Region', 'Main purpose', 'Replication'];
    const practice = questions.filter((q) => bank.get(q.itemId)?.kind !== 'fact' && q.options);
    expect(practice.length).toBeGreaterThan(10);
    for (const question of practice)
      for (const header of headers) expect(question.options, question.prompt).not.toContain(header);
  });

  it('asks "Serverless option?" (only "None" or one rival in its column) as true/false or typed, not padded', () => {
    const serverless = questions.filter((q) => q.prompt.includes('Serverless option'));
    expect(serverless.length).toBeGreaterThan(0);
    expect(serverless.filter((q) => q.type === 'choice')).toEqual([]);
  });

  it('never offers "NACL" beside "Network ACL", or an acronym beside its words', () => {
    expect(equivalent(meaningOf('NACL'), meaningOf('Network ACL'))).toBe(true);
    expect(equivalent(meaningOf('Virtual Private Cloud'), meaningOf('VPC'), true)).toBe(true);
    expect(equivalent(meaningOf('NAT Gateway'), meaningOf('Internet Gateway'), true)).toBe(false);
    expect(equivalent(meaningOf('IAM'), meaningOf('IAM role'), true)).toBe(false);
  });
});

describe('faults found on a second set of unseen notes (test/fixtures/notes-unseen-2)', () => {
  let bank: Bank;
  let questions: Question[];
  beforeAll(async () => {
    bank = await loadBank('test/fixtures/notes-unseen-2');
    questions = questionsOf(bank);
  });
  const withOptions = () => questions.filter((q) => q.options && q.type !== 'truefalse');

  it('reads a table with fewer rows than value columns (Mode | Billing | Best for | Scaling) as rows of things: its headers are no options', () => {
    const headers = ['Billing', 'Best for', 'Scaling', 'Class', 'Max IOPS', 'Ordering', 'Delivery'];
    expect(withOptions().length).toBeGreaterThan(40);
    for (const question of withOptions())
      for (const header of headers) expect(question.options, question.prompt).not.toContain(header);
    const mode = questions.find((q) => q.type === 'choice' && q.prompt.includes('Which capacity mode?'));
    expect(mode?.options).toContain('Provisioned');
  });

  it('keeps rates apart from sizes: no "500 MiB/s" among item sizes, only rates among throughputs', () => {
    expect([classOf('500 MiB/s'), classOf('10 Gbps'), classOf('3,000 requests per second')]).toEqual([
      'rate',
      'rate',
      'rate',
    ]);
    expect(classOf('400 KB')).toBe('size');
    for (const question of withOptions()) {
      const right = rightsOf(question).map(classOf);
      if (!right.every((kind) => kind === 'size' || kind === 'rate')) continue;
      for (const option of question.options ?? []) expect(right, question.prompt).toContain(classOf(option));
    }
  });

  it('reads "16,000" as one number: a count, typed as "16000" or "16,000"', () => {
    expect(classOf('16,000')).toBe('count');
    expect(classOf('4,000 MiB/s')).toBe('rate');
    const item = bank.items.find((i) => i.answer === '16,000');
    const typed = questions.find((q) => q.itemId === item?.id && q.type === 'typed');
    if (!typed) throw new Error('"16,000" is not asked as a typed question');
    for (const text of ['16000', '16,000', '16,000 IOPS'])
      expect(grade(typed, { text }).correct, text).toBe(true);
    expect(grade(typed, { text: '1600' }).correct).toBe(false);
  });

  it('names a two-column table\'s value column when it says what is asked ("— Annual failure rate?"), not a plain "Value"', () => {
    const prompts = new Set(questions.map((q) => q.prompt));
    expect(prompts).toContain('Durability: io2 — Annual failure rate?');
    expect(prompts).toContain('Numbers to know: Maximum item size?');
  });

  it('keeps the plain question when the value column has no header ("| Volume | |")', () => {
    const note =
      '# EBS\n\n## Volume limits\n\n| Volume | |\n|---|---|\n| gp3 | 16 TiB |\n| io2 | 64 TiB |\n| st1 | 16 TiB |\n';
    const prompts = questionsOf(buildBank([parseNote('aws/ebs.md', note)])).map((q) => q.prompt);
    expect(prompts).toContain('Volume limits: gp3?');
    expect(prompts.filter((prompt) => prompt.includes('—'))).toEqual([]);
  });
});
