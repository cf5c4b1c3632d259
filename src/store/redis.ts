import KeyvRedis, { type RedisClientConnectionType } from '@keyv/redis';
import type Keyv from 'keyv';

/**
 * Direct Redis commands on keyv's own connection and key names, for what keyv cannot do atomically
 * (SET NX, sets). Never a second connection: it shares the adapter's client.
 */
export interface RedisAccess {
  /** The connected client behind the keyv adapter. */
  client(): Promise<RedisClientConnectionType>;
  /** The Redis key of a keyv key, namespace included (`flashcord::v1:…`). */
  name(key: string): string;
}

/** Redis access through the keyv's Redis adapter, or undefined when the store is not Redis. */
export function redisAccessOf(keyv: Keyv): RedisAccess | undefined {
  const adapter: unknown = keyv.store;
  if (!(adapter instanceof KeyvRedis)) return undefined;
  return {
    client: () => adapter.getClient(),
    name: (key) => adapter.createKeyPrefix(key, adapter.namespace),
  };
}
