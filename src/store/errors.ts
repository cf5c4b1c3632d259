import { UserError } from '../core/errors.ts';

export const STORE_UNAVAILABLE =
  'The score store is unavailable right now; nothing was changed. Try again in a moment.';

/**
 * The store failed; nothing was changed. A `UserError`, so the interaction router shows the
 * message as is; the cause is reported through the store's `onError` hook for logging. A caller that
 * knows more about what did or did not happen (an answer) may say so in `message`.
 */
export class StoreError extends UserError {
  constructor(cause: unknown, message: string = STORE_UNAVAILABLE) {
    super(message, { cause });
  }
}

/**
 * A store operation did not answer within its deadline (STORE_TIMEOUT_MS). The operation itself goes
 * on: `settled` tells what it finally did (resolves when it succeeded, rejects with its error), so a
 * writer that must know whether its write landed can wait for the truth instead of guessing.
 */
export class StoreTimeoutError extends StoreError {
  readonly settled: Promise<void>;
  constructor(
    readonly operation: string,
    readonly ms: number,
    settled: Promise<unknown>,
  ) {
    super(new Error(`store ${operation} did not answer within ${ms} ms`));
    this.settled = settled.then(() => undefined);
    // Nobody may ever ask: its rejection must not become an unhandled one.
    this.settled.catch(() => undefined);
  }
}

/** Runs a store operation, turning any failure into a `StoreError`. */
export async function guarded<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(error);
  }
}

/**
 * Runs a store write; when it only missed its deadline, waits for what it really did (the lane stays
 * taken meanwhile, so no later write can overtake it). Either the write landed, or it throws `StoreError`
 * and nothing was written. How long this waits is bounded by the store itself (SQLite's busy timeout,
 * the Redis command timeout), not by the deadline.
 */
export async function landed<T>(write: () => Promise<T>): Promise<void> {
  try {
    await write();
  } catch (error) {
    if (!(error instanceof StoreTimeoutError))
      throw error instanceof StoreError ? error : new StoreError(error);
    try {
      await error.settled;
    } catch (cause) {
      throw new StoreError(cause);
    }
  }
}
