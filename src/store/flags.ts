import type Keyv from 'keyv';
import {
  EMPTY_STATS,
  FLAG_REASONS,
  FLAG_TEXT_MAX,
  type QuestionFlag,
  type QuestionStats,
  recordAnswer,
} from '../quiz/question-health.ts';
import { guarded } from './errors.ts';
import { assertId, keys } from './keys.ts';
import type { GuildQueue } from './queue.ts';

/**
 * How long a process trusts its copy of a server's muted set: a mute made by another shard process
 * takes effect here within this time; this process's own mutes at once.
 */
export const MUTED_CACHE_MS = 30_000;

/** The outcome of a flag: stored, or refused because this member already flagged the question. */
export type FlagOutcome = 'flagged' | 'already-flagged';

/** Members' flags, muted questions and per-question statistics of each server. */
export interface QuestionHealthStore {
  /** Stores a member's flag; one per member per question. */
  flag(guildId: string, itemId: string, flag: QuestionFlag): Promise<FlagOutcome>;
  /** The open flags on one question. */
  flagsOf(guildId: string, itemId: string): Promise<QuestionFlag[]>;
  /** Every question with open flags, with them. */
  openFlags(guildId: string): Promise<Map<string, QuestionFlag[]>>;
  /** Clears a question's flags. */
  dismiss(guildId: string, itemId: string): Promise<void>;
  /** Mutes a question in the server (it is never asked there) and clears its flags. */
  mute(guildId: string, itemId: string): Promise<void>;
  unmute(guildId: string, itemId: string): Promise<void>;
  /** The ids of the questions muted in the server. */
  muted(guildId: string): Promise<ReadonlySet<string>>;
  /** Counts one graded answer; `chosen` names the wrong option picked. */
  recordAnswer(guildId: string, itemId: string, correct: boolean, chosen?: string): Promise<void>;
  statsOf(guildId: string, itemId: string): Promise<QuestionStats>;
  /** Every question with statistics, with them. */
  allStats(guildId: string): Promise<Map<string, QuestionStats>>;
}

/**
 * On keyv: one record per flagged question and per answered question, plus an index of each family
 * (keyv cannot list keys). Writes run in the guild's queue on their own lanes, so a flag or a count
 * never waits behind the scores. The muted set is cached: every draw reads it.
 */
