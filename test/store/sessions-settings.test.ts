import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { type Store, StoreError } from '../../src/store/index.ts';
import { type Backend, makeBackend } from './backends.ts';
import { always, type FlakyAdapter } from './helpers.ts';

describe('SessionStore and SettingsStore', () => {
  let backend: Backend;
  let store: Store;
  let flaky: FlakyAdapter;
  const clock = new ManualClock('2026-11-27T12:00:00Z');

  beforeEach(async () => {
    backend = makeBackend('sqlite');
    ({ store, flaky } = await backend.open(clock));
  });
  afterEach(() => backend.cleanup());

  it('keeps a session until its time is up, then forgets it', async () => {
    await store.sessions.put('quiz:abc', { step: 2, ids: ['a', 'b'] }, 15 * 60_000);
    clock.advance(14 * 60_000);
    expect(await store.sessions.get('quiz:abc')).toEqual({ step: 2, ids: ['a', 'b'] });
    clock.advance(60_000);
    expect(await store.sessions.get('quiz:abc')).toBeUndefined();
  });

  it('finds a session after a restart, and forgets a deleted one', async () => {
    await store.sessions.put('s1', { n: 1 }, 60_000);
    const reopened = (await backend.open(clock)).store;
    expect(await reopened.sessions.get('s1')).toEqual({ n: 1 });
    expect(await reopened.sessions.delete('s1')).toBe(true);
    expect(await reopened.sessions.get('s1')).toBeUndefined();
    expect(await reopened.sessions.get('never')).toBeUndefined();
  });

  it('refuses a session without a lifetime or id', async () => {
    await expect(store.sessions.put('s', 1, 0)).rejects.toThrow(/ttlMs/);
    await expect(store.sessions.put('', 1, 1000)).rejects.toThrow(/session id/);
    await expect(store.sessions.put('s', undefined, 1000)).rejects.toThrow(/undefined/);
  });

  it('gives UTC and no daily settings to a guild that never set anything', async () => {
    expect(await store.settings.get('42')).toEqual({ timeZone: 'UTC', daily: null });
    expect(await store.settings.listGuildIds()).toEqual([]);
  });

  it('saves settings per guild and lists every guild that has some, after a restart too', async () => {
    await store.settings.set('1', { timeZone: 'Europe/Berlin', daily: { channelId: '9', time: '09:00' } });
    await Promise.all(['2', '3', '4'].map((id) => store.settings.set(id, { timeZone: 'UTC', daily: null })));
    await store.settings.update('1', (s) => ({ ...s, timeZone: 'Asia/Tokyo' }));
    const reopened = (await backend.open(clock)).store;
    expect(await reopened.settings.get('1')).toEqual({
      timeZone: 'Asia/Tokyo',
      daily: { channelId: '9', time: '09:00' },
    });
    expect((await reopened.settings.listGuildIds()).sort()).toEqual(['1', '2', '3', '4']);
  });

  it('loses no concurrent update of one guild’s settings', async () => {
    await store.settings.set('1', { timeZone: 'UTC', daily: { count: 0 } });
    await Promise.all(
      Array.from({ length: 50 }, () =>
        store.settings.update('1', (s) => ({
          ...s,
          daily: { count: (s.daily as { count: number }).count + 1 },
        })),
      ),
    );
    expect((await store.settings.get('1')).daily).toEqual({ count: 50 });
  });

  it('refuses an unknown time zone and values that are not JSON', async () => {
    await expect(store.settings.set('1', { timeZone: 'Moon/Base', daily: null })).rejects.toThrow(
      /time zone/,
    );
    await expect(store.settings.set('1', { timeZone: 'UTC', daily: { n: 1n } })).rejects.toThrow(/JSON/);
    expect(await store.settings.listGuildIds()).toEqual([]);
  });

  it('turns store failures into StoreError in sessions, settings and the key-value API', async () => {
    flaky.failWhen = always;
    await expect(store.sessions.get('s')).rejects.toBeInstanceOf(StoreError);
    await expect(store.settings.get('1')).rejects.toBeInstanceOf(StoreError);
    await expect(store.settings.set('1', { timeZone: 'UTC', daily: null })).rejects.toBeInstanceOf(
      StoreError,
    );
    await expect(store.kv.set('commands-hash', 'abc')).rejects.toBeInstanceOf(StoreError);
    flaky.failWhen = undefined;
    await store.kv.set('commands-hash', 'abc');
    expect(await store.kv.get('commands-hash')).toBe('abc');
  });
});
