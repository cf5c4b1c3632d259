import { describe, expect, it } from 'vitest';
import { mutedPredicate } from '../../src/quiz/question-health.ts';
import { planQuestions } from '../../src/quiz/session.ts';
import { pickRaceQuestions } from '../../src/race/pick.ts';
import { amiPool } from '../fixtures/quiz/ami.ts';

const bank = {
  items: [...amiPool.items],
  itemsForTopic: () => [...amiPool.items],
};

describe('muted questions are never drawn', () => {
  const muted = new Set(amiPool.items.slice(0, 20).map((item) => item.id));
  const isMuted = mutedPredicate(muted);

  it('by a quiz, whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const planned = planQuestions({ items: amiPool.items, pool: amiPool, count: 5, seed, isMuted });
      expect(planned.length).toBeGreaterThan(0);
      expect(planned.filter((q) => muted.has(q.itemId))).toEqual([]);
    }
  });

  it('by a quiz with every question muted: nothing to ask', () => {
    const all = mutedPredicate(new Set(amiPool.items.map((item) => item.id)));
    expect(planQuestions({ items: amiPool.items, pool: amiPool, count: 5, seed: 1, isMuted: all })).toEqual(
      [],
    );
  });

  it('by a race, whatever the seed', () => {
    for (let seed = 0; seed < 50; seed++) {
      const picked = pickRaceQuestions(bank, null, 3, seed, isMuted);
      expect(picked.filter((q) => muted.has(q.itemId))).toEqual([]);
    }
  });

  it('while an unmuted bank still draws the muted ones (the test can fail)', () => {
    const drawn = new Set<string>();
    for (let seed = 0; seed < 50; seed++) {
      for (const q of planQuestions({ items: amiPool.items, pool: amiPool, count: 5, seed }))
        drawn.add(q.itemId);
    }
    expect([...drawn].some((id) => muted.has(id))).toBe(true);
  });
});
