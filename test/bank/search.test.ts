import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBank, type Item, parseNote } from '../../src/bank/index.ts';
import { SearchIndex } from '../../src/bank/search-index.ts';
import { queryWords } from '../../src/bank/search-terms.ts';
import { factChoices, lookupFact } from '../../src/fact/lookup.ts';

const seed = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'aws', 'ami.md'));
const seedBank = buildBank([parseNote('aws/ami.md', seed)]);

/** A bare qa item: only the fields the index reads matter here. */
function item(id: string, prompt: string, answer = '', section = ''): Item {
  return {
    id,
    kind: 'qa',
    note: 'n.md',
    title: 'N',
    section,
    tags: [],
    prompt,
    answer,
    answerMarkdown: answer,
    keys: [],
    line: 1,
  };
}

function indexOf(items: Item[], options?: ConstructorParameters<typeof SearchIndex>[0]): SearchIndex {
  const index = new SearchIndex(options);
  index.add(items);
  return index;
}

const ids = (index: SearchIndex, query: string) => [...index.search(query)].map((hit) => hit.id);

describe('search on the seed note', () => {
  it('/fact region finds "Built for a specific region" first', () => {
    const found = lookupFact(seedBank, 'region');
    expect(found.found && found.item.answer).toBe('Built for a specific region');
  });

  it('autocomplete for "cros" offers Cross-Region', () => {
    const labels = factChoices(seedBank, 'cros', 25).map((choice) => choice.label);
    expect(labels).toContain('Cross-Region — Can be copied across regions');
  });

  it('ignores stop words: "what is an AMI" finds the question "What is an AMI?" first', () => {
    expect(seedBank.search('what is an AMI')[0]?.item.prompt).toBe('What is an AMI?');
  });

  it('requires every word: each hit for "copy region" mentions a copy', () => {
    const hits = seedBank.search('copy region', { limit: 25 });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(`${hit.item.prompt} ${hit.item.answer}`.toLowerCase()).toMatch(/copy/);
  });

  it('falls back to any word when no item has them all, items matching more words first', () => {
    const hits = seedBank.search('marketplace zebra');
    expect(hits.length).toBeGreaterThan(0);
    expect(`${hits[0]?.item.prompt} ${hits[0]?.item.answer}`).toMatch(/Marketplace/);
  });

  it('accepts one typo in a word of four letters or more, but a short word must be a prefix', () => {
    expect(seedBank.search('snapshts')[0]?.item.answer).toMatch(/EBS snapshots/);
    expect(seedBank.search('amo')).toEqual([]);
  });
});

