import Keyv from 'keyv';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { type Store, StoreError } from '../../src/store/index.ts';
import { GuildQueue } from '../../src/store/queue.ts';
import { KeyvSettingsStore } from '../../src/store/settings.ts';
import { type Backend, makeBackend } from './backends.ts';
import type { FlakyAdapter } from './helpers.ts';

const readsFail = (op: string) => op === 'get';

describe('the session and settings read caches', () => {
  let backend: Backend;
  let store: Store;
  let flaky: FlakyAdapter;
  const clock = new ManualClock('2026-11-27T12:00:00Z');

  beforeEach(async () => {
    backend = makeBackend('sqlite');
    ({ store, flaky } = await backend.open(clock));
  });
  afterEach(() => backend.cleanup());

  it('reads back a session this process saved without a store round trip', async () => {
    await store.sessions.put('quiz:a', { step: 1 }, 60_000);
    flaky.failWhen = readsFail;
    expect(await store.sessions.get('quiz:a')).toEqual({ step: 1 });
    // Not cached: the store is asked, and its failure shows.
    await expect(store.sessions.get('quiz:b')).rejects.toBeInstanceOf(StoreError);
  });

  it('keeps cached sessions apart from the objects callers hold', async () => {
    const value = { answers: [1] };
    await store.sessions.put('quiz:a', value, 60_000);
    value.answers.push(2);
    const read = await store.sessions.get<{ answers: number[] }>('quiz:a');
    read?.answers.push(3);
    expect(await store.sessions.get('quiz:a')).toEqual({ answers: [1] });
  });

  it('asks the store again after a failed session write, and forgets deleted and expired sessions', async () => {
    await store.sessions.put('quiz:a', { step: 1 }, 60_000);
    flaky.failWhen = (op) => op === 'set';
    await expect(store.sessions.put('quiz:a', { step: 2 }, 60_000)).rejects.toBeInstanceOf(StoreError);
    flaky.failWhen = readsFail;
    await expect(store.sessions.get('quiz:a')).rejects.toBeInstanceOf(StoreError);
    flaky.failWhen = undefined;
    expect(await store.sessions.get('quiz:a')).toEqual({ step: 1 });

    await store.sessions.delete('quiz:a');
    expect(await store.sessions.get('quiz:a')).toBeUndefined();
    await store.sessions.put('quiz:b', { step: 1 }, 60_000);
    clock.advance(60_000);
    expect(await store.sessions.get('quiz:b')).toBeUndefined();
  });

  it('reads a guild’s settings from memory after the first read, and sees its own writes at once', async () => {
    await store.settings.get('1');
    flaky.failWhen = readsFail;
    expect(await store.settings.get('1')).toEqual({ timeZone: 'UTC', daily: null });
    flaky.failWhen = undefined;
    await store.settings.set('1', { timeZone: 'Europe/Berlin', daily: null });
    flaky.failWhen = readsFail;
    expect((await store.settings.get('1')).timeZone).toBe('Europe/Berlin');
  });

  it('keeps settings that fail to save out of the cache', async () => {
    await store.settings.set('1', { timeZone: 'Europe/Berlin', daily: null });
    flaky.failWhen = (op, key) => op === 'set' && key.endsWith(':settings');
    await expect(store.settings.set('1', { timeZone: 'Asia/Tokyo', daily: null })).rejects.toBeInstanceOf(
      StoreError,
    );
    flaky.failWhen = undefined;
    expect((await store.settings.get('1')).timeZone).toBe('Europe/Berlin');
  });
});

describe('the settings cache across processes', () => {
  it('sees a write made by another process once its cached copy is older than the cache age', async () => {
    const keyv = new Keyv();
    let now = 0;
    const mine = new KeyvSettingsStore(keyv, new GuildQueue(), { now: () => now, cacheMs: 1_000 });
    const theirs = new KeyvSettingsStore(keyv, new GuildQueue());
    expect((await mine.get('1')).timeZone).toBe('UTC');
    await theirs.set('1', { timeZone: 'Asia/Tokyo', daily: null });
    now = 999;
    expect((await mine.get('1')).timeZone).toBe('UTC');
    now = 1_000;
    expect((await mine.get('1')).timeZone).toBe('Asia/Tokyo');
  });

  it('updates from the stored value, never from a stale cached copy', async () => {
    const keyv = new Keyv();
    const mine = new KeyvSettingsStore(keyv, new GuildQueue(), { now: () => 0 });
    const theirs = new KeyvSettingsStore(keyv, new GuildQueue());
    await mine.get('1');
    await theirs.set('1', { timeZone: 'Asia/Tokyo', daily: { channelId: '9' } });
    const updated = await mine.update('1', (current) => ({ ...current, daily: { channelId: '10' } }));
    expect(updated).toEqual({ timeZone: 'Asia/Tokyo', daily: { channelId: '10' } });
  });
});
