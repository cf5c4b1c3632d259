import type { Item } from '../bank/types.ts';
import { type AnswerClass, classOf, isMeasure } from './answer-class.ts';
import { looseNormalize } from './normalize.ts';
import { firstSentence, profileOf } from './profile.ts';

/** All the quiz engine needs of a bank: its items. A loaded Bank satisfies it. */
export interface ItemPool {
  readonly items: readonly Item[];
}

/** What part of its item a candidate is, so a wrong option can say what it really is. */
export type CandidateRole = 'answer' | 'key' | 'step' | 'choice' | 'sentence' | 'cell' | 'row' | 'column';

/** A text that can stand as a wrong option for some other item. */
export interface Candidate {
  text: string;
  /** `looseNormalize(text)`, precomputed for comparisons. */
  loose: string;
  /** Its class: wrong options are only drawn from the answer's class. */
  kind: AnswerClass;
  itemId: string;
  /** The item it comes from and its part there (absent for ad-hoc candidates). */
  origin?: { item: Item; role: CandidateRole };
}

/** Lookups over a pool, built lazily once per items array. */
export interface PoolIndex {
  byId: Map<string, Item>;
  /** Candidates by note path. */
  byNote: Map<string, Candidate[]>;
  /** Candidates by the note's folder: the topic. */
  byFolder: Map<string, Candidate[]>;
  /** Fact cells by note + table + column index. */
  byColumn: Map<string, Candidate[]>;
  /** Fact cells by note + table + row: in a "Feature | Security Group | NACL" table the other column is the trap. */
  byRow: Map<string, Candidate[]>;
  /** How many columns each table (note + table) has. */
  columnCount: Map<string, number>;
  /** Every candidate by class, for the last resort: highlights of similar length and the same class. */
  byKind: Map<AnswerClass, Candidate[]>;
  /** The class of a table cell as its column reads it ("None" in a column of durations is a duration). */
  cellKind: Map<string, AnswerClass>;
  /**
   * Tables (by `tableKey`) that compare their columns ("Feature | Security Group | NACL"): a row's other
   * cells are the traps there. In the other tables the columns are attributes and the rows the things.
   */
  comparesColumns: Set<string>;
}

/** Cells that say "nothing here": they take the class of their column. */
const LIST_LINE = /^\s*(?:[-*+•]|\d+[.)])\s/;
const NOTHING = /^(?:none|n\/a|na|unlimited|any|no minimum|not applicable|—|-)$/i;

const indexes = new WeakMap<readonly Item[], PoolIndex>();

/** The index of `pool`, built on first use and cached for as long as its items array lives. */
export function indexOf(pool: ItemPool): PoolIndex {
  let index = indexes.get(pool.items);
  if (!index) {
    index = buildIndex(pool.items);
    indexes.set(pool.items, index);
  }
  return index;
}

/** The folder of a note path ("aws/ami.md" → "aws"), the empty string at the root. */
export function folderOf(note: string): string {
  const slash = note.lastIndexOf('/');
  return slash === -1 ? '' : note.slice(0, slash);
}

/** Key of a table column in `PoolIndex.byColumn`. */
export function columnKey(note: string, table: string, columnIndex: number): string {
  return `${note}\u0000${table}\u0000${columnIndex}`;
}

/** Key of a table row in `PoolIndex.byRow`. */
export function rowKey(note: string, table: string, row: string): string {
  return `${note}\u0000${table}\u0000\u0000${row}`;
}

/** Key of a table in `PoolIndex.columnCount`. */
export function tableKey(note: string, table: string): string {
  return `${note}\u0000${table}`;
}

/** A candidate for `text`, or null when it normalizes to nothing. */
export function candidateOf(
  text: string,
  itemId: string,
  kind: AnswerClass = classOf(text),
  origin?: Candidate['origin'],
): Candidate | null {
  const trimmed = text.trim();
  const loose = looseNormalize(trimmed);
  if (loose === '') return null;
  return origin ? { text: trimmed, loose, kind, itemId, origin } : { text: trimmed, loose, kind, itemId };
}

/** Lets the event loop run; `prepareIndex` awaits it between slices of work. */
export type YieldNow = () => Promise<void>;

/** Items indexed between two looks at the clock, and the work allowed between two yields. */
const INDEX_CHUNK_ITEMS = 100;
const INDEX_SLICE_MS = 8;
const INDEX_CHUNK_TABLES = 20;

/**
 * Builds the index of `pool` in slices that yield in between, before anyone asks for it: done on a new
 * bank before it is swapped in, so the first question after a reload does not hold the event loop
 * (≈ 0.5–1 s at 2,000 notes). A later `indexOf` finds it built.
 */
