import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeKeyv, keyValueOf, openKeyv } from '../../src/store/keyv.ts';
import { REDIS } from '../support/requirements.ts';
import { tempSqlite, uniqueNamespace } from './helpers.ts';

describe('openKeyv', () => {
  const cleanups: (() => void | Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('creates the parent folder of a SQLite file and stores plain JSON', async () => {
    const tmp = tempSqlite();
    cleanups.push(tmp.cleanup);
    const keyv = await openKeyv(tmp.url, { namespace: 'ns' });
    cleanups.push(() => closeKeyv(keyv));
    expect(existsSync(join(tmp.dir, 'nested'))).toBe(true);
    const kv = keyValueOf(keyv, 'v1:app:');
    await kv.set('hash', { a: 1 });
    expect(await kv.get('hash')).toEqual({ a: 1 });
    expect(await kv.delete('hash')).toBe(true);
    expect(await kv.get('hash')).toBeUndefined();
  });

  it('refuses postgresql:// while @keyv/postgres is not installed, naming the supported schemes', async () => {
    await expect(openKeyv('postgresql://localhost/db')).rejects.toThrow(
      /@keyv\/postgres.*sqlite:\/\/.*redis:\/\//,
    );
  });

  it('refuses unknown schemes and empty URLs with a clear error', async () => {
    await expect(openKeyv('mongodb://x')).rejects.toThrow(
      /"mongodb:\/\/" is not supported; supported: sqlite/,
    );
    await expect(openKeyv('')).rejects.toThrow(/empty/);
    await expect(openKeyv('sqlite://')).rejects.toThrow(/names no file/);
  });

  it('throws on a failed get instead of answering "not found"', async () => {
    const tmp = tempSqlite();
    cleanups.push(tmp.cleanup);
    const errors: unknown[] = [];
    const keyv = await openKeyv(tmp.url, { onError: (e) => errors.push(e) });
    await keyv.set('k', 1);
    await closeKeyv(keyv);
    await expect(keyv.get('k')).rejects.toThrow(/closed/i);
    await expect(keyv.set('k', 2)).rejects.toThrow(/closed/i);
    expect(errors.length).toBeGreaterThan(0); // reported to the listener, not crashing the process
  });

  it('names only the host when Redis cannot be reached (a URL may carry a password)', async () => {
    await expect(openKeyv('redis://:secret@127.0.0.1:1')).rejects.toThrow(
      /Cannot connect to Redis at 127\.0\.0\.1:1/,
    );
    await expect(openKeyv('redis://:secret@127.0.0.1:1')).rejects.not.toThrow(/secret/);
  });

  describe.skipIf(!REDIS.met)(REDIS.title('on Redis'), () => {
    it('stores keys under the namespace once, not twice', async () => {
      const namespace = uniqueNamespace();
      const keyv = await openKeyv(process.env.REDIS_URL ?? '', { namespace });
      cleanups.push(async () => {
        await keyv.clear();
        await closeKeyv(keyv);
      });
      await keyv.set('v1:app:probe', { ok: true });
      // biome-ignore lint/suspicious/noExplicitAny: reaching the raw node-redis client to inspect real keys
      const client = (keyv.store as any).client;
      expect(await client.keys(`*${namespace}*`)).toEqual([`${namespace}::v1:app:probe`]);
      expect(await keyv.get('v1:app:probe')).toEqual({ ok: true });
    });
  });
});
