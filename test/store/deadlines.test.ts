import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { describe, expect, it } from 'vitest';
import { withDeadlines } from '../../src/store/deadlines.ts';
import { landed, StoreError, StoreTimeoutError } from '../../src/store/errors.ts';

/** A Map-backed adapter whose calls wait for `gate` when one is set: a stalled store, by hand. */
function gatedAdapter() {
  const data = new Map<string, unknown>();
  const control: { gate?: Promise<void> } = {};
  const wait = async () => control.gate;
  const adapter = {
    opts: {},
    namespace: undefined,
    on: () => adapter,
    async get(key: string) {
      await wait();
      return data.get(key);
    },
    async set(key: string, value: unknown) {
      await wait();
      data.set(key, value);
      return true;
    },
    async delete(key: string) {
      await wait();
      return data.delete(key);
    },
    async clear() {
      data.clear();
    },
  };
  return { adapter: adapter as unknown as KeyvStoreAdapter, data, control };
}

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return { opened, open };
}

describe('store deadlines', () => {
  it('passes answers through while the store answers in time', async () => {
    const { adapter } = gatedAdapter();
    const keyv = new Keyv({ store: withDeadlines(adapter, 1_000), throwOnErrors: true });
    await keyv.set('a', 1);
    expect(await keyv.get('a')).toBe(1);
  });

  it('fails a stalled call with StoreTimeoutError, a StoreError, and still tells what the call did', async () => {
    const { adapter, data, control } = gatedAdapter();
    const stalled = gate();
    control.gate = stalled.opened;
    const timed = withDeadlines(adapter, 20);
    const error = await timed.set('k', 'v').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreTimeoutError);
    expect(error).toBeInstanceOf(StoreError);
    expect(data.has('k')).toBe(false);
    stalled.open();
    await (error as StoreTimeoutError).settled;
    expect(data.get('k')).toBe('v'); // the late write landed
  });

  it('sends nothing while a call is overdue: new calls fail at once, unsent, until it settles', async () => {
    const { adapter, data, control } = gatedAdapter();
    const stalled = gate();
    control.gate = stalled.opened;
    const timed = withDeadlines(adapter, 20);
    const overdue = await timed.set('a', 1).catch((e: unknown) => e);
    expect(overdue).toBeInstanceOf(StoreTimeoutError);
    control.gate = undefined; // the store could answer this one: it is not even asked
    const refused = await timed.set('b', 2).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreTimeoutError);
    await expect((refused as StoreTimeoutError).settled).rejects.toThrow(/not sent/);
    stalled.open();
    await (overdue as StoreTimeoutError).settled;
    await timed.set('c', 3);
    expect([...data.keys()]).toEqual(['a', 'c']);
  });

  it('landed() waits for a write that missed its deadline: it resolves when the write landed', async () => {
    const { adapter, data, control } = gatedAdapter();
    const stalled = gate();
    control.gate = stalled.opened;
    const timed = withDeadlines(adapter, 20);
    const writing = landed(() => timed.set('k', 'v'));
    let done = false;
    void writing.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 60)); // well past the deadline
    expect(done).toBe(false);
    stalled.open();
    await writing;
    expect(data.get('k')).toBe('v');
  });

  it('landed() throws StoreError when the late write failed in the end', async () => {
    const failing = {
      set: () => new Promise((_, reject) => setTimeout(() => reject(new Error('SQLITE_BUSY')), 60)),
    } as unknown as KeyvStoreAdapter;
    const timed = withDeadlines(failing, 20);
    await expect(landed(() => timed.set('k', 'v'))).rejects.toBeInstanceOf(StoreError);
  });
});
