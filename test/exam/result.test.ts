import { describe, expect, it } from 'vitest';
import { scaledScore } from '../../src/exam/result.ts';
import { saaProfile } from './helpers.ts';

describe('scaled score and pass mark', () => {
  it('maps raw shares linearly onto 100–1000 for SAA-C03: 720 needs 45 of 65 (69%)', async () => {
    const profile = await saaProfile();
    expect(scaledScore(profile, 0, 65)).toBe(100);
    expect(scaledScore(profile, 65, 65)).toBe(1000);
    expect(scaledScore(profile, 44, 65)).toBe(709);
    expect(scaledScore(profile, 45, 65)).toBe(723);
    expect(scaledScore(profile, 45, 65) >= profile.passScore).toBe(true);
    expect(scaledScore(profile, 44, 65) >= profile.passScore).toBe(false);
  });

  it('puts the pass mark exactly at passRaw when a profile gives it, linear on each side', () => {
    const profile = { scale: { min: 100, max: 1000 }, passScore: 720, passRaw: 0.65 };
    expect(scaledScore(profile, 65, 100)).toBe(720);
    expect(scaledScore(profile, 0, 100)).toBe(100);
    expect(scaledScore(profile, 100, 100)).toBe(1000);
    expect(scaledScore(profile, 32.5, 100)).toBe(410);
  });

  it('never leaves the scale, and scores an empty exam at the minimum', () => {
    const profile = { scale: { min: 0, max: 100 }, passScore: 50 };
    expect(scaledScore(profile, 0, 0)).toBe(0);
    expect(scaledScore(profile, 12, 10)).toBe(100);
  });
});
