import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CycleState, newCycle, nextInCycle, remainingInCycle } from '../../src/daily/cycle.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `item-${i}`);

/** Asks `count` questions in a row and returns them with the final state. */
function ask(count: number, available: string[], seed: string | number, start: CycleState = newCycle()) {
  let state = start;
  const asked: string[] = [];
  for (let i = 0; i < count; i++) {
    const pick = nextInCycle(state, available, seed);
    if (!pick) throw new Error('nothing to ask');
    asked.push(pick.itemId);
    state = pick.state;
  }
  return { asked, state };
}

describe('nextInCycle', () => {
  it('asks every item once before any repeats', () => {
    const available = ids(30);
    const { asked, state } = ask(30, available, 'guild-1');
    expect([...asked].sort()).toEqual([...available].sort());
    expect(state).toEqual({ asked, cycle: 0 });
    expect(remainingInCycle(state, available)).toBe(0);
  });

  it('starts a new cycle in a different order once everything was asked', () => {
    const available = ids(30);
    const first = ask(30, available, 'guild-1');
    const second = ask(30, available, 'guild-1', first.state);
    expect(second.state.cycle).toBe(1);
    expect([...second.asked].sort()).toEqual([...available].sort());
    expect(second.asked).not.toEqual(first.asked);
  });

  it('never asks the same item on two consecutive days across a cycle boundary', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.string(), (n, seed) => {
        const { asked } = ask(n * 6, ids(n), seed);
        for (let i = 1; i < asked.length; i++) expect(asked[i]).not.toBe(asked[i - 1]);
      }),
      { seed: 7, numRuns: 200 },
    );
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const available = ids(20);
    expect(ask(20, available, 'guild-1').asked).toEqual(ask(20, available, 'guild-1').asked);
    expect(ask(20, available, 'guild-1').asked).not.toEqual(ask(20, available, 'guild-2').asked);
  });

  it('does not depend on the order the bank lists its items in', () => {
    const available = ids(20);
    expect(ask(20, [...available].reverse(), 42).asked).toEqual(ask(20, available, 42).asked);
  });

  it('lets items added by a reload join the current cycle', () => {
    const { state } = ask(5, ids(10), 'g');
    const reloaded = [...ids(10), 'new-a', 'new-b'];
    expect(remainingInCycle(state, reloaded)).toBe(7);
    const rest = ask(7, reloaded, 'g', state);
    expect(rest.asked).toEqual(expect.arrayContaining(['new-a', 'new-b']));
    expect(rest.state.cycle).toBe(0);
    expect(new Set([...state.asked, ...rest.asked]).size).toBe(12);
  });

  it('lets items removed by a reload leave the cycle, and forgets them', () => {
    const { asked, state } = ask(4, ids(10), 'g');
    const removed = asked[0] as string;
    const reloaded = ids(10).filter((id) => id !== removed && id !== 'item-9');
    const rest = ask(remainingInCycle(state, reloaded), reloaded, 'g', state);
    expect(rest.asked).not.toContain(removed);
    expect(rest.asked).not.toContain('item-9');
    expect(rest.state.asked).not.toContain(removed);
    expect(rest.state.cycle).toBe(0);
    expect(nextInCycle(rest.state, reloaded, 'g')?.state.cycle).toBe(1);
  });

  it('keeps the order of the remaining items when a reload adds or removes others', () => {
    const before = ask(10, ids(10), 'g').asked;
    const after = ask(
      10,
      ids(11).filter((id) => id !== 'item-3'),
      'g',
    ).asked;
    const common = (list: string[]) => list.filter((id) => id !== 'item-3' && id !== 'item-10');
    expect(common(after)).toEqual(common(before));
  });

  it('asks nothing when the topic has no items, and ignores duplicate ids', () => {
    expect(nextInCycle(newCycle(), [], 'g')).toBeUndefined();
    expect([...ask(2, ['a', 'a', 'b'], 'g').asked].sort()).toEqual(['a', 'b']);
    expect(remainingInCycle(newCycle(), ['a', 'a', 'b'])).toBe(2);
  });

  it('keeps asking the only item of a one-item topic, one cycle per day', () => {
    const { asked, state } = ask(3, ['only'], 'g');
    expect(asked).toEqual(['only', 'only', 'only']);
    expect(state.cycle).toBe(2);
  });
});
