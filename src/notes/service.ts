import { buildBank } from '../bank/bank.ts';
import { type ParsedNote, parseNote } from '../bank/parse-note.ts';
import { parseSource } from '../bank/sources.ts';
import type { Diagnostic, ItemKind } from '../bank/types.ts';
import type { Clock } from '../core/clock.ts';
import { UserError } from '../core/errors.ts';
import { deckReaderFor, isBinaryDeck } from '../import/index.ts';
import { downloadNote, formatBytes, type UploadedFile } from './download.ts';
import type { GuildBanks } from './guild-banks.ts';
import { DEFAULT_NOTE_LIMITS, type NoteLimits, RateLimiter } from './limits.ts';
import { keyFromInput, type NoteName, noteName, OWN_NOTES_ROOT } from './names.ts';
import type { NoteMeta, NotesStore } from './store.ts';

/** An own note as the bot serves it. */
export interface OwnNote {
  meta: NoteMeta;
  /** Path in the server's bank: `server/<key>`. */
  path: string;
  parsed: ParsedNote;
}

/** What `/bank add` found in an upload, saved or not. */
export interface UploadOutcome {
  name: NoteName;
  parsed: ParsedNote;
  counts: Record<ItemKind, number>;
  /** Every diagnostic of the note, plus ids that clash with other notes of the server. */
  diagnostics: Diagnostic[];
  saved: boolean;
  /** The note of the same name it replaced (when saved) or would replace. */
  replaces?: OwnNote;
  /** True when saved although it has errors (`force`). */
  forced: boolean;
}

export interface GuildNotesDeps {
  store: NotesStore;
  banks: GuildBanks;
  clock: Clock;
  limits?: Partial<NoteLimits>;
  fetch?: typeof fetch;
}

/**
 * Each server's own notes: upload (checked, parsed, then stored), list, remove, and the in-memory
 * parsed copies the server's bank is composed from. Notes are only parsed, never run or rendered.
 */
export class GuildNotes {
  readonly limits: NoteLimits;
  readonly #deps: GuildNotesDeps;
  readonly #uploads: RateLimiter;
  readonly #notes = new Map<string, Map<string, OwnNote>>();

  constructor(deps: GuildNotesDeps) {
    this.#deps = deps;
    this.limits = { ...DEFAULT_NOTE_LIMITS, ...deps.limits };
    this.#uploads = new RateLimiter(this.limits.uploadsPerWindow, this.limits.uploadWindowMs, deps.clock);
  }

  /** Loads the own notes of every server that has some (at start); returns how many of each. */
  async loadAll(): Promise<{ guilds: number; notes: number }> {
    let notes = 0;
    const ids = await this.#deps.store.guildIds();
    for (const guildId of ids) notes += await this.loadGuild(guildId);
    return { guilds: ids.length, notes };
  }

  /** Reads one server's notes from the store again (e.g. after another process changed them). */
  async loadGuild(guildId: string): Promise<number> {
    const loaded = new Map<string, OwnNote>();
    for (const meta of await this.#deps.store.list(guildId)) {
      const stored = await this.#deps.store.get(guildId, meta.key);
      if (!stored) continue;
      const path = `${OWN_NOTES_ROOT}/${meta.key}`;
      const parsed =
        stored.encoding === 'base64'
          ? await parseSource(path, Buffer.from(stored.text, 'base64'))
          : parseNote(path, stored.text);
      loaded.set(meta.key, { meta, path, parsed });
    }
    this.#publish(guildId, loaded);
    return loaded.size;
  }

