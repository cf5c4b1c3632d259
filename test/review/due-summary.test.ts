import { describe, expect, it } from 'vitest';
import {
  applyReview,
  type CardMap,
  createScheduler,
  dueFrom,
  newItemsOfWeakTopics,
  Rating,
  summarize,
} from '../../src/review/index.ts';
import { HOUR } from './helpers.ts';

const scheduler = createScheduler();
const START = new Date('2026-11-27T09:00:00Z');

const items = [
  { id: 'ami-1', tags: ['aws', 'ec2'] },
  { id: 'ami-2', tags: ['aws', 'ec2'] },
  { id: 's3-1', tags: ['aws', 's3'] },
  { id: 's3-2', tags: ['aws', 's3'] },
  { id: 'iam-1', tags: ['aws', 'iam'] },
];

function cardsAfter(reviews: [string, Rating.Again | Rating.Good | Rating.Easy, number][]): CardMap {
  const cards: CardMap = new Map();
  for (const [itemId, rating, hoursLater] of reviews) {
    cards.set(
      itemId,
      applyReview(scheduler, cards.get(itemId), rating, new Date(START.getTime() + hoursLater * HOUR)),
    );
  }
  return cards;
}

describe('due cards', () => {
  const cards = cardsAfter([
    ['ami-1', Rating.Again, 0],
    ['s3-1', Rating.Again, 1],
    ['gone', Rating.Again, 0],
    ['iam-1', Rating.Easy, 0],
  ]);
  const bank = new Set(items.map((i) => i.id));

  it('lists the oldest due first and leaves out cards not yet due', () => {
    // A miss comes back after the 20 h learning step; an Easy first answer only days later.
    const due = dueFrom(cards, new Date(START.getTime() + 22 * HOUR), { existingItemIds: bank });
    expect(due.map((d) => d.itemId)).toEqual(['ami-1', 's3-1']);
  });

  it('skips cards of items no longer in the bank, with a Set or a predicate', () => {
    const later = new Date(START.getTime() + 22 * HOUR);
    expect(dueFrom(cards, later, { existingItemIds: new Set() })).toEqual([]);
    expect(
      dueFrom(cards, later, { existingItemIds: (id) => bank.has(id) && id !== 'ami-1' }).map((d) => d.itemId),
    ).toEqual(['s3-1']);
  });

  it('returns at most `limit` cards and refuses a bad limit or filter', () => {
    const later = new Date(START.getTime() + 22 * HOUR);
    expect(dueFrom(cards, later, { existingItemIds: bank, limit: 1 })).toHaveLength(1);
    expect(() => dueFrom(cards, later, { existingItemIds: bank, limit: 0 })).toThrow(/limit/);
    // @ts-expect-error: a list is not a Set
    expect(() => dueFrom(cards, later, { existingItemIds: ['ami-1'] })).toThrow(/Set of item ids/);
  });
});

describe('new items of weak topics', () => {
  const topics = [
    { topic: 'aws', answers: 20, accuracy: 0.7 },
    { topic: 's3', answers: 4, accuracy: 0.25 },
    { topic: 'iam', answers: 3, accuracy: 1 },
    { topic: 'ec2', answers: 5, accuracy: 0.6 },
  ];

  it('picks unseen items of the weakest topic first, then the next weakest', () => {
    const picked = newItemsOfWeakTopics(items, topics, new Set(['s3-1']), { limit: 3 });
    expect(picked.map((i) => i.id)).toEqual(['s3-2', 'ami-1', 'ami-2']);
  });

  it('takes the member’s cards as the set of seen items', () => {
    const cards = cardsAfter([['s3-2', Rating.Good, 0]]);
    expect(newItemsOfWeakTopics(items, topics, cards, { limit: 1 }).map((i) => i.id)).toEqual(['s3-1']);
  });

  it('never picks from topics answered perfectly or never answered', () => {
    const picked = newItemsOfWeakTopics(items, [{ topic: 'iam', answers: 3, accuracy: 1 }], () => false);
    expect(picked).toEqual([]);
  });
});

describe('summary', () => {
  it('counts learned, due, mastered, readiness and next due per topic, ignoring removed items', () => {
    const cards = cardsAfter([
      ['ami-1', Rating.Easy, 0], // review state
      ['ami-1', Rating.Easy, 24 * 30], // a month later: stability well above 21 days
      ['ami-2', Rating.Again, 24 * 30], // learning, due 20 h later
      ['gone', Rating.Easy, 0],
    ]);
    const at = new Date(START.getTime() + 24 * 30 * HOUR + 21 * HOUR);
    const summary = summarize(scheduler, cards, at, items, 'UTC');
    const ec2 = summary.topics.find((t) => t.topic === 'ec2');
    expect(ec2).toMatchObject({ items: 2, seen: 2, learned: 1, due: 1, mastered: 1, readiness: 0.5 });
    expect(ec2?.nextDueAt?.getTime()).toBe(cards.get('ami-1')?.due);
    expect(summary.overall).toMatchObject({ topic: 'all', items: 5, seen: 2, learned: 1, due: 1 });
    expect(summary.topics.find((t) => t.topic === 's3')).toMatchObject({
      seen: 0,
      readiness: 0,
      nextDueAt: null,
    });
    // Least ready first.
    expect(summary.topics.map((t) => t.readiness)).toEqual(
      [...summary.topics.map((t) => t.readiness)].sort(),
    );
  });

  it('counts cards due tomorrow by the local date in the server time zone', () => {
    const evening = new Date('2026-11-27T22:30:00Z'); // 23:30 in Berlin, 17:30 in New York
    const cards = cardsAfter([]);
    cards.set('ami-1', {
      ...applyReview(scheduler, undefined, Rating.Easy, evening),
      due: Date.parse('2026-11-28T23:30:00Z'),
    });
    // 00:30 on the 29th in Berlin, 18:30 on the 28th in New York.
    expect(summarize(scheduler, cards, evening, items, 'Europe/Berlin').overall.dueTomorrow).toBe(0);
    expect(summarize(scheduler, cards, evening, items, 'America/New_York').overall.dueTomorrow).toBe(1);
  });

  it('refuses an unknown time zone', () => {
    expect(() => summarize(scheduler, new Map(), START, items, 'Mars/Olympus')).toThrow(/time zone/);
  });
});
