/**
 * Builds small Anki packages at test time with the same libraries the reader uses (sql.js, fflate):
 * a schema-11 collection (the `col`, `notes` and `cards` tables Anki exports for older versions) in a
 * zip as `collection.anki2`, with a `media` map and, optionally, media files.
 */
import { strToU8, zipSync } from 'fflate';
import initSqlJs from 'sql.js';

/** A note of the fixture: its note type by name, its fields in order, its tags and deck. */
export interface FixtureNote {
  id?: number;
  guid: string;
  type: 'Basic' | 'Basic (and reversed card)' | 'Cloze' | 'Image Occlusion' | 'Front only';
  fields: string[];
  tags?: string[];
  deck?: string;
}

export interface FixtureOptions {
  /** Extra zip entries (media files, a `collection.anki21b`…). */
  extraEntries?: Record<string, Uint8Array>;
  /** Name of the collection entry; `collection.anki2` by default. */
  collectionName?: string;
}

const MODELS = {
  Basic: {
    id: '1001',
    type: 0,
    flds: ['Front', 'Back'],
    tmpls: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' }],
  },
  'Basic (and reversed card)': {
    id: '1002',
    type: 0,
    flds: ['Front', 'Back'],
    tmpls: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}<hr id=answer>{{Back}}' },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: '{{FrontSide}}<hr id=answer>{{Front}}' },
    ],
  },
  Cloze: {
    id: '1003',
    type: 1,
    flds: ['Text', 'Back Extra'],
    tmpls: [{ name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: '{{cloze:Text}}<br>{{Back Extra}}' }],
  },
  'Image Occlusion': {
    id: '1004',
    type: 1,
    flds: ['Occlusion', 'Image'],
    tmpls: [{ name: 'Image Occlusion', qfmt: '{{cloze:Occlusion}}', afmt: '{{cloze:Occlusion}}{{Image}}' }],
  },
  'Front only': {
    id: '1005',
    type: 0,
    flds: ['Front'],
    tmpls: [{ name: 'Card 1', qfmt: '{{Front}}', afmt: '{{FrontSide}}' }],
  },
} as const;

const DECKS: Record<string, string> = { '1': 'Default' };

