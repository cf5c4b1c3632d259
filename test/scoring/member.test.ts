import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/core/clock.ts';
import { type AnswerInput, applyAnswer, type MemberRecord, memberStats } from '../../src/scoring/member.ts';

const HOUR = 3_600_000;

function answerAt(clock: ManualClock, over: Partial<AnswerInput> = {}): AnswerInput {
  return {
    userId: 'u1',
    itemId: 'ami-region',
    topics: ['aws'],
    correct: true,
    points: 10,
    kind: 'quiz',
    at: clock.now(),
    timeZone: 'UTC',
    ...over,
  };
}

/** Plays answers in order, advancing the clock by `gapMs` before each one after the first. */
function play(clock: ManualClock, answers: Partial<AnswerInput>[], gapMs = 0) {
  let record: MemberRecord | undefined;
  const awarded: number[] = [];
  answers.forEach((over, i) => {
    if (i > 0) clock.advance(gapMs);
    const result = applyAnswer(record, answerAt(clock, over));
    record = result.record;
    awarded.push(result.awarded);
  });
  // biome-ignore lint/style/noNonNullAssertion: at least one answer is always played
  return { record: record!, awarded };
}

describe('applyAnswer: the 24 h rule', () => {
  it('gives no points for a second correct answer to the same item within 24 h, but counts it', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const { record, awarded } = play(clock, [{}, {}], 23 * HOUR);
    expect(awarded).toEqual([10, 0]);
    expect(record.answers).toBe(2);
    expect(record.correct).toBe(2);
    expect(record.periods.all?.points).toBe(10);
  });

  it('gives points again once 24 h have passed since the item last scored', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    expect(play(clock, [{}, {}], 24 * HOUR).awarded).toEqual([10, 10]);
  });

  it('does not start the 24 h window on a wrong answer', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    expect(play(clock, [{ correct: false }, {}], HOUR).awarded).toEqual([0, 10]);
  });

  it('does not restart the window on a correct answer that earned nothing', () => {
    const clock = new ManualClock('2026-11-27T00:00:00Z');
    // scored at 0 h, refused at 20 h, scores again at 24 h (not 44 h).
    const { awarded } = play(clock, [{}, {}, {}], 12 * HOUR);
    expect(awarded).toEqual([10, 0, 10]);
  });

  it('lets different items score within the same hour', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    expect(play(clock, [{ itemId: 'a' }, { itemId: 'b' }], 60_000).awarded).toEqual([10, 10]);
  });

  it('forgets last-scored times older than 24 h when it writes', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const { record } = play(clock, [{ itemId: 'old' }, { itemId: 'new' }], 25 * HOUR);
    expect(Object.keys(record.lastScored)).toEqual(['new']);
  });
});

describe('applyAnswer: daily streak', () => {
  it('adds +2 per consecutive day beyond the first, up to +10', () => {
    const clock = new ManualClock('2026-11-20T09:00:00Z');
    const days = Array.from({ length: 8 }, (_, i) => ({
      kind: 'daily' as const,
      points: 20,
      itemId: `d${i}`,
    }));
    const { record, awarded } = play(clock, days, 24 * HOUR);
    expect(awarded).toEqual([20, 22, 24, 26, 28, 30, 30, 30]);
    expect(record.daily.streak).toBe(8);
    expect(record.daily.best).toBe(8);
  });

  it('restarts the streak after a missed day', () => {
    const clock = new ManualClock('2026-11-20T09:00:00Z');
    const { record, awarded } = play(
      clock,
      [
        { kind: 'daily', points: 20, itemId: 'a' },
        { kind: 'daily', points: 20, itemId: 'b' },
        { kind: 'daily', points: 20, itemId: 'c', at: new Date('2026-11-24T09:00:00Z') },
      ],
      24 * HOUR,
    );
    expect(awarded).toEqual([20, 22, 20]);
    expect(record.daily).toMatchObject({ streak: 1, best: 2 });
  });

  it('ends the streak on a wrong daily answer', () => {
    const clock = new ManualClock('2026-11-20T09:00:00Z');
    const { record, awarded } = play(
      clock,
      [
        { kind: 'daily', points: 20, itemId: 'a' },
        { kind: 'daily', points: 20, itemId: 'b', correct: false },
        { kind: 'daily', points: 20, itemId: 'c' },
      ],
      24 * HOUR,
    );
    expect(awarded).toEqual([20, 0, 20]);
    expect(record.daily.streak).toBe(1);
  });

  it('counts consecutive local dates of the server, not UTC dates', () => {
    // 23:30 and next day 00:30 in Tokyo are one hour apart but two local dates.
    const clock = new ManualClock('2026-11-20T14:30:00Z');
    const { awarded } = play(
      clock,
      [
        { kind: 'daily', points: 20, itemId: 'a', timeZone: 'Asia/Tokyo' },
        { kind: 'daily', points: 20, itemId: 'b', timeZone: 'Asia/Tokyo' },
      ],
      HOUR,
    );
    expect(awarded).toEqual([20, 22]);
  });

  it('leaves the streak alone for quiz answers', () => {
    const clock = new ManualClock('2026-11-20T09:00:00Z');
    expect(play(clock, [{}], 0).record.daily.streak).toBe(0);
  });
});

