import Keyv from 'keyv';
import pino from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { buildBank, parseNote } from '../../src/bank/index.ts';
import { ManualClock } from '../../src/core/clock.ts';
import { dailyFeature } from '../../src/daily/feature.ts';
import { dailyKeys } from '../../src/daily/state.ts';
import type { Context } from '../../src/discord/command.ts';
import { createStore } from '../../src/store/index.ts';
import * as keyvModule from '../../src/store/keyv.ts';

// Counts connections opened behind the daily feature's back (the real openKeyv still runs).
vi.mock('../../src/store/keyv.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/store/keyv.ts')>();
  return { ...original, openKeyv: vi.fn(original.openKeyv) };
});

const GUILD = '900000000000000001';
const NOTE = '# AMI\n\n> [!question] Are AMIs region-specific?\n> ==Yes==. They are built for one region.\n';

function contextOn(keyv: Keyv): Context {
  const store = createStore(keyv);
  // Only what the daily feature reads.
  return {
    store,
    bank: { current: buildBank([parseNote('aws/ami.md', NOTE)]) },
    clock: new ManualClock('2026-11-27T12:00:00Z'),
    log: pino({ level: 'silent' }),
    config: { storeUrl: 'sqlite://:memory:' },
  } as unknown as Context;
}

describe('the daily feature', () => {
  it('opens no store connection of its own and keeps its records on the shared one', async () => {
    const keyv = new Keyv();
    const ctx = contextOn(keyv);
    const feature = dailyFeature({ cron: false });
    await feature.extendContext(ctx);
    if (!ctx.daily) throw new Error('dailyFeature added no ctx.daily');

    await ctx.daily.configure(GUILD, { channelId: '800', time: '08:00', timeZone: 'UTC', enabled: true });

    expect(vi.mocked(keyvModule.openKeyv)).not.toHaveBeenCalled();
    expect(await keyv.get(dailyKeys.state(GUILD))).toMatchObject({ v: 1, failures: 0 });
    await ctx.store.close();
  });
});
