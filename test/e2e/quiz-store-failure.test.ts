import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import type { Context } from '../../src/discord/command.ts';
import { ANSWER_NOT_RECORDED } from '../../src/quiz/solo.ts';
import { STORE_UNAVAILABLE, StoreError } from '../../src/store/index.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { questionOf, sendChoice, sessionIdOf, storedSession } from './quiz-support.ts';

const alice = { id: DEFAULT_MEMBERS[0]?.id ?? '', username: 'alice' };

/** Methods that read only process memory: a dead store cannot make them fail. */
const IN_MEMORY = new Set<PropertyKey>(['isLoaded']);

/**
 * Makes every score, session and settings call of the bot's store fail while `down` is set, the way
 * the store reports a dead SQLite file or Redis: a `StoreError`.
 */
function breakableStore() {
  const state = { down: false };
  const wrap = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, property, receiver) {
        const value = Reflect.get(object, property, receiver);
        if (typeof value !== 'function') return value;
        if (IN_MEMORY.has(property)) return value.bind(object);
        return (...args: unknown[]) => {
          if (state.down) return Promise.reject(new StoreError(new Error('SQLITE_IOERR: disk I/O error')));
          return value.apply(object, args);
        };
      },
    });
  const extendContext = (ctx: Context) => {
    ctx.store = {
      ...ctx.store,
      scores: wrap(ctx.store.scores),
      sessions: wrap(ctx.store.sessions),
      settings: wrap(ctx.store.settings),
    };
  };
  return { state, extendContext };
}

describe('the quiz while the store fails', () => {
  const clock = new ManualClock('2026-11-27T10:00:00Z');
  const breakable = breakableStore();
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ start: { clock, extendContext: breakable.extendContext } });
  });
  afterAll(async () => harness?.close());

  it('answers privately with the store error, changes no score, and works again once the store is back', async () => {
    const guildId = harness.fake.guild().id;
    const start = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: 'ami', questions: 1 },
    });
    const message = await start.reply();
    const sessionId = sessionIdOf(message);
    const session = await storedSession(harness, sessionId);
    const question = questionOf(harness, session, 0);

    breakable.state.down = true;
    clock.advance(3_000);
    const failed = await sendChoice(harness, message, sessionId, 0, question, true, alice);
    expect((await failed.reply()).content).toBe(ANSWER_NOT_RECORDED);
    expect(failed.ephemeral).toBe(true);

    const refused = await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'ami' } });
    expect((await refused.reply()).content).toBe(STORE_UNAVAILABLE);
    const board = await harness.fake.slash({ name: 'leaderboard', user: alice });
    expect((await board.reply()).content).toBe(STORE_UNAVAILABLE);

    breakable.state.down = false;
    expect(await harness.bot.ctx.store.scores.getMember(guildId, alice.id)).toBeUndefined();
    expect((await storedSession(harness, sessionId)).answers).toEqual([]);

    clock.advance(3_000);
    const retried = await sendChoice(harness, message, sessionId, 0, question, true, alice);
    expect((await retried.reply()).embeds[0]?.title).toBe('✅ Right! +10 points');
    expect((await harness.bot.ctx.store.scores.getMember(guildId, alice.id))?.periods.all?.points).toBe(10);
    expect(harness.fake.violations).toEqual([]);
    expect(harness.logs()).not.toContain('"msg":"interaction failed"');
  });
});
