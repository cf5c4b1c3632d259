import { type GuildIndex, guildIndexOf } from '../store/guild-index.ts';
import type { Store } from '../store/index.ts';
import { assertId } from '../store/keys.ts';
import type { KeyValue } from '../store/keyv.ts';
import type { GuildQueue } from '../store/queue.ts';

/** Keys of a server's own notes (version 1; documented in docs/storage.md). */
export const noteKeys = {
  /** `{v, notes: NoteMeta[]}`: the names of the server's notes, since keyv cannot list keys portably. */
  index: (guildId: string) => `v1:guild:${guildId}:notes`,
  /** `StoredNote`: one note's text. */
  note: (guildId: string, key: string) => `v1:guild:${guildId}:notes:${key}`,
  /**
   * JSON array of the ids of every server with own notes: the index on SQLite; on Redis only read to
   * migrate it into the set.
   */
  guilds: () => 'v1:notes:guilds',
  /** Redis SET of the ids of every server with own notes: the index on Redis. */
  guildSet: () => 'v1:notes:guild-set',
};

/** What the index keeps about one own note. */
export interface NoteMeta {
  /** `aws/vpc.md`: folder and file name below the server's notes. */
  key: string;
  /** UTF-8 size in bytes. */
  size: number;
  /** ms since the epoch. */
  updatedAt: number;
  /** User id of whoever added it. */
  addedBy: string;
}

/** One stored note: its metadata and text. */
export interface StoredNote extends NoteMeta {
  v: 1;
  /** The note's text, or a deck's bytes in base64 when `encoding` says so. */
  text: string;
  /** Set for imported decks (`.apkg`, `.csv`…): their bytes are kept as uploaded and read again at start. */
  encoding?: 'base64';
}

interface NoteIndex {
  v: 1;
  notes: NoteMeta[];
}

/** Queue lane of the guilds index on SQLite (it is shared by all servers). */
const GUILDS_LANE = ':notes-guilds';

/**
 * Own notes of each server in the keyv store. Writes of one server go through its queue lane (a
 * read-modify-write of the index must not interleave); the text is written before the index names
 * it, and the index forgets a note before its text is deleted, so a failure never leaves the index
 * pointing at nothing. The ids of servers with notes are a Redis SET on Redis (shards adding servers at
 * the same moment lose none) and a queued JSON array on SQLite.
 */
export class NotesStore {
  readonly #kv: KeyValue;
  readonly #queue: GuildQueue;
  readonly #guilds: GuildIndex;

  constructor(store: Pick<Store, 'raw' | 'queue' | 'keyv'>) {
    this.#kv = store.raw;
    this.#queue = store.queue;
    this.#guilds = guildIndexOf(store.keyv, store.queue, {
      array: noteKeys.guilds(),
      set: noteKeys.guildSet(),
      lane: GUILDS_LANE,
    });
  }

  /** Ids of every server that has (or had) own notes. */
  async guildIds(): Promise<string[]> {
    return this.#guilds.list();
  }

  /** The server's notes, by key. */
  async list(guildId: string): Promise<NoteMeta[]> {
    assertId('guildId', guildId);
    const index = await this.#kv.get<NoteIndex>(noteKeys.index(guildId));
    return index?.notes ?? [];
  }

  /** One note with its text, or undefined. */
  async get(guildId: string, key: string): Promise<StoredNote | undefined> {
    assertId('guildId', guildId);
    return this.#kv.get<StoredNote>(noteKeys.note(guildId, key));
  }

  /**
   * Saves a note (replacing one with the same key) unless `allow(current)` throws, which runs inside
   * the server's queue with the current index (limits are checked there, race-free).
   */
  async put(guildId: string, note: StoredNote, allow: (current: NoteMeta[]) => void): Promise<NoteMeta[]> {
    assertId('guildId', guildId);
    return this.#queue.run(guildId, async () => {
      const current = await this.list(guildId);
      allow(current);
      await this.#kv.set(noteKeys.note(guildId, note.key), note);
      const { text: _text, v: _v, encoding: _encoding, ...meta } = note;
      const next = [...current.filter((m) => m.key !== note.key), meta].sort((a, b) =>
        a.key.localeCompare(b.key),
      );
      await this.#guilds.add(guildId);
      await this.#kv.set(noteKeys.index(guildId), { v: 1, notes: next } satisfies NoteIndex);
      return next;
    });
  }

  /** Removes a note; returns its metadata, or undefined when there was none. */
  async remove(guildId: string, key: string): Promise<NoteMeta | undefined> {
    assertId('guildId', guildId);
    return this.#queue.run(guildId, async () => {
      const current = await this.list(guildId);
      const gone = current.find((m) => m.key === key);
      if (!gone) return undefined;
      const next = current.filter((m) => m.key !== key);
      await this.#kv.set(noteKeys.index(guildId), { v: 1, notes: next } satisfies NoteIndex);
      await this.#kv.delete(noteKeys.note(guildId, key));
      return gone;
    });
  }
}
