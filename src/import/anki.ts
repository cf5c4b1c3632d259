/**
 * Reads Anki packages (`.apkg`, `.colpkg`): a zip holding a SQLite collection (Zstandard-compressed
 * in Anki's newest format), opened in memory with sql.js (WebAssembly, no native build). Basic,
 * Basic-and-reversed (any standard note type whose card templates ask some fields and answer with
 * others) and Cloze note types become items; ids come from the note's guid and the card's template,
 * so a deck exported again keeps its members' scores.
 */
import initSqlJs, { type Database, type SqlJsStatic } from 'sql.js';
import type { ParsedNote } from '../bank/parse-note.ts';
import { clozeCards, hasCloze } from './cloze.ts';
import { cleanTags, DeckBuilder, stableId } from './deck.ts';
import { escapeMarkdownText, type FieldText, htmlToText } from './html.ts';
import { protoNumber, protoString } from './protobuf.ts';
import { DEFAULT_ZIP_LIMITS, listZip, readZipEntry, ZipError, type ZipLimits } from './zip.ts';
import { unzstd } from './zstd.ts';

/** Limits of one package. */
export interface AnkiLimits extends ZipLimits {
  /** Largest package file read. */
  maxPackageBytes: number;
  /** Most notes in a collection; a larger one is refused whole. */
  maxNotes: number;
}

export const DEFAULT_ANKI_LIMITS: AnkiLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxPackageBytes: 200 * 1024 * 1024,
  maxNotes: 100_000,
};

/**
 * Collection files, the preferred first: Anki ≥ 2.1.50 writes `collection.anki21b` (Zstandard, schema
 * 18) beside a stub `collection.anki2` asking to update Anki; older exports the other two.
 */
const COLLECTIONS = ['collection.anki21b', 'collection.anki21', 'collection.anki2'] as const;
const NEWEST_COLLECTION = 'collection.anki21b';
const FIELD_SEPARATOR = '\x1f';
/** Template references that are not fields. */
const SPECIAL_FIELDS = new Set([
  'frontside',
  'tags',
  'deck',
  'subdeck',
  'card',
  'cardflag',
  'type',
  'cardid',
]);

interface Template {
  name: string;
  ord: number;
  qfmt: string;
  afmt: string;
}

interface NoteType {
  name: string;
  /** 1 for cloze note types. */
  type: number;
  fields: string[];
  templates: Template[];
}

interface NoteRow {
  id: number;
  guid: string;
  mid: string;
  tags: string;
  fields: string[];
}

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loads the SQLite WebAssembly once per thread. */
function sqlite(): Promise<SqlJsStatic> {
  sqlJs ??= initSqlJs();
  return sqlJs;
}

/** Reads one Anki package into the items it yields; never throws, a bad file gives one error. */
export async function readAnkiPackage(
  relPath: string,
  bytes: Uint8Array,
  limits: AnkiLimits = DEFAULT_ANKI_LIMITS,
): Promise<ParsedNote> {
  const deck = new DeckBuilder(relPath);
  if (bytes.length > limits.maxPackageBytes) {
    return deck.refuse(
      `package is ${Math.round(bytes.length / 1024 / 1024)} MB; at most ${Math.round(limits.maxPackageBytes / 1024 / 1024)} MB is read`,
    );
  }
  let collection: Uint8Array;
  try {
    const entries = listZip(bytes, limits);
    const entry = COLLECTIONS.map((name) => entries.find((e) => e.name === name)).find(Boolean);
    if (!entry) return deck.refuse('not an Anki package: it holds no collection.anki21b, .anki21 or .anki2');
    collection = readZipEntry(bytes, entry, limits);
    if (entry.name === NEWEST_COLLECTION) {
      const cap = Math.min(
        limits.maxEntryBytes,
        Math.max(limits.ratioFloorBytes, collection.length * limits.maxRatio),
      );
      collection = unzstd(entry.name, collection, cap);
    }
  } catch (error) {
    return deck.refuse(error instanceof ZipError ? error.message : `unreadable package: ${describe(error)}`);
  }

  let db: Database | undefined;
  try {
    db = new (await sqlite()).Database(collection);
    return readCollection(db, deck, limits);
  } catch (error) {
    return deck.refuse(`not a readable Anki collection: ${describe(error)}`);
  } finally {
    db?.close();
  }
}

