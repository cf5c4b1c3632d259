import Keyv from 'keyv';
import { describe, expect, it } from 'vitest';
import type { QuestionFlag } from '../../src/quiz/question-health.ts';
import { createStore } from '../../src/store/index.ts';

const G = '100';
const flagBy = (userId: string, reason: QuestionFlag['reason'] = 'wrong'): QuestionFlag => ({
  userId,
  at: 1_700_000_000_000,
  reason,
  text: 'the "wrong" option is also right',
});

describe('question flags', () => {
  it('keeps one flag per member per question', async () => {
    const { health } = createStore(new Keyv());
    expect(await health.flag(G, 'item-a', flagBy('1'))).toBe('flagged');
    expect(await health.flag(G, 'item-a', flagBy('1', 'unclear'))).toBe('already-flagged');
    expect(await health.flag(G, 'item-a', flagBy('2', 'unclear'))).toBe('flagged');
    const flags = await health.flagsOf(G, 'item-a');
    expect(flags.map((f) => [f.userId, f.reason])).toEqual([
      ['1', 'wrong'],
      ['2', 'unclear'],
    ]);
  });

  it('lists open flags per server, and dismissing clears them', async () => {
    const { health } = createStore(new Keyv());
    await health.flag(G, 'item-a', flagBy('1'));
    await health.flag(G, 'item-b', flagBy('1'));
    await health.flag('200', 'item-c', flagBy('1'));
    expect([...(await health.openFlags(G)).keys()]).toEqual(['item-a', 'item-b']);
    await health.dismiss(G, 'item-a');
    expect([...(await health.openFlags(G)).keys()]).toEqual(['item-b']);
    expect(await health.flag(G, 'item-a', flagBy('1'))).toBe('flagged');
  });

  it('mutes a question (clearing its flags) and unmutes it', async () => {
    const keyv = new Keyv();
    const { health } = createStore(keyv);
    await health.flag(G, 'item-a', flagBy('1'));
    await health.mute(G, 'item-a');
    expect([...(await health.muted(G))]).toEqual(['item-a']);
    expect((await health.openFlags(G)).size).toBe(0);
    expect((await health.muted('200')).size).toBe(0);
    // Another process reading the same store sees the mute.
    expect([...(await createStore(keyv).health.muted(G))]).toEqual(['item-a']);
    await health.unmute(G, 'item-a');
    expect((await health.muted(G)).size).toBe(0);
  });

  it('cuts the free text to 500 characters and refuses an unknown reason', async () => {
    const { health } = createStore(new Keyv());
    await health.flag(G, 'item-a', { ...flagBy('1'), text: 'x'.repeat(900) });
    expect((await health.flagsOf(G, 'item-a'))[0]?.text).toHaveLength(500);
    await expect(
      health.flag(G, 'item-a', { ...flagBy('2'), reason: 'spam' as QuestionFlag['reason'] }),
    ).rejects.toThrow(/reason/);
  });

  it('counts answers per question, right and per wrong option', async () => {
    const { health } = createStore(new Keyv());
    await Promise.all([
      health.recordAnswer(G, 'item-a', false, '11 nines'),
      health.recordAnswer(G, 'item-a', false, '11 nines'),
      health.recordAnswer(G, 'item-a', true),
      health.recordAnswer(G, 'item-b', false, '30 days'),
    ]);
    expect(await health.statsOf(G, 'item-a')).toEqual({ asked: 3, right: 1, wrong: { '11 nines': 2 } });
    expect([...(await health.allStats(G)).keys()].sort()).toEqual(['item-a', 'item-b']);
  });
});
