import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS, Rating, ratingFor } from '../../src/review/index.ts';

const right = { correct: true, verdict: 'exact', elapsedMs: 10_000, known: false } as const;

describe('ratingFor', () => {
  it('rates a wrong answer Again, however fast', () => {
    expect(ratingFor({ correct: false, verdict: 'wrong', elapsedMs: 500, known: true })).toBe(Rating.Again);
  });

  it('rates a right answer Good', () => {
    expect(ratingFor(right)).toBe(Rating.Good);
  });

  it('rates a near match ("accepted as X") Hard, even when fast on a known card', () => {
    expect(ratingFor({ ...right, verdict: 'accepted', elapsedMs: 1_000, known: true })).toBe(Rating.Hard);
  });

  it('rates a right answer slower than the slow threshold Hard', () => {
    expect(ratingFor({ ...right, elapsedMs: DEFAULT_THRESHOLDS.slowMs })).toBe(Rating.Good);
    expect(ratingFor({ ...right, elapsedMs: DEFAULT_THRESHOLDS.slowMs + 1 })).toBe(Rating.Hard);
  });

  it('rates a fast right answer Easy only when the item was already known', () => {
    const fast = { ...right, elapsedMs: DEFAULT_THRESHOLDS.fastMs };
    expect(ratingFor({ ...fast, known: true })).toBe(Rating.Easy);
    expect(ratingFor({ ...fast, known: false })).toBe(Rating.Good);
    expect(ratingFor({ ...fast, elapsedMs: DEFAULT_THRESHOLDS.fastMs + 1, known: true })).toBe(Rating.Good);
  });

  it('takes other thresholds when given', () => {
    expect(ratingFor({ ...right, elapsedMs: 3_000 }, { fastMs: 1_000, slowMs: 2_000 })).toBe(Rating.Hard);
  });

  it('refuses contradictory or malformed outcomes with a clear error', () => {
    expect(() => ratingFor({ ...right, verdict: 'wrong' })).toThrow(/contradicts/);
    expect(() => ratingFor({ ...right, correct: false })).toThrow(/contradicts/);
    expect(() => ratingFor({ ...right, elapsedMs: -1 })).toThrow(/elapsedMs/);
    expect(() => ratingFor({ ...right, elapsedMs: Number.NaN })).toThrow(/elapsedMs/);
    // @ts-expect-error: a verdict the grader never gives
    expect(() => ratingFor({ ...right, verdict: 'close' })).toThrow(/verdict/);
    // @ts-expect-error: known missing
    expect(() => ratingFor({ correct: true, verdict: 'exact', elapsedMs: 1 })).toThrow(/known/);
  });
});
