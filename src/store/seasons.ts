import type Keyv from 'keyv';
import { type SeasonConfig, seasonConfigOf } from '../season/config.ts';
import type { SeasonTimeline } from '../season/schedule.ts';
import { guarded } from './errors.ts';
import { type GuildIndex, guildIndexOf } from './guild-index.ts';
import { assertId } from './keys.ts';
import type { GuildQueue } from './queue.ts';

/** One member's line in a season's final standings. */
export interface SeasonStanding {
  rank: number;
  userId: string;
  points: number;
  accuracy: number;
  /** Daily streak when the season ended. */
  streak: number;
  /** Not a member any more when the season ended: shown, but given no role. */
  left?: boolean;
}

/** A finished season, as `/season history` and `/leaderboard period:season` show it. */
export interface SeasonResult {
  v: 1;
  seasonId: string;
  name: string;
  startDate: string;
  endDate: string;
  /** Members with points in the season. */
  ranked: number;
  /** The final top 10. */
  top: SeasonStanding[];
  /** Who was given the champion role. */
  champions: string[];
  /** Why the role could not be given, when it could not. */
  roleProblem?: string;
  /** The end-of-season post, when one was made. */
  messageId?: string;
  closedAt: string;
}

/** What the end-of-season runner remembers about one guild. */
export interface SeasonState {
  v: 1;
  /** The first season this guild was seen in: seasons before it end without a post. */
  since?: string;
  /** The latest season closed (history written, post made or not needed). */
  lastClosed?: string;
  /** Members holding the champion role because the bot gave it. */
  holders: string[];
  roleId?: string;
  /** The last thing that went wrong, for `/season status`. */
  lastProblem?: { at: string; reason: string };
}

/** Seasons kept in the history (five years of monthly seasons). */
export const HISTORY_LIMIT = 60;

/** How long a cached config is served without asking the store (writes here update it at once). */
const CONFIG_CACHE_MS = 60_000;

export const seasonKeys = {
  config: (guildId: string) => `v1:guild:${guildId}:season:config`,
  state: (guildId: string) => `v1:guild:${guildId}:season:state`,
  history: (guildId: string) => `v1:guild:${guildId}:season:history`,
  claim: (guildId: string, seasonId: string) => `v1:guild:${guildId}:season:claim:${seasonId}`,
  index: () => 'v1:seasons:guilds',
  indexSet: () => 'v1:seasons:guild-set',
};

/** Season config, runner state and history of every guild, on the store's one keyv. */
export class SeasonStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #index: GuildIndex;
  readonly #cache = new Map<string, { text: string; readAt: number }>();
  readonly #now: () => number;

  constructor(keyv: Keyv, queue: GuildQueue, opts: { now?: () => number } = {}) {
    this.#keyv = keyv;
    this.#queue = queue;
    this.#now = opts.now ?? (() => performance.now());
    this.#index = guildIndexOf(keyv, queue, {
      array: seasonKeys.index(),
      set: seasonKeys.indexSet(),
      lane: ':season-index',
    });
  }

  /** The guild's season config; monthly defaults when it never ran `/season config`. */
  async config(guildId: string): Promise<SeasonConfig> {
    assertId('guildId', guildId);
    const cached = this.#cache.get(guildId);
    if (cached && this.#now() - cached.readAt < CONFIG_CACHE_MS)
      return JSON.parse(cached.text) as SeasonConfig;
    const readAt = this.#now();
    const config = seasonConfigOf(await guarded(() => this.#keyv.get(seasonKeys.config(guildId))));
    this.#cache.set(guildId, { text: JSON.stringify(config), readAt });
    return config;
  }

  /** The guild's season timeline (what the score store needs to file answers under a season). */
  async timelineOf(guildId: string): Promise<SeasonTimeline> {
    return (await this.config(guildId)).timeline;
  }

  /** Read-modify-write of the config in the guild's season lane. */
  async updateConfig(
    guildId: string,
    change: (current: SeasonConfig) => SeasonConfig,
  ): Promise<SeasonConfig> {
    assertId('guildId', guildId);
    return this.#queue.run(laneOf(guildId), async () => {
      this.#cache.delete(guildId);
      const next = change(await this.config(guildId));
      await this.#index.add(guildId);
      this.#cache.delete(guildId);
      await guarded(() => this.#keyv.set(seasonKeys.config(guildId), next));
      this.#cache.set(guildId, { text: JSON.stringify(next), readAt: this.#now() });
      return next;
    });
  }

  /** Guilds that ran `/season config` (others are found through the settings index). */
  listGuildIds(): Promise<string[]> {
    return this.#index.list();
  }

  async state(guildId: string): Promise<SeasonState> {
    assertId('guildId', guildId);
    return (
      (await guarded(() => this.#keyv.get<SeasonState>(seasonKeys.state(guildId)))) ?? { v: 1, holders: [] }
    );
  }

  /** Read-modify-write of the runner state in the guild's season lane. */
  async updateState(guildId: string, change: (current: SeasonState) => SeasonState): Promise<SeasonState> {
    assertId('guildId', guildId);
    return this.#queue.run(laneOf(guildId), async () => {
      const next = change(await this.state(guildId));
      await guarded(() => this.#keyv.set(seasonKeys.state(guildId), next));
      return next;
    });
  }

  /** Finished seasons, newest first. */
  async history(guildId: string): Promise<SeasonResult[]> {
    assertId('guildId', guildId);
    return (await guarded(() => this.#keyv.get<SeasonResult[]>(seasonKeys.history(guildId)))) ?? [];
  }

  /** Adds (or replaces) a finished season in the history. */
  async addResult(guildId: string, result: SeasonResult): Promise<void> {
    assertId('guildId', guildId);
    await this.#queue.run(laneOf(guildId), async () => {
      const others = (await this.history(guildId)).filter((r) => r.seasonId !== result.seasonId);
      const next = [result, ...others]
        .sort((a, b) => (a.seasonId < b.seasonId ? 1 : -1))
        .slice(0, HISTORY_LIMIT);
      await guarded(() => this.#keyv.set(seasonKeys.history(guildId), next));
    });
  }
}

/** The queue lane of a guild's season records (apart from its scores' lane). */
const laneOf = (guildId: string) => `season:${guildId}`;