describe('SearchIndex ranking rules', () => {
  it('treats only the last word as a prefix: "copy regi" needs a region, "regi copy" does not', () => {
    const index = indexOf([item('a', 'Region copy'), item('b', 'Copy and paste')]);
    expect(ids(index, 'copy regi')).toEqual(['a']);
    expect(ids(index, 'regi copy').sort()).toEqual(['a', 'b']);
  });

  it('needs the words of a query but not its stop words, which only rank what the words find', () => {
    expect(queryWords('what is ami')).toEqual([
      { text: 'what', exact: true, prefix: false, optional: true },
      { text: 'is', exact: true, prefix: false, optional: true },
      { text: 'ami', exact: true, prefix: true, optional: false },
    ]);
    const index = indexOf([item('plain', 'AMI sources'), item('asked', 'What is an AMI?')]);
    expect(ids(index, 'what is ami')).toEqual(['asked', 'plain']);
  });

  it('matches the last word as a prefix even when it is a stop word the user is still typing', () => {
    const index = indexOf([item('a', 'Launch topology'), item('b', 'Launch volume')]);
    expect(ids(index, 'launch to')).toEqual(['a']);
  });

  it('ranks an exact word above a longer word it is the prefix of', () => {
    const index = indexOf([item('longer', 'Cached data'), item('exact', 'Cache data')]);
    expect(ids(index, 'cache')).toEqual(['exact', 'longer']);
  });

  it('ranks a match in the prompt above the same match in the answer', () => {
    const index = indexOf([item('answer', 'Something else', 'glacier'), item('prompt', 'Glacier', 'else')]);
    expect(ids(index, 'glacier')).toEqual(['prompt', 'answer']);
  });

  it('expands a very common prefix to its closest completions first, within the budget', () => {
    const items = [
      item('scale-1', 'scale'),
      item('scale-2', 'scale'),
      item('scaling', 'scaling'),
      item('scalability', 'scalability'),
    ];
    expect(ids(indexOf(items), 'scal').sort()).toEqual(['scalability', 'scale-1', 'scale-2', 'scaling']);
    expect(ids(indexOf(items, { expansionBudget: 2 }), 'scal').sort()).toEqual(['scale-1', 'scale-2']);
  });

  it('gives equal scores in id order', () => {
    const index = indexOf([item('b', 'Same text'), item('a', 'Same text'), item('c', 'Same text')]);
    expect(ids(index, 'same')).toEqual(['a', 'b', 'c']);
  });

  it('keeps the order when a reader goes past the first few dozen hits', () => {
    const longer = Array.from({ length: 80 }, (_, n) =>
      item(`x${String(999 - n)}`, `bucket ${'filler '.repeat(n)}`.trim()),
    );
    expect(ids(indexOf(longer), 'bucket')).toEqual(longer.map((it) => it.id));
    const same = Array.from({ length: 80 }, (_, n) => item(`s${String(n).padStart(2, '0')}`, 'Same text'));
    expect(ids(indexOf([...same].reverse()), 'same')).toEqual(same.map((it) => it.id));
  });

  it('hands out every match of a prefix exactly once, best first, past the first batch too', () => {
    const words = ['bucket', 'buckets', 'bucketing', 'buckle'];
    const many = Array.from({ length: 120 }, (_, n) =>
      item(`m${String((n * 37) % 120).padStart(3, '0')}`, `${words[n % 4]} ${'filler '.repeat(n % 9)}`),
    );
    const hits = [...indexOf(many).search('buck')];
    expect(hits.map((hit) => hit.id).sort()).toEqual(many.map((it) => it.id).sort());
    for (let n = 1; n < hits.length; n++) {
      expect(hits[n - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[n]?.score ?? 0);
    }
  });

  it('never returns a discarded item, and a re-added id replaces the old text', () => {
    const index = indexOf([item('a', 'Bucket policy'), item('b', 'Bucket lifecycle')]);
    index.discard([item('a', 'Bucket policy')]);
    expect(ids(index, 'bucket')).toEqual(['b']);
    index.add([item('b', 'Queue visibility')]);
    expect(ids(index, 'bucket')).toEqual([]);
    expect(ids(index, 'queue')).toEqual(['b']);
  });

  it('still finds the live items after most of a large index was discarded', () => {
    const many = Array.from({ length: 3000 }, (_, n) =>
      item(`i${n}`, `Volume ${n % 7 === 0 ? 'gp3' : 'io2'}`),
    );
    const index = indexOf(many);
    index.discard(many.slice(0, 2500));
    const gp3 = many.slice(2500).filter((it) => it.prompt.endsWith('gp3'));
    expect(ids(index, 'gp3').sort()).toEqual(gp3.map((it) => it.id).sort());
    index.add([item('new', 'Volume gp3')]);
    expect(ids(index, 'gp3')).toContain('new');
  });

  it("keeps a common word's best items exact while its best ones are discarded and better ones added", () => {
    const scored = (n: number) =>
      item(`d${String(n).padStart(3, '0')}`, `bucket ${'filler '.repeat(n % 40)}`);
    const many = Array.from({ length: 300 }, (_, n) => scored(n));
    const index = indexOf(many);
    const byRank = (items: Item[]) => [...indexOf(items).search('bucket')].map((hit) => hit.id).slice(0, 32);
    // Shorter prompts rank first: discard the whole best tier, more than a batch of it, in two reloads.
    const best = many.filter((_, n) => n % 40 < 12);
    index.discard(best.slice(0, 40));
    index.discard(best.slice(40));
    const left = many.filter((it) => !best.includes(it));
    expect(ids(index, 'bucket').slice(0, 32)).toEqual(byRank(left));
    const better = [item('new-1', 'bucket'), item('new-2', 'bucket')];
    index.add(better);
    expect(ids(index, 'bucket').slice(0, 32)).toEqual(byRank([...left, ...better]));
  });

  it("forgets a replaced item's old text in one-word results", () => {
    const many = Array.from({ length: 200 }, (_, n) => item(`i${n}`, `queue ${'filler '.repeat(n % 5)}`));
    const index = indexOf(many);
    index.add([item('i0', 'Topic fan-out')]);
    expect(ids(index, 'queue')).not.toContain('i0');
    expect(ids(index, 'queue')).toHaveLength(199);
  });

  it('hands out the results of one search unchanged while another search runs', () => {
    const index = indexOf([item('a', 'Alpha beta'), item('b', 'Alpha'), item('c', 'Beta gamma')]);
    const first = index.search('alpha')[Symbol.iterator]();
    const head = first.next().value;
    expect(ids(index, 'gamma')).toEqual(['c']);
    const rest = [...{ [Symbol.iterator]: () => first }].map((hit) => hit.id);
    expect([head?.id, ...rest].sort()).toEqual(['a', 'b']);
  });

  it('needs every word of a query made only of stop words, and finds nothing for punctuation', () => {
    const index = indexOf([item('a', 'What is it?'), item('b', 'What now?')]);
    expect(ids(index, 'what is ')).toEqual(['a']);
    expect(ids(index, '?!')).toEqual([]);
  });
});
