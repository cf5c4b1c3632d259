import type { KeyvStoreAdapter } from 'keyv';
import type { Clock } from '../../src/core/clock.ts';
import { createStore, type Store } from '../../src/store/index.ts';
import { closeKeyv, openKeyv } from '../../src/store/keyv.ts';
import { FlakyAdapter, tempSqlite, uniqueNamespace } from './helpers.ts';

/** A place a store can be opened and reopened (same data), then removed. */
export interface Backend {
  name: string;
  open(clock?: Clock): Promise<{ store: Store; flaky: FlakyAdapter }>;
  cleanup(): Promise<void>;
}

/** A temp SQLite file, or a unique Redis namespace; every store opened goes through a FlakyAdapter. */
export function makeBackend(kind: 'sqlite' | 'redis'): Backend {
  const tmp = kind === 'sqlite' ? tempSqlite() : undefined;
  const url = tmp?.url ?? process.env.REDIS_URL ?? '';
  const namespace = uniqueNamespace();
  const opened: Store[] = [];
  return {
    name: kind,
    async open(clock) {
      let flaky: FlakyAdapter | undefined;
      const keyv = await openKeyv(url, {
        namespace,
        wrapAdapter: (adapter) => {
          flaky = new FlakyAdapter(adapter);
          return flaky as unknown as KeyvStoreAdapter;
        },
      });
      const store = createStore(keyv, clock ? { clock } : {});
      opened.push(store);
      // biome-ignore lint/style/noNonNullAssertion: wrapAdapter runs inside openKeyv
      return { store, flaky: flaky! };
    },
    async cleanup() {
      if (kind === 'redis') {
        const keyv = await openKeyv(url, { namespace });
        await keyv.clear();
        await closeKeyv(keyv);
      }
      for (const store of opened) await store.close().catch(() => undefined);
      tmp?.cleanup();
    },
  };
}
