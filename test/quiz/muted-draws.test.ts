import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/index.ts';
import { newCycle } from '../../src/daily/cycle.ts';
import { chooseQuestion } from '../../src/daily/posting.ts';
import { drawExam } from '../../src/exam/draw.ts';
import { mutedPredicate } from '../../src/quiz/question-health.ts';
import { planQuestions } from '../../src/quiz/session.ts';
import { pickRaceQuestions } from '../../src/race/pick.ts';
import { bankOf, saaProfile, tableNote } from '../exam/helpers.ts';
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

describe('muted questions are never posted or put in an exam', () => {
  it('by the daily question, day after day, until none is left', async () => {
    const bank = await loadBank(resolve(import.meta.dirname, '../../data'));
    const ids = bank.items.map((item) => item.id);
    const muted = new Set(ids.slice(0, Math.floor(ids.length / 2)));
    const isMuted = mutedPredicate(muted);
    let cycle = newCycle();
    const posted = new Set<string>();
    for (let day = 1; day <= 28; day++) {
      const chosen = chooseQuestion(
        bank,
        undefined,
        cycle,
        'g1',
        `2026-12-${String(day).padStart(2, '0')}`,
        isMuted,
      );
      if (!chosen) break;
      posted.add(chosen.question.itemId);
      cycle = chosen.cycle;
    }
    expect(posted.size).toBeGreaterThan(0);
    expect([...posted].filter((id) => muted.has(id))).toEqual([]);
    expect(
      chooseQuestion(bank, undefined, newCycle(), 'g1', '2026-12-01', mutedPredicate(new Set(ids))),
    ).toBe(undefined);
  });

  it('by the exam draw, which says a domain is short rather than ask a muted question', async () => {
    const profile = await saaProfile();
    const bank = bankOf({
      'security/a.md': tableNote('Security', 'tags: [iam]', 30),
      'x/b.md': tableNote('Resilience', 'domain: resilient', 30),
      'x/c.md': tableNote('Performance', 'tags: [ec2]', 30),
      'x/d.md': tableNote('Cost', 'tags: [cost]', 30),
    });
    const security = bank.items.filter((item) => item.note === 'security/a.md').map((item) => item.id);
    const someMuted = new Set(security.slice(0, 5));
    for (let seed = 0; seed < 20; seed++) {
      const drawn = drawExam({ pool: bank, profile, count: 20, seed, isMuted: mutedPredicate(someMuted) });
      if (!drawn.ok) throw new Error(drawn.message);
      expect(drawn.planned.filter((q) => someMuted.has(q.itemId))).toEqual([]);
    }
    const allMuted = drawExam({
      pool: bank,
      profile,
      count: 20,
      seed: 1,
      isMuted: mutedPredicate(new Set(security)),
    });
    expect(allMuted.ok).toBe(false);
  });
});
