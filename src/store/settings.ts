import type Keyv from 'keyv';
import { assertTimeZone } from '../scoring/periods.ts';
import { guarded } from './errors.ts';
import { type GuildIndex, guildIndexOf } from './guild-index.ts';
import { assertId, keys } from './keys.ts';
import type { GuildQueue } from './queue.ts';

/** Per-guild settings; `daily` is owned by the daily-question code and stored as given. */
export interface GuildSettings {
  /** IANA zone for periods, streaks and the daily post; `UTC` until `/daily set`. */
  timeZone: string;
  /** Free-form JSON for the daily question, or null when never configured. */
  daily: unknown;
}

export const DEFAULT_SETTINGS: GuildSettings = { timeZone: 'UTC', daily: null };

/** Guild settings and the list of guilds that have any. */
export interface SettingsStore {
  /** The guild's settings, defaults when none were saved. */
  get(guildId: string): Promise<GuildSettings>;
  /** Replaces the guild's settings. */
  set(guildId: string, settings: GuildSettings): Promise<GuildSettings>;
  /** Read-modify-write in the guild's queue, so concurrent updates are not lost. */
  update(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings>;
  /** Ids of every guild with saved settings. */
  listGuildIds(): Promise<string[]>;
}

/**
 * How long a cached guild's settings are served without asking the store. Writes through this store
 * update the cache at once; the limit only bounds how long a write by another process (a guild that
 * moved to another shard) can go unseen.
 */
export const SETTINGS_CACHE_MS = 60_000;

/** Queue lane of the settings index on SQLite. */
const SETTINGS_INDEX_LANE = ':settings-index';

interface CachedSettings {
  /** JSON text, so a caller mutating what it got cannot change the cache. */
  text: string;
  readAt: number;
}

export interface SettingsStoreOptions {
  /** Monotonic milliseconds for the cache's age (default `performance.now`). */
  now?: () => number;
  cacheMs?: number;
}

/**
 * Settings on keyv, with an index of guild ids because keyv cannot list keys portably. Reads come from a
 * write-through cache per guild: the time zone is read on every quiz start, race reveal and daily answer.
 */
export class KeyvSettingsStore implements SettingsStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;
  readonly #index: GuildIndex;
  readonly #cache = new Map<string, CachedSettings>();
  readonly #now: () => number;
  readonly #cacheMs: number;

  constructor(keyv: Keyv, queue: GuildQueue, opts: SettingsStoreOptions = {}) {
    this.#keyv = keyv;
    this.#queue = queue;
    this.#now = opts.now ?? (() => performance.now());
    this.#cacheMs = opts.cacheMs ?? SETTINGS_CACHE_MS;
    this.#index = guildIndexOf(keyv, queue, {
      array: keys.settingsIndex(),
      set: keys.settingsIndexSet(),
      lane: SETTINGS_INDEX_LANE,
    });
  }

  async get(guildId: string): Promise<GuildSettings> {
    assertId('guildId', guildId);
    const cached = this.#cache.get(guildId);
    if (cached && this.#now() - cached.readAt < this.#cacheMs)
      return JSON.parse(cached.text) as GuildSettings;
    return this.#read(guildId);
  }

  /** Reads the store and refreshes the cache. */
  async #read(guildId: string): Promise<GuildSettings> {
    const readAt = this.#now();
    const stored = await guarded(() => this.#keyv.get<GuildSettings>(keys.settings(guildId)));
    const settings = { ...DEFAULT_SETTINGS, ...stored };
    this.#remember(guildId, settings, readAt);
    return settings;
  }

  #remember(guildId: string, settings: GuildSettings, readAt: number): void {
    this.#cache.set(guildId, { text: JSON.stringify(settings), readAt });
  }

  async set(guildId: string, settings: GuildSettings): Promise<GuildSettings> {
    return this.update(guildId, () => settings);
  }

  async update(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings> {
    assertId('guildId', guildId);
    return this.#queue.run(guildId, async () => {
      // A read-modify-write starts from the store, not the cache: it must not undo another write.
      const next = validSettings(change(await this.#read(guildId)));
      await this.#index.add(guildId);
      const writtenAt = this.#now();
      try {
        await guarded(() => this.#keyv.set(keys.settings(guildId), next));
      } catch (error) {
        this.#cache.delete(guildId); // the store may hold the old or the new value
        throw error;
      }
      this.#remember(guildId, next, writtenAt);
      return next;
    });
  }

  async listGuildIds(): Promise<string[]> {
    return this.#index.list();
  }
}

function validSettings(settings: GuildSettings): GuildSettings {
  if (typeof settings !== 'object' || settings === null) throw new TypeError('settings must be an object');
  assertTimeZone(settings.timeZone);
  const daily = settings.daily ?? null;
  try {
    // Values are stored as plain JSON; refuse what would not survive the trip (functions, cycles, BigInt).
    if (JSON.stringify(daily) === undefined) throw new Error('not JSON');
  } catch {
    throw new TypeError('daily settings must be plain JSON');
  }
  return { timeZone: settings.timeZone, daily };
}
