import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { Context } from '../../src/discord/command.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { galleryItems } from './v2-support.ts';

/** Enough members that a rebuild reads thousands of keys, few enough to seed in a few seconds. */
const MEMBERS = 2_000;
const bob = { id: DEFAULT_MEMBERS[1]?.id ?? '', username: 'bob' };

describe('/leaderboard right after a restart', () => {
  const clock = new ManualClock('2026-11-27T12:00:00Z');
  /** Guild ids whose rankings the bot loaded, in call order, across restarts. */
  const loads: string[] = [];
  /** While set, warm-up loads wait for it (the slow rebuild of a large guild, made deterministic). */
  let hold: Promise<void> | undefined;
  let release: () => void = () => undefined;
  let harness: Harness;

  // Wraps the store's loadGuild: records each call, and holds it while the test says so.
  const spyOnLoads = (ctx: Context) => {
    const scores = ctx.store.scores;
    const loadGuild = scores.loadGuild.bind(scores);
    scores.loadGuild = async (guildId) => {
      loads.push(guildId);
      await hold;
      return loadGuild(guildId);
    };
  };

  beforeAll(async () => {
    harness = await startHarness({ start: { clock, extendContext: spyOnLoads } });
    const guildId = harness.fake.guild().id;
    // Answers submitted together are committed in batches by the guild's writer.
    await Promise.all(
      Array.from({ length: MEMBERS }, (_, i) =>
        harness.bot.ctx.store.scores.recordAnswer(guildId, {
          userId: `3${String(i).padStart(17, '0')}`,
          itemId: 'ami-q1',
          topics: ['ami'],
          correct: true,
          points: 10 + (i % 50),
          kind: 'quiz',
          at: new Date('2026-11-26T10:00:00Z'),
          timeZone: 'UTC',
        }),
      ),
    );
  }, 120_000);
  afterAll(async () => {
    release();
    await harness?.close();
  });

  it('loads the rankings of every guild it serves at start, before any command', async () => {
    loads.length = 0;
    await harness.restart();
    expect(loads).toEqual([harness.fake.guild().id]);
    await harness.fake.waitFor(() => harness.bot.ctx.store.scores.isLoaded(harness.fake.guild().id), {
      timeoutMs: 30_000,
      message: 'the warm-up never loaded the guild',
    });
    expect(harness.logs()).toContain('leaderboards loaded');
  });

  it(`is acknowledged within the deadline with ${MEMBERS} members, deferring while the guild is not loaded`, async () => {
    hold = new Promise((resolve) => {
      release = resolve;
    });
    await harness.restart();
    const guildId = harness.fake.guild().id;
    expect(harness.bot.ctx.store.scores.isLoaded(guildId)).toBe(false);

    const ix = await harness.fake.slash({ name: 'leaderboard', user: bob });
    expect((await ix.response()).type).toBe(5); // deferred, "thinking…"
    const reply = await ix.reply({ timeoutMs: 30_000 });
    release();
    hold = undefined;
    expect(ix.ephemeral).toBe(false);
    const alt = galleryItems(reply)[0]?.description ?? '';
    expect(alt.split('\n')[0]).toBe(`Leaderboard this week (Nov 23–29), ${MEMBERS} members with points:`);
    expect(alt.split('\n')[1]).toBe('1. former member: 59 points');
    expect(harness.fake.violations).toEqual([]);
  });

  it('answers with the card once the guild is loaded (acknowledged first, since drawing takes a moment)', async () => {
    const guildId = harness.fake.guild().id;
    await harness.fake.waitFor(() => harness.bot.ctx.store.scores.isLoaded(guildId), {
      timeoutMs: 30_000,
      message: 'the guild was never loaded',
    });
    const ix = await harness.fake.slash({ name: 'leaderboard', user: bob });
    expect((await ix.response()).type).toBe(5);
    expect(galleryItems(await ix.reply({ timeoutMs: 30_000 }))).toHaveLength(1);
    expect(harness.fake.violations).toEqual([]);
  });
});
