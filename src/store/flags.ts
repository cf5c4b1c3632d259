import type Keyv from 'keyv';
import {
  EMPTY_STATS,
  FLAG_REASONS,
  FLAG_TEXT_MAX,
  isSuspicious,
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
  /** Clears a question's flags and takes it off the suspicious list: a moderator looked and kept it. */
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
  /** The questions whose statistics look suspicious and that no moderator kept, with their statistics. */
  suspicious(guildId: string): Promise<Map<string, QuestionStats>>;
}

/**
 * On keyv: one record per flagged question and per answered question, plus an index of each family
 * (keyv cannot list keys) and one of the suspicious questions, kept as answers come in so that
 * `/bank flags` reads a handful of records rather than every answered question's. Writes run in the
 * guild's queue on their own lanes, so a flag or a count never waits behind the scores. The muted set
 * is cached: every draw reads it.
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
    const all = await Promise.all(ids.map((id) => this.flagsOf(guildId, id)));
    return new Map(ids.flatMap((id, i) => ((all[i]?.length ?? 0) > 0 ? [[id, all[i] ?? []] as const] : [])));
  }

  async dismiss(guildId: string, itemId: string): Promise<void> {
    checkIds(guildId, itemId);
    await this.#queue.run(`${guildId}:flags`, async () => {
      await guarded(() => this.#keyv.delete(keys.flags(guildId, itemId)));
      await this.#removeFromIndex(keys.flagIndex(guildId), itemId);
    });
    await this.#queue.run(`${guildId}:qstats`, () => this.#setSuspicious(guildId, itemId, false));
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
      const next = recordAnswer(current, correct, chosen);
      await guarded(() => this.#keyv.set(key, next));
      // Only a change of verdict touches the list, so a question a moderator kept stays off it
      // until its answers look fine and then suspicious again.
      if (isSuspicious(next) !== isSuspicious(current))
        await this.#setSuspicious(guildId, itemId, isSuspicious(next));
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
    const ids = await this.#index(keys.questionStatsIndex(guildId));
    const all = await Promise.all(ids.map((id) => this.statsOf(guildId, id)));
    return new Map(ids.map((id, i) => [id, all[i] ?? EMPTY_STATS]));
  }

  async suspicious(guildId: string): Promise<Map<string, QuestionStats>> {
    assertId('guildId', guildId);
    // The list is read outside the lane (a page need not wait behind counts); built in it once.
    const ids =
      (await guarded(() => this.#keyv.get<string[]>(keys.suspiciousIndex(guildId)))) ??
      (await this.#queue.run(`${guildId}:qstats`, () => this.#suspiciousIds(guildId)));
    const all = await Promise.all(ids.map((id) => this.statsOf(guildId, id)));
    return new Map(
      ids.flatMap((id, i) => {
        const stats = all[i] ?? EMPTY_STATS;
        return isSuspicious(stats) ? [[id, stats] as const] : [];
      }),
    );
  }

  /**
   * The suspicious list, built once from every question's statistics where the store has none yet
   * (statistics recorded before the list existed). Runs in the guild's statistics lane.
   */
  async #suspiciousIds(guildId: string): Promise<string[]> {
    const key = keys.suspiciousIndex(guildId);
    const kept = await guarded(() => this.#keyv.get<string[]>(key));
    if (kept) return kept;
    const ids = [...(await this.allStats(guildId))]
      .filter(([, stats]) => isSuspicious(stats))
      .map(([id]) => id);
    await guarded(() => this.#keyv.set(key, ids));
    return ids;
  }

  /** Puts a question on the suspicious list or takes it off, writing only a change. In the statistics lane. */
  async #setSuspicious(guildId: string, itemId: string, suspicious: boolean): Promise<void> {
    const ids = await this.#suspiciousIds(guildId);
    if (ids.includes(itemId) === suspicious) return;
    const next = suspicious ? [...ids, itemId] : ids.filter((id) => id !== itemId);
    await guarded(() => this.#keyv.set(keys.suspiciousIndex(guildId), next));
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
