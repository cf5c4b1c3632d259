import type { KeyvStoreAdapter } from 'keyv';
import { settleWithin } from '../core/deadline.ts';
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

/**
 * The default STORE_TIMEOUT_MS: well within the ack budget (1.5 s), so a stalled store's error is the
 * first answer, and under 1 s, issue 19's target for every acknowledgement.
 */
export const DEFAULT_STORE_TIMEOUT_MS = 750;

/**
 * Gives every store operation of `adapter` a deadline: one that has not answered within `ms` rejects
 * with `StoreTimeoutError` (a `StoreError`, so the member hears "try again in a moment"), carrying the
 * operation's real outcome for writers that must know it. While one call is overdue, new calls fail at
 * once without being sent (the store is stalled; they would only wait behind it). The adapter's own methods, events and
 * `instanceof` are kept (a Proxy), so keyv and the Redis helpers see the same adapter.
 */
export function withDeadlines(adapter: KeyvStoreAdapter, ms: number): KeyvStoreAdapter {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`store timeout must be positive; got ${ms}`);
  const overdue = { count: 0 };
  return new Proxy(adapter, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== 'function' || !STORE_OPERATIONS.has(property)) return value;
      return (...args: unknown[]) => {
        const operation = String(property);
        // One connection answers in order: while a call is overdue, a new one would only queue behind
        // it and miss its own deadline too. It is not sent at all, so it certainly changed nothing.
        if (overdue.count > 0) {
          return Promise.reject(new StoreTimeoutError(operation, ms, Promise.reject(new Error(NOT_SENT))));
        }
        // Called on the adapter itself: its private fields are not reachable through the Proxy.
        const work = Promise.resolve(value.apply(target, args));
        return raceDeadline(work, ms, operation, overdue);
      };
    },
  });
}

const NOT_SENT = 'not sent: an earlier store call is still overdue';

async function raceDeadline<T>(
  work: Promise<T>,
  ms: number,
  operation: string,
  overdue: { count: number },
): Promise<T> {
  const settled = await settleWithin(work, ms);
  if (settled.kind === 'value') return settled.value;
  if (settled.kind === 'error') throw settled.error;
  // Late: the store counts as stalled until this call finally settles, whichever way.
  overdue.count += 1;
  const done = () => {
    overdue.count -= 1;
  };
  work.then(done, done);
  throw new StoreTimeoutError(operation, ms, work);
}
