import { describe, expect, it } from 'vitest';
import { GuildQueue } from '../../src/store/queue.ts';

/** A promise plus its resolver, to control when queued work finishes. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

describe('GuildQueue', () => {
  it('runs the work of one guild one at a time, in call order', async () => {
    const queue = new GuildQueue();
    const log: string[] = [];
    const first = gate();
    const a = queue.run('g1', async () => {
      log.push('a:start');
      await first.opened;
      log.push('a:end');
    });
    const b = queue.run('g1', () => {
      log.push('b');
    });
    await Promise.resolve();
    expect(log).toEqual(['a:start']);
    first.open();
    await Promise.all([a, b]);
    expect(log).toEqual(['a:start', 'a:end', 'b']);
  });

  it('lets different guilds run at the same time', async () => {
    const queue = new GuildQueue();
    const blocked = gate();
    const slow = queue.run('g1', () => blocked.opened);
    await expect(queue.run('g2', () => 'done')).resolves.toBe('done');
    blocked.open();
    await slow;
  });

  it('gives an error to its caller only and keeps the queue going', async () => {
    const queue = new GuildQueue();
    const failing = queue.run('g1', () => Promise.reject(new Error('boom')));
    const next = queue.run('g1', () => 42);
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe(42);
  });

  it('keeps no entry for a guild once its work is done', async () => {
    const queue = new GuildQueue();
    await queue.run('g1', () => 1);
    await queue.idle();
    await Promise.resolve();
    expect(queue.busyGuilds).toBe(0);
  });

  it('never loses an increment under concurrent read-modify-write', async () => {
    const queue = new GuildQueue();
    let stored = 0;
    const read = async () => stored;
    const write = async (v: number) => {
      stored = v;
    };
    await Promise.all(
      Array.from({ length: 500 }, () => queue.run('g', async () => write((await read()) + 1))),
    );
    expect(stored).toBe(500);
  });
});
