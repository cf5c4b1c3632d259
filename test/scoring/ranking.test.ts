import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Ranking } from '../../src/scoring/ranking.ts';

describe('Ranking', () => {
  it('orders by points, then by who reached them first, then by user id', () => {
    const r = Ranking.from([
      { userId: 'c', points: 10, at: 5 },
      { userId: 'b', points: 10, at: 5 },
      { userId: 'a', points: 10, at: 9 },
      { userId: 'd', points: 30, at: 9 },
    ]);
    expect(r.top(10).map((e) => `${e.rank}:${e.userId}`)).toEqual(['1:d', '2:b', '3:c', '4:a']);
  });

  it('moves a member when their points change and finds their rank', () => {
    const r = Ranking.from([
      { userId: 'a', points: 10, at: 1 },
      { userId: 'b', points: 20, at: 1 },
    ]);
    r.set('a', 25, 2);
    expect(r.entryOf('a')).toEqual({ rank: 1, userId: 'a', points: 25 });
    expect(r.entryOf('b')?.rank).toBe(2);
    expect(r.entryOf('nobody')).toBeUndefined();
  });

  it('does not rank members without points', () => {
    const r = Ranking.from([{ userId: 'a', points: 0, at: 1 }]);
    r.set('b', 0, 1);
    expect(r.size).toBe(0);
  });

  it('agrees with a full sort after any sequence of updates', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 50 }), fc.nat(5)), {
          maxLength: 200,
        }),
        (updates) => {
          const r = new Ranking();
          const model = new Map<string, { points: number; at: number }>();
          for (const [user, points, at] of updates) {
            r.set(`u${user}`, points, at);
            if (points > 0) model.set(`u${user}`, { points, at });
            else model.delete(`u${user}`);
          }
          const expected = [...model]
            .sort(([ua, a], [ub, b]) => b.points - a.points || a.at - b.at || (ua < ub ? -1 : 1))
            .map(([userId]) => userId);
          expect(r.top(1000).map((e) => e.userId)).toEqual(expected);
          expected.forEach((userId, i) => {
            expect(r.entryOf(userId)?.rank).toBe(i + 1);
          });
        },
      ),
    );
  });
});