export async function prepareIndex(
  pool: ItemPool,
  yieldNow: YieldNow,
  options: { sliceMs?: number } = {},
): Promise<PoolIndex> {
  const sliceMs = options.sliceMs ?? INDEX_SLICE_MS;
  const ready = indexes.get(pool.items);
  if (ready) return ready;
  const steps = indexing(pool.items);
  let sliceStart = performance.now();
  for (let step = steps.next(); ; step = steps.next()) {
    if (step.done) {
      indexes.set(pool.items, step.value);
      return step.value;
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldNow();
      // Built meanwhile by a synchronous `indexOf` (the pool was served before it was ready): keep that one.
      const built = indexes.get(pool.items);
      if (built) return built;
      sliceStart = performance.now();
    }
  }
}

function buildIndex(items: readonly Item[]): PoolIndex {
  const steps = indexing(items);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The index build, pausing after every chunk of items so a caller can yield to the event loop. */
function* indexing(items: readonly Item[]): Generator<void, PoolIndex> {
  const index: PoolIndex = {
    byId: new Map(),
    byNote: new Map(),
    byFolder: new Map(),
    byColumn: new Map(),
    byRow: new Map(),
    columnCount: new Map(),
    byKind: new Map(),
    cellKind: new Map(),
    comparesColumns: new Set(),
  };
  const columns = new Map<string, Set<number>>();
  let done = 0;
  for (const item of items) {
    if (++done % INDEX_CHUNK_ITEMS === 0) yield;
    if (!index.byId.has(item.id)) index.byId.set(item.id, item);
    const candidates = candidatesOf(item);
    append(index.byNote, item.note, candidates);
    append(index.byFolder, folderOf(item.note), candidates);
    for (const candidate of candidates) append(index.byKind, candidate.kind, [candidate]);
    if (item.kind === 'fact' && item.fact) {
      const cell = cellOf(item);
      if (cell) {
        append(index.byColumn, columnKey(item.note, item.fact.table, item.fact.columnIndex), [cell]);
        // "None" means nothing outside its own column.
        if (!NOTHING.test(cell.text))
          append(index.byRow, rowKey(item.note, item.fact.table, item.fact.row), [cell]);
      }
      const table = tableKey(item.note, item.fact.table);
      const seen = columns.get(table) ?? new Set<number>();
      seen.add(item.fact.columnIndex);
      columns.set(table, seen);
    }
  }
  yield;
  for (const [table, seen] of columns) index.columnCount.set(table, seen.size + 1); // + the row-key column
  yield* addSubjects(items, index);
  yield;
  for (const column of index.byColumn.values()) classifyColumn(column, index.cellKind);
  return index;
}

/**
 * A fact item's cell as a candidate, kept for as long as the item lives (see `itemCandidates`). Its
 * class may be set to its column's by `classifyColumn`; that depends only on its own note's cells, which
 * live and die with it, so the cached cell always gets the same class again.
 */
const itemCells = new WeakMap<Item, Candidate | null>();

function cellOf(item: Item): Candidate | null {
  let cell = itemCells.get(item);
  if (cell === undefined) {
    cell = candidateOf(item.answer, item.id, classOf(item.answer), { item, role: 'cell' });
    itemCells.set(item, cell);
  }
  return cell;
}

/**
 * The things a table compares are wrong options for "Which storage class…?": its row names ("S3
 * Standard-IA") when its columns are attributes, or its column names ("Security Group", "NACL") when
 * every column is a name and the rows are the attributes ("Level", "State").
 */
function* addSubjects(items: readonly Item[], index: PoolIndex): Generator<void, void> {
  const tables = new Map<string, TableShape>();
  let done = 0;
  for (const item of items) {
    if (++done % INDEX_CHUNK_ITEMS === 0) yield;
    if (item.kind !== 'fact' || !item.fact || item.fact.shape !== 'cell') continue;
    const key = tableKey(item.note, item.fact.table);
    const table: TableShape = tables.get(key) ?? { columns: new Map(), rows: new Map(), cells: [] };
    // "None" says nothing of its row's or column's kind.
    if (!NOTHING.test(item.answer.trim()))
      // The cached cell's class is the answer's own (only "None" cells take their column's, skipped here).
      table.cells.push({
        row: item.fact.row,
        column: item.fact.column,
        kind: cellOf(item)?.kind ?? classOf(item.answer),
      });
    if (!table.columns.has(item.fact.column)) table.columns.set(item.fact.column, item);
    if (!table.rows.has(item.fact.row)) table.rows.set(item.fact.row, item);
    tables.set(key, table);
  }
  done = 0;
  for (const [key, table] of tables) {
    if (++done % INDEX_CHUNK_TABLES === 0) yield;
    // A table with fewer rows than value columns ("Mode | Billing | Best for | Scaling" over two modes)
    // lists things by row: an author comparing columns lists the attributes down the rows.
    const columnsAreSubjects =
      table.columns.size >= 2 && table.rows.size >= table.columns.size && compareColumns(table.cells);
    if (columnsAreSubjects) index.comparesColumns.add(key);
    // With one value column ("Feature | Details") the rows may be attributes ("Region"): not things to choose.
    if (!columnsAreSubjects && table.columns.size < 2) continue;
    const subjects = columnsAreSubjects ? table.columns : table.rows;
    for (const [text, item] of subjects) {
      const candidate = candidateOf(text, item.id, classOf(text), {
        item,
        role: columnsAreSubjects ? 'column' : 'row',
      });
      if (!candidate || candidate.kind === 'yesno') continue;
      append(index.byNote, item.note, [candidate]);
      append(index.byFolder, folderOf(item.note), [candidate]);
      append(index.byKind, candidate.kind, [candidate]);
    }
  }
}

interface TableCell {
  row: string;
  column: string;
  kind: AnswerClass;
}

interface TableShape {
  columns: Map<string, Item>;
  rows: Map<string, Item>;
  cells: TableCell[];
}

/**
 * Whether a table compares its columns: its cells agree in class along rows ("Stateful" | "Stateless")
 * more than down columns. A column of attributes ("Cost": "Free", "Hourly plus per GB") agrees downwards,
 * however name-like its header ("Cost", "Scope") looks.
 */
function compareColumns(cells: readonly TableCell[]): boolean {
  const agreement = (keyOf: (cell: TableCell) => string) => {
    const groups = new Map<string, AnswerClass[]>();
    for (const cell of cells) {
      const group = groups.get(keyOf(cell));
      if (group) group.push(cell.kind);
      else groups.set(keyOf(cell), [cell.kind]);
    }
    let agreeing = 0;
    let pairs = 0;
    for (const kinds of groups.values()) {
      for (let i = 0; i < kinds.length; i++)
        for (let j = i + 1; j < kinds.length; j++) {
          pairs++;
          if (kinds[i] === kinds[j]) agreeing++;
        }
    }
    return pairs === 0 ? 0 : agreeing / pairs;
  };
  return agreement((cell) => cell.row) > agreement((cell) => cell.column);
}

/** "None" among "30 days" and "90 days" is a duration: such cells take the column's most common class. */
function classifyColumn(column: Candidate[], cellKind: Map<string, AnswerClass>): void {
  const counts = new Map<AnswerClass, number>();
  for (const cell of column) {
    if (!NOTHING.test(cell.text)) counts.set(cell.kind, (counts.get(cell.kind) ?? 0) + 1);
  }
  let dominant: AnswerClass | undefined;
  for (const [kind, count] of counts)
    if (dominant === undefined || count > (counts.get(dominant) ?? 0)) dominant = kind;
  if (dominant === undefined) return;
  for (const cell of column) {
    if (NOTHING.test(cell.text)) {
      cell.kind = dominant;
      cellKind.set(cell.itemId, dominant);
    }
  }
}

/**
 * Each item's own candidates, kept for as long as the item lives: a reload or a server's own notes make
 * a new items array, but unchanged notes keep their item objects, so only changed notes are classified again.
 */
const itemCandidates = new WeakMap<Item, readonly Candidate[]>();

function candidatesOf(item: Item): readonly Candidate[] {
  let candidates = itemCandidates.get(item);
  if (!candidates) {
    candidates = computeCandidates(item);
    itemCandidates.set(item, candidates);
  }
  return candidates;
}

/** The texts an item contributes as wrong options elsewhere: its gist, highlights, steps, first sentence. */
function computeCandidates(item: Item): Candidate[] {
  const texts = new Map<string, CandidateRole>();
  const add = (text: string, role: CandidateRole) => {
    if (!texts.has(text)) texts.set(text, role);
  };
  const profile = profileOf(item);
  // A sequence's display is all its steps joined: its steps stand on their own below.
  // A display joined from several keys or list leads is no one thing: its parts stand on their own.
  const joined = profile.kind === 'list' && item.kind !== 'fact';
  if (profile.kind !== 'yesno' && item.kind !== 'sequence' && !joined) add(profile.display, 'answer');
  for (const key of item.keys) add(key, 'key');
  for (const step of item.steps ?? []) add(step, 'step');
  // A task list's unmarked options are wrong by the author's word: never offered as a right-sounding option elsewhere.
  for (const choice of item.choices ?? []) if (choice.correct) add(choice.text, 'choice');
  // Without highlights the first sentence is the gist; with them, the highlights are.
  if (item.kind === 'qa' && item.keys.length === 0 && !LIST_LINE.test(item.answer)) {
    add(firstSentence(item.answer), 'sentence');
  }
  const out: Candidate[] = [];
  for (const [text, role] of texts) {
    // "None" only means something in its own column.
    if (NOTHING.test(text.trim())) continue;
    const kind = role === 'step' ? 'step' : text === profile.display ? profile.kind : classOf(text);
    // A table cell is the value of an attribute: "Free" (a cost) or "Region" (a scope) is no rival to
    // a gateway outside its column. Measures are ("35 days" among durations anywhere).
    if (item.kind === 'fact' && role === 'answer' && !isMeasure(kind)) continue;
    const candidate = candidateOf(text, item.id, kind, { item, role });
    if (candidate && candidate.kind !== 'yesno') out.push(candidate);
  }
  return out;
}

function append<K, V>(map: Map<K, V[]>, key: K, values: readonly V[]): void {
  const list = map.get(key);
  if (list) list.push(...values);
  else map.set(key, values.slice());
}
