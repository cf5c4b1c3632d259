import { UserError } from '../core/errors.ts';

export const STORE_UNAVAILABLE =
  'The score store is unavailable right now; nothing was changed. Try again in a moment.';

/**
 * The store failed; nothing was changed. A `UserError`, so the interaction router shows the
 * message as is; the cause is reported through the store's `onError` hook for logging.
 */
export class StoreError extends UserError {
  constructor(cause: unknown) {
    super(STORE_UNAVAILABLE, { cause });
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
