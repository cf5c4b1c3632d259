import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Client } from 'discord.js';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ReadyHook, startBot, waitForReady } from '../../src/main.ts';
import { startHarness } from '../e2e/helpers.ts';
import { FakeDiscord } from '../fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');

describe('waitForReady', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('resolves on clientReady and rejects, naming the wait, when it never comes', async () => {
    vi.useFakeTimers();
    const client = new EventEmitter();
    const arrived = waitForReady(client as unknown as Client, 1_000);
    client.emit('clientReady');
    await expect(arrived.ready).resolves.toBeUndefined();

    const silent = waitForReady(new EventEmitter() as unknown as Client, 1_000);
    vi.advanceTimersByTime(1_000);
    await expect(silent.ready).rejects.toThrow('Discord did not become ready within 1000 ms');
  });

  it('once cancelled leaves no timer and no listener, so nothing rejects later', async () => {
    vi.useFakeTimers();
    const client = new EventEmitter();
    const wait = waitForReady(client as unknown as Client, 1_000);
    wait.cancel();
    expect(vi.getTimerCount()).toBe(0);
    expect(client.listenerCount('clientReady')).toBe(0);
    const settled = vi.fn();
    wait.ready.then(settled, settled);
    vi.advanceTimersByTime(5_000);
    await Promise.resolve();
    expect(settled).not.toHaveBeenCalled();
  });
});

describe('a start that fails half-way', () => {
  it('fails on a token Discord refuses (401) and leaves no ready timer to reject later', async () => {
    const fake = await FakeDiscord.start();
    const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-start-'));
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    const started = vi.fn();
    try {
      await expect(
        startBot({
          env: {
            DISCORD_TOKEN: `${fake.token}-revoked`,
            DISCORD_API_URL: fake.apiUrl,
            DATA_DIR: join(ROOT, 'data'),
            STORE_URL: `sqlite://${join(storeDir, 'flashcord.sqlite')}`,
            LOG_LEVEL: 'silent',
          },
          onReady: [started],
          // Shorter than the login round trip: before the fix this timer fired after the failed start.
          readyTimeoutMs: 1,
          logDestination: { write: () => undefined },
        }),
      ).rejects.toThrow(/401|unauthorized|token/i);
      expect(fake.requests.some((request) => request.status === 401)).toBe(true);
      expect(started).not.toHaveBeenCalled();
      // Give a leaked timer's rejection the chance to surface; nothing is timed or asserted about time.
      await new Promise((done) => setTimeout(done, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
      await fake.close();
      rmSync(storeDir, { recursive: true, force: true });
    }
  });

  it('stops the ready hooks already started when a later one throws, then closes the client', async () => {
    const calls: string[] = [];
    let client: Client | undefined;
    const cron: ReadyHook = (_ctx, readyClient) => {
      client = readyClient;
      calls.push('cron started');
      return () => calls.push('cron stopped');
    };
    const races: ReadyHook = async () => {
      calls.push('races started');
      return async () => {
        calls.push('races stopped');
      };
    };
    const broken: ReadyHook = () => {
      throw new Error('hook failed on purpose');
    };
    const never: ReadyHook = () => calls.push('started after the failure');

    await expect(startHarness({ start: { onReady: [cron, races, broken, never] } })).rejects.toThrow(
      'hook failed on purpose',
    );
    expect(calls).toEqual(['cron started', 'races started', 'races stopped', 'cron stopped']);
    expect(client?.isReady()).toBe(false);
  });
});
