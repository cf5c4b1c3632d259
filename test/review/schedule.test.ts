import fc from 'fast-check';
import { createEmptyCard, fsrs, type Grade } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { toFsrsCard } from '../../src/review/card.ts';
import {
  applyReview,
  createScheduler,
  isKnown,
  Rating,
  type ReviewCard,
  retrievability,
} from '../../src/review/index.ts';
import { DAY } from './helpers.ts';

const START = new Date('2026-11-27T09:00:00Z');
const scheduler = createScheduler();

describe('FSRS cards', () => {
  it('brings a card answered wrong back sooner than one answered right', () => {
    const wrong = applyReview(scheduler, undefined, Rating.Again, START);
    const right = applyReview(scheduler, undefined, Rating.Good, START);
    expect(wrong.due).toBeLessThan(right.due);

    // Also for a card the member already knew.
    let known: ReviewCard | undefined;
    for (let day = 0; day < 3; day++) known = applyReview(scheduler, known, Rating.Good, at(day * 5));
    const later = at(20);
    expect(applyReview(scheduler, known, Rating.Again, later).due).toBeLessThan(
      applyReview(scheduler, known, Rating.Good, later).due,
    );
  });

  it('gives exactly the intervals ts-fsrs computes for a week of daily reviews', () => {
    const grades: Grade[] = [
      Rating.Good,
      Rating.Again,
      Rating.Hard,
      Rating.Good,
      Rating.Good,
      Rating.Easy,
      Rating.Again,
    ];
    const direct = fsrs({ ...createScheduler().parameters });
    let expected = createEmptyCard(START);
    let card: ReviewCard | undefined;
    for (const [day, grade] of grades.entries()) {
      const when = at(day);
      expected = direct.next(expected, when, grade).card;
      // Through JSON, as the store keeps it.
      card = JSON.parse(JSON.stringify(applyReview(scheduler, card, grade, when))) as ReviewCard;
      expect(card.due).toBe(expected.due.getTime());
      expect(card.stability).toBe(expected.stability);
      expect(card.difficulty).toBe(expected.difficulty);
      expect(card.state).toBe(expected.state);
      expect(card.scheduledDays).toBe(expected.scheduled_days);
    }
    expect(card?.reps).toBe(7);
    expect(card?.lapses).toBe(expected.lapses);
  });

  it('brings a missed new item back after 20 h and a right one only after 2 days (daily review rhythm)', () => {
    const HOUR_MS = 3_600_000;
    const missed = applyReview(scheduler, undefined, Rating.Again, START);
    expect(missed.due - START.getTime()).toBe(20 * HOUR_MS);
    const right = applyReview(scheduler, undefined, Rating.Good, START);
    expect(right.due - START.getTime()).toBe(2 * DAY);
    // Missed, then right the next day: out to 2 days, and known from then on.
    const relearned = applyReview(scheduler, missed, Rating.Good, new Date(START.getTime() + DAY));
    expect(relearned.due - (START.getTime() + DAY)).toBe(2 * DAY);
    expect(isKnown(relearned)).toBe(true);
  });

  it('counts a card as known once it has graduated to review', () => {
    expect(isKnown(undefined)).toBe(false);
    const learning = applyReview(scheduler, undefined, Rating.Again, START);
    expect(isKnown(learning)).toBe(false);
    expect(isKnown(applyReview(scheduler, undefined, Rating.Easy, START))).toBe(true);
  });

  it('treats a review dated before the last one as happening at the last one', () => {
    const card = applyReview(scheduler, undefined, Rating.Good, at(2));
    const skewed = applyReview(scheduler, card, Rating.Good, at(1));
    expect(skewed).toEqual(applyReview(scheduler, card, Rating.Good, at(2)));
  });

  it('reports retrievability near 1 right after a review and lower a month later', () => {
    const card = applyReview(scheduler, undefined, Rating.Easy, START);
    expect(retrievability(scheduler, card, START)).toBe(1);
    expect(retrievability(scheduler, card, at(30))).toBeLessThan(0.9);
  });

  it('refuses a rating that is not a grade, or an invalid time', () => {
    expect(() => applyReview(scheduler, undefined, 0 as Grade, START)).toThrow(/rating/);
    expect(() => applyReview(scheduler, undefined, 5 as Grade, START)).toThrow(/rating/);
    expect(() => applyReview(scheduler, undefined, Rating.Good, new Date('nope'))).toThrow(/valid Date/);
  });
});

function at(days: number): Date {
  return new Date(START.getTime() + days * DAY);
}

describe('retrievability', () => {
  it('equals ts-fsrs get_retrievability for any history and any later time', () => {
    const grade = fc.constantFrom<Grade>(Rating.Again, Rating.Hard, Rating.Good, Rating.Easy);
    const step = fc.record({ grade, afterMinutes: fc.integer({ min: 0, max: 60 * 24 * 90 }) });
    fc.assert(
      fc.property(
        fc.array(step, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 400 * 24 }),
        (steps, laterHours) => {
          let card: ReviewCard | undefined;
          let when = START.getTime();
          for (const { grade: g, afterMinutes } of steps) {
            when += afterMinutes * 60_000;
            card = applyReview(scheduler, card, g, new Date(when));
          }
          if (!card) return;
          const later = new Date(when + laterHours * 3_600_000);
          expect(retrievability(scheduler, card, later)).toBe(
            scheduler.get_retrievability(toFsrsCard(card), later, false),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
