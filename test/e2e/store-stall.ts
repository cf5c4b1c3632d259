import type { KeyvStoreAdapter } from 'keyv';

/** The adapter calls that reach the store; a stall holds these back. */
const OPERATIONS = new Set<PropertyKey>(['get', 'getMany', 'set', 'setMany', 'delete', 'deleteMany', 'has']);

/** Which calls a stall holds back: the adapter method and the keys it touches. */
export type StallFilter = (operation: string, keys: string[]) => boolean;

/** A stall in progress: held calls go on (or fail, as a lock that never freed) once it is released. */
export interface Stall {
  /** Calls held back so far. */
  readonly held: number;
  /**
   * Lets the held calls through; with `fail`, they fail as SQLite does when its lock never freed.
   * Resolves once every held call has finished (until then the bot still counts the store as stalled).
   */
  release(opts?: { fail?: boolean }): Promise<void>;
}

/**
 * A store that can be stalled from a test, the way a locked SQLite file or a Redis busy with a slow
 * command stalls: calls matching the filter wait until the stall is released, then run (the late write
 * lands) or fail. Goes under the bot's own deadlines (`StartOptions.wrapStoreAdapter`).
 */
export function stallableStore() {
  let current:
    | { filter: StallFilter; released: Promise<boolean>; count: number; finished: Promise<unknown>[] }
    | undefined;

  const wrapStoreAdapter = (adapter: KeyvStoreAdapter): KeyvStoreAdapter =>
    new Proxy(adapter, {
      get(target, property) {
        const value: unknown = Reflect.get(target, property);
        if (typeof value !== 'function' || !OPERATIONS.has(property)) return value;
        return async (...args: unknown[]) => {
          const stall = current;
          if (!stall?.filter(String(property), keysOf(args[0]))) return value.apply(target, args);
          stall.count += 1;
          const call = stall.released.then((fail) => {
            if (fail) throw new Error('SQLITE_BUSY: database is locked');
            return value.apply(target, args);
          });
          stall.finished.push(call.catch(() => undefined));
          return call;
        };
      },
    });

  /** Stalls the calls `filter` picks (all by default) until `release`. */
  const stall = (filter: StallFilter = () => true): Stall => {
    let release!: (fail: boolean) => void;
    const released = new Promise<boolean>((done) => {
      release = done;
    });
    const state = { filter, released, count: 0, finished: [] as Promise<unknown>[] };
    current = state;
    return {
      get held() {
        return state.count;
      },
      async release(opts = {}) {
        if (current === state) current = undefined;
        release(opts.fail ?? false);
        await Promise.all(state.finished);
        await new Promise(setImmediate); // the bot's deadline bookkeeping sees them settle first
      },
    };
  };
  return { wrapStoreAdapter, stall };
}

function keysOf(first: unknown): string[] {
  if (typeof first === 'string') return [first];
  if (!Array.isArray(first)) return [];
  return first.map((entry) => (typeof entry === 'string' ? entry : String((entry as { key?: unknown }).key)));
}
