import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/bank/index.ts';

/** Sections of a note, each yielding items of several kinds. */
const SECTIONS = [
  '## Storage\n\n| Term | Meaning |\n| --- | --- |\n| EBS | Block storage |\n| S3 | Object storage |\n',
  '## Questions\n\n> [!question]- Q1: What is an AMI?\n> **Answer:**\n> A ==template== for instances.\n',
  '## Facts\n\nAn AMI is a ==customization of an EC2 instance== for reuse.\n',
  '## Steps\n\n1. Launch\n2. Customize\n3. Stop\n',
  '## Cards\n\nCapital of France::Paris\n',
];

const word = fc.stringMatching(/^[a-z]{1,10}$/);
/** Unrelated prose: a paragraph without highlights or card separators, so it yields no items. */
const filler = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(' ')}.\n`);

function idsByPrompt(text: string): Map<string, string> {
  return new Map(parseNote('aws/ids.md', text).items.map((item) => [item.prompt, item.id]));
}

describe('item ids', () => {
  const baseline = idsByPrompt(`# Note\n\n${SECTIONS.join('\n')}`);

  it('has a baseline with items of every section', () => {
    expect(baseline.size).toBeGreaterThanOrEqual(6);
  });

  it('stay the same when sections are reordered and unrelated prose is added anywhere', () => {
    fc.assert(
      fc.property(
        fc.shuffledSubarray(SECTIONS, { minLength: SECTIONS.length, maxLength: SECTIONS.length }),
        fc.array(filler, { minLength: SECTIONS.length + 1, maxLength: SECTIONS.length + 1 }),
        (order, fillers) => {
          const body = order.map((section, index) => `${section}\n${fillers[index]}`).join('\n');
          const ids = idsByPrompt(`# Note\n\n${fillers[SECTIONS.length]}\n${body}`);
          expect(ids).toEqual(baseline);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('change when the prompt changes, and only that item', () => {
    const edited = idsByPrompt(
      `# Note\n\n${SECTIONS.join('\n').replace('What is an AMI?', 'What is an Amazon Machine Image?')}`,
    );
    expect(edited.get('What is an AMI?')).toBeUndefined();
    expect(edited.get('What is an Amazon Machine Image?')).toMatch(/^[0-9a-f]{12}$/);
    expect(edited.get('What is an Amazon Machine Image?')).not.toBe(baseline.get('What is an AMI?'));
    expect([...edited.values()].filter((id) => [...baseline.values()].includes(id))).toHaveLength(
      baseline.size - 1,
    );
  });
});
