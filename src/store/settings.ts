import type Keyv from 'keyv';
import { assertTimeZone } from '../scoring/periods.ts';
import { guarded } from './errors.ts';
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

/** The index is shared by all guilds, so its updates get their own queue lane. */
const INDEX_LANE = ':settings-index';

/** Settings on keyv, with an index key because keyv cannot list keys portably. */
export class KeyvSettingsStore implements SettingsStore {
  readonly #keyv: Keyv;
  readonly #queue: GuildQueue;

  constructor(keyv: Keyv, queue: GuildQueue) {
    this.#keyv = keyv;
    this.#queue = queue;
  }

  async get(guildId: string): Promise<GuildSettings> {
    assertId('guildId', guildId);
    const stored = await guarded(() => this.#keyv.get<GuildSettings>(keys.settings(guildId)));
    return { ...DEFAULT_SETTINGS, ...stored };
  }

  async set(guildId: string, settings: GuildSettings): Promise<GuildSettings> {
    return this.update(guildId, () => settings);
  }

  async update(guildId: string, change: (current: GuildSettings) => GuildSettings): Promise<GuildSettings> {
    assertId('guildId', guildId);
    return this.#queue.run(guildId, async () => {
      const next = validSettings(change(await this.get(guildId)));
      await this.#addToIndex(guildId);
      await guarded(() => this.#keyv.set(keys.settings(guildId), next));
      return next;
    });
  }

  async listGuildIds(): Promise<string[]> {
    return (await guarded(() => this.#keyv.get<string[]>(keys.settingsIndex()))) ?? [];
  }

  async #addToIndex(guildId: string): Promise<void> {
    await this.#queue.run(INDEX_LANE, async () => {
      const ids = await this.listGuildIds();
      if (!ids.includes(guildId))
        await guarded(() => this.#keyv.set(keys.settingsIndex(), [...ids, guildId]));
    });
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
