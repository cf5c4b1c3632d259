import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { APOLOGY } from '../../src/discord/router.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

const alice = DEFAULT_MEMBERS[0] ?? { id: '0', username: 'alice' };
const bob = DEFAULT_MEMBERS[1] ?? { id: '1', username: 'bob' };

describe('services created once at start', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });
  afterAll(async () => harness?.close());

  it('has the solo quiz cooldown in place before the first quiz, and keeps the same one for every quiz', async () => {
    harness = await startHarness();
    const cooldown = harness.bot.ctx.quiz?.cooldown;
    expect(cooldown).toBeDefined();
    for (const user of [alice, bob]) {
      const ix = await harness.fake.slash({ name: 'quiz', user, options: { topic: 'ami' } });
      expect((await ix.reply()).embeds).toHaveLength(1);
    }
    expect(harness.bot.ctx.quiz?.cooldown).toBe(cooldown);
  });

  it('refuses a solo quiz with an apology and a log line naming the missing feature, instead of making one', async () => {
    harness = await startHarness({ features: [] });
    const ix = await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'ami' } });
    expect((await ix.reply()).content).toBe(APOLOGY);
    expect(harness.bot.ctx.quiz).toBeUndefined();
    expect(harness.logs()).toContain('install quizFeature() at start');
  });

  it('refuses a race when race mode was not installed, naming raceFeature in the log', async () => {
    harness = await startHarness();
    const ix = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: 'ami', mode: 'race' },
    });
    expect((await ix.reply()).content).toBe(APOLOGY);
    expect(harness.bot.ctx.race).toBeUndefined();
    expect(harness.logs()).toContain('install raceFeature() at start');
  });
});
