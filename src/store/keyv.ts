import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import KeyvRedis from '@keyv/redis';
import KeyvSqlite from '@keyv/sqlite';
import Keyv, { type KeyvStoreAdapter } from 'keyv';
import { DEFAULT_STORE_TIMEOUT_MS, withDeadlines } from './deadlines.ts';
import { isRedisUrl, storeUrlProblem } from './url.ts';

/** The small key-value surface other parts may depend on (e.g. a command-registration hash). */
export interface KeyValue {
  /** The stored value, or undefined when the key is unknown or expired. */
  get<T = unknown>(key: string): Promise<T | undefined>;
  /** Stores a JSON value, optionally expiring after `ttlMs`. */
  set(key: string, value: unknown, ttlMs?: number): Promise<void>;
  /** Removes a key; true when it existed. */
  delete(key: string): Promise<boolean>;
}

export interface OpenKeyvOptions {
  /** Key namespace inside the store (default `flashcord`). */
  namespace?: string;
  /** Called with every store error; errors are also thrown to the caller. Default: ignore. */
  onError?: (error: unknown) => void;
  /** Wraps the store adapter (tests use it to inject failures); the deadline applies on top of it. */
  wrapAdapter?: (adapter: KeyvStoreAdapter) => KeyvStoreAdapter;
  /**
   * Deadline of every store operation (STORE_TIMEOUT_MS, default 1 s): a slower one fails with
   * `StoreTimeoutError`. 0 turns it off (tests that stall the store on purpose may want that).
   */
  timeoutMs?: number;
}

/**
 * SQLite's busy timeout when the store has no deadline; with one, the busy timeout is the deadline: a
 * locked file then fails the statement (nothing written, and known at once) just as the deadline passes.
 */
const SQLITE_BUSY_TIMEOUT_MS = 1_000;
const REDIS_CONNECT_TIMEOUT_MS = 5_000;
/**
 * Commands waiting in the client while Redis is slow: beyond this many, new ones fail at once (a
 * `StoreError` for the member) instead of queueing behind a backlog that can only end past the deadline.
 */
const REDIS_QUEUE_MAX = 10_000;
/**
 * node-redis gives up on a command this long after our own deadline: until then a command that missed
 * the deadline can still report whether it was applied (see `landed`), which the answer path waits for.
 */
const REDIS_COMMAND_GRACE_MS = 1_000;

/** Opens a keyv on `sqlite://path` or `redis://…`/`rediss://…`; store errors are thrown, never hidden. */
export async function openKeyv(url: string, opts: OpenKeyvOptions = {}): Promise<Keyv> {
  const namespace = opts.namespace ?? 'flashcord';
  const timeoutMs = opts.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS;
  const adapter = await createAdapter(url, namespace, timeoutMs);
  const wrapped = opts.wrapAdapter ? opts.wrapAdapter(adapter) : adapter;
  const store = timeoutMs > 0 ? withDeadlines(wrapped, timeoutMs) : wrapped;
  const keyv = new Keyv({
    store,
    namespace,
    // keyv 5 would prefix keys itself and the Redis adapter again (`ns::ns:key`); the Redis adapter
    // does its own prefixing, SQLite needs keyv's.
    useKeyPrefix: !isRedisUrl(url),
    throwOnErrors: true,
  });
  // keyv is an EventEmitter: an 'error' event without a listener would crash the process.
  keyv.on('error', (error: unknown) => opts.onError?.(error));
  return keyv;
}

/** Closes the connection or file behind a keyv opened with `openKeyv`. */
export async function closeKeyv(keyv: Keyv): Promise<void> {
  await keyv.disconnect();
}

/** A `KeyValue` view of a keyv, with every key under `prefix`. */
export function keyValueOf(keyv: Keyv, prefix = ''): KeyValue {
  return {
    get: async <T>(key: string) => (await keyv.get(prefix + key)) as T | undefined,
    set: async (key, value, ttlMs) => {
      await keyv.set(prefix + key, value, ttlMs);
    },
    delete: (key) => keyv.delete(prefix + key),
  };
}

async function createAdapter(url: string, namespace: string, timeoutMs: number): Promise<KeyvStoreAdapter> {
  const problem = storeUrlProblem(url);
  if (problem) throw new Error(problem);
  return isRedisUrl(url)
    ? createRedis(url, namespace, timeoutMs)
    : createSqlite(url, timeoutMs > 0 ? timeoutMs : SQLITE_BUSY_TIMEOUT_MS);
}

async function createSqlite(url: string, busyTimeout: number): Promise<KeyvStoreAdapter> {
  const path = url.slice('sqlite://'.length);
  if (path.length === 0)
    throw new Error(`STORE_URL "${url}" names no file; e.g. sqlite://var/flashcord.sqlite`);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const adapter = new KeyvSqlite({ uri: url, busyTimeout });
  // Surface "cannot open the file" now, at start, rather than on the first answer.
  await adapter.query('PRAGMA journal_mode=WAL');
  await adapter.query('PRAGMA synchronous=NORMAL');
  return Object.assign(adapter, { setMany: sqliteSetMany(adapter) }) as unknown as KeyvStoreAdapter;
}

/**
 * The adapter has no `setMany`, so keyv would fall back to one write per key: this writes them all
 * in one upsert statement, one round trip that SQLite applies all or nothing.
 */
function sqliteSetMany(adapter: KeyvSqlite) {
  const upsert = `INSERT INTO ${adapter.opts.table} (key, value)
    SELECT json_extract(entry.value, '$[0]'), json_extract(entry.value, '$[1]') FROM json_each(?) AS entry
    WHERE true
    ON CONFLICT(key) DO UPDATE SET value = excluded.value`;
  return async (entries: { key: string; value: unknown }[]): Promise<void> => {
    // keyv hands over values already serialized to strings; `WHERE true` lets SQLite parse the upsert.
    await adapter.query(upsert, JSON.stringify(entries.map(({ key, value }) => [key, value])));
  };
}

async function createRedis(url: string, namespace: string, timeoutMs: number): Promise<KeyvStoreAdapter> {
  let connectedOnce = false;
  const adapter = new KeyvRedis(
    {
      url,
      // Fail commands at once while disconnected instead of queueing them until Redis comes back:
      // a user waiting on a button must get an error, not a hang.
      disableOfflineQueue: true,
      commandsQueueMaxLength: REDIS_QUEUE_MAX,
      // Every command (SET NX of the daily claims too) ends: a Redis that stops answering but keeps the
      // socket open would otherwise hold a writer lane forever. A timed-out command may still have run
      // on the server; answers are idempotent for that (docs/storage.md#deadlines).
      ...(timeoutMs > 0 ? { commandOptions: { timeout: timeoutMs + REDIS_COMMAND_GRACE_MS } } : {}),
      socket: {
        connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
        // A wrong URL at start should fail the start at once; a lost connection later is retried.
        reconnectStrategy: (retries: number, cause: Error) =>
          connectedOnce ? Math.min(100 * 2 ** retries, 2_000) : cause,
      },
    },
    {
      namespace,
      throwOnErrors: true,
      throwOnConnectError: true,
      connectionTimeout: REDIS_CONNECT_TIMEOUT_MS,
    },
  );
  try {
    await adapter.getClient();
    connectedOnce = true;
  } catch (error) {
    throw new Error(`Cannot connect to Redis at ${redactedHost(url)}: ${(error as Error).message}`);
  }
  return adapter as unknown as KeyvStoreAdapter;
}

/** Host and port only: a Redis URL can carry a password, which must never reach a log. */
function redactedHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparsable URL)';
  }
}