/** The bytes of a collection database holding these notes. */
export async function buildCollection(notes: FixtureNote[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database();
  db.run(`create table col (id integer primary key, crt integer, mod integer, scm integer, ver integer,
    dty integer, usn integer, ls integer, conf text, models text, decks text, dconf text, tags text);
    create table notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text,
    flds text, sfld integer, csum integer, flags integer, data text);
    create table cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer,
    type integer, queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer,
    left integer, odue integer, odid integer, flags integer, data text);`);
  const decks: Record<string, { id: number; name: string }> = {};
  const deckIds = new Map<string, number>();
  for (const [id, name] of Object.entries(DECKS)) {
    decks[id] = { id: Number(id), name };
    deckIds.set(name, Number(id));
  }
  for (const note of notes) {
    if (note.deck && !deckIds.has(note.deck)) {
      const id = 1_700_000_000_000 + deckIds.size;
      deckIds.set(note.deck, id);
      decks[String(id)] = { id, name: note.deck };
    }
  }
  const models = Object.fromEntries(
    Object.entries(MODELS).map(([name, m]) => [
      m.id,
      {
        id: Number(m.id),
        name,
        type: m.type,
        flds: m.flds.map((f, ord) => ({ name: f, ord })),
        tmpls: m.tmpls.map((t, ord) => ({ ...t, ord })),
      },
    ]),
  );
  db.run('insert into col values (1, 0, 0, 0, 11, 0, 0, 0, ?, ?, ?, ?, ?)', [
    '{}',
    JSON.stringify(models),
    JSON.stringify(decks),
    '{}',
    '{}',
  ]);
  let cardId = 1;
  db.run('begin');
  const insertNote = db.prepare('insert into notes values (?, ?, ?, 0, 0, ?, ?, ?, 0, 0, ?)');
  const insertCard = db.prepare(
    'insert into cards values (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)',
  );
  notes.forEach((note, index) => {
    const model = MODELS[note.type];
    const id = note.id ?? 1_600_000_000_000 + index;
    const tags = note.tags && note.tags.length > 0 ? ` ${note.tags.join(' ')} ` : '';
    insertNote.run([
      id,
      note.guid,
      Number(model.id),
      tags,
      note.fields.join('\x1f'),
      note.fields[0] ?? '',
      '',
    ]);
    const did = deckIds.get(note.deck ?? 'Default') ?? 1;
    const ords =
      model.type === 1
        ? [...new Set([...(note.fields[0] ?? '').matchAll(/\{\{c(\d+)::/g)].map((m) => Number(m[1]) - 1))]
        : model.tmpls.map((_, ord) => ord);
    for (const ord of ords.length > 0 ? ords : [0]) insertCard.run([cardId++, id, did, ord, '']);
  });
  insertNote.free();
  insertCard.free();
  db.run('commit');
  const bytes = db.export();
  db.close();
  return bytes;
}

/** An `.apkg` holding these notes. */
export async function buildApkg(notes: FixtureNote[], options: FixtureOptions = {}): Promise<Buffer> {
  const collection = await buildCollection(notes);
  return zipPackage(collection, options);
}

/**
 * A package as Anki ≥ 2.1.50 writes it without "Support older Anki versions": the notes in a
 * schema-18 `collection.anki21b` (Zstandard), beside a stub `collection.anki2` asking to update.
 */
export async function buildNewestApkg(notes: FixtureNote[]): Promise<Buffer> {
  const stub = await buildCollection([
    {
      guid: 'stub',
      type: 'Basic',
      fields: ['Please update to the latest Anki version, then import the .colpkg/.apkg file again.', ''],
    },
  ]);
  return zipPackage(stub, {
    extraEntries: { 'collection.anki21b': zstdStored(await buildCollection18(notes)) },
  });
}

/** A schema-18 collection: note types, fields, templates and decks in tables, their configs in protobuf. */
export async function buildCollection18(notes: FixtureNote[]): Promise<Uint8Array> {
  const SQL = await initSqlJs();
  const db = new SQL.Database(await buildCollection(notes));
  db.run(`create table notetypes (id integer primary key, name text, mtime_secs integer, usn integer, config blob);
    create table fields (ntid integer, ord integer, name text, config blob);
    create table templates (ntid integer, ord integer, name text, mtime_secs integer, usn integer, config blob);
    create table decks2 (id integer primary key, name text);`);
  const col = db.exec('select models, decks from col')[0]?.values[0] ?? [];
  const models = JSON.parse(String(col[0])) as Record<
    string,
    {
      id: number;
      name: string;
      type: number;
      flds: { name: string; ord: number }[];
      tmpls: { name: string; ord: number; qfmt: string; afmt: string }[];
    }
  >;
  for (const model of Object.values(models)) {
    db.run('insert into notetypes values (?, ?, 0, 0, ?)', [
      model.id,
      model.name,
      protobuf([[1, model.type]]),
    ]);
    for (const field of model.flds)
      db.run('insert into fields values (?, ?, ?, ?)', [model.id, field.ord, field.name, new Uint8Array()]);
    for (const t of model.tmpls) {
      db.run('insert into templates values (?, ?, ?, 0, 0, ?)', [
        model.id,
        t.ord,
        t.name,
        protobuf([
          [1, t.qfmt],
          [2, t.afmt],
          [9, 7],
        ]),
      ]);
    }
  }
  const decks = JSON.parse(String(col[1])) as Record<string, { id: number; name: string }>;
  for (const deck of Object.values(decks))
    db.run('insert into decks2 values (?, ?)', [deck.id, deck.name.replaceAll('::', '\x1f')]);
  db.run(`update col set models = '', decks = ''; alter table decks2 rename to decks;`);
  const bytes = db.export();
  db.close();
  return bytes;
}

/** Protobuf fields: numbers as varints, strings length-delimited. */
function protobuf(fields: [number, number | string][]): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => {
    let value = n;
    while (value >= 0x80) {
      out.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    out.push(value);
  };
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      varint(field * 8);
      varint(value);
    } else {
      const bytes = strToU8(value);
      varint(field * 8 + 2);
      varint(bytes.length);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

/** A Zstandard frame of stored ("raw") blocks: valid Zstandard without a compressor (Node 20 has none). */
export function zstdStored(data: Uint8Array, declaredSize = data.length): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0xfd2fb528, true);
  header[4] = 0xe0; // single segment, 8-byte content size
  view.setBigUint64(5, BigInt(declaredSize), true);
  const parts: Uint8Array[] = [header];
  const BLOCK = 128 * 1024;
  for (let at = 0; at < data.length || at === 0; at += BLOCK) {
    const chunk = data.subarray(at, at + BLOCK);
    const last = at + BLOCK >= data.length ? 1 : 0;
    const value = (chunk.length << 3) | last; // block type 0: raw
    parts.push(Uint8Array.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]), chunk);
    if (data.length === 0) break;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A zip with `collection` under its collection name, a media map and the extra entries. */
export function zipPackage(collection: Uint8Array, options: FixtureOptions = {}): Buffer {
  const media = Object.fromEntries(
    Object.keys(options.extraEntries ?? {}).map((name, i) => [String(i), name]),
  );
  return Buffer.from(
    zipSync({
      [options.collectionName ?? 'collection.anki2']: collection,
      media: strToU8(JSON.stringify(media)),
      ...options.extraEntries,
    }),
  );
}

/** The notes of the reference fixture: each note type, HTML, cloze, media, a duplicate, an empty field. */
export const SAMPLE_NOTES: FixtureNote[] = [
  {
    guid: 'basic-ec2',
    type: 'Basic',
    fields: ['What is <b>EC2</b>?', 'Elastic Compute Cloud: virtual servers'],
    tags: ['aws', 'EC2'],
    deck: 'AWS::Compute',
  },
  {
    guid: 'rev-s3',
    type: 'Basic (and reversed card)',
    fields: ['S3', 'Simple Storage Service &amp; object storage'],
    tags: ['aws', 'storage'],
    deck: 'AWS::Storage',
  },
  {
    guid: 'cloze-ami',
    type: 'Cloze',
    fields: [
      'An AMI is {{c1::region-specific}} and can be {{c2::copied::how?}} to other regions.',
      'See <i>AMI</i> docs',
    ],
    tags: ['aws', 'ec2'],
    deck: 'AWS::Compute',
  },
  {
    guid: 'html-vpc',
    type: 'Basic',
    fields: [
      '<div>What does a <u>VPC</u> give you?</div><script>alert(1)</script>',
      '<ul><li>Isolated <b>network</b></li><li>Subnets &lt;per AZ&gt; *and* routing</li></ul><img src="vpc.png">',
    ],
    tags: ['aws', 'networking'],
    deck: 'AWS::Networking',
  },
  {
    guid: 'media-only',
    type: 'Basic',
    fields: ['<img src="diagram.png">', '[sound:explain.mp3]'],
    deck: 'AWS::Compute',
  },
  {
    guid: 'dup-ec2',
    type: 'Basic',
    fields: ['What is <b>EC2</b>?', 'Elastic Compute Cloud: virtual servers'],
    deck: 'AWS::Compute',
  },
  { guid: 'empty-back', type: 'Basic', fields: ['What is Lambda?', ''], deck: 'AWS::Compute' },
  {
    guid: 'occlusion',
    type: 'Image Occlusion',
    fields: ['{{c1::image-occlusion:rect:left=.1}}', '<img src="x.png">'],
  },
  { guid: 'front-only', type: 'Front only', fields: ['Just a front'] },
];