describe('applyAnswer: periods and topics', () => {
  it('counts points in the week and month of the answer, so a new week starts from zero', () => {
    const clock = new ManualClock('2026-11-29T12:00:00Z'); // Sunday, W48
    const { record } = play(clock, [{ itemId: 'a' }, { itemId: 'b', points: 15 }], 24 * HOUR); // Monday, W49
    expect(record.periods['2026-W48']?.points).toBe(10);
    expect(record.periods['2026-W49']?.points).toBe(15);
    expect(record.periods['2026-11']?.points).toBe(25); // Monday 30 November: same month
    expect(record.periods['2026-12']).toBeUndefined();
    expect(record.periods.all?.points).toBe(25);
  });

  it('keeps only the 12 most recent weeks (the /stats activity strip) and 13 most recent months', () => {
    const clock = new ManualClock('2025-01-01T12:00:00Z');
    const answers = Array.from({ length: 60 }, (_, i) => ({ itemId: `w${i}` }));
    const { record } = play(clock, answers, 7 * 24 * HOUR);
    const keys = Object.keys(record.periods);
    expect(keys.filter((k) => k.includes('-W'))).toHaveLength(12);
    expect(keys.filter((k) => /^\d{4}-\d{2}$/.test(k))).toHaveLength(13);
    expect(record.periods.all?.points).toBe(600);
  });

  it('counts answers and right answers per topic, and reports the weakest topic first', () => {
    const clock = new ManualClock('2026-11-27T10:00:00Z');
    const { record } = play(clock, [
      { itemId: 'a', topics: ['aws', 'ec2'] },
      { itemId: 'b', topics: ['aws', 's3'], correct: false },
      { itemId: 'c', topics: ['s3', 's3'] },
    ]);
    expect(record.topics).toEqual({
      aws: { answers: 2, correct: 1 },
      ec2: { answers: 1, correct: 1 },
      s3: { answers: 2, correct: 1 },
    });
    const stats = memberStats(record, clock.now(), 'UTC');
    expect(stats.topics.map((t) => t.topic)).toEqual(['aws', 's3', 'ec2']);
    expect(stats).toMatchObject({ points: 20, weekPoints: 20, monthPoints: 20, answers: 3, correct: 2 });
  });

  it('shows a streak of 0 in stats once a day has been missed', () => {
    const clock = new ManualClock('2026-11-20T09:00:00Z');
    const { record } = play(clock, [{ kind: 'daily', points: 20 }]);
    expect(memberStats(record, new Date('2026-11-21T09:00:00Z'), 'UTC').streak).toBe(1);
    expect(memberStats(record, new Date('2026-11-22T09:00:00Z'), 'UTC').streak).toBe(0);
  });
});

describe('applyAnswer: an answer id counts once', () => {
  it('applies an answer again as a duplicate: the record is unchanged and the first outcome is reported', () => {
    const clock = new ManualClock('2026-12-05T10:00:00Z');
    const first = applyAnswer(undefined, answerAt(clock, { answerId: 's1:0' }));
    clock.advance(25 * HOUR); // past the 24 h rule: only the id can refuse it
    const again = applyAnswer(first.record, answerAt(clock, { answerId: 's1:0', correct: false }));
    expect(again.duplicate).toEqual({ awarded: 10, correct: true });
    expect(again.awarded).toBe(10);
    expect(again.record).toBe(first.record);
    expect(again.changedPeriods).toEqual([]);
  });

  it('counts a different answer id of the same item, and keeps only the latest ids', () => {
    const clock = new ManualClock('2026-12-05T10:00:00Z');
    let record: MemberRecord | undefined;
    for (let i = 0; i < 40; i++) {
      clock.advance(25 * HOUR);
      const result = applyAnswer(record, answerAt(clock, { answerId: `s${i}:0` }));
      expect(result.duplicate).toBeUndefined();
      record = result.record;
    }
    expect(record?.answers).toBe(40);
    const ids = Object.keys(record?.answered ?? {});
    expect(ids).toHaveLength(32);
    expect(ids.at(-1)).toBe('s39:0');
    expect(ids).not.toContain('s0:0');
  });
});
