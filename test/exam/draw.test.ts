import { describe, expect, it } from 'vitest';
import { loadBank } from '../../src/bank/index.ts';
import { domainQuotas, drawExam } from '../../src/exam/draw.ts';
import { loadProfiles } from '../../src/exam/profile.ts';
import { isRightAnswer, rightOptions } from '../../src/exam/questions.ts';
import { bankOf, EXAM_NOTES, examBank, saaProfile, tableNote } from './helpers.ts';

/** A bank big enough for a full SAA-C03 exam: 30 choice questions per domain. */
function fullBank() {
  return bankOf({
    'security/a.md': tableNote('Security', 'tags: [iam]', 30),
    'x/b.md': tableNote('Resilience', 'domain: resilient', 30),
    'x/c.md': tableNote('Performance', 'tags: [ec2]', 30),
    'x/d.md': tableNote('Cost', 'tags: [cost]', 30),
  });
}

describe('the weighted draw', () => {
  it('gives every domain within ±1 of weight × n, adding up to n', async () => {
    const profile = await saaProfile();
    for (let n = 10; n <= 100; n++) {
      const quotas = domainQuotas(profile, n);
      expect([...quotas.values()].reduce((a, b) => a + b, 0)).toBe(n);
      for (const domain of profile.domains) {
        expect(Math.abs((quotas.get(domain.id) ?? 0) - (domain.weight / 100) * n)).toBeLessThanOrEqual(1);
      }
    }
    expect(Object.fromEntries(domainQuotas(profile, 65))).toEqual({
      secure: 19,
      resilient: 17,
      performance: 16,
      cost: 13,
    });
  });

  it('draws a full 65-question exam by weight, without repeats, the same for the same seed', async () => {
    const profile = await saaProfile();
    const bank = fullBank();
    const drawn = drawExam({ pool: bank, profile, count: 65, seed: 7 });
    if (!drawn.ok) throw new Error(drawn.message);
    expect(drawn.byDomain).toEqual({ secure: 19, resilient: 17, performance: 16, cost: 13 });
    expect(new Set(drawn.planned.map((q) => q.itemId)).size).toBe(65);
    expect(new Set(drawn.questions.map((q) => q.prompt)).size).toBe(65);
    expect(drawn.planned.every((q) => q.type === 'choice')).toBe(true);
    const again = drawExam({ pool: bank, profile, count: 65, seed: 7 });
    expect(again.ok && again.planned).toEqual(drawn.planned);
    const other = drawExam({ pool: bank, profile, count: 65, seed: 8 });
    expect(other.ok && other.planned).not.toEqual(drawn.planned);
    // Domains are interleaved, not asked in blocks.
    expect(drawn.planned.slice(0, 19).every((q) => q.domain === 'secure')).toBe(false);
  });

  it('draws a 10-question exam from the fixture notes: 3 / 3 / 2 / 2', async () => {
    const drawn = drawExam({ pool: await examBank(), profile: await saaProfile(), count: 10, seed: 1 });
    expect(drawn.ok && drawn.byDomain).toEqual({ secure: 3, resilient: 3, performance: 2, cost: 2 });
  });

  it('says which domains are short, by how much, when the bank cannot follow the weights', async () => {
    const drawn = drawExam({ pool: await examBank(), profile: await saaProfile(), count: 65, seed: 1 });
    expect(drawn.ok).toBe(false);
    if (drawn.ok) return;
    expect(drawn.shortfall.map((s) => s.domain)).toEqual(['secure', 'resilient', 'performance', 'cost']);
    expect(drawn.shortfall[0]).toMatchObject({ needed: 19, available: 10 });
    expect(drawn.message).toContain('Design Secure Architectures: needs 19, the notes give 10');
    expect(drawn.message).toContain('ask for fewer questions');
  });

  it('refuses fewer than 10 questions', async () => {
    const profile = await saaProfile();
    expect(() => drawExam({ pool: fullBank(), profile, count: 9, seed: 1 })).toThrow(/at least 10/);
  });

  it('asks an item with several right answers as multi-response, right only with exactly those options', async () => {
    const bank = await loadBank(`${EXAM_NOTES}/../multi`);
    const [profile] = (await loadProfiles(`${EXAM_NOTES}/../multi/exams`)).profiles;
    if (!profile) throw new Error('no practice profile');
    const drawn = drawExam({ pool: bank, profile, count: 10, seed: 2 });
    if (!drawn.ok) throw new Error(drawn.message);
    expect(drawn.planned.every((q) => q.type === 'multi')).toBe(true);
    const question = drawn.questions[0];
    if (!question) throw new Error('no question');
    const right = rightOptions(question);
    expect(right).toHaveLength(2);
    expect(isRightAnswer(question, right)).toBe(true);
    expect(isRightAnswer(question, [...right].reverse())).toBe(true);
    expect(isRightAnswer(question, right.slice(0, 1))).toBe(false);
    const wrong = (question.options ?? []).findIndex((_, i) => !right.includes(i));
    expect(isRightAnswer(question, [right[0] ?? 0, wrong])).toBe(false);
    expect(isRightAnswer(question, null)).toBe(false);
  });
});
