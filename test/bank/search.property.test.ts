import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Item } from '../../src/bank/index.ts';
import { SearchIndex } from '../../src/bank/search-index.ts';

/**
 * A small vocabulary over many items: posting lists grow past the top-list length, words meet often
 * and equal scores are common, so pruning, top lists and id-order ties are all exercised.
 */
const VOCABULARY = [
  'zone',
  'zones',
  'region',
  'regions',
  'data',
  'database',
  'date',
  'copy',
  'cross',
  'snapshot',
  'snapshots',
  'account',
  'kms',
  'key',
  'rare',
  'rarely',
  'what',
  'is',
  'the',
];

const text = fc
  .array(fc.constantFrom(...VOCABULARY), { minLength: 0, maxLength: 6 })
  .map((words) => words.join(' '));

const itemText = fc.record({ prompt: text, answer: text, section: text });

/** A query as typed: whole words, then a last word that may be cut short or carry a typo. */
const query = fc
  .tuple(
    fc.array(fc.constantFrom(...VOCABULARY, 'absent'), { minLength: 0, maxLength: 3 }),
    fc.constantFrom(...VOCABULARY, 'absent'),
    fc.constantFrom('whole', 'prefix', 'typo'),
  )
  .map(([words, last, shape]) => {
    const typed = shape === 'prefix' ? last.slice(0, Math.max(1, last.length - 2)) : last;
    const final = shape === 'typo' && typed.length >= 4 ? `${typed.slice(0, -1)}x` : typed;
    return [...words, final].join(' ');
  });

function item(id: string, fields: { prompt: string; answer: string; section: string }): Item {
  return {
    id,
    kind: 'qa',
    note: 'n.md',
    title: 'N',
    tags: [],
    answerMarkdown: fields.answer,
    keys: [],
    line: 1,
    ...fields,
  };
}

const firstHits = (hits: Iterable<{ id: string; score: number }>, count: number) => {
  const taken: { id: string; score: number }[] = [];
  for (const hit of hits) {
    if (taken.length >= count) break;
    taken.push(hit);
  }
  return taken;
};

/** Term bitsets for every list, for the long ones only (the default), and for none. */
const BITSET_SETTINGS = [
  { name: 'every term with a bitset', bitsetMinPostings: 1 },
  { name: 'default bitsets', bitsetMinPostings: undefined },
  { name: 'no bitsets', bitsetMinPostings: Number.POSITIVE_INFINITY },
];

describe.each(BITSET_SETTINGS)(
  'pruned search against scoring every match ($name)',
  ({ bitsetMinPostings }) => {
    it('gives the same top results, scores and order as the exhaustive evaluation, past the first batch too', () => {
      fc.assert(
        fc.property(
          fc.array(itemText, { minLength: 150, maxLength: 400 }),
          fc.array(fc.nat(), { maxLength: 60 }),
          fc.array(query, { minLength: 8, maxLength: 8 }),
          (texts, discarded, queries) => {
            const items = texts.map((fields, index) => item(`i${String(index).padStart(4, '0')}`, fields));
            const index = new SearchIndex({ bitsetMinPostings });
            index.add(items);
            // Discards and replacements leave stale top-list entries and bounds above the live best.
            index.discard(discarded.map((at) => items[at % items.length] as Item));
            index.add(
              items.slice(0, 20).map((old, at) => item(old.id, texts[(at + 7) % texts.length] ?? old)),
            );
            for (const typed of queries) {
              expect(firstHits(index.search(typed), 40), typed).toEqual(
                firstHits(index.searchExhaustive(typed), 40),
              );
            }
          },
        ),
        { numRuns: 40, seed: 20261127 },
      );
    });

    it('finds at least a batch for two common words, so the comparison covers pruned queries', () => {
      const items = Array.from({ length: 300 }, (_, at) =>
        item(`i${at}`, { prompt: at % 3 === 0 ? 'zone region' : 'zone', answer: 'data region', section: '' }),
      );
      const index = new SearchIndex({ bitsetMinPostings });
      index.add(items);
      expect(firstHits(index.search('zone region'), 40)).toEqual(
        firstHits(index.searchExhaustive('zone region'), 40),
      );
      expect(firstHits(index.search('zone region'), 40)).toHaveLength(40);
    });
  },
);

describe('queries of many words', () => {
  it('rank as the exhaustive evaluation does, query after query, past the kept scratch spaces', () => {
    const words = VOCABULARY.filter((word) => !['what', 'is', 'the'].includes(word));
    const items = Array.from({ length: 400 }, (_, at) =>
      item(`m${String(at).padStart(4, '0')}`, {
        prompt: words.filter((_, word) => (at + word) % 3 === 0).join(' '),
        answer: words.filter((_, word) => (at * 7 + word) % 5 === 0).join(' '),
        section: '',
      }),
    );
    const index = new SearchIndex({ bitsetMinPostings: 1 });
    index.add(items);
    const queries = [
      words.join(' '),
      `${words.slice(2).join(' ')} sn`,
      words.slice(0, 5).join(' '),
      'zone rare',
    ];
    for (const typed of [...queries, ...queries]) {
      expect(firstHits(index.search(typed), 40), typed).toEqual(firstHits(index.searchExhaustive(typed), 40));
    }
  });
});

describe('bitsets through growth, discards and compaction', () => {
  it('keeps search equal to the exhaustive evaluation as the index grows past its capacity and compacts', () => {
    fc.assert(
      fc.property(
        fc.array(itemText, { minLength: 1200, maxLength: 1500 }),
        fc.array(query, { minLength: 6, maxLength: 6 }),
        (texts, queries) => {
          const items = texts.map((fields, index) => item(`g${String(index).padStart(5, '0')}`, fields));
          const index = new SearchIndex({ bitsetMinPostings: 1 });
          const check = () => {
            for (const typed of queries) {
              expect(firstHits(index.search(typed), 40), typed).toEqual(
                firstHits(index.searchExhaustive(typed), 40),
              );
            }
          };
          // Several adds: the doc capacity doubles past 1,024 while terms already have bitsets.
          for (let from = 0; from < items.length; from += 300) index.add(items.slice(from, from + 300));
          check();
          // Discarding over 1,000 items, more than stay, renumbers every doc (compaction).
          index.discard(items.slice(0, 1100));
          check();
          index.add(items.slice(0, 400));
          check();
        },
      ),
      { numRuns: 6, seed: 20261128 },
    );
  });
});
