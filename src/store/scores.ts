import type Keyv from 'keyv';
import {
  type AnsweredEntry,
  type AnswerInput,
  applyAnswer,
  type MemberRecord,
  RETAIN,
} from '../scoring/member.ts';
import { assertTimeZone, PERIODS, type Period, periodKey, periodOfKey } from '../scoring/periods.ts';
import { ANSWER_KINDS } from '../scoring/points.ts';
import { type RankedEntry, Ranking } from '../scoring/ranking.ts';
import { type SeasonTimeline, seasonAt } from '../season/schedule.ts';
import { guarded, landed, StoreError } from './errors.ts';
import { GroupCommit } from './group-commit.ts';
import { assertId, bucketOf, keys, MEMBER_BUCKETS } from './keys.ts';
import type { GuildQueue } from './queue.ts';

/** What `recordAnswer` reports back. */
export interface AnswerResult {
  /** Points awarded for this answer: 0 when wrong or when the 24 h rule applies. */
  awarded: number;
  totals: { points: number; answers: number; correct: number };
  /** Daily streak after this answer. */
  streak: number;
  record: MemberRecord;
  /** Set when the answer's `answerId` had already been applied: nothing changed, this is what it got then. */
  duplicate?: AnsweredEntry;
}

export interface LeaderboardOptions {
  /** How many from the top (1–100, default 10). */
  limit?: number;
  /** Also report this member's own rank, even outside the top. */
  userId?: string;
}

export interface Leaderboard {
  period: Period;
  periodKey: string;
  /** Members with points in the period. */
  ranked: number;
  top: RankedEntry[];
  /** The asking member: their entry, or null when they have no points in the period; absent when not asked. */
  me?: RankedEntry | null;
}

/** A season's standings: points, then accuracy, then who got there first (entries carry `accuracy`). */
export interface SeasonBoard {
  seasonId: string;
  ranked: number;
  top: RankedEntry[];
  me?: RankedEntry | null;
}

/** Where the score store learns a guild's seasons (src/store/seasons.ts); without it, no season is scored. */
export interface SeasonTimelines {
  timelineOf(guildId: string): Promise<SeasonTimeline>;
}

/** Scores of guild members: answers in, totals, stats and leaderboards out. */
export interface ScoreStore {
  /** Records one answer through the guild's queue; a store failure rejects with `StoreError` and changes nothing. */
  recordAnswer(guildId: string, answer: AnswerInput): Promise<AnswerResult>;
  /** A member's record, or undefined when they have never answered. */
  getMember(guildId: string, userId: string): Promise<MemberRecord | undefined>;
  /** Top N of the period containing `at` (in `timeZone`), plus the caller's rank; reads memory only. */
  leaderboard(
    guildId: string,
    period: Period,
    at: Date,
    timeZone: string,
    opts?: LeaderboardOptions,
  ): Promise<Leaderboard>;
  /**
   * Rebuilds the guild's rankings from the store. The bot calls it for every guild it serves at start
   * (src/store/warmup.ts); a guild not loaded yet is loaded on first use, inside its writer lane.
   */
  loadGuild(guildId: string): Promise<void>;
  /** True once the guild's rankings are in memory: a leaderboard or an answer then reads no members. */
  isLoaded(guildId: string): boolean;
  /** Standings of one of the guild's last `RETAIN.seasons` seasons; reads memory only. */
  seasonBoard(guildId: string, seasonId: string, opts?: LeaderboardOptions): Promise<SeasonBoard>;
}

interface GuildState {
  /** The persisted member index, by bucket: who has a record. */
  buckets: string[][];
  /** periodKey → ranking of that period. */
  rankings: Map<string, Ranking>;
  /** season id → ranking of that season (ties broken by accuracy). */
  seasons: Map<string, Ranking>;
}

/** How many keys to read per round trip when rebuilding (the SQLite adapter matches rows in O(n²)). */
const READ_CHUNK = 250;

