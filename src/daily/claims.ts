import type Keyv from 'keyv';
import { guarded } from '../store/errors.ts';
import { type RedisAccess, redisAccessOf } from '../store/redis.ts';

/** What a claim records: who claimed, when, what it is posting, and whether the post went out. */
export interface ClaimRecord {
  token: string;
  state: 'claimed' | 'sent';
  /** Epoch ms of the claim. */
  at: number;
  /** The question chosen, so that a resend after a crash posts the same one. */
  pick?: { itemId: string; type: string; seed: number };
  messageId?: string;
}

/**
 * The one primitive claims need: "store unless present", answering true to exactly one of several
 * concurrent callers, plus plain reads and writes of claim records.
 */
export interface ClaimBackend {
  /** Stores `record` under `key` unless the key exists; true when this caller's record is the one kept. */
  setIfAbsent(key: string, record: ClaimRecord, ttlMs: number): Promise<boolean>;
  get(key: string): Promise<ClaimRecord | undefined>;
  set(key: string, record: ClaimRecord, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Claims outlive every date the planner could still post for (catch-up is today only). */
export const CLAIM_TTL_MS = 7 * 24 * 3_600_000;

/**
 * Claims on plain keyv, which has no SETNX: read, write our token, wait `settleMs`, read back; only the
 * caller whose token survived wins. Safe as long as two processes' read-then-write steps are less than
 * `settleMs` apart, which holds for ticks that start on the same minute. Used for SQLite (one process).
 */
export function settleBackend(keyv: Keyv, settleMs: number, sleep = defaultSleep): ClaimBackend {
  return {
    async setIfAbsent(key, record, ttlMs) {
      if (await guarded(() => keyv.get(key))) return false;
      await guarded(() => keyv.set(key, record, ttlMs));
      if (settleMs > 0) await sleep(settleMs);
      const kept = await guarded(() => keyv.get<ClaimRecord>(key));
      return kept?.token === record.token;
    },
    get: (key) => guarded(() => keyv.get<ClaimRecord>(key)),
    set: async (key, record, ttlMs) => {
      await guarded(() => keyv.set(key, record, ttlMs));
    },
    delete: async (key) => {
      await guarded(() => keyv.delete(key));
    },
  };
}

/** Claims on Redis with `SET NX PX`: atomic across processes and shards, no waiting. */
export function redisBackend(redis: RedisAccess): ClaimBackend {
  const { name } = redis;
  return {
    setIfAbsent: (key, record, ttlMs) =>
      guarded(async () => {
        const client = await redis.client();
        return (await client.set(name(key), JSON.stringify(record), { NX: true, PX: ttlMs })) === 'OK';
      }),
    get: (key) =>
      guarded(async () => {
        const client = await redis.client();
        const raw = await client.get(name(key));
        return typeof raw === 'string' ? (JSON.parse(raw) as ClaimRecord) : undefined;
      }),
    set: (key, record, ttlMs) =>
      guarded(async () => {
        const client = await redis.client();
        await client.set(name(key), JSON.stringify(record), { PX: ttlMs });
      }),
    delete: (key) =>
      guarded(async () => {
        const client = await redis.client();
        await client.del(name(key));
      }),
  };
}

/** The claim backend for a keyv: Redis' SET NX when the store is Redis, else settle-and-read-back. */
export function claimBackendFor(keyv: Keyv, settleMs: number): ClaimBackend {
  const redis = redisAccessOf(keyv);
  return redis ? redisBackend(redis) : settleBackend(keyv, settleMs);
}

/** How a claim attempt ended. */
export type ClaimOutcome =
  | { kind: 'won' }
  /** A claim older than `staleMs` was never marked sent: its owner died; this caller resends it, once. */
  | { kind: 'resend'; claim: ClaimRecord }
  /** Someone else holds a fresh claim, or already took the one resend. */
  | { kind: 'held' }
  /** The post was made (perhaps by another process). */
  | { kind: 'sent'; claim: ClaimRecord };

/**
 * Claims the post under `key` (see `claimKey`). A claim left `claimed` for longer than `staleMs` is
 * resent once: the resend is claimed under `<key>:resend`, which is never released after a success, so a
 * post is made at most twice only if a process dies between Discord accepting it and recording it.
 */
export async function claimPost(
  backend: ClaimBackend,
  key: string,
  record: ClaimRecord,
  staleMs: number,
): Promise<ClaimOutcome> {
  if (await backend.setIfAbsent(key, record, CLAIM_TTL_MS)) return { kind: 'won' };
  const existing = await backend.get(key);
  if (!existing) return { kind: 'held' };
  if (existing.state === 'sent') return { kind: 'sent', claim: existing };
  if (record.at - existing.at < staleMs) return { kind: 'held' };
  const resend = { ...record, pick: existing.pick } as ClaimRecord;
  if (!(await backend.setIfAbsent(`${key}:resend`, resend, CLAIM_TTL_MS))) return { kind: 'held' };
  return { kind: 'resend', claim: existing };
}

/** Marks a claim as posted. */
export async function markSent(backend: ClaimBackend, key: string, claim: ClaimRecord, messageId: string) {
  await backend.set(key, { ...claim, state: 'sent', messageId }, CLAIM_TTL_MS);
}

/** Gives a claim up after a send Discord refused (nothing was posted), so a later tick may try again. */
export async function releaseClaim(backend: ClaimBackend, key: string): Promise<void> {
  await backend.delete(`${key}:resend`);
  await backend.delete(key);
}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