  /** The server's own notes, by key. */
  list(guildId: string): OwnNote[] {
    return [...(this.#notes.get(guildId)?.values() ?? [])];
  }

  /** One own note by key or bank path (`aws/vpc.md`, `server/aws/vpc.md`, `aws/vpc`); throws when unknown. */
  find(guildId: string, input: string): OwnNote {
    const key = keyFromInput(input);
    const note = this.#notes.get(guildId)?.get(key);
    if (!note) throw new UserError(`This server has no note “${key}”. /bank list shows its notes.`);
    return note;
  }

  /**
   * Checks and parses an upload; stores it when it has no errors (or `force`), replacing a note of
   * the same name. Refusals (rate, name, size, type, download, limits) throw a `UserError`.
   */
  async add(
    guildId: string,
    file: UploadedFile,
    options: { folder?: string | null; force?: boolean; userId: string },
  ): Promise<UploadOutcome> {
    const wait = this.#uploads.take(guildId);
    if (wait > 0) {
      throw new UserError(
        `Too many uploads: a server may add ${this.limits.uploadsPerWindow} notes a minute; try again in ${Math.ceil(wait / 1000)} s.`,
      );
    }
    const name = noteName(file.name, options.folder);
    const deck = deckReaderFor(name.key) !== undefined;
    const bytes = await downloadNote(file, {
      maxBytes: this.limits.maxBytes,
      timeoutMs: this.limits.downloadTimeoutMs,
      kind: deck ? (isBinaryDeck(name.key) ? 'anki' : 'table') : 'note',
      ...(this.#deps.fetch ? { fetch: this.#deps.fetch } : {}),
    });
    // A deck is kept as uploaded (its reader decodes it); a note must be UTF-8 text.
    const text = deck ? bytes.toString('base64') : decodeUtf8(bytes, file.name);
    const parsed = deck ? await parseSource(name.path, bytes) : parseNote(name.path, text);
    const replaces = this.#notes.get(guildId)?.get(name.key);
    const diagnostics = [...parsed.diagnostics, ...this.#clashes(guildId, parsed)].sort(
      (a, b) => a.line - b.line || a.column - b.column,
    );
    const counts = countKinds(parsed);
    const hasErrors = diagnostics.some((d) => d.severity === 'error');
    const outcome = { name, parsed, counts, diagnostics, ...(replaces ? { replaces } : {}) };
    if (hasErrors && !options.force) return { ...outcome, saved: false, forced: false };

    const meta: NoteMeta = {
      key: name.key,
      size: bytes.length,
      updatedAt: this.#deps.clock.now().getTime(),
      addedBy: options.userId,
    };
    const stored = { v: 1 as const, ...meta, text, ...(deck ? { encoding: 'base64' as const } : {}) };
    await this.#deps.store.put(guildId, stored, (current) => {
      const isNew = !current.some((m) => m.key === name.key);
      if (isNew && current.length >= this.limits.maxNotes) {
        throw new UserError(
          `This server already has ${this.limits.maxNotes} notes, the most it can have; remove one first (/bank remove).`,
        );
      }
    });
    const notes = new Map(this.#notes.get(guildId));
    notes.set(name.key, { meta, path: name.path, parsed });
    this.#publish(guildId, notes);
    return { ...outcome, saved: true, forced: hasErrors };
  }

  /** Removes an own note; throws when the server has no such note. */
  async remove(guildId: string, input: string): Promise<OwnNote> {
    const note = this.find(guildId, input);
    await this.#deps.store.remove(guildId, note.meta.key);
    const notes = new Map(this.#notes.get(guildId));
    notes.delete(note.meta.key);
    this.#publish(guildId, notes);
    return note;
  }

  #publish(guildId: string, notes: Map<string, OwnNote>): void {
    this.#notes.set(guildId, notes);
    this.#deps.banks.setOwn(guildId, buildBank([...notes.values()].map((note) => note.parsed)));
  }

  /** Items whose id another note of this server already has (explicit `^block-id`s can collide). */
  #clashes(guildId: string, parsed: ParsedNote): Diagnostic[] {
    const bank = this.#deps.banks.forGuild(guildId);
    return parsed.items.flatMap((item) => {
      const other = bank.get(item.id);
      if (!other || other.note === parsed.path) return [];
      return [
        {
          file: parsed.path,
          line: item.line,
          column: 1,
          severity: 'error' as const,
          message: `duplicate id ${item.id} (also in ${other.note}:${other.line})`,
        },
      ];
    });
  }
}

/** Items of a note by kind. */
export function countKinds(parsed: ParsedNote): Record<ItemKind, number> {
  const counts: Record<ItemKind, number> = { qa: 0, cloze: 0, fact: 0, sequence: 0, choice: 0 };
  for (const item of parsed.items) counts[item.kind] += 1;
  return counts;
}

function decodeUtf8(bytes: Buffer, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UserError(
      `“${name}” is not UTF-8 text (${formatBytes(bytes.length)}); save it as UTF-8 and try again.`,
    );
  }
}
