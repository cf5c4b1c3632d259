import type { GuildQueue } from './queue.ts';

/**
 * Commits a batch of items in one go and returns one result per item, in order; throwing rejects
 * every item of the batch with that error.
 */
export type CommitBatch<I, R> = (lane: string, items: I[]) => Promise<R[]>;

interface Waiting<I, R> {
  item: I;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Most items one commit takes; the rest start the next batch, so one commit's size stays bounded. */
export const DEFAULT_MAX_BATCH = 256;

/**
 * Group commit on a `GuildQueue` lane: while the lane is busy, items for it wait together and are
 * committed as one batch once the lane is free, instead of one store round trip after another.
 * An idle lane commits an item at once (a batch of one), so a quiet guild waits for nothing.
 */
export class GroupCommit<I, R> {
  readonly #queue: GuildQueue;
  readonly #commit: CommitBatch<I, R>;
  readonly #maxBatch: number;
  /** lane → the batch queued on it that has not started yet (items may still join). */
  readonly #open = new Map<string, Waiting<I, R>[]>();

  constructor(queue: GuildQueue, commit: CommitBatch<I, R>, opts: { maxBatch?: number } = {}) {
    const maxBatch = opts.maxBatch ?? DEFAULT_MAX_BATCH;
    if (!Number.isInteger(maxBatch) || maxBatch < 1) {
      throw new RangeError(`maxBatch must be a positive integer; got ${String(maxBatch)}`);
    }
    this.#queue = queue;
    this.#commit = commit;
    this.#maxBatch = maxBatch;
  }

  /**
   * Adds `item` to the lane's next batch; resolves with its own result once that batch is committed.
   * With `deadlineMs`, an item whose batch has not started by then leaves it and rejects with
   * `onLate()`'s error: it was never written, so its caller can say so (a stalled store queues
   * batches behind one that waits; without this, every answer behind it would wait in turn).
   */
  submit(lane: string, item: I, opts: { deadlineMs?: number; onLate?: () => unknown } = {}): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const waiting: Waiting<I, R> = {
        item,
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const open = this.#open.get(lane);
      const joined = open && open.length < this.#maxBatch;
      const batch: Waiting<I, R>[] = joined ? open : [waiting];
      if (joined) open.push(waiting);
      if (opts.deadlineMs !== undefined) {
        timer = setTimeout(() => {
          const at = batch.indexOf(waiting);
          // Only a batch that has not started can lose an item: a started one is being written.
          if (this.#open.get(lane) !== batch || at < 0) return;
          batch.splice(at, 1);
          reject(opts.onLate?.() ?? new Error('not committed in time'));
        }, opts.deadlineMs);
      }
      if (joined) return;
      this.#open.set(lane, batch);
      // Errors reach each caller through its own promise; the queue's copy is handled in #run.
      void this.#queue.run(lane, () => this.#run(lane, batch));
    });
  }

  async #run(lane: string, batch: Waiting<I, R>[]): Promise<void> {
    // From here on the batch is closed: later items start the next one, queued behind this commit.
    if (this.#open.get(lane) === batch) this.#open.delete(lane);
    if (batch.length === 0) return; // every item left it at its deadline
    let results: R[];
    try {
      results = await this.#commit(
        lane,
        batch.map((waiting) => waiting.item),
      );
      if (results.length !== batch.length) {
        throw new Error(`commit returned ${results.length} results for ${batch.length} items`);
      }
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
      return;
    }
    batch.forEach((waiting, i) => {
      waiting.resolve(results[i] as R);
    });
  }
}
