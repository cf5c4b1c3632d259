import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Bank, loadBank } from '../../src/bank/index.ts';
import { indexOf, type PoolIndex, prepareIndex } from '../../src/quiz/pool.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'quiz');

/** An index as plain data: which texts each lookup holds, and of which class. */
function shape(index: PoolIndex): Record<string, unknown> {
  const texts = (map: Map<unknown, { text: string; kind: string }[]>) =>
    [...map].map(([key, list]) => [key, list.map((c) => `${c.kind}:${c.text}`)]);
  return {
    byId: [...index.byId.keys()],
    byNote: texts(index.byNote),
    byFolder: texts(index.byFolder),
    byColumn: texts(index.byColumn),
    byRow: texts(index.byRow),
    byKind: texts(index.byKind),
    columnCount: [...index.columnCount],
    cellKind: [...index.cellKind],
  };
}

describe('the question pool index', () => {
  let bank: Bank;
  beforeAll(async () => {
    bank = await loadBank(FIXTURES);
  });

  it('prepared in slices is the index built at once, and is the one later questions use', async () => {
    const items = [...bank.items];
    let yields = 0;
    // Slices of no time: every chunk of items yields.
    const prepared = await prepareIndex(
      { items },
      async () => {
        yields += 1;
      },
      { sliceMs: 0 },
    );
    expect(yields).toBeGreaterThan(0);
    expect(indexOf({ items })).toBe(prepared);
    expect(shape(prepared)).toEqual(shape(indexOf({ items: [...bank.items] })));
  });

  it('is the same when rebuilt for a new array of the same items (a reload, or a server with own notes)', () => {
    const first = indexOf({ items: [...bank.items] });
    const again = indexOf({ items: [...bank.items] });
    expect(again).not.toBe(first);
    expect(shape(again)).toEqual(shape(first));
  });

  it('keeps the index built meanwhile when the pool was asked for before it was ready', async () => {
    const items = [...bank.items];
    let built: PoolIndex | undefined;
    const prepared = await prepareIndex(
      { items },
      async () => {
        built ??= indexOf({ items });
      },
      { sliceMs: 0 },
    );
    expect(prepared).toBe(built);
  });
});
