import type Keyv from 'keyv';
import type { KeyvStoreAdapter } from 'keyv';
import type { Grade } from 'ts-fsrs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Rating } from '../../src/review/index.ts';
import { CardCache } from '../../src/store/card-cache.ts';
import { createCardStore, type KeyvCardStore, type KeyvCardStoreOptions } from '../../src/store/cards.ts';
import { StoreError } from '../../src/store/index.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { GuildQueue } from '../../src/store/queue.ts';
import { FlakyAdapter, tempSqlite } from './helpers.ts';

const GUILD = '100000000000000001';
const ALICE = '200000000000000001';
const BOB = '200000000000000002';
const START = new Date('2026-11-27T09:00:00Z');
const LATER = new Date('2026-11-28T09:00:00Z');
const items = [
  { id: 'ami-region', tags: ['aws', 'ec2'] },
  { id: 'ami-steps', tags: ['aws', 'ec2'] },
  { id: 's3-classes', tags: ['aws', 's3'] },
];
const reads = (op: string) => op === 'get';
const writes = (op: string) => op === 'set';

/** A FlakyAdapter that can hold back what reads found until released, to order a read against a write. */
class HeldReads extends FlakyAdapter {
  holding = false;
  #held: (() => void)[] = [];

  release(): void {
    this.holding = false;
    for (const go of this.#held.splice(0)) go();
  }
  /** Reads now; answers later when reads are being held. */
  async #read<T>(read: () => Promise<T>): Promise<T> {
    const hold = this.holding;
    const value = await read();
    if (hold) await new Promise<void>((go) => this.#held.push(go));
    return value;
  }
  override async get(key: string) {
    return this.#read(() => super.get(key));
  }
  override async getMany(keys: string[]) {
    return this.#read(() => super.getMany(keys));
  }
}

describe('the card cache of the keyv CardStore', () => {
  let tmp: ReturnType<typeof tempSqlite>;
  let keyv: Keyv;
  let flaky: HeldReads;

  async function open(opts: KeyvCardStoreOptions = {}): Promise<KeyvCardStore> {
    keyv = await openKeyv(tmp.url, {
      wrapAdapter: (adapter) => {
        flaky = new HeldReads(adapter);
        return flaky as unknown as KeyvStoreAdapter;
      },
    });
    return createCardStore(keyv, new GuildQueue(), opts) as KeyvCardStore;
  }

  beforeEach(() => {
    tmp = tempSqlite();
  });
  afterEach(async () => {
    await closeKeyv(keyv).catch(() => undefined);
    tmp.cleanup();
  });

  it('serves a member’s due list and summary from memory after the first read', async () => {
    const store = await open();
    await store.review(GUILD, ALICE, 'ami-region', Rating.Again, START);
    const first = await store.overview(GUILD, ALICE, LATER, items);
    flaky.failWhen = reads;
    expect(await store.overview(GUILD, ALICE, LATER, items)).toEqual(first);
    expect(first.due.map((d) => d.itemId)).toEqual(['ami-region']);
    // Another member is not cached: the store is asked, and its failure shows.
    await expect(store.overview(GUILD, BOB, LATER, items)).rejects.toBeInstanceOf(StoreError);
  });

  it('shows a member’s own reviews at once, without reading all their cards again', async () => {
    const store = await open();
    await store.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    await store.cards(GUILD, ALICE);
    const steps = await store.review(GUILD, ALICE, 'ami-steps', Rating.Again, START);
    const region = await store.review(GUILD, ALICE, 'ami-region', Rating.Again, LATER);
    flaky.failWhen = reads;
    const cards = await store.cards(GUILD, ALICE);
    expect(cards.get('ami-steps')).toEqual(steps.card);
    expect(cards.get('ami-region')).toEqual(region.card);
    expect(await store.card(GUILD, ALICE, 'ami-region')).toEqual(region.card);
  });

  it('never caches a review whose write failed, and asks the store again after it', async () => {
    const store = await open();
    const before = await store.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    await store.cards(GUILD, ALICE);
    flaky.failWhen = writes;
    await expect(store.review(GUILD, ALICE, 'ami-region', Rating.Again, LATER)).rejects.toBeInstanceOf(
      StoreError,
    );
    await expect(store.review(GUILD, ALICE, 'ami-steps', Rating.Good, LATER)).rejects.toBeInstanceOf(
      StoreError,
    );
    // The failed write may have landed (a Redis timeout), so the member is read from the store again.
    flaky.failWhen = reads;
    await expect(store.cards(GUILD, ALICE)).rejects.toBeInstanceOf(StoreError);
    flaky.failWhen = undefined;
    const cards = await store.cards(GUILD, ALICE);
    expect([...cards.keys()]).toEqual(['ami-region']);
    expect(cards.get('ami-region')).toEqual(before.card);
  });

  it('does not cache the cards as they were before a review that overtook the read', async () => {
    const store = await open();
    await store.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    flaky.holding = true;
    const read = store.cards(GUILD, ALICE); // reads the shards as they are now, answers later
    await new Promise((resolve) => setTimeout(resolve, 10));
    flaky.holding = false; // the review's own read goes through
    const reviewed = store.review(GUILD, ALICE, 'ami-region', Rating.Again, LATER);
    await new Promise((resolve) => setTimeout(resolve, 10));
    flaky.release();
    const { card } = await reviewed;
    await read;
    flaky.failWhen = reads;
    expect((await store.cards(GUILD, ALICE)).get('ami-region')).toEqual(card);
  });

  it('hands out copies: changing what a read returned changes nothing stored or cached', async () => {
    const store = await open();
    await store.cards(GUILD, ALICE);
    const { card } = await store.review(GUILD, ALICE, 'ami-region', Rating.Good, START);
    const mine = await store.cards(GUILD, ALICE);
    const mutable = mine.get('ami-region');
    if (mutable) mutable.due = 0;
    mine.delete('ami-region');
    card.due = 0; // the review's result is the caller's too
    const fresh = await store.cards(GUILD, ALICE);
    expect(fresh.get('ami-region')?.due).toBeGreaterThan(START.getTime());
    const due = await store.dueCards(GUILD, ALICE, LATER, { existingItemIds: () => true });
    expect(() => {
      (due[0] as { card: { due: number } }).card.due = 0;
    }).toThrow(TypeError);
  });

  it('computes the same due list and summary as a store without a cache, FSRS figures included', async () => {
    const cached = await open();
    const plain = createCardStore(keyv, new GuildQueue(), { cache: false });
    const grades: Grade[] = [Rating.Good, Rating.Again, Rating.Hard, Rating.Easy];
    await cached.cards(GUILD, ALICE);
    for (let day = 0; day < 8; day++) {
      const at = new Date(START.getTime() + day * 86_400_000);
      for (const [i, item] of items.entries()) {
        await cached.review(GUILD, ALICE, item.id, grades[(day + i) % grades.length] ?? Rating.Good, at);
      }
      const opts = { timeZone: 'Europe/Berlin' };
      expect(await cached.overview(GUILD, ALICE, at, items, opts)).toEqual(
        await plain.overview(GUILD, ALICE, at, items, opts),
      );
    }
    expect(await cached.cards(GUILD, ALICE)).toEqual(await plain.cards(GUILD, ALICE));
  });

  it('keeps at most the configured members and cards, dropping the least recently used', async () => {
    const store = await open({ cache: { maxMembers: 2, maxCards: 3 } });
    const members = ['200000000000000001', '200000000000000002', '200000000000000003'];
    for (const member of members) await store.review(GUILD, member, 'ami-region', Rating.Good, START);
    for (const member of members) await store.cards(GUILD, member);
    expect(store.cacheSize).toEqual({ members: 2, cards: 2 });
    flaky.failWhen = reads;
    await expect(store.cards(GUILD, members[0] ?? '')).rejects.toBeInstanceOf(StoreError);
    await store.cards(GUILD, members[2] ?? ''); // still cached
    flaky.failWhen = undefined;
    for (const item of items) await store.review(GUILD, members[2] ?? '', item.id, Rating.Good, START);
    // Three cards for member 3 fill the budget: member 2 makes room.
    expect(store.cacheSize).toEqual({ members: 1, cards: 3 });
  });

  it('never caches a member with more cards than the whole budget, and still serves them', async () => {
    const store = await open({ cache: { maxMembers: 10, maxCards: 2 } });
    for (const item of items) await store.review(GUILD, ALICE, item.id, Rating.Good, START);
    expect((await store.cards(GUILD, ALICE)).size).toBe(3);
    expect(store.cacheSize).toEqual({ members: 0, cards: 0 });
  });

  it('refuses limits that are not positive integers', () => {
    expect(() => new CardCache({ maxMembers: 0, maxCards: 10 })).toThrow(/maxMembers/);
    expect(() => new CardCache({ maxMembers: 1, maxCards: Number.NaN })).toThrow(/maxCards/);
  });
});