function readCollection(db: Database, deck: DeckBuilder, limits: AnkiLimits): ParsedNote {
  let noteTypes: Map<string, NoteType>;
  let deckNames: Map<string, string>;
  if (hasTable(db, 'notetypes')) {
    // Schema 18 (collection.anki21b): note types, fields, templates and decks have tables of their own.
    noteTypes = readNoteTypeTables(db);
    deckNames = new Map(
      rows(db, 'select id, name from decks').map(([id, name]) => [
        String(id),
        String(name).replaceAll('\x1f', '::'),
      ]),
    );
  } else {
    const col = db.exec('select models, decks from col limit 1')[0]?.values[0];
    if (!col) return deck.refuse('not a readable Anki collection: its col table is empty');
    noteTypes = parseNoteTypes(String(col[0] ?? ''));
    deckNames = parseDeckNames(String(col[1] ?? ''));
  }
  const noteCount = Number(db.exec('select count(*) from notes')[0]?.values[0]?.[0] ?? 0);
  if (noteCount > limits.maxNotes) {
    return deck.refuse(`the collection has ${noteCount} notes; at most ${limits.maxNotes} are read`);
  }
  const cards = cardsByNote(db);
  const topDecks = new Set<string>();
  for (const card of cards.values()) for (const c of card) topDecks.add(deckPath(deckNames, c.did)[0] ?? '');
  const [onlyDeck] = topDecks;
  if (topDecks.size === 1 && onlyDeck && onlyDeck !== 'Default') deck.title = onlyDeck;

  const statement = db.prepare('select id, guid, mid, tags, flds from notes order by id');
  const unsupported = new Map<string, number>();
  let line = 0;
  try {
    while (statement.step()) {
      line += 1;
      const [id, guid, mid, tags, flds] = statement.get();
      const row: NoteRow = {
        id: Number(id),
        guid: String(guid ?? id),
        mid: String(mid),
        tags: String(tags ?? ''),
        fields: String(flds ?? '').split(FIELD_SEPARATOR),
      };
      const type = noteTypes.get(row.mid);
      const noteCards = cards.get(row.id) ?? [];
      const section = sectionOf(deckPath(deckNames, noteCards[0]?.did), deck.title);
      if (!type) {
        deck.report(
          line,
          'warning',
          `note ${row.id}: its note type is missing from the collection; skipped`,
          'note type missing',
        );
        continue;
      }
      const context = { deck, row, type, line, section };
      const ok =
        type.type === 1
          ? readCloze(context)
          : readStandard(
              context,
              noteCards.map((c) => c.ord),
            );
      if (ok === 'unsupported') unsupported.set(type.name, (unsupported.get(type.name) ?? 0) + 1);
    }
  } finally {
    statement.free();
  }
  for (const [name, count] of unsupported) {
    deck.report(
      1,
      'warning',
      `${count} ${count === 1 ? 'note' : 'notes'} of the unsupported note type "${name}" skipped (Basic, Basic-and-reversed and Cloze are read)`,
    );
  }
  if (deck.items.length === 0 && line > 0 && deck.diagnostics.every((d) => d.severity !== 'error')) {
    deck.report(1, 'warning', 'no card of this package could be read');
  }
  return deck.finish();
}

interface NoteContext {
  deck: DeckBuilder;
  row: NoteRow;
  type: NoteType;
  line: number;
  section: string;
}

type ReadResult = 'ok' | 'skipped' | 'unsupported';

/** A standard note: one item per card template that asks some fields and answers with others. */
function readStandard({ deck, row, type, line, section }: NoteContext, ords: number[]): ReadResult {
  const field = fieldReader(type, row);
  const where = `note ${row.id} (${type.name})`;
  const templates = type.templates.filter((t) => ords.length === 0 || ords.includes(t.ord));
  const usable = templates.flatMap((template) => {
    const asked = fieldRefs(template.qfmt);
    const answered = fieldRefs(template.afmt).filter((name) => !asked.includes(name));
    return asked.length > 0 && answered.length > 0 ? [{ template, asked, answered }] : [];
  });
  if (usable.length === 0) return 'unsupported';
  let media = 0;
  let added = 0;
  for (const { template, asked, answered } of usable) {
    const front = joinFields(asked.map(field));
    const back = joinFields(answered.map(field));
    media = Math.max(media, front.media + back.media);
    if (front.text === '' || back.text === '') {
      const side = front.text === '' ? 'question' : 'answer';
      const mediaOnly = (front.text === '' ? front.media : back.media) > 0;
      deck.report(
        line,
        'warning',
        mediaOnly
          ? `${where}, card "${template.name}": the ${side} is media only (images and sounds are dropped); skipped`
          : `${where}, card "${template.name}": empty ${side} field; skipped`,
        mediaOnly ? 'media only' : 'empty field',
      );
      continue;
    }
    const ok = deck.add(
      {
        id: stableId('anki', row.guid, String(template.ord)),
        kind: 'qa',
        section,
        tags: noteTags(row),
        prompt: front.text,
        answer: back.text,
        answerMarkdown: back.markdown,
        keys: back.keys,
        line,
      },
      where,
      `note guid ${row.guid}`,
    );
    if (ok) added += 1;
  }
  reportMedia(deck, line, where, media, added);
  return added > 0 ? 'ok' : 'skipped';
}

