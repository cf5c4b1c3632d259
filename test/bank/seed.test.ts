import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank, parseNote, sourceOf } from '../../src/bank/index.ts';
import { AMI_QUESTIONS } from '../fixtures/quiz/ami.ts';

const dataDir = join(import.meta.dirname, '..', '..', 'data');
const ami = parseNote('aws/ami.md', readFileSync(join(dataDir, 'aws', 'ami.md')));
const ofKind = (kind: string) => ami.items.filter((item) => item.kind === kind);

describe('the seed note data/aws/ami.md', () => {
  it('yields exactly the ten questions Q1–Q10, without their numbers', () => {
    expect(ofKind('qa').map((item) => item.prompt)).toEqual(AMI_QUESTIONS);
  });

  it('gives plain-text answers and keeps Markdown, lists and highlights in answerMarkdown', () => {
    const q3 = ofKind('qa')[2];
    expect(q3?.answer).toBe(
      'Yes. AMIs are built for a specific region. To use an AMI in another region, you must copy it to that region first.',
    );
    expect(q3?.answerMarkdown).toContain('==Yes==');
    expect(q3?.keys).toEqual(['Yes', 'copy it']);
    const q5 = ofKind('qa')[4];
    expect(q5?.answerMarkdown.split('\n')).toEqual([
      '1. **Public AMIs** — provided by AWS (e.g., Amazon Linux 2)',
      '2. **Custom AMIs** — created and maintained by you',
      '3. **Marketplace AMIs** — made/sold by third-party vendors',
    ]);
    expect(q5?.answer).not.toContain('**');
    const q10 = ofKind('qa')[9];
    expect(q10?.answerMarkdown).toContain('- **User Data**: Script that runs on ==every boot==');
    expect(q10?.keys).toEqual(['every boot', 'pre-baked']);
    for (const qa of ofKind('qa')) {
      expect(qa.answer).not.toMatch(/Answer:|==|\*\*/);
      expect(qa.section).toBe('Questions & Answers');
    }
  });

  it('makes a fact of every table row: 5 characteristics, 3 sources, 4 comparison pairs', () => {
    const facts = ofKind('fact');
    const byTable = (table: string) => facts.filter((item) => item.fact?.table === table);
    expect(byTable('AMI Characteristics').map((item) => item.fact?.row)).toEqual([
      'Contains',
      'Region',
      'Cross-Region',
      'Boot speed',
      'Behind the scenes',
    ]);
    expect(byTable('AMI Sources').map((item) => item.fact?.row)).toEqual([
      'Public AMI',
      'Custom AMI',
      'Marketplace AMI',
    ]);
    const pairs = byTable('Why Use Custom AMIs?');
    expect(pairs.map((item) => item.fact?.shape)).toEqual(['pair', 'pair', 'pair', 'pair']);
    expect(pairs[1]?.fact?.row).toBe('Run User Data (install HTTPD, etc.)');
    expect(pairs[1]?.answer).toBe('Software already installed');
    expect(facts).toHaveLength(12);
    const region = byTable('AMI Characteristics')[1];
    expect(region?.answer).toBe('Built for a specific region');
    expect(region?.keys).toEqual(['specific region']);
    expect(region && sourceOf(region)).toBe('AMI (Amazon Machine Image) › AMI Characteristics');
  });

  it('makes clozes of the highlights in prose and in the tip callout, none from tables or answers', () => {
    expect(ofKind('cloze').map((item) => [item.cloze?.blanked, item.answer])).toEqual([
      [
        'An AMI is a ____ — it packages the OS, software, configuration, and data into a reusable image.',
        'customization of an EC2 instance',
      ],
      ['Custom AMIs give ____ because all software is pre-installed.', 'faster boot times'],
    ]);
  });

  it('reads the five creation steps in order and nothing from the ASCII diagram', () => {
    const sequences = ofKind('sequence');
    expect(sequences).toHaveLength(1);
    expect(sequences[0]?.steps).toEqual([
      'Launch EC2 Instance',
      'Customize Instance',
      'Stop Instance',
      'Create AMI',
      'Launch from Custom AMI',
    ]);
    expect(sequences[0]?.prompt).toBe('AMI Creation Process: the steps in order');
    expect(ami.items.some((item) => /[┌│└▶]/.test(item.prompt + item.answer))).toBe(false);
  });

  it('fills title, tags (frontmatter plus folder) and note path on every item, with no diagnostics', () => {
    expect(ami.diagnostics).toEqual([]);
    expect(ami.title).toBe('AMI (Amazon Machine Image)');
    for (const item of ami.items) {
      expect(item.note).toBe('aws/ami.md');
      expect(item.tags).toEqual(['aws', 'ec2', 'ami', 'image', 'saa-c03']);
      expect(item.line).toBeGreaterThan(0);
    }
  });
});

describe('every note shipped in data/', () => {
  it('loads without errors and with unique ids', async () => {
    const bank = await loadBank(dataDir);
    const files = readdirSync(dataDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      file.endsWith('.md'),
    );
    expect(bank.notes.map((note) => note.path).sort()).toEqual(
      files.map((file) => relative(dataDir, join(dataDir, file)).split('\\').join('/')).sort(),
    );
    expect(bank.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(new Set(bank.items.map((item) => item.id)).size).toBe(bank.items.length);
  });
});
