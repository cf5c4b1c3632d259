import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { createLogger } from '../../src/log.ts';
import {
  discordRaceDisplay,
  pickRaceQuestions,
  RaceService,
  type RaceState,
  raceFeature,
} from '../../src/race/index.ts';
import { ManualScheduler } from '../../src/race/scheduler.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

const [alice, bob] = [DEFAULT_MEMBERS[0], DEFAULT_MEMBERS[1]].map((m) => ({
  id: m?.id ?? '',
  username: m?.username ?? '',
}));
const SETTINGS = { roundMs: 2_000, gapMs: 0, updateEveryMs: 5_000 };

describe('a race started where an orphaned race is still running', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  const scheduler = new ManualScheduler(clock);
  let harness: Harness;
  let general: string;

  beforeAll(async () => {
    const race = raceFeature({ scheduler, settings: SETTINGS });
    harness = await startHarness({
      fake: { ackDeadlineMs: 1_500 },
      start: { clock, extendContext: race.extendContext, onReady: [race.onReady] },
    });
    general = harness.fake.channel('#general').id;
  });
  afterAll(async () => harness?.close());

  /** A race driven by a process that is gone: its rows say another runner, and nobody drives it. */
  async function orphanedRace(): Promise<RaceState> {
    const gone = new RaceService({
      store: harness.bot.ctx.store,
      clock,
      scheduler: new ManualScheduler(clock),
      runner: 'gone-process',
      settings: SETTINGS,
      log: createLogger({ level: 'silent' }),
    });
    const bank = harness.bot.ctx.banks.forGuild(harness.fake.guild().id);
    return gone.start(discordRaceDisplay(harness.bot.client), {
      guildId: harness.fake.guild().id,
      channelId: general,
      starterId: bob?.id ?? '',
      topic: 'ami',
      questions: pickRaceQuestions(bank, 'ami', 2, 7),
    });
  }

  it('acknowledges the start before ending the orphan, and the orphan still ends with its standings', async () => {
    const orphan = await orphanedRace();
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      channelId: general,
      options: { topic: 'ami', mode: 'race', questions: 2 },
    });
    const announcement = await start.reply();
    expect(start.ephemeral).toBe(false);
    expect(announcement.content).toContain('started a race');

    const isStandings = (body: unknown) =>
      JSON.stringify(body ?? '').includes('Race ended') && JSON.stringify(body).includes('Ended early');
    await harness.fake.waitFor(() => harness.fake.requests.some((r) => isStandings(r.body)), {
      message: 'orphan standings posted',
    });
    const callback = harness.fake.requests.findIndex((r) => r.path.includes(`/interactions/${start.id}/`));
    const standings = harness.fake.requests.findIndex((r) => isStandings(r.body));
    expect(callback).toBeGreaterThanOrEqual(0);
    expect(callback).toBeLessThan(standings);

    const ended = await harness.bot.ctx.store.sessions.get<RaceState>(`race:${orphan.id}`);
    expect(ended).toMatchObject({ status: 'interrupted' });
    expect(harness.fake.violations).toEqual([]);
  });
});
