import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import { broadcastReload, RELOAD_KEY, type ReloadSignal, watchReloads } from '../../src/shard/reload.ts';
import { createStore } from '../../src/store/index.ts';

/** A watcher on an in-memory store whose interval never fires: the test calls `check()`. */
async function watcher(kv = createStore(new Keyv()).kv) {
  const seen: ReloadSignal[] = [];
  const errors: unknown[] = [];
  const watch = await watchReloads({
    kv,
    onReload: (signal) => void seen.push(signal),
    onError: (error) => errors.push(error),
    setInterval: () => 0,
    clearInterval: () => undefined,
  });
  return { kv, seen, errors, watch };
}

describe('the reload broadcast', () => {
  it('reaches every watcher once per broadcast', async () => {
    const first = await watcher();
    const second = await watcher(first.kv);
    const signal = await broadcastReload(first.kv, { reason: 'bank reload by 42', now: 1_000 });
    for (const w of [first, second]) {
      await w.watch.check();
      await w.watch.check();
      expect(w.seen).toEqual([signal]);
    }
    expect(signal).toMatchObject({ at: 1_000, reason: 'bank reload by 42' });
  });

  it('counts two broadcasts in the same millisecond as two', async () => {
    const { kv, seen, watch } = await watcher();
    await broadcastReload(kv, { now: 5 });
    await watch.check();
    await broadcastReload(kv, { now: 5, guildId: '123' });
    await watch.check();
    expect(seen.map((s) => s.guildId)).toEqual([undefined, '123']);
  });

  it('ignores the signal already present when a shard starts: its bank was just loaded', async () => {
    const kv = createStore(new Keyv()).kv;
    await broadcastReload(kv);
    const { seen, watch } = await watcher(kv);
    await watch.check();
    expect(seen).toEqual([]);
  });

  it('keeps watching after the store fails a read', async () => {
    const kv = createStore(new Keyv()).kv;
    let failing = true;
    const flaky = {
      ...kv,
      get: <T>(key: string) => (failing ? Promise.reject(new Error('down')) : kv.get<T>(key)),
    };
    const { seen, errors, watch } = await watcher(flaky);
    await broadcastReload(kv);
    await watch.check();
    expect(errors).toHaveLength(1);
    failing = false;
    await watch.check();
    expect(seen).toHaveLength(1);
    expect(await kv.get(RELOAD_KEY)).toEqual(seen[0]);
  });
});
