import { describe, expect, it } from 'vitest';
import {
  EMPTY_STATS,
  isSuspicious,
  MAX_WRONG_KEYS,
  mutedPredicate,
  parseFlagReason,
  type QuestionStats,
  recordAnswer,
  statsLine,
} from '../../src/quiz/question-health.ts';

function answered(right: number, wrong: Record<string, number>): QuestionStats {
  let stats = EMPTY_STATS;
  for (let i = 0; i < right; i++) stats = recordAnswer(stats, true);
  for (const [option, n] of Object.entries(wrong)) {
    for (let i = 0; i < n; i++) stats = recordAnswer(stats, false, option);
  }
  return stats;
}

describe('the suspicious rule', () => {
  it('calls a question suspicious when under 20% right and one wrong option dominates', () => {
    expect(isSuspicious(answered(1, { '11 nines': 6, '99.9%': 1 }))).toBe(true);
  });
  it('needs at least five answers', () => {
    expect(isSuspicious(answered(0, { '11 nines': 4 }))).toBe(false);
  });
  it('is not suspicious at 20% right or more', () => {
    expect(isSuspicious(answered(2, { '11 nines': 8 }))).toBe(false);
  });
  it('is not suspicious when the wrong answers are spread out', () => {
    expect(isSuspicious(answered(0, { a: 2, b: 2, c: 2, d: 2 }))).toBe(false);
  });
});

describe('answer statistics', () => {
  it('ignores the chosen option of a right answer', () => {
    expect(recordAnswer(EMPTY_STATS, true, 'x')).toEqual({ asked: 1, right: 1, wrong: {} });
  });
  it('keeps a bounded number of wrong options', () => {
    let stats = EMPTY_STATS;
    for (let i = 0; i < MAX_WRONG_KEYS + 10; i++) stats = recordAnswer(stats, false, `typed ${i}`);
    expect(Object.keys(stats.wrong)).toHaveLength(MAX_WRONG_KEYS);
    expect(stats.asked).toBe(MAX_WRONG_KEYS + 10);
  });
  it('reads as one line', () => {
    expect(statsLine(answered(1, { '11 nines': 3 }))).toBe(
      'asked 4 · 25% right · most chosen wrong: “11 nines” (3)',
    );
    expect(statsLine(EMPTY_STATS)).toBe('not answered yet');
  });
});

describe('flag reasons and muting', () => {
  it('reads a reason by name or label', () => {
    expect(parseFlagReason(' Wrong answer ')).toBe('wrong');
    expect(parseFlagReason('duplicate')).toBe('duplicate');
    expect(parseFlagReason('spam')).toBeNull();
  });
  it('mutes only the listed ids', () => {
    const isMuted = mutedPredicate(new Set(['a']));
    expect([isMuted('a'), isMuted('b')]).toEqual([true, false]);
    expect(mutedPredicate(undefined)('a')).toBe(false);
  });
});
