import { describe, expect, it } from 'vitest';
import { DAY_MS, DEFAULT_BACKOFF, RestartPolicy } from '../../src/shard/backoff.ts';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;

/** Runs a shard that always crashes `crashAfterMs` after each start, for `duration`; returns the start times. */
function crashLoop(policy: RestartPolicy, duration: number, crashAfterMs = 2 * SECOND): number[] {
  const starts: number[] = [];
  let now = 0;
  while (now < duration) {
    policy.started(now);
    starts.push(now);
    now += crashAfterMs;
    now += policy.exited(now);
  }
  return starts;
}

describe('the shard restart policy', () => {
  it('waits 5 s after the first crash and doubles the wait on each crash in a row', () => {
    const policy = new RestartPolicy();
    const delays: number[] = [];
    let now = 0;
    for (let i = 0; i < 6; i++) {
      policy.started(now);
      now += SECOND;
      const delay = policy.exited(now);
      delays.push(delay);
      now += delay;
    }
    expect(delays).toEqual([5, 10, 20, 40, 80, 160].map((s) => s * SECOND));
  });

  it('never waits longer than 10 minutes between crashes while the daily budget lasts', () => {
    const policy = new RestartPolicy();
    const starts = crashLoop(policy, 4 * 60 * MINUTE);
    const gaps = starts.slice(1).map((t, i) => t - (starts[i] as number));
    expect(Math.max(...gaps)).toBe(10 * MINUTE + 2 * SECOND);
  });

  it('logs in fewer than 50 times in any 24 hours while crashing at every start, for a week', () => {
    const starts = crashLoop(new RestartPolicy(), 7 * DAY_MS);
    let busiest = 0;
    for (const [i, start] of starts.entries()) {
      const inDay = starts.slice(i).filter((t) => t < start + DAY_MS).length;
      busiest = Math.max(busiest, inDay);
    }
    expect(busiest).toBe(DEFAULT_BACKOFF.maxStartsPerDay);
    expect(busiest).toBeLessThan(50);
    // It keeps trying: the shard comes back within a day once the cause is fixed.
    expect(starts.filter((t) => t >= 6 * DAY_MS).length).toBeGreaterThan(0);
  });

  it('waits for the oldest start of the day to age out once the budget is spent', () => {
    const policy = new RestartPolicy({ initialMs: SECOND, maxMs: SECOND, maxStartsPerDay: 3 });
    for (const t of [0, 10 * SECOND, 20 * SECOND]) {
      policy.started(t);
      expect(policy.exited(t + SECOND)).toBe(t === 20 * SECOND ? DAY_MS - 21 * SECOND : SECOND);
    }
    expect(policy.stats(21 * SECOND)).toEqual({ crashesInARow: 3, startsToday: 3 });
  });

  it('starts over at 5 s after a crash that follows five healthy minutes', () => {
    const policy = new RestartPolicy();
    crashLoop(policy, 10 * MINUTE);
    const now = 10 * DAY_MS;
    policy.started(now);
    policy.ready(now + 3 * SECOND);
    expect(policy.exited(now + 3 * SECOND + 5 * MINUTE)).toBe(5 * SECOND);
    expect(policy.stats(now + 6 * MINUTE).crashesInARow).toBe(1);
  });

  it('keeps backing off a shard that becomes ready but dies again within minutes', () => {
    const policy = new RestartPolicy();
    policy.started(0);
    expect(policy.exited(SECOND)).toBe(5 * SECOND);
    policy.started(6 * SECOND);
    policy.ready(8 * SECOND);
    expect(policy.exited(MINUTE)).toBe(10 * SECOND);
  });

  it('refuses settings that would loop or never start', () => {
    expect(() => new RestartPolicy({ initialMs: 0 })).toThrow(/initialMs/);
    expect(() => new RestartPolicy({ initialMs: 10, maxMs: 5 })).toThrow(/maxMs/);
    expect(() => new RestartPolicy({ maxStartsPerDay: 0 })).toThrow(/maxStartsPerDay/);
  });
});
