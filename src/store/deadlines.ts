import type { KeyvStoreAdapter } from 'keyv';
import { StoreTimeoutError } from './errors.ts';

/** The adapter methods that reach the store (and may stall); everything else passes through untouched. */
const STORE_OPERATIONS = new Set<PropertyKey>([
  'get',
  'getMany',
  'set',
  'setMany',
  'delete',
  'deleteMany',
  'has',
  'hasMany',
  'clear',
]);

/** The default STORE_TIMEOUT_MS: within the ack budget (1.5 s), so a stalled store's error can be the first answer. */
export const DEFAULT_STORE_TIMEOUT_MS = 1_000;

/**
 * Gives every store operation of `adapter` a deadline: one that has not answered within `ms` rejects
 * with `StoreTimeoutError` (a `StoreError`, so the member hears "try again in a moment"), carrying the
 * operation's real outcome for writers that must know it. The adapter's own methods, events and
 * `instanceof` are kept (a Proxy), so keyv and the Redis helpers see the same adapter.
 */
export function withDeadlines(adapter: KeyvStoreAdapter, ms: number): KeyvStoreAdapter {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`store timeout must be positive; got ${ms}`);
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function' || !STORE_OPERATIONS.has(property)) return value;
      return (...args: unknown[]) => {
        // Called on the adapter itself: its private fields are not reachable through the Proxy.
        const work = Promise.resolve(value.apply(target, args));
        return raceDeadline(work, ms, String(property));
      };
    },
  });
}

function raceDeadline<T>(work: Promise<T>, ms: number, operation: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new StoreTimeoutError(operation, ms, work)), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
