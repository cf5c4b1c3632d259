/**
 * Reads CSV and TSV decks (Quizlet's "term<TAB>definition" export, or any spreadsheet): with a header
 * row naming the term, definition and optional tags and domain columns, or without one (the first two
 * columns are term and definition). Cells are plain text; a cell a spreadsheet would run as a formula
 * (`=`, `+`, `-`, `@` first) is neutralised with a leading `'`.
 */
import { parse } from 'csv-parse/sync';
import { normalizePrompt } from '../bank/ids.ts';
import type { ParsedNote } from '../bank/parse-note.ts';
import { cleanTags, DeckBuilder, stableId } from './deck.ts';
import { CONTROL_CHARACTERS, escapeMarkdownText } from './html.ts';

/** Limits of one CSV/TSV file. */
export interface CsvLimits {
  maxBytes: number;
  maxRows: number;
  /** Longest cell kept whole; longer ones are cut (a card is read in Discord, not a whole page). */
  maxCellChars: number;
}

export const DEFAULT_CSV_LIMITS: CsvLimits = {
  maxBytes: 50 * 1024 * 1024,
  maxRows: 200_000,
  maxCellChars: 4000,
};

const HEADERS = {
  term: ['term', 'front', 'question', 'prompt', 'word', 'q'],
  definition: ['definition', 'back', 'answer', 'meaning', 'a', 'translation'],
  tags: ['tags', 'tag', 'labels'],
  domain: ['domain', 'exam domain', 'topic'],
} as const;

type Column = keyof typeof HEADERS;

/** Reads one CSV/TSV deck; never throws, a bad file gives one error. */
export function readCsvDeck(
  relPath: string,
  bytes: Uint8Array,
  limits: CsvLimits = DEFAULT_CSV_LIMITS,
): ParsedNote {
  const deck = new DeckBuilder(relPath);
  if (bytes.length > limits.maxBytes) {
    return deck.refuse(
      `file is ${Math.round(bytes.length / 1024 / 1024)} MB; at most ${Math.round(limits.maxBytes / 1024 / 1024)} MB is read`,
    );
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return deck.refuse(decoded.message);
  const text = decoded.text;
  if (text.trim() === '') {
    deck.report(1, 'warning', 'file is empty');
    return deck.finish();
  }
  const delimiter = /\.tsv$/i.test(deck.path) ? '\t' : guessDelimiter(text);
  let rows: { record: string[]; info: { lines: number } }[];
  // Only the line of each record is kept: `info: true` copies the whole parser context per row.
  const lines: number[] = [];
  try {
    const records = parse(text, {
      delimiter,
      on_record: (record, context) => {
        lines.push(context.lines);
        return record;
      },
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      to: limits.maxRows + 2,
    });
    rows = records.map((record, index) => ({ record, info: { lines: lines[index] ?? 1 } }));
  } catch (error) {
    const at = (error as { lines?: number }).lines;
    return deck.refuse(
      `not readable as ${delimiter === '\t' ? 'TSV' : 'CSV'}${at ? ` (line ${at})` : ''}: ${(error as Error).message}`,
    );
  }
  const columns = headerColumns(rows[0]?.record ?? []);
  const body = columns ? rows.slice(1) : rows;
  if (body.length > limits.maxRows)
    return deck.refuse(`the file has more than ${limits.maxRows} rows; split it`);
  const map = columns ?? { term: 0, definition: 1 };
  if (!columns && body.some((row) => row.record.length > 2)) {
    deck.report(
      1,
      'info',
      'columns after the second are ignored without a header row (name the columns term, definition, tags, domain to use them)',
    );
  }
  const stem = deck.title;
  const neutralised: number[] = [];
  for (const { record, info } of body) {
    const line = info.lines;
    const cell = (column: Column): string => {
      const index = map[column];
      if (index === undefined) return '';
      const raw = clean(record[index] ?? '', limits.maxCellChars);
      const safe = neutralise(raw);
      if (safe !== raw && !neutralised.includes(line)) neutralised.push(line);
      return safe;
    };
    const term = cell('term');
    const definition = cell('definition');
    if (term === '' || definition === '') {
      deck.report(
        line,
        'warning',
        `row ${line}: empty ${term === '' ? 'term' : 'definition'}; skipped`,
        'empty field',
      );
      continue;
    }
    const domain = cell('domain');
    deck.add(
      {
        id: stableId('csv', stem, normalizePrompt(term)),
        kind: 'qa',
        section: '',
        tags: [
          ...cleanTags(cell('tags').split(/[\s,;]+/)),
          ...(domain ? cleanTags([`domain:${domain}`]) : []),
        ],
        prompt: term,
        answer: definition,
        answerMarkdown: escapeMarkdownText(definition),
        keys: [],
        line,
      },
      `row ${line}`,
      `term "${term.length > 40 ? `${term.slice(0, 39)}…` : term}"`,
    );
  }
  for (const line of neutralised) {
    deck.report(
      line,
      'info',
      `row ${line}: a cell starting with = + - or @ was neutralised with a leading ' (spreadsheets would run it as a formula)`,
      'formula-like cell neutralised',
    );
  }
  return deck.finish();
}

/** The columns a header row names, or undefined when the first row is a card. */
function headerColumns(first: string[]): Partial<Record<Column, number>> | undefined {
  const names = first.map((cell) =>
    cell
      .replace(/^\uFEFF/, '')
      .trim()
      .toLowerCase(),
  );
  const find = (column: Column) => {
    const index = names.findIndex((name) => (HEADERS[column] as readonly string[]).includes(name));
    return index >= 0 ? index : undefined;
  };
  const term = find('term');
  const definition = find('definition');
  if (term === undefined || definition === undefined) return undefined;
  return { term, definition, tags: find('tags'), domain: find('domain') };
}

/** Tab when the first line has tabs (Quizlet), else `;` when it has more of those than commas, else `,`. */
function guessDelimiter(text: string): string {
  const first = text.slice(0, text.indexOf('\n') >= 0 ? text.indexOf('\n') : text.length);
  if (first.includes('\t')) return '\t';
  const count = (char: string) => first.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/** A formula-like cell gets a leading `'`; plain numbers (`-5`, `+3.2`) stay as they are. */
export function neutralise(cell: string): string {
  if (!/^[=+\-@]/.test(cell) || /^[+-]?\d[\d.,]*%?$/.test(cell)) return cell;
  return `'${cell}`;
}

function clean(cell: string, max: number): string {
  const text = cell.replace(/\r\n?/g, '\n').replace(CONTROL_CHARACTERS, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Decoded = { ok: true; text: string } | { ok: false; message: string };

/** UTF-8 (a BOM is dropped), or UTF-16 with its BOM; anything else is refused with a clear message. */
function decodeText(bytes: Uint8Array): Decoded {
  const b0 = bytes[0];
  const b1 = bytes[1];
  try {
    if (b0 === 0xff && b1 === 0xfe)
      return { ok: true, text: new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2)) };
    if (b0 === 0xfe && b1 === 0xff)
      return { ok: true, text: new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2)) };
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    if (text.includes('\u0000')) throw new Error('NUL');
    return { ok: true, text: text.replace(/^\uFEFF/, '') };
  } catch {
    return {
      ok: false,
      message:
        'file is not UTF-8 (nor UTF-16 with a byte-order mark); save or export it as UTF-8 CSV and add it again',
    };
  }
}
