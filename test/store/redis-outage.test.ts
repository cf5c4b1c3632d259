import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore, StoreError } from '../../src/store/index.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { REDIS } from '../support/requirements.ts';
import { uniqueNamespace } from './helpers.ts';

/** A TCP relay in front of Redis that can drop every connection and come back on the same port. */
class RedisRelay {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  port = 0;
  constructor(readonly target: URL) {}

  async start(): Promise<void> {
    if (this.#server) return;
    const server = createServer((client) => {
      const upstream = tcpConnect(Number(this.target.port || 6379), this.target.hostname);
      for (const s of [client, upstream]) {
        this.#sockets.add(s);
        s.on('close', () => this.#sockets.delete(s));
        s.on('error', () => s.destroy());
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (address && typeof address === 'object') this.port = address.port;
    this.#server = server;
  }

  async stop(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const s of this.#sockets) s.destroy();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/** Retries `fn` until it resolves: the client reconnects with a back-off of its own. */
async function eventually<T>(fn: () => Promise<T>, tries = 100): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

describe.skipIf(!REDIS.met)(REDIS.title('ScoreStore when the Redis connection is lost'), () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c().catch(() => undefined);
  });

  it('rejects with StoreError, keeps the totals, and recovers once Redis is reachable again', async () => {
    const relay = new RedisRelay(new URL(process.env.REDIS_URL ?? ''));
    await relay.start();
    const namespace = uniqueNamespace();
    const keyv = await openKeyv(`redis://127.0.0.1:${relay.port}`, { namespace });
    const store = createStore(keyv);
    cleanups.push(async () => {
      await relay.start();
      await eventually(() => keyv.clear());
      await closeKeyv(keyv);
      await relay.stop();
    });
    const base = {
      topics: ['aws'],
      correct: true,
      points: 10,
      kind: 'quiz' as const,
      at: new Date('2026-11-27T12:00:00Z'),
      timeZone: 'UTC',
    };
    await store.scores.recordAnswer('1', { ...base, userId: 'u', itemId: 'a' });

    await relay.stop();
    // biome-ignore lint/suspicious/noExplicitAny: the raw node-redis client tells when the drop is noticed
    const client = (keyv.store as any).client;
    await eventually(async () => {
      if (client.isReady) throw new Error('not noticed yet');
    });
    await expect(
      store.scores.recordAnswer('1', { ...base, userId: 'u', itemId: 'b' }),
    ).rejects.toBeInstanceOf(StoreError);
    const during = await store.scores.leaderboard('1', 'all', base.at, 'UTC', { userId: 'u' });
    expect(during.me?.points).toBe(10);

    await relay.start();
    const recovered = await eventually(() =>
      store.scores.recordAnswer('1', { ...base, userId: 'u', itemId: 'b' }),
    );
    expect(recovered.totals).toEqual({ points: 20, answers: 2, correct: 2 });
  });
});
