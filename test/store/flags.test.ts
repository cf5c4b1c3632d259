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

  describe('the suspicious list', () => {
    /** Six answers, all wrong the same way: under 20% right with one dominant wrong option. */
    async function answerWrongly(health: ReturnType<typeof createStore>['health'], itemId: string) {
      for (let i = 0; i < 6; i++) await health.recordAnswer(G, itemId, false, '11 nines');
    }

    it('holds the questions whose answers look suspicious, and lets go of one that recovers', async () => {
      const { health } = createStore(new Keyv());
      await answerWrongly(health, 'item-a');
      await health.recordAnswer(G, 'item-b', true);
      expect([...(await health.suspicious(G)).keys()]).toEqual(['item-a']);
      expect((await health.suspicious(G)).get('item-a')).toEqual({
        asked: 6,
        right: 0,
        wrong: { '11 nines': 6 },
      });
      // Right answers bring it over 20%: off the list.
      for (let i = 0; i < 2; i++) await health.recordAnswer(G, 'item-a', true);
      expect((await health.suspicious(G)).size).toBe(0);
    });

    it('reads only the suspicious questions, not every answered one', async () => {
      const keyv = new Keyv();
      const { health } = createStore(keyv);
      await answerWrongly(health, 'item-a');
      for (let i = 0; i < 50; i++) await health.recordAnswer(G, `fine-${i}`, true);
      const read: string[] = [];
      const get = keyv.get.bind(keyv);
      keyv.get = ((key: string) => {
        read.push(key);
        return get(key);
      }) as typeof keyv.get;
      expect([...(await health.suspicious(G)).keys()]).toEqual(['item-a']);
      expect(read).toHaveLength(2); // the list and item-a's record
    });

    it('is built once from the statistics where they predate it', async () => {
      const keyv = new Keyv();
      const { health } = createStore(keyv);
      await answerWrongly(health, 'item-a');
      await keyv.delete(`v1:guild:${G}:suspicious`);
      expect([...(await createStore(keyv).health.suspicious(G)).keys()]).toEqual(['item-a']);
      expect(await keyv.get(`v1:guild:${G}:suspicious`)).toEqual(['item-a']);
    });

    it('drops a question a moderator kept, until its answers look fine and then suspicious again', async () => {
      const { health } = createStore(new Keyv());
      await answerWrongly(health, 'item-a');
      await health.dismiss(G, 'item-a');
      await health.recordAnswer(G, 'item-a', false, '11 nines');
      expect((await health.suspicious(G)).size).toBe(0);
      for (let i = 0; i < 2; i++) await health.recordAnswer(G, 'item-a', true); // 2 of 9: fine
      for (let i = 0; i < 5; i++) await health.recordAnswer(G, 'item-a', false, '11 nines'); // 2 of 14
      expect([...(await health.suspicious(G)).keys()]).toEqual(['item-a']);
    });
  });
});
