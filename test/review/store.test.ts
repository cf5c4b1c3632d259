import { createEmptyCard, fsrs, type Grade } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CardStore, cardShardKey, createScheduler, Rating } from '../../src/review/index.ts';
import { STORE_UNAVAILABLE, StoreError } from '../../src/store/index.ts';
import { always, type FlakyAdapter } from '../store/helpers.ts';
import { DAY, HOUR, sqliteCards } from './helpers.ts';

const GUILD = '100000000000000001';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const START = new Date('2026-11-27T09:00:00Z');

const items = [
  { id: 'ami-region', tags: ['aws', 'ec2'] },
  { id: 'ami-steps', tags: ['aws', 'ec2'] },
  { id: 's3-classes', tags: ['aws', 's3'] },
];
const bank = new Set(items.map((i) => i.id));

function at(hours: number): Date {
  return new Date(START.getTime() + hours * HOUR);
}

describe('CardStore on SQLite', () => {
  let backend: ReturnType<typeof sqliteCards>;
  let cards: CardStore;
  let flaky: FlakyAdapter;

  beforeEach(async () => {
    backend = sqliteCards();
    ({ cards, flaky } = await backend.open());
  });
  afterEach(async () => {
    await backend.cleanup();
  });

  it('brings back the item answered wrong before the one answered right', async () => {
    const wrong = await cards.reviewAnswer(
      GUILD,
      ALICE,
      'ami-region',
      { correct: false, verdict: 'wrong', elapsedMs: 4_000 },
      START,
    );
    const right = await cards.reviewAnswer(
      GUILD,
      ALICE,
      'ami-steps',
      { correct: true, verdict: 'exact', elapsedMs: 4_000 },
      START,
    );
    expect(wrong.rating).toBe(Rating.Again);
    expect(right.rating).toBe(Rating.Good);
    expect(wrong.card.due).toBeLessThan(right.card.due);
    expect(wrong.previous).toBeNull();

    const due = await cards.dueCards(GUILD, ALICE, new Date(wrong.card.due), { existingItemIds: bank });
    expect(due.map((d) => d.itemId)).toEqual(['ami-region']);
  });

  it('stores exactly what ts-fsrs computes over a week of daily reviews', async () => {
    const grades: Grade[] = [
      Rating.Good,
      Rating.Good,
      Rating.Again,
      Rating.Hard,
      Rating.Good,
      Rating.Easy,
      Rating.Good,
    ];
    const direct = fsrs({ ...createScheduler().parameters });
    let expected = createEmptyCard(START);
    for (const [day, grade] of grades.entries()) {
      const when = at(day * 24);
      expected = direct.next(expected, when, grade).card;
      const result = await cards.review(GUILD, ALICE, 'ami-region', grade, when);
      expect(new Date(result.card.due)).toEqual(expected.due);
      expect(result.card.scheduledDays).toBe(expected.scheduled_days);
    }
    const stored = await cards.card(GUILD, ALICE, 'ami-region');
    expect(stored?.stability).toBe(expected.stability);
    expect(stored?.difficulty).toBe(expected.difficulty);
    expect(stored?.reps).toBe(7);
  });

  it('rates Easy only when the stored card was already known', async () => {
    const fast = { correct: true, verdict: 'exact', elapsedMs: 2_000 } as const;
    const wrong = { correct: false, verdict: 'wrong', elapsedMs: 2_000 } as const;
    // Missed (learning), then right fast while still learning, then right fast once graduated.
    const ratings: Grade[] = [];
    for (const [day, answer] of [wrong, fast, fast].entries()) {
      ratings.push((await cards.reviewAnswer(GUILD, ALICE, 'ami-region', answer, at(day * 48))).rating);
    }
    expect(ratings).toEqual([Rating.Again, Rating.Good, Rating.Easy]);
  });

  it('drops an item removed from the bank from the due cards without an error', async () => {
    await cards.review(GUILD, ALICE, 'ami-region', Rating.Again, START);
    await cards.review(GUILD, ALICE, 'ami-steps', Rating.Again, START);
    const later = at(21); // after the 20 h learning step
    expect(await cards.dueCards(GUILD, ALICE, later, { existingItemIds: bank })).toHaveLength(2);

    const reloaded = new Set(['ami-region', 's3-classes']); // ami-steps was deleted from the note
    const due = await cards.dueCards(GUILD, ALICE, later, { existingItemIds: reloaded });
    expect(due.map((d) => d.itemId)).toEqual(['ami-region']);
    const summary = await cards.summary(
      GUILD,
      ALICE,
      later,
      items.filter((i) => reloaded.has(i.id)),
    );
    expect(summary.overall).toMatchObject({ items: 2, seen: 1, due: 1 });
    const overview = await cards.overview(
      GUILD,
      ALICE,
      later,
      items.filter((i) => reloaded.has(i.id)),
    );
    expect(overview.due.map((d) => d.itemId)).toEqual(['ami-region']);
    expect(overview.summary).toEqual(summary);
    // The card is kept: if the item comes back, so does its history.
    expect(await cards.card(GUILD, ALICE, 'ami-steps')).toBeDefined();
  });

  it('keeps cards after the SQLite store is closed and reopened', async () => {
    const first = await cards.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    await cards.review(GUILD, BOB, 's3-classes', Rating.Again, START);
    const reopened = await backend.open();
    expect(await reopened.cards.card(GUILD, ALICE, 'ami-region')).toEqual(first.card);
    expect((await reopened.cards.cards(GUILD, BOB)).size).toBe(1);
    expect((await reopened.cards.cards(GUILD, ALICE)).has('s3-classes')).toBe(false);
  });

  it('loses no review when one member answers many items at once', async () => {
    const ids = Array.from({ length: 200 }, (_, i) => `item-${i}`);
    await Promise.all(ids.map((id) => cards.review(GUILD, ALICE, id, Rating.Good, START)));
    expect((await cards.cards(GUILD, ALICE)).size).toBe(200);
  });

  it('rejects with StoreError and changes nothing while the store fails, then recovers', async () => {
    const before = await cards.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    flaky.failWhen = always;
    await expect(cards.review(GUILD, ALICE, 'ami-region', Rating.Again, at(24))).rejects.toThrow(StoreError);
    await expect(cards.dueCards(GUILD, ALICE, at(24), { existingItemIds: bank })).rejects.toThrow(
      STORE_UNAVAILABLE,
    );
    flaky.failWhen = undefined;
    expect(await cards.card(GUILD, ALICE, 'ami-region')).toEqual(before.card);
    const after = await cards.review(GUILD, ALICE, 'ami-region', Rating.Again, at(24));
    expect(after.previous).toEqual(before.card);
  });

  it('writes nothing when the read before a review succeeds but the write fails', async () => {
    await cards.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    const key = cardShardKey(GUILD, ALICE, 0).replace(/:0$/, ':');
    flaky.failWhen = (op, k) => op === 'set' && k.includes(key);
    await expect(cards.review(GUILD, ALICE, 'ami-steps', Rating.Good, START)).rejects.toBeInstanceOf(
      StoreError,
    );
    flaky.failWhen = undefined;
    expect(await cards.card(GUILD, ALICE, 'ami-steps')).toBeUndefined();
    expect((await cards.cards(GUILD, ALICE)).size).toBe(1);
  });

  it('reads a damaged shard or card as missing instead of crashing', async () => {
    const { cards: store, keyv } = await backend.open();
    await store.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    await store.review(GUILD, BOB, 'ami-region', Rating.Good, START);
    const shardKeys = Array.from({ length: 32 }, (_, shard) => cardShardKey(GUILD, ALICE, shard));
    for (const key of shardKeys) await keyv.set(key, { v: 1, cards: '{not json' });
    await keyv.set(cardShardKey(GUILD, BOB, 0), { v: 1, cards: JSON.stringify({ x: ['bad'] }) });
    expect((await store.cards(GUILD, ALICE)).size).toBe(0);
    expect(await store.dueCards(GUILD, BOB, at(48), { existingItemIds: () => true })).toHaveLength(1);
    const again = await store.review(GUILD, ALICE, 'ami-region', Rating.Good, at(24));
    expect(again.previous).toBeNull();
  });

  it('refuses bad input with a clear error before touching the store', async () => {
    flaky.failWhen = always; // any store access would surface as StoreError instead
    await expect(cards.review('', ALICE, 'x', Rating.Good, START)).rejects.toThrow(/guildId/);
    await expect(cards.review(GUILD, 'a b', 'x', Rating.Good, START)).rejects.toThrow(/userId/);
    await expect(cards.review(GUILD, ALICE, '', Rating.Good, START)).rejects.toThrow(/itemId/);
    await expect(cards.review(GUILD, ALICE, 'x', 7 as Grade, START)).rejects.toThrow(/rating/);
    await expect(
      cards.reviewAnswer(GUILD, ALICE, 'x', { correct: true, verdict: 'wrong', elapsedMs: 1 }, START),
    ).rejects.toThrow(/contradicts/);
    await expect(cards.dueCards(GUILD, ALICE, START, { existingItemIds: bank, limit: -1 })).rejects.toThrow(
      /limit/,
    );
    await expect(cards.summary(GUILD, ALICE, START, items, { timeZone: 'Nowhere/Else' })).rejects.toThrow(
      /time zone/,
    );
  });

  it('shows tomorrow’s load and the next due time in the summary', async () => {
    await cards.review(GUILD, ALICE, 'ami-region', Rating.Easy, START);
    const result = await cards.review(GUILD, ALICE, 'ami-steps', Rating.Good, START);
    await cards.review(GUILD, ALICE, 'ami-steps', Rating.Good, new Date(result.card.due));
    const steps = await cards.card(GUILD, ALICE, 'ami-steps');
    const summary = await cards.summary(GUILD, ALICE, at(1), items, { timeZone: 'UTC' });
    const ec2 = summary.topics.find((t) => t.topic === 'ec2');
    expect(ec2?.nextDueAt?.getTime()).toBe(
      Math.min(steps?.due ?? 0, (await cards.card(GUILD, ALICE, 'ami-region'))?.due ?? 0),
    );
    const dueTomorrow = [...(await cards.cards(GUILD, ALICE)).values()].filter(
      (c) => c.due >= Date.parse('2026-11-28T00:00:00Z') && c.due < Date.parse('2026-11-28T00:00:00Z') + DAY,
    ).length;
    expect(ec2?.dueTomorrow).toBe(dueTomorrow);
  });
});
