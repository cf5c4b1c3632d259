import { describe, expect, it } from 'vitest';
import { Cooldown } from '../../src/quiz/cooldown.ts';

describe('the answer cooldown', () => {
  it('lets a member act once per period and refuses faster actions without extending the wait', () => {
    const cooldown = new Cooldown(1_000);
    expect(cooldown.take('g:alice', 10_000)).toBe(true);
    expect(cooldown.take('g:alice', 10_500)).toBe(false);
    expect(cooldown.take('g:alice', 10_999)).toBe(false);
    expect(cooldown.take('g:alice', 11_000)).toBe(true);
  });

  it('keeps members apart', () => {
    const cooldown = new Cooldown(1_000);
    expect(cooldown.take('g:alice', 0)).toBe(true);
    expect(cooldown.take('g:bob', 1)).toBe(true);
  });

  it('never locks anyone out when the clock goes backwards', () => {
    const cooldown = new Cooldown(1_000);
    expect(cooldown.take('g:alice', 50_000)).toBe(true);
    expect(cooldown.take('g:alice', 49_000)).toBe(true);
  });

  it('forgets expired members once it holds many, keeping the ones still cooling down', () => {
    const cooldown = new Cooldown(1_000, 3);
    cooldown.take('a', 0);
    cooldown.take('b', 0);
    cooldown.take('c', 5_000);
    expect(cooldown.take('d', 5_500)).toBe(true);
    expect(cooldown.take('c', 5_600)).toBe(false);
  });

  it('refuses a negative period', () => {
    expect(() => new Cooldown(-1)).toThrow(/≥ 0/);
  });
});