export class KeyvQuestionHealthStore implements QuestionHealthStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #mutedCache = new Map<string, { set: ReadonlySet<string>; at: number }>();
  /** Item ids known to be in the statistics index, so a count costs one read and one write. */
  readonly #indexed = new Map<string, Set<string>>();

  constructor(keyv: Keyv, queue: GuildQueue) {
    this.#keyv = keyv;
    this.#queue = queue;
  }

  async flag(guildId: string, itemId: string, flag: QuestionFlag): Promise<FlagOutcome> {
    checkIds(guildId, itemId);
    const clean = validFlag(flag);
    return this.#queue.run(`${guildId}:flags`, async () => {
      const current = await this.flagsOf(guildId, itemId);
      if (current.some((f) => f.userId === clean.userId)) return 'already-flagged';
      await this.#addToIndex(keys.flagIndex(guildId), itemId);
      await guarded(() => this.#keyv.set(keys.flags(guildId, itemId), [...current, clean]));
      return 'flagged';
    });
  }

  async flagsOf(guildId: string, itemId: string): Promise<QuestionFlag[]> {
    checkIds(guildId, itemId);
    return (await guarded(() => this.#keyv.get<QuestionFlag[]>(keys.flags(guildId, itemId)))) ?? [];
  }

  async openFlags(guildId: string): Promise<Map<string, QuestionFlag[]>> {
    assertId('guildId', guildId);
    const ids = await this.#index(keys.flagIndex(guildId));
    const out = new Map<string, QuestionFlag[]>();
    for (const id of ids) {
      const flags = await this.flagsOf(guildId, id);
      if (flags.length > 0) out.set(id, flags);
    }
    return out;
  }

  async dismiss(guildId: string, itemId: string): Promise<void> {
    checkIds(guildId, itemId);
    await this.#queue.run(`${guildId}:flags`, async () => {
      await guarded(() => this.#keyv.delete(keys.flags(guildId, itemId)));
      await this.#removeFromIndex(keys.flagIndex(guildId), itemId);
    });
  }

  async mute(guildId: string, itemId: string): Promise<void> {
    await this.dismiss(guildId, itemId);
    await this.#changeMuted(guildId, (set) => set.add(itemId));
  }

  async unmute(guildId: string, itemId: string): Promise<void> {
    checkIds(guildId, itemId);
    await this.#changeMuted(guildId, (set) => set.delete(itemId));
  }

  async muted(guildId: string): Promise<ReadonlySet<string>> {
    assertId('guildId', guildId);
    const cached = this.#mutedCache.get(guildId);
    if (cached && Date.now() - cached.at < MUTED_CACHE_MS) return cached.set;
    const set: ReadonlySet<string> = new Set(await this.#index(keys.muted(guildId)));
    this.#mutedCache.set(guildId, { set, at: Date.now() });
    return set;
  }

  async #changeMuted(guildId: string, change: (set: Set<string>) => void): Promise<void> {
    await this.#queue.run(`${guildId}:flags`, async () => {
      const set = new Set(await this.#index(keys.muted(guildId)));
      change(set);
      this.#mutedCache.delete(guildId);
      await guarded(() => this.#keyv.set(keys.muted(guildId), [...set]));
      this.#mutedCache.set(guildId, { set, at: Date.now() });
    });
  }

  async recordAnswer(guildId: string, itemId: string, correct: boolean, chosen?: string): Promise<void> {
    checkIds(guildId, itemId);
    await this.#queue.run(`${guildId}:qstats`, async () => {
      const key = keys.questionStats(guildId, itemId);
      const current = (await guarded(() => this.#keyv.get<QuestionStats>(key))) ?? EMPTY_STATS;
      const known = this.#indexed.get(guildId) ?? new Set<string>();
      this.#indexed.set(guildId, known);
      if (!known.has(itemId)) {
        await this.#addToIndex(keys.questionStatsIndex(guildId), itemId);
        known.add(itemId);
      }
      await guarded(() => this.#keyv.set(key, recordAnswer(current, correct, chosen)));
    });
  }

  async statsOf(guildId: string, itemId: string): Promise<QuestionStats> {
    checkIds(guildId, itemId);
    return (
      (await guarded(() => this.#keyv.get<QuestionStats>(keys.questionStats(guildId, itemId)))) ?? EMPTY_STATS
    );
  }

  async allStats(guildId: string): Promise<Map<string, QuestionStats>> {
    assertId('guildId', guildId);
    const out = new Map<string, QuestionStats>();
    for (const id of await this.#index(keys.questionStatsIndex(guildId))) {
      out.set(id, await this.statsOf(guildId, id));
    }
    return out;
  }

  async #index(key: string): Promise<string[]> {
    return (await guarded(() => this.#keyv.get<string[]>(key))) ?? [];
  }

  async #addToIndex(key: string, itemId: string): Promise<void> {
    const ids = await this.#index(key);
    if (!ids.includes(itemId)) await guarded(() => this.#keyv.set(key, [...ids, itemId]));
  }

  async #removeFromIndex(key: string, itemId: string): Promise<void> {
    const ids = await this.#index(key);
    if (ids.includes(itemId))
      await guarded(() =>
        this.#keyv.set(
          key,
          ids.filter((id) => id !== itemId),
        ),
      );
  }
}

function checkIds(guildId: string, itemId: string): void {
  assertId('guildId', guildId);
  assertId('itemId', itemId);
}

function validFlag(flag: QuestionFlag): QuestionFlag {
  assertId('userId', flag.userId);
  if (!FLAG_REASONS.includes(flag.reason)) throw new RangeError(`unknown flag reason ${String(flag.reason)}`);
  if (!Number.isFinite(flag.at)) throw new RangeError('a flag needs a time');
  return {
    userId: flag.userId,
    at: flag.at,
    reason: flag.reason,
    text: flag.text.trim().slice(0, FLAG_TEXT_MAX),
  };
}
