import { describe, expect, it } from 'vitest';
import { buildBank, parseNote } from '../../src/bank/index.ts';
import { LIMITS } from '../../src/core/fit.ts';
import { factChoices, factChoiceValue, lookupFact } from '../../src/fact/lookup.ts';
import { resolveTopic, topicChoiceValue } from '../../src/quiz/topic-choice.ts';

const LONG_TAG = `certification-${'associate-'.repeat(14)}tag`;
const LONG_TITLE = `Amazon Machine Images ${'and their many lifecycle details '.repeat(5)}`.trim();
const LONG_FOLDER = `course/${'module-'.repeat(15)}x`;
const LONG_BLOCK_ID = `ami-region-${'scoped-'.repeat(18)}id`;

const bank = buildBank([
  parseNote(
    `${LONG_FOLDER}/ami.md`,
    `---\ntags: [${LONG_TAG}]\n---\n# ${LONG_TITLE}\n\n> [!question] Are AMIs region-specific? ^${LONG_BLOCK_ID}\n> ==Yes==, built for one region.\n`,
  ),
  parseNote('net/vpc.md', '# VPC\n\nA subnet lives in ==one AZ== only.\n'),
]);

describe('autocomplete values for long names', () => {
  it('the seeded names really are over 100 characters', () => {
    for (const name of [LONG_TAG, LONG_TITLE, `${LONG_FOLDER}/ami.md`, LONG_BLOCK_ID]) {
      expect(name.length).toBeGreaterThan(LIMITS.autocompleteName);
    }
  });

  it('gives every topic a value of at most 100 characters that resolves back to that topic', () => {
    const topics = bank.topics();
    expect(topics.map((t) => t.name)).toEqual(expect.arrayContaining([LONG_TAG, LONG_TITLE]));
    for (const topic of topics) {
      const value = topicChoiceValue(topic);
      expect(value.length).toBeLessThanOrEqual(LIMITS.autocompleteName);
      const resolved = resolveTopic(bank, value);
      expect(bank.itemsForTopic(resolved ?? '')).toEqual(bank.itemsForTopic(topic.name));
      expect(bank.itemsForTopic(resolved ?? '').length).toBeGreaterThan(0);
    }
  });

  it('resolves a name cut with "…" to the one topic it starts', () => {
    expect(resolveTopic(bank, `${LONG_TAG.slice(0, 60)}…`)).toBe(LONG_TAG);
  });

  it('keeps an unknown topic as typed, and no topic as none', () => {
    expect(resolveTopic(bank, 'kubernetes')).toBe('kubernetes');
    expect(resolveTopic(bank, '#0123456789ab')).toBe('#0123456789ab');
    expect(resolveTopic(bank, '  ')).toBeNull();
  });

  it('offers a /fact choice for an item with a long ^block-id whose value fits and finds that item', () => {
    const choice = factChoices(bank, 'region', LIMITS.autocompleteChoices).find(
      (c) => c.item.id === LONG_BLOCK_ID,
    );
    expect(choice).toBeDefined();
    if (!choice) throw new Error('no choice for the long block id');
    const value = factChoiceValue(choice.item);
    expect(value.length).toBeLessThanOrEqual(LIMITS.autocompleteName);
    expect(lookupFact(bank, value)).toMatchObject({ found: true, item: { id: LONG_BLOCK_ID } });
  });

  it('keeps a short item id as the /fact value', () => {
    const short = bank.items.find((item) => item.id.length <= LIMITS.autocompleteName);
    expect(short && factChoiceValue(short)).toBe(short?.id);
  });
});
