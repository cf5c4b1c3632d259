import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KeyvStoreAdapter } from 'keyv';

/** A fresh SQLite URL in a temp dir, and a function that removes the dir. */
export function tempSqlite(): { url: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'flashcord-store-'));
  return {
    url: `sqlite://${join(dir, 'nested', 'store.sqlite')}`,
    dir,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A unique Redis namespace for one test run. */
export function uniqueNamespace(): string {
  return `flashcord-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * Wraps a real adapter; while `failWhen` matches an operation it throws like a dead store would.
 * Stands in for "the SQLite file became unwritable" (chmod does not stop root).
 */
export class FlakyAdapter extends EventEmitter {
  failWhen: ((op: string, key: string) => boolean) | undefined;
  /** Write calls that reached the store (`set` and `setMany` count one each): a batch is one write. */
  writes = 0;
  readonly inner: KeyvStoreAdapter;

  constructor(inner: KeyvStoreAdapter) {
    super();
    this.inner = inner;
  }

  get namespace(): string | undefined {
    return this.inner.namespace;
  }
  set namespace(value: string | undefined) {
    this.inner.namespace = value;
  }
  get opts(): unknown {
    return this.inner.opts;
  }

  #check(op: string, key: string): void {
    if (this.failWhen?.(op, key)) throw new Error(`SQLITE_IOERR: disk I/O error (${op} ${key})`);
  }
  async get(key: string) {
    this.#check('get', key);
    return this.inner.get(key);
  }
  async getMany(keys: string[]) {
    for (const key of keys) this.#check('get', key);
    // biome-ignore lint/style/noNonNullAssertion: both real adapters implement getMany
    return this.inner.getMany!(keys);
  }
  async set(key: string, value: unknown, ttl?: number) {
    this.#check('set', key);
    this.writes++;
    return this.inner.set(key, value, ttl);
  }
  /** Fails as a whole before writing anything when any key fails, as one transaction would. */
  async setMany(entries: { key: string; value: unknown; ttl?: number }[]) {
    for (const { key } of entries) this.#check('set', key);
    this.writes++;
    if (this.inner.setMany) return this.inner.setMany(entries as Parameters<typeof this.inner.setMany>[0]);
    for (const { key, value, ttl } of entries) await this.inner.set(key, value, ttl);
  }
  async delete(key: string) {
    this.#check('delete', key);
    return this.inner.delete(key);
  }
  async clear() {
    return this.inner.clear();
  }
  async disconnect() {
    return this.inner.disconnect?.();
  }
}

/** Always true: fail every operation. */
export const always = () => true;
