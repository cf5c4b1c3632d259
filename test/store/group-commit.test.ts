import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/store/group-commit.ts';
import { GuildQueue } from '../../src/store/queue.ts';

/** A promise plus its resolver, to control when a commit finishes. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** A group commit whose commits are recorded and, while `hold` is set, wait for it to open. */
function recorder(opts: { maxBatch?: number } = {}) {
  const batches: { lane: string; items: number[] }[] = [];
  const control: { hold?: Promise<void>; failWith?: Error } = {};
  const commit = new GroupCommit<number, string>(
    new GuildQueue(),
    async (lane, items) => {
      batches.push({ lane, items: [...items] });
      await control.hold;
      if (control.failWith) throw control.failWith;
      return items.map((item) => `${lane}:${item}`);
    },
    opts,
  );
  return { commit, batches, control };
}

describe('GroupCommit', () => {
  it('drops an item whose batch has not started by its deadline, unwritten; one being written is waited for', async () => {
    const { commit, batches, control } = recorder();
    const held = gate();
    control.hold = held.opened;
    const writing = commit.submit('g1', 1, { deadlineMs: 10 });
    while (batches.length === 0) await new Promise(setImmediate); // its batch has started
    const late = commit.submit('g1', 2, { deadlineMs: 10, onLate: () => new Error('not written') });
    await expect(late).rejects.toThrow('not written');
    held.open();
    await expect(writing).resolves.toBe('g1:1');
    await expect(commit.submit('g1', 3)).resolves.toBe('g1:3');
    expect(batches).toEqual([
      { lane: 'g1', items: [1] },
      { lane: 'g1', items: [3] },
    ]);
  });

  it('commits an item at once when its lane is idle', async () => {
    const { commit, batches } = recorder();
    await expect(commit.submit('g1', 1)).resolves.toBe('g1:1');
    await expect(commit.submit('g1', 2)).resolves.toBe('g1:2');
    expect(batches).toEqual([
      { lane: 'g1', items: [1] },
      { lane: 'g1', items: [2] },
    ]);
  });

  it('gathers the items that arrive during a commit into the next one, in order, each with its own result', async () => {
    const { commit, batches, control } = recorder();
    const held = gate();
    control.hold = held.opened;
    const first = commit.submit('g1', 1);
    await Promise.resolve(); // the first commit starts
    const waiting = [2, 3, 4].map((item) => commit.submit('g1', item));
    held.open();
    await expect(first).resolves.toBe('g1:1');
    await expect(Promise.all(waiting)).resolves.toEqual(['g1:2', 'g1:3', 'g1:4']);
    expect(batches.map((b) => b.items)).toEqual([[1], [2, 3, 4]]);
  });

  it('keeps lanes apart: another lane commits while one is busy', async () => {
    const { commit, batches, control } = recorder();
    const held = gate();
    control.hold = held.opened;
    const busy = commit.submit('g1', 1);
    await Promise.resolve();
    control.hold = undefined;
    await expect(commit.submit('g2', 9)).resolves.toBe('g2:9');
    held.open();
    await busy;
    expect(batches.map((b) => b.lane)).toEqual(['g1', 'g2']);
  });

  it('starts a new batch once one holds maxBatch items', async () => {
    const { commit, batches } = recorder({ maxBatch: 2 });
    await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit('g1', item)));
    expect(batches.map((b) => b.items)).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('rejects every item of a failed commit with its error, and the next batch goes on', async () => {
    const { commit, control } = recorder();
    const held = gate();
    control.hold = held.opened;
    control.failWith = new Error('store down');
    const failing = [1, 2, 3].map((item) => commit.submit('g1', item));
    await Promise.resolve();
    held.open();
    const settled = await Promise.allSettled(failing);
    expect(settled.map((s) => (s.status === 'rejected' ? (s.reason as Error).message : s.status))).toEqual([
      'store down',
      'store down',
      'store down',
    ]);
    control.failWith = undefined;
    await expect(commit.submit('g1', 4)).resolves.toBe('g1:4');
  });

  it('refuses a batch size that is not a positive integer', () => {
    expect(() => new GroupCommit(new GuildQueue(), async () => [], { maxBatch: 0 })).toThrow(/maxBatch/);
  });
});
