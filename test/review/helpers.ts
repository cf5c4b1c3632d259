import type Keyv from 'keyv';
import type { KeyvStoreAdapter } from 'keyv';
import type { CardStore } from '../../src/review/index.ts';
import { createCardStore } from '../../src/store/cards.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { GuildQueue } from '../../src/store/queue.ts';
import { FlakyAdapter, tempSqlite } from '../store/helpers.ts';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;

/** A temp SQLite file that can be opened (and reopened) as a card store with injectable failures. */
export function sqliteCards() {
  const tmp = tempSqlite();
  const opened: Keyv[] = [];
  return {
    async open(): Promise<{ cards: CardStore; flaky: FlakyAdapter; keyv: Keyv }> {
      let flaky: FlakyAdapter | undefined;
      const keyv = await openKeyv(tmp.url, {
        wrapAdapter: (adapter) => {
          flaky = new FlakyAdapter(adapter);
          return flaky as unknown as KeyvStoreAdapter;
        },
      });
      opened.push(keyv);
      // biome-ignore lint/style/noNonNullAssertion: wrapAdapter runs inside openKeyv
      return { cards: createCardStore(keyv, new GuildQueue()), flaky: flaky!, keyv };
    },
    async close(keyv: Keyv): Promise<void> {
      await closeKeyv(keyv);
      opened.splice(opened.indexOf(keyv), 1);
    },
    async cleanup(): Promise<void> {
      for (const keyv of opened) await closeKeyv(keyv).catch(() => undefined);
      tmp.cleanup();
    },
  };
}
