import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleBank, type Bank, rebuildBankInSlices, updateBank } from '../../src/bank/bank.ts';
import { type ParsedNote, parseNote } from '../../src/bank/parse-note.ts';

/** A small note whose prompts depend on `variant`, and which may reuse a block id to force duplicates. */
function note(path: string, variant: number, blockId?: string): ParsedNote {
  const id = blockId ? ` ^${blockId}` : '';
  return parseNote(
    path,
    [
      `# ${path}`,
      '',
      `> [!question] What is item ${variant} of ${path}?${id}`,
      `> It is ==answer ${variant}==.`,
      '',
      `Term ${variant}::Meaning ${variant}`,
    ].join('\n'),
  );
}

/** What a bank serves, compared by value. */
function served(bank: Bank) {
  return {
    ids: bank.items.map((item) => item.id),
    notes: bank.notes.map((n) => [n.path, n.items]),
    diagnostics: bank.diagnostics.map((d) => `${d.file}:${d.line}:${d.message}`),
    topics: bank.topics(),
    lookups: bank.items.map((item) => bank.get(item.id)?.prompt),
    search: bank
      .search('answer', { limit: 50 })
      .map((hit) => hit.item.id)
      .sort(),
  };
}

const PATHS = ['a.md', 'b.md', 'c/d.md', 'c/e.md', 'f.md'];
const step = fc.record({
  path: fc.constantFrom(...PATHS),
  action: fc.constantFrom('write', 'remove'),
  variant: fc.integer({ min: 0, max: 3 }),
  sharedId: fc.boolean(),
});

describe('updating a bank note by note', () => {
  it('serves the same items, notes, diagnostics, lookups and search results as a full rebuild', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const notes = new Map<string, ParsedNote>([['a.md', note('a.md', 0)]]);
        let bank = assembleBank([...notes.values()], undefined);
        for (const { path, action, variant, sharedId } of steps) {
          // A rare shared block id makes a duplicate, which the update must settle like a rebuild.
          const parsed = note(path, variant, sharedId && variant === 3 ? 'same' : undefined);
          if (action === 'write') notes.set(path, parsed);
          else notes.delete(path);
          bank = updateBank(
            bank,
            action === 'write' ? [parsed] : [],
            action === 'remove' ? [path] : [],
            () => [...notes.values()],
          );
          expect(served(bank)).toEqual(served(assembleBank([...notes.values()], undefined)));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leaves the previous bank serving its own items', () => {
    const before = assembleBank([note('a.md', 0), note('b.md', 0)], undefined);
    const after = updateBank(before, [note('a.md', 1)], ['b.md'], () => [note('a.md', 1)]);
    expect(before.items).toHaveLength(4);
    expect(after.items).toHaveLength(2);
    expect(before.get(before.items[0]?.id ?? '')?.prompt).toBe('What is item 0 of a.md?');
    expect(after.itemsForTopic('a.md').map((item) => item.prompt)).toContain('What is item 1 of a.md?');
  });
});

describe('rebuilding a bank in slices', () => {
  it('serves exactly what a full build serves, duplicates included', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 12 }), async (steps) => {
        const notes = new Map<string, ParsedNote>();
        for (const { path, variant, sharedId } of steps) {
          notes.set(path, note(path, variant, sharedId && variant === 3 ? 'same' : undefined));
        }
        const sliced = await rebuildBankInSlices([...notes.values()], () => Promise.resolve());
        expect(served(sliced)).toEqual(served(assembleBank([...notes.values()], undefined)));
      }),
      { numRuns: 40 },
    );
  });

  it('keeps serving the previous bank until the rebuilt one is handed over', async () => {
    const before = assembleBank([note('a.md', 0)], undefined);
    const rebuilt = rebuildBankInSlices([note('a.md', 1), note('b.md', 1)], () => Promise.resolve());
    expect(before.search('answer').map((hit) => hit.item.prompt)).toEqual(['What is item 0 of a.md?']);
    const after = await rebuilt;
    expect(after.items).toHaveLength(4);
    expect(before.items).toHaveLength(2);
  });
});