/** A `ScoreStore` on keyv with in-memory, write-through rankings. */
export class KeyvScoreStore implements ScoreStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #guilds = new Map<string, GuildState>();
  /** Answers of a guild that arrive while its lane is busy are committed together. */
  readonly #answers: GroupCommit<AnswerInput, AnswerResult>;

  readonly #timelines: SeasonTimelines | undefined;

  /** How long an answer may wait for its batch to start (STORE_TIMEOUT_MS); none when undefined. */
  readonly #waitMs: number | undefined;

  constructor(
    keyv: Keyv,
    queue: GuildQueue,
    opts: { maxBatch?: number; seasons?: SeasonTimelines; timeoutMs?: number } = {},
  ) {
    this.#waitMs = opts.timeoutMs && opts.timeoutMs > 0 ? opts.timeoutMs : undefined;
    this.#keyv = keyv;
    this.#queue = queue;
    this.#timelines = opts.seasons;
    this.#answers = new GroupCommit(queue, (guildId, answers) => this.#commitAnswers(guildId, answers), opts);
  }

  async recordAnswer(guildId: string, answer: AnswerInput): Promise<AnswerResult> {
    assertId('guildId', guildId);
    validateAnswer(answer);
    // Behind a batch stuck on a stalled store, an answer gives up before it is written: nothing counted.
    return this.#answers.submit(guildId, answer, {
      ...(this.#waitMs !== undefined ? { deadlineMs: this.#waitMs } : {}),
      onLate: () => new StoreError(new Error('the score store is busy: the answer was not written')),
    });
  }

  /**
   * Applies a batch of one guild's answers in order: one read of the members involved, every answer
   * applied in memory (so two answers of a member in one batch see each other, 24 h rule included),
   * one write of the new index buckets and records, then the rankings. Runs in the guild's lane.
   */
  async #commitAnswers(guildId: string, batch: AnswerInput[]): Promise<AnswerResult[]> {
    const state = await this.#ensureLoaded(guildId);
    const timeline = await this.#timelines?.timelineOf(guildId);
    // An answer counts for the season running when it was given, as it counts for its week and month.
    const answers = batch.map((answer) => {
      const season = timeline && seasonAt(timeline, answer.at, answer.timeZone);
      return season ? { ...answer, season: season.id } : answer;
    });
    const userIds = [...new Set(answers.map((answer) => answer.userId))];
    const stored = await guarded(() =>
      readMany<MemberRecord>(
        this.#keyv,
        userIds.map((userId) => keys.member(guildId, userId)),
      ),
    );
    const records = new Map(userIds.map((userId, i) => [userId, stored[i]]));
    const changed = new Map<string, Set<string>>(); // userId → period keys whose points grew
    const changedSeasons = new Map<string, Set<string>>(); // userId → seasons answered in
    const results: AnswerResult[] = answers.map((answer) => {
      const { record, awarded, changedPeriods, changedSeason, duplicate } = applyAnswer(
        records.get(answer.userId),
        answer,
      );
      records.set(answer.userId, record);
      if (changedSeason)
        changedSeasons.set(
          answer.userId,
          (changedSeasons.get(answer.userId) ?? new Set()).add(changedSeason),
        );
      const periods = changed.get(answer.userId) ?? new Set<string>();
      for (const key of changedPeriods) periods.add(key);
      changed.set(answer.userId, periods);
      return {
        awarded,
        totals: { points: record.periods.all?.points ?? 0, answers: record.answers, correct: record.correct },
        streak: record.daily.streak,
        record,
        ...(duplicate ? { duplicate } : {}),
      };
    });

    const grownBuckets = newMemberBuckets(state.buckets, userIds);
    const entries = [
      ...[...grownBuckets].map(([bucket, ids]) => ({ key: keys.memberBucket(guildId, bucket), value: ids })),
      ...[...records].map(([userId, record]) => ({ key: keys.member(guildId, userId), value: record })),
    ];
    // One write for the whole batch; both adapters apply it all or nothing (see writeMany). A write
    // that misses its deadline is waited for, lane held: memory must follow what the store really did.
    await landed(() => writeMany(this.#keyv, entries));

    // Memory changes only after the write succeeded.
    for (const [bucket, ids] of grownBuckets) state.buckets[bucket] = ids;
    for (const [userId, periodKeys] of changed) {
      const record = records.get(userId);
      for (const periodKey of periodKeys) {
        const score = record?.periods[periodKey];
        if (score) this.#rankingFor(state, periodKey).set(userId, score.points, score.at);
      }
    }
    for (const [userId, seasonIds] of changedSeasons) {
      const record = records.get(userId);
      for (const seasonId of seasonIds) {
        const score = record?.seasons?.[seasonId];
        if (score) seasonRanking(state, seasonId).set(userId, score.points, score.at, accuracyOf(score));
      }
    }
    return results;
  }

  async getMember(guildId: string, userId: string): Promise<MemberRecord | undefined> {
    assertId('guildId', guildId);
    assertId('userId', userId);
    return guarded(() => this.#keyv.get<MemberRecord>(keys.member(guildId, userId)));
  }

  async leaderboard(
    guildId: string,
    period: Period,
    at: Date,
    timeZone: string,
    opts: LeaderboardOptions = {},
  ): Promise<Leaderboard> {
    assertId('guildId', guildId);
    if (!PERIODS.includes(period))
      throw new RangeError(`Unknown period "${String(period)}"; use week, month or all`);
    assertTimeZone(timeZone);
    const limit = opts.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be 1–100');
    if (opts.userId !== undefined) assertId('userId', opts.userId);

    const state =
      this.#guilds.get(guildId) ?? (await this.#queue.run(guildId, () => this.#ensureLoaded(guildId)));
    const key = periodKey(period, at, timeZone);
    const ranking = state.rankings.get(key) ?? new Ranking();
    const board: Leaderboard = { period, periodKey: key, ranked: ranking.size, top: ranking.top(limit) };
    if (opts.userId !== undefined) board.me = ranking.entryOf(opts.userId) ?? null;
    return board;
  }

  async loadGuild(guildId: string): Promise<void> {
    assertId('guildId', guildId);
    await this.#queue.run(guildId, () => this.#ensureLoaded(guildId));
  }

  isLoaded(guildId: string): boolean {
    return this.#guilds.has(guildId);
  }

  async seasonBoard(guildId: string, seasonId: string, opts: LeaderboardOptions = {}): Promise<SeasonBoard> {
    assertId('guildId', guildId);
    const limit = opts.limit ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new RangeError('limit must be 1–100');
    if (opts.userId !== undefined) assertId('userId', opts.userId);
    const state =
      this.#guilds.get(guildId) ?? (await this.#queue.run(guildId, () => this.#ensureLoaded(guildId)));
    const ranking = state.seasons.get(seasonId) ?? new Ranking();
    const board: SeasonBoard = { seasonId, ranked: ranking.size, top: ranking.top(limit) };
    if (opts.userId !== undefined) board.me = ranking.entryOf(opts.userId) ?? null;
    return board;
  }

  /** Must run inside the guild's queue. */
  async #ensureLoaded(guildId: string): Promise<GuildState> {
    const loaded = this.#guilds.get(guildId);
    if (loaded) return loaded;
    const bucketKeys = Array.from({ length: MEMBER_BUCKETS }, (_, b) => keys.memberBucket(guildId, b));
    const buckets = (await guarded(() => readMany<string[]>(this.#keyv, bucketKeys))).map((ids) => ids ?? []);
    const memberKeys = buckets.flat().map((userId) => keys.member(guildId, userId));
    const records = await guarded(() => readMany<MemberRecord>(this.#keyv, memberKeys));

    const scores = new Map<string, { userId: string; points: number; at: number }[]>();
    const seasonScores = new Map<
      string,
      { userId: string; points: number; at: number; accuracy: number }[]
    >();
    for (const record of records) {
      if (!record) continue; // indexed, but its first write failed
      for (const [seasonId, score] of Object.entries(record.seasons ?? {})) {
        const list = seasonScores.get(seasonId) ?? [];
        if (list.length === 0) seasonScores.set(seasonId, list);
        list.push({ userId: record.userId, points: score.points, at: score.at, accuracy: accuracyOf(score) });
      }
      for (const [key, score] of Object.entries(record.periods)) {
        const list = scores.get(key) ?? [];
        if (list.length === 0) scores.set(key, list);
        list.push({ userId: record.userId, points: score.points, at: score.at });
      }
    }
    const rankings = new Map<string, Ranking>();
    for (const [key, list] of scores) rankings.set(key, Ranking.from(list));
    const seasons = new Map<string, Ranking>();
    for (const [seasonId, list] of seasonScores) seasons.set(seasonId, Ranking.from(list));
    const state = { buckets, rankings, seasons };
    this.#guilds.set(guildId, state);
    return state;
  }

  #rankingFor(state: GuildState, key: string): Ranking {
    let ranking = state.rankings.get(key);
    if (ranking) return ranking;
    ranking = new Ranking();
    state.rankings.set(key, ranking);
    forgetOldRankings(state.rankings, periodOfKey(key));
    return ranking;
  }
}

/** The ranking of a season, created on first use; only the seasons member records keep stay in memory. */
function seasonRanking(state: GuildState, seasonId: string): Ranking {
  let ranking = state.seasons.get(seasonId);
  if (ranking) return ranking;
  ranking = new Ranking();
  state.seasons.set(seasonId, ranking);
  const ids = [...state.seasons.keys()].sort();
  for (const old of ids.slice(0, Math.max(0, ids.length - RETAIN.seasons))) state.seasons.delete(old);
  return ranking;
}

/** Right answers over answers in a season (0 before any answer). */
export function accuracyOf(score: { answers: number; correct: number }): number {
  return score.answers === 0 ? 0 : score.correct / score.answers;
}

/** Drops in-memory rankings of periods older than member records keep, so memory stays bounded. */
function forgetOldRankings(rankings: Map<string, Ranking>, period: Period): void {
  if (period === 'all') return;
  const keep = period === 'week' ? RETAIN.weeks : RETAIN.months;
  const ofKind = [...rankings.keys()].filter((k) => periodOfKey(k) === period).sort();
  for (const key of ofKind.slice(0, Math.max(0, ofKind.length - keep))) rankings.delete(key);
}

/** The index buckets that gain members among `userIds`, each with its full new list of ids. */
function newMemberBuckets(buckets: string[][], userIds: string[]): Map<number, string[]> {
  const grown = new Map<number, string[]>();
  for (const userId of userIds) {
    const bucket = bucketOf(userId);
    const ids = grown.get(bucket) ?? buckets[bucket] ?? [];
    if (!ids.includes(userId)) grown.set(bucket, [...ids, userId]);
  }
  return grown;
}

/**
 * Writes many keys in one call. The SQLite adapter (see keyv.ts) writes them in one statement and
 * the Redis adapter in one MULTI/EXEC, so a failure leaves none of them written; a store without
 * `setMany` (memory) gets one set per key.
 */
export async function writeMany(keyv: Keyv, entries: { key: string; value: unknown }[]): Promise<void> {
  if (entries.length === 0) return;
  await keyv.setMany(entries);
}

/** Reads many keys; store failures throw (keyv's own `getMany` hides them for adapters without one). */
export async function readMany<T>(keyv: Keyv, keyList: string[]): Promise<(T | undefined)[]> {
  const out: (T | undefined)[] = [];
  const hasGetMany = typeof (keyv.store as { getMany?: unknown }).getMany === 'function';
  for (let i = 0; i < keyList.length; i += READ_CHUNK) {
    const chunk = keyList.slice(i, i + READ_CHUNK);
    const values = hasGetMany
      ? await keyv.getMany<T>(chunk)
      : await Promise.all(chunk.map((key) => keyv.get<T>(key)));
    out.push(...(values as (T | undefined)[]));
  }
  return out;
}

function validateAnswer(answer: AnswerInput): void {
  if (typeof answer !== 'object' || answer === null)
    throw new TypeError('recordAnswer needs an answer object');
  assertId('userId', answer.userId);
  if (typeof answer.itemId !== 'string' || answer.itemId.length === 0 || answer.itemId.length > 200) {
    throw new RangeError('itemId must be a non-empty string of at most 200 characters');
  }
  if (!Array.isArray(answer.topics) || !answer.topics.every((t) => typeof t === 'string' && t.length > 0)) {
    throw new TypeError('topics must be an array of non-empty strings');
  }
  if (typeof answer.correct !== 'boolean') throw new TypeError('correct must be true or false');
  if (!Number.isInteger(answer.points) || answer.points < 0 || answer.points > 1000) {
    throw new RangeError(`points must be an integer 0–1000; got ${String(answer.points)}`);
  }
  if (!ANSWER_KINDS.includes(answer.kind)) {
    throw new RangeError(`kind must be one of ${ANSWER_KINDS.join(', ')}; got ${String(answer.kind)}`);
  }
  if (!(answer.at instanceof Date) || Number.isNaN(answer.at.getTime())) {
    throw new TypeError('at must be a valid Date');
  }
  assertTimeZone(answer.timeZone);
}
