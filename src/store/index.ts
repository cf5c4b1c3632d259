import type Keyv from 'keyv';
import { type Clock, systemClock } from '../core/clock.ts';
import type { CardStore } from '../review/store.ts';
import { createCardStore } from './cards.ts';
import { DEFAULT_STORE_TIMEOUT_MS } from './deadlines.ts';
import { guarded } from './errors.ts';
import { KeyvQuestionHealthStore, type QuestionHealthStore } from './flags.ts';
import { keys } from './keys.ts';
import { closeKeyv, type KeyValue, keyValueOf, type OpenKeyvOptions, openKeyv } from './keyv.ts';
import { GuildQueue } from './queue.ts';
import { KeyvScoreStore, type ScoreStore } from './scores.ts';
import { SeasonStore } from './seasons.ts';
import { KeyvSessionStore, type SessionStore } from './sessions.ts';
import { KeyvSettingsStore, type SettingsStore } from './settings.ts';

export { createCardStore, KeyvCardStore } from './cards.ts';
export { STORE_UNAVAILABLE, StoreError, StoreTimeoutError } from './errors.ts';
export type { FlagOutcome, QuestionHealthStore } from './flags.ts';
export { closeKeyv, type KeyValue, openKeyv } from './keyv.ts';
export { GuildQueue } from './queue.ts';
export type { AnswerResult, Leaderboard, LeaderboardOptions, ScoreStore, SeasonBoard } from './scores.ts';
export { type SeasonResult, type SeasonStanding, type SeasonState, SeasonStore } from './seasons.ts';
export type { SessionStore } from './sessions.ts';
export { DEFAULT_SETTINGS, type GuildSettings, type SettingsStore } from './settings.ts';

/** Everything the bot stores, behind small interfaces. */
export interface Store {
  /** Small app-wide values (e.g. the command-registration hash), under `v1:app:`. */
  kv: KeyValue;
  /**
   * The whole key space, unprefixed, for a feature that owns a documented key family (a server's
   * own notes: `v1:guild:<id>:notes…`, see docs/storage.md). Failures throw `StoreError`.
   */
  raw: KeyValue;
  /**
   * The one keyv connection behind everything here, for a feature whose records need keyv itself
   * (the daily claims use Redis' SET NX through its adapter). Never open a second connection: on
   * SQLite that is a second writer. Store errors throw; `close()` closes it.
   */
  keyv: Keyv;
  scores: ScoreStore;
  sessions: SessionStore;
  settings: SettingsStore;
  /** Season config, end-of-season state and history (src/season; docs/seasons.md). */
  seasons: SeasonStore;
  /** Members' spaced-review cards (FSRS), updated by every graded answer; see docs/review.md. */
  cards: CardStore;
  /** Members' flags, muted questions and per-question statistics (`/bank flags`; docs/storage.md). */
  health: QuestionHealthStore;
  /** The per-guild writer queue the stores share; other per-guild read-modify-writes may use it. */
  queue: GuildQueue;
  /** Waits for queued writes, then closes the connection or file. */
  close(): Promise<void>;
}

export interface StoreOptions extends OpenKeyvOptions {
  clock?: Clock;
}

/** Opens the store at `url` (`sqlite://…`, `redis://…`). */
export async function openStore(url: string, opts: StoreOptions = {}): Promise<Store> {
  return createStore(await openKeyv(url, opts), opts);
}

/** Builds the store on an already opened keyv (tests may pass `new Keyv()` for memory). */
export function createStore(keyv: Keyv, opts: { clock?: Clock; timeoutMs?: number } = {}): Store {
  const queue = new GuildQueue();
  const seasons = new SeasonStore(keyv, queue);
  return {
    kv: guardedKeyValue(keyValueOf(keyv, keys.app(''))),
    raw: guardedKeyValue(keyValueOf(keyv)),
    keyv,
    scores: new KeyvScoreStore(keyv, queue, {
      seasons,
      timeoutMs: opts.timeoutMs ?? DEFAULT_STORE_TIMEOUT_MS,
    }),
    seasons,
    sessions: new KeyvSessionStore(keyv, opts.clock ?? systemClock),
    settings: new KeyvSettingsStore(keyv, queue),
    cards: createCardStore(keyv, queue),
    health: new KeyvQuestionHealthStore(keyv, queue),
    queue,
    close: async () => {
      await queue.idle(); // let answers already accepted finish writing
      await closeKeyv(keyv);
    },
  };
}

function guardedKeyValue(inner: KeyValue): KeyValue {
  return {
    get: (key) => guarded(() => inner.get(key)),
    set: (key, value, ttlMs) => guarded(() => inner.set(key, value, ttlMs)),
    delete: (key) => guarded(() => inner.delete(key)),
  };
}