/** A cloze note: one item per deletion number, the sentence blanked at it. */
function readCloze({ deck, row, type, line, section }: NoteContext): ReadResult {
  const field = fieldReader(type, row);
  const where = `note ${row.id} (${type.name})`;
  const template = type.templates[0];
  const clozeFields = template ? clozeRefs(template.qfmt) : [];
  if (clozeFields.length === 0 || /image occlusion/i.test(type.name)) return 'unsupported';
  const extraNames = template ? fieldRefs(template.afmt).filter((name) => !clozeFields.includes(name)) : [];
  const text = joinFields(clozeFields.map(field));
  const extra = joinFields(extraNames.map(field));
  if (!hasCloze(text.text)) {
    deck.report(
      line,
      'warning',
      text.text === '' && text.media > 0
        ? `${where}: media only (images and sounds are dropped); skipped`
        : `${where}: no cloze deletion ({{c1::…}}) in the text; skipped`,
      text.text === '' && text.media > 0 ? 'media only' : 'no cloze deletion',
    );
    return 'skipped';
  }
  let added = 0;
  for (const card of clozeCards(text.text, escapeMarkdownText)) {
    const answers = card.answers.map((a) => a.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (answers.length === 0) {
      deck.report(
        line,
        'warning',
        `${where}, cloze c${card.ordinal}: the deletion is empty; skipped`,
        'empty field',
      );
      continue;
    }
    const blanked = flat(card.blanked);
    const markdown = extra.markdown === '' ? card.markdown : `${card.markdown}\n\n${extra.markdown}`;
    const ok = deck.add(
      {
        id: stableId('anki', row.guid, `c${card.ordinal}`),
        kind: 'cloze',
        section,
        tags: noteTags(row),
        prompt: blanked,
        answer: answers.join(' … '),
        answerMarkdown: markdown,
        keys: answers,
        line,
        cloze: { sentence: flat(card.sentence), blanked },
      },
      where,
      `note guid ${row.guid}`,
    );
    if (ok) added += 1;
  }
  reportMedia(deck, line, where, text.media + extra.media, added);
  return added > 0 ? 'ok' : 'skipped';
}

function reportMedia(deck: DeckBuilder, line: number, where: string, media: number, added: number): void {
  if (media === 0 || added === 0) return;
  deck.report(
    line,
    'info',
    `${where}: ${media} media ${media === 1 ? 'reference' : 'references'} (image or sound) dropped; the text is kept`,
    'media dropped',
  );
}

function fieldReader(type: NoteType, row: NoteRow): (name: string) => FieldText {
  const cache = new Map<string, FieldText>();
  return (name) => {
    let text = cache.get(name);
    if (!text) {
      const index = type.fields.findIndex((f) => f.toLowerCase() === name.toLowerCase());
      text = htmlToText(index >= 0 ? (row.fields[index] ?? '') : '');
      cache.set(name, text);
    }
    return text;
  };
}

function joinFields(parts: FieldText[]): FieldText {
  const kept = parts.filter((p) => p.text !== '');
  return {
    text: kept.map((p) => p.text).join('\n'),
    markdown: kept.map((p) => p.markdown).join('\n'),
    keys: [...new Set(kept.flatMap((p) => p.keys))],
    media: parts.reduce((sum, p) => sum + p.media, 0),
  };
}

/** Field names a card template shows, in order: `{{Front}}`, `{{text:Front}}`, `{{type:Back}}`… */
export function fieldRefs(template: string): string[] {
  const names: string[] = [];
  for (const match of template.matchAll(/\{\{([^{}]+)\}\}/g)) {
    const body = (match[1] ?? '').trim();
    if (/^[#^/!]/.test(body)) continue;
    const name = body.split(':').pop()?.trim() ?? '';
    if (name === '' || SPECIAL_FIELDS.has(name.toLowerCase()) || body.startsWith('cloze:')) continue;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

function clozeRefs(template: string): string[] {
  return [...template.matchAll(/\{\{cloze:([^{}]+)\}\}/g)].map((m) => (m[1] ?? '').trim());
}

function noteTags(row: NoteRow): string[] {
  return cleanTags(row.tags.split(/\s+/));
}

function flat(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

function parseNoteTypes(json: string): Map<string, NoteType> {
  const types = new Map<string, NoteType>();
  const raw = safeJson(json);
  if (!raw || typeof raw !== 'object') return types;
  for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
    const model = value as {
      name?: unknown;
      type?: unknown;
      flds?: { name?: unknown; ord?: unknown }[];
      tmpls?: { name?: unknown; ord?: unknown; qfmt?: unknown; afmt?: unknown }[];
    };
    const fields = [...(Array.isArray(model.flds) ? model.flds : [])]
      .sort((a, b) => Number(a.ord) - Number(b.ord))
      .map((f) => String(f.name ?? ''));
    const templates = (Array.isArray(model.tmpls) ? model.tmpls : []).map((t, index) => ({
      name: String(t.name ?? `Card ${index + 1}`),
      ord: Number.isInteger(t.ord) ? Number(t.ord) : index,
      qfmt: String(t.qfmt ?? ''),
      afmt: String(t.afmt ?? ''),
    }));
    types.set(String(id), {
      name: String(model.name ?? 'unnamed'),
      type: Number(model.type ?? 0),
      fields,
      templates,
    });
  }
  return types;
}

function hasTable(db: Database, name: string): boolean {
  return rows(db, `select 1 from sqlite_master where type = 'table' and name = '${name}'`).length > 0;
}

function rows(db: Database, sql: string): unknown[][] {
  return (db.exec(sql)[0]?.values ?? []) as unknown[][];
}

/** Note types of a schema-18 collection: `kind` 1 is cloze; a template's front and back are fields 1 and 2. */
function readNoteTypeTables(db: Database): Map<string, NoteType> {
  const types = new Map<string, NoteType>();
  for (const [id, name, config] of rows(db, 'select id, name, config from notetypes')) {
    const type = config instanceof Uint8Array ? protoNumber(config, 1) : 0;
    types.set(String(id), { name: String(name ?? 'unnamed'), type, fields: [], templates: [] });
  }
  for (const [ntid, , name] of rows(db, 'select ntid, ord, name from fields order by ntid, ord')) {
    types.get(String(ntid))?.fields.push(String(name ?? ''));
  }
  for (const [ntid, ord, name, config] of rows(
    db,
    'select ntid, ord, name, config from templates order by ntid, ord',
  )) {
    const bytes = config instanceof Uint8Array ? config : new Uint8Array();
    types.get(String(ntid))?.templates.push({
      name: String(name ?? ''),
      ord: Number(ord),
      qfmt: protoString(bytes, 1),
      afmt: protoString(bytes, 2),
    });
  }
  return types;
}

function parseDeckNames(json: string): Map<string, string> {
  const names = new Map<string, string>();
  const raw = safeJson(json);
  if (!raw || typeof raw !== 'object') return names;
  for (const [id, value] of Object.entries(raw as Record<string, { name?: unknown }>)) {
    names.set(String(id), String(value?.name ?? ''));
  }
  return names;
}

function cardsByNote(db: Database): Map<number, { ord: number; did: string }[]> {
  const byNote = new Map<number, { ord: number; did: string }[]>();
  const statement = db.prepare('select nid, ord, did from cards order by nid, ord');
  try {
    while (statement.step()) {
      const [nid, ord, did] = statement.get();
      const list = byNote.get(Number(nid)) ?? [];
      list.push({ ord: Number(ord), did: String(did) });
      byNote.set(Number(nid), list);
    }
  } finally {
    statement.free();
  }
  return byNote;
}

/** A deck's name split at Anki's `::`. */
function deckPath(names: Map<string, string>, did: string | undefined): string[] {
  const name = did === undefined ? undefined : names.get(did);
  return name ? name.split('::').map((part) => part.trim()) : [];
}

/** The deck path below the deck that names the file, joined with ` › `. */
function sectionOf(path: string[], title: string): string {
  const rest = path[0] === title ? path.slice(1) : path.filter((part) => part !== 'Default');
  return rest.join(' › ');
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
