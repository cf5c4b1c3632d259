import type Keyv from 'keyv';
import { afterEach, describe, expect, it } from 'vitest';
import { NotesStore, noteKeys, type StoredNote } from '../../src/notes/store.ts';
import { createStore } from '../../src/store/index.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { redisAccessOf } from '../../src/store/redis.ts';
import { tempSqlite, uniqueNamespace } from '../store/helpers.ts';
import { REDIS } from '../support/requirements.ts';

const REDIS_URL = process.env.REDIS_URL;
const guildIds = (from: number, count: number) => Array.from({ length: count }, (_, i) => `${from + i}`);
const note: StoredNote = {
  v: 1,
  key: 'aws/vpc.md',
  size: 5,
  updatedAt: Date.UTC(2026, 10, 27),
  addedBy: '1',
  text: '# VPC',
};
const allowAll = () => {};

describe.skipIf(!REDIS.met)(REDIS.title('the index of servers with own notes on Redis'), () => {
  const namespace = uniqueNamespace();
  const opened: Keyv[] = [];

  /** A separate keyv connection, as a shard process has: nothing in memory is shared. */
  async function openProcess(): Promise<{ keyv: Keyv; notes: NotesStore }> {
    const keyv = await openKeyv(REDIS_URL ?? '', { namespace });
    opened.push(keyv);
    return { keyv, notes: new NotesStore(createStore(keyv)) };
  }

  afterEach(async () => {
    const redis = opened[0] && redisAccessOf(opened[0]);
    if (redis) {
      // keyv.clear() only removes string keys; the index is a set.
      await (await redis.client()).del(redis.name(noteKeys.guildSet()));
      await opened[0]?.clear();
    }
    for (const each of opened.splice(0)) await closeKeyv(each);
  });

  it('lists every server when two processes add first notes for 50 servers at the same moment', async () => {
    const [a, b] = [await openProcess(), await openProcess()];
    await Promise.all([
      ...guildIds(1, 25).map((id) => a.notes.put(id, note, allowAll)),
      ...guildIds(26, 25).map((id) => b.notes.put(id, note, allowAll)),
    ]);
    const expected = guildIds(1, 50).sort();
    expect((await a.notes.guildIds()).sort()).toEqual(expected);
    expect((await b.notes.guildIds()).sort()).toEqual(expected);
    expect((await (await openProcess()).notes.guildIds()).sort()).toEqual(expected);
  });

  it('lists a server once however many notes it adds', async () => {
    const { notes } = await openProcess();
    await notes.put('7', note, allowAll);
    await notes.put('7', { ...note, key: 'aws/ec2.md' }, allowAll);
    expect(await notes.guildIds()).toEqual(['7']);
  });

  it('folds the JSON array of the previous version into the set on first read, then drops the array', async () => {
    const { keyv, notes } = await openProcess();
    await keyv.set(noteKeys.guilds(), ['1', '2']);
    await notes.put('3', note, allowAll);
    expect((await notes.guildIds()).sort()).toEqual(['1', '2', '3']);
    expect(await keyv.get(noteKeys.guilds())).toBeUndefined();
    expect((await (await openProcess()).notes.guildIds()).sort()).toEqual(['1', '2', '3']);
  });
});

describe('the index of servers with own notes on SQLite', () => {
  it('stays the JSON array that one process updates in its queue', async () => {
    const tmp = tempSqlite();
    const keyv = await openKeyv(tmp.url);
    try {
      const notes = new NotesStore(createStore(keyv));
      await Promise.all(guildIds(1, 50).map((id) => notes.put(id, note, allowAll)));
      await notes.put('1', { ...note, key: 'aws/ec2.md' }, allowAll);
      const stored = await keyv.get<string[]>(noteKeys.guilds());
      expect(stored?.slice().sort()).toEqual(guildIds(1, 50).sort());
      expect(await notes.guildIds()).toEqual(stored);
    } finally {
      await closeKeyv(keyv);
      tmp.cleanup();
    }
  });
});
