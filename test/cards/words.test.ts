import { describe, expect, it } from 'vitest';
import {
  dueIn,
  groupTopics,
  humanWeek,
  recentWeekKeys,
  reviewsInWords,
  weekRange,
} from '../../src/cards/index.ts';

describe('human dates', () => {
  it('names ISO weeks by their days, across months and years', () => {
    expect(weekRange('2026-W49')).toBe('Nov 30–Dec 6');
    expect(weekRange('2026-W50')).toBe('Dec 7–13');
    expect(weekRange('2026-W53')).toBe('Dec 28, 2026–Jan 3, 2027');
    expect(humanWeek('2026-W49', '2026-W49')).toBe('this week');
    expect(humanWeek('2026-W48', '2026-W49')).toBe('last week');
    expect(humanWeek('2027-W01', '2027-W02')).toBe('last week');
  });

  it('lists the last 12 weeks oldest first, whatever the time zone', () => {
    const keys = recentWeekKeys(new Date('2026-12-04T12:00:00Z'), 'Pacific/Auckland', 12);
    expect(keys).toHaveLength(12);
    expect(keys.at(-1)).toBe('2026-W49');
    expect(keys[0]).toBe('2026-W38');
    expect(new Set(keys).size).toBe(12);
  });

  it('says when a review is due in words', () => {
    const now = new Date('2026-12-04T12:00:00Z');
    expect(dueIn(new Date('2026-12-04T15:00:00Z'), now, 'UTC')).toBe('in 3 hours');
    expect(dueIn(new Date('2026-12-05T09:00:00Z'), now, 'UTC')).toBe('tomorrow');
    expect(dueIn(new Date('2026-12-08T09:00:00Z'), now, 'UTC')).toBe('in 4 days');
    expect(dueIn(new Date('2026-12-20T09:00:00Z'), now, 'UTC')).toBe('on Dec 20');
    expect(reviewsInWords({ due: 3, dueTomorrow: 5, nextDueAt: null, seen: 9 }, now, 'UTC')).toBe(
      '3 reviews due now (/review) · 5 more due tomorrow',
    );
    expect(reviewsInWords({ due: 0, dueTomorrow: 0, nextDueAt: null, seen: 0 }, now, 'UTC')).toBe(
      'No review cards yet: every answer you give starts one.',
    );
  });
});

describe('topics', () => {
  const fact = (tag: string, answers: number, correct: number, readiness = 0.5) => ({
    tag,
    answers,
    correct,
    readiness,
    seen: 1,
  });

  it('groups tags that always occur together, and keeps apart those that do not', () => {
    const items = [
      { id: 'a', tags: ['ami', 'aws', 'ec2'] },
      { id: 'b', tags: ['ami', 'aws', 'ec2'] },
      { id: 'c', tags: ['s3', 'aws'] },
    ];
    const groups = groupTopics(items, [
      fact('ami', 4, 3),
      fact('aws', 6, 4),
      fact('ec2', 4, 3),
      fact('s3', 2, 1, 0.2),
    ]);
    expect(groups.map((g) => g.label)).toEqual(['s3', 'aws', 'ami · ec2']);
    expect(groups[2]).toMatchObject({ answers: 4, correct: 3, accuracy: 0.75 });
  });

  it('leaves out tags the member never met, and keeps tags gone from the bank alone', () => {
    const groups = groupTopics(
      [{ id: 'a', tags: ['x'] }],
      [{ tag: 'x', answers: 0, correct: 0, readiness: 0, seen: 0 }, fact('gone', 1, 1)],
    );
    expect(groups.map((g) => g.label)).toEqual(['gone']);
  });
});
