import type Keyv from 'keyv';
import type { Clock } from '../core/clock.ts';
import { guarded } from './errors.ts';
import { keys } from './keys.ts';

/** Short-lived JSON state (quiz sessions, race rounds) that must survive a restart. */
export interface SessionStore {
  /** Stores `value` under `id` for `ttlMs` milliseconds. */
  put(id: string, value: unknown, ttlMs: number): Promise<void>;
  /** The value, or undefined when unknown or expired. */
  get<T = unknown>(id: string): Promise<T | undefined>;
  /** Removes a session; true when it existed. */
  delete(id: string): Promise<boolean>;
}

interface Stored {
  value: unknown;
  expiresAt: number;
}

/** How much session JSON (in characters) the read cache keeps before dropping the least recently used. */
export const SESSION_CACHE_CHARS = 8_000_000;

const MAX_ID = 200;
const MAX_TTL_MS = 30 * 24 * 3_600_000;

function assertSessionId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    throw new RangeError(`session id must be a non-empty string of at most ${MAX_ID} characters`);
  }
}

/**
 * Sessions on keyv: keyv's TTL removes them from the store, the injected clock decides expiry on read.
 * Reads are served from a write-through cache of what this process stored or read: a guild's sessions
 * are only used by the process that owns the guild, so the cache saves a store round trip per click.
 * The cache keeps JSON text, so callers can never change a cached value by mutating what they got.
 */
export class KeyvSessionStore implements SessionStore {
  readonly #keyv: Keyv;
  readonly #clock: Clock;
  readonly #cache: SessionCache;

  constructor(keyv: Keyv, clock: Clock, opts: { cacheChars?: number } = {}) {
    this.#keyv = keyv;
    this.#clock = clock;
    this.#cache = new SessionCache(opts.cacheChars ?? SESSION_CACHE_CHARS);
  }

  async put(id: string, value: unknown, ttlMs: number): Promise<void> {
    assertSessionId(id);
    if (!Number.isFinite(ttlMs) || ttlMs <= 0 || ttlMs > MAX_TTL_MS) {
      throw new RangeError('ttlMs must be a positive number of milliseconds, at most 30 days');
    }
    if (value === undefined) throw new TypeError('a session value cannot be undefined');
    const stored: Stored = { value, expiresAt: this.#clock.now().getTime() + ttlMs };
    try {
      await guarded(() => this.#keyv.set(keys.session(id), stored, Math.ceil(ttlMs)));
    } catch (error) {
      // The store may hold the old or the new value: the next read must ask it.
      this.#cache.forget(id);
      throw error;
    }
    this.#cache.keep(id, stored);
  }

  async get<T = unknown>(id: string): Promise<T | undefined> {
    assertSessionId(id);
    const cached = this.#cache.read(id);
    const stored = cached ?? (await guarded(() => this.#keyv.get<Stored>(keys.session(id))));
    // keyv expires by the wall clock; checking the injected clock too keeps fake-time tests honest.
    if (!stored || stored.expiresAt <= this.#clock.now().getTime()) {
      this.#cache.forget(id);
      return undefined;
    }
    if (!cached) this.#cache.keep(id, stored);
    return stored.value as T;
  }

  async delete(id: string): Promise<boolean> {
    assertSessionId(id);
    this.#cache.forget(id);
    return guarded(() => this.#keyv.delete(keys.session(id)));
  }
}

/** Session values as JSON text, least recently used first, within a budget of characters. */
class SessionCache {
  readonly #entries = new Map<string, string>();
  #chars = 0;

  constructor(readonly maxChars: number) {}

  /** A fresh copy of the cached value, now the most recently used; undefined when not cached. */
  read(id: string): Stored | undefined {
    const text = this.#entries.get(id);
    if (text === undefined) return undefined;
    this.#entries.delete(id);
    this.#entries.set(id, text);
    return JSON.parse(text) as Stored;
  }

  keep(id: string, stored: Stored): void {
    this.forget(id);
    const text = JSON.stringify(stored);
    if (text.length > this.maxChars / 4) return; // a huge value would evict everything else
    this.#entries.set(id, text);
    this.#chars += text.length;
    for (const [oldest, value] of this.#entries) {
      if (this.#chars <= this.maxChars) break;
      this.#entries.delete(oldest);
      this.#chars -= value.length;
    }
  }

  forget(id: string): void {
    const text = this.#entries.get(id);
    if (text === undefined) return;
    this.#entries.delete(id);
    this.#chars -= text.length;
  }
}
