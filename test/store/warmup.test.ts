import { describe, expect, it } from 'vitest';
import { warmUpGuilds } from '../../src/store/warmup.ts';

/** A score store whose loads finish only when the test says so. */
function gatedScores(failing = new Set<string>()) {
  const loaded = new Set<string>();
  const pending = new Map<string, () => void>();
  let running = 0;
  let maxRunning = 0;
  const started: string[] = [];
  return {
    started,
    maxRunning: () => maxRunning,
    finish(guildId: string) {
      const done = pending.get(guildId);
      if (!done) throw new Error(`${guildId} is not loading`);
      pending.delete(guildId);
      done();
    },
    async finishAll() {
      while (pending.size > 0) {
        for (const guildId of [...pending.keys()]) this.finish(guildId);
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
    scores: {
      isLoaded: (guildId: string) => loaded.has(guildId),
      loadGuild(guildId: string): Promise<void> {
        started.push(guildId);
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        return new Promise<void>((resolve, reject) => {
          pending.set(guildId, () => {
            running -= 1;
            if (failing.has(guildId)) return reject(new Error(`${guildId} cannot be read`));
            loaded.add(guildId);
            resolve();
          });
        });
      },
    },
  };
}

const GUILDS = Array.from({ length: 10 }, (_, i) => `9000000000000000${String(i).padStart(2, '0')}`);

describe('leaderboard warm-up', () => {
  it('starts the first loads at once and never runs more than `concurrency` together', async () => {
    const fake = gatedScores();
    const warmup = warmUpGuilds(fake.scores, GUILDS, { concurrency: 3 });
    expect(fake.started).toEqual(GUILDS.slice(0, 3));
    await fake.finishAll();
    expect(await warmup.idle()).toEqual({ loaded: 10, failed: 0, skipped: 0 });
    expect(fake.started).toEqual(GUILDS);
    expect(fake.maxRunning()).toBe(3);
  });

  it('goes on after a guild fails to load, reporting it, and skips guilds already loaded', async () => {
    const fake = gatedScores(new Set([GUILDS[1] as string]));
    const errors: string[] = [];
    const first = warmUpGuilds(fake.scores, [GUILDS[0] as string]);
    await fake.finishAll();
    await first.idle();

    const warmup = warmUpGuilds(fake.scores, GUILDS.slice(0, 4), {
      onError: (guildId, error) => errors.push(`${guildId}: ${(error as Error).message}`),
    });
    await fake.finishAll();
    expect(await warmup.idle()).toEqual({ loaded: 2, failed: 1, skipped: 1 });
    expect(errors).toEqual([`${GUILDS[1]}: ${GUILDS[1]} cannot be read`]);
  });

  it('loads a guild added later once, and starts nothing after stop', async () => {
    const fake = gatedScores();
    const warmup = warmUpGuilds(fake.scores, GUILDS.slice(0, 2), { concurrency: 1 });
    warmup.add([GUILDS[0] as string, GUILDS[5] as string]);
    const stopped = warmup.stop();
    await fake.finishAll();
    expect(await stopped).toEqual({ loaded: 1, failed: 0, skipped: 2 });
    expect(fake.started).toEqual([GUILDS[0]]);
  });

  it('refuses a concurrency that is not a positive integer', () => {
    expect(() => warmUpGuilds(gatedScores().scores, [], { concurrency: 0 })).toThrow(/positive integer/);
  });
});
