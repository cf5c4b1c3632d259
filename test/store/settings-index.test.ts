import type Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, type Store } from '../../src/store/index.ts';
import { keys } from '../../src/store/keys.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { redisAccessOf } from '../../src/store/redis.ts';
import { REDIS } from '../support/requirements.ts';
import { tempSqlite, uniqueNamespace } from './helpers.ts';

const REDIS_URL = process.env.REDIS_URL;
const UTC = { timeZone: 'UTC', daily: null };
const guildIds = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${from + i}`);

describe.skipIf(!REDIS.met)(REDIS.title('the settings index on Redis'), () => {
  const namespace = uniqueNamespace();
  const opened: Keyv[] = [];

  /** A separate keyv connection, as a shard process has: nothing in memory is shared. */
  async function openProcess(): Promise<{ keyv: Keyv; store: Store }> {
    const keyv = await openKeyv(REDIS_URL ?? '', { namespace });
    opened.push(keyv);
    return { keyv, store: createStore(keyv) };
  }

  afterEach(async () => {
    const redis = opened[0] && redisAccessOf(opened[0]);
    if (redis) {
      // keyv.clear() only removes string keys; the index is a set.
      await (await redis.client()).del(redis.name(keys.settingsIndexSet()));
      await opened[0]?.clear();
    }
    for (const each of opened.splice(0)) await closeKeyv(each);
  });

  it('lists every guild when two processes save 50 first settings at the same moment', async () => {
    const [a, b] = [await openProcess(), await openProcess()];
    await Promise.all([
      ...guildIds(1, 25).map((id) => a.store.settings.set(id, UTC)),
      ...guildIds(26, 25).map((id) => b.store.settings.set(id, UTC)),
    ]);
    const expected = guildIds(1, 50).sort();
    expect((await a.store.settings.listGuildIds()).sort()).toEqual(expected);
    expect((await b.store.settings.listGuildIds()).sort()).toEqual(expected);
    expect((await (await openProcess()).store.settings.listGuildIds()).sort()).toEqual(expected);
  });

  it('lists a guild once however often its settings are saved', async () => {
    const { store } = await openProcess();
    await store.settings.set('7', UTC);
    await store.settings.update('7', (s) => ({ ...s, timeZone: 'Europe/Berlin' }));
    expect(await store.settings.listGuildIds()).toEqual(['7']);
  });

  it('folds the JSON array of the previous version into the set on first read, then drops the array', async () => {
    const { keyv, store } = await openProcess();
    await keyv.set(keys.settingsIndex(), ['1', '2']);
    await store.settings.set('3', UTC);
    expect((await store.settings.listGuildIds()).sort()).toEqual(['1', '2', '3']);
    expect(await keyv.get(keys.settingsIndex())).toBeUndefined();
    expect((await (await openProcess()).store.settings.listGuildIds()).sort()).toEqual(['1', '2', '3']);
  });
});

describe('the settings index on SQLite', () => {
  it('stays the JSON array that one process updates in its queue', async () => {
    const tmp = tempSqlite();
    const keyv = await openKeyv(tmp.url);
    try {
      const store = createStore(keyv);
      await Promise.all(guildIds(1, 50).map((id) => store.settings.set(id, UTC)));
      await store.settings.set('1', UTC);
      const stored = await keyv.get<string[]>(keys.settingsIndex());
      expect(stored?.slice().sort()).toEqual(guildIds(1, 50).sort());
      expect(await store.settings.listGuildIds()).toEqual(stored);
    } finally {
      await closeKeyv(keyv);
      tmp.cleanup();
    }
  });
});
