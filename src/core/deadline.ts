/** What `settleWithin` gives: the work's outcome, or `late` when it was still running at the deadline. */
export type Settled<T> = { kind: 'value'; value: T } | { kind: 'error'; error: unknown } | { kind: 'late' };

/**
 * Waits for `work` at most `ms`; never rejects. A late outcome is dropped (its rejection is caught, so it
 * never becomes an unhandled one). Uses real timers: deadlines are about wall-clock time.
 */
export function settleWithin<T>(work: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<Settled<T>>((done) => {
    timer = setTimeout(() => done({ kind: 'late' }), Math.max(0, ms));
  });
  const outcome = work.then(
    (value): Settled<T> => ({ kind: 'value', value }),
    (error: unknown): Settled<T> => ({ kind: 'error', error }),
  );
  return Promise.race([outcome, late]).finally(() => clearTimeout(timer));
}

/** Thrown by `withDeadline` when the work did not settle in time. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not finish within ${ms} ms`);
  }
}

/** `work`, or a `DeadlineError` once `ms` have passed without it settling (the work itself goes on). */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  const settled = await settleWithin(work, ms);
  if (settled.kind === 'value') return settled.value;
  if (settled.kind === 'error') throw settled.error;
  throw new DeadlineError(what, ms);
}
