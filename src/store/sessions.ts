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

const MAX_ID = 200;
const MAX_TTL_MS = 30 * 24 * 3_600_000;

function assertSessionId(id: string): void {
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID) {
    throw new RangeError(`session id must be a non-empty string of at most ${MAX_ID} characters`);
  }
}

/** Sessions on keyv: keyv's TTL removes them from the store, the injected clock decides expiry on read. */
export class KeyvSessionStore implements SessionStore {
  readonly #keyv: Keyv;
  readonly #clock: Clock;

  constructor(keyv: Keyv, clock: Clock) {
    this.#keyv = keyv;
    this.#clock = clock;
  }

  async put(id: string, value: unknown, ttlMs: number): Promise<void> {
    assertSessionId(id);
    if (!Number.isFinite(ttlMs) || ttlMs <= 0 || ttlMs > MAX_TTL_MS) {
      throw new RangeError('ttlMs must be a positive number of milliseconds, at most 30 days');
    }
    if (value === undefined) throw new TypeError('a session value cannot be undefined');
    const stored: Stored = { value, expiresAt: this.#clock.now().getTime() + ttlMs };
    await guarded(() => this.#keyv.set(keys.session(id), stored, Math.ceil(ttlMs)));
  }

  async get<T = unknown>(id: string): Promise<T | undefined> {
    assertSessionId(id);
    const stored = await guarded(() => this.#keyv.get<Stored>(keys.session(id)));
    // keyv expires by the wall clock; checking the injected clock too keeps fake-time tests honest.
    if (!stored || stored.expiresAt <= this.#clock.now().getTime()) return undefined;
    return stored.value as T;
  }

  async delete(id: string): Promise<boolean> {
    assertSessionId(id);
    return guarded(() => this.#keyv.delete(keys.session(id)));
  }
}
