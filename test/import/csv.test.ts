import { describe, expect, it } from 'vitest';
import type { ParsedNote } from '../../src/bank/parse-note.ts';
import { DEFAULT_CSV_LIMITS, neutralise, readCsvDeck } from '../../src/import/csv.ts';

const read = (path: string, text: string | Uint8Array) =>
  readCsvDeck(path, typeof text === 'string' ? Buffer.from(text) : text);
const pairs = (note: ParsedNote) => note.items.map((i) => [i.prompt, i.answer]);
const messages = (note: ParsedNote) => note.diagnostics.map((d) => `${d.line} ${d.severity}: ${d.message}`);

describe('CSV and TSV decks', () => {
  it("reads Quizlet's term<TAB>definition rows without a header", () => {
    const note = read(
      'quizlet/aws.tsv',
      'EC2\tVirtual servers in the cloud\nS3\tObject storage, "eleven nines"\n',
    );
    expect(pairs(note)).toEqual([
      ['EC2', 'Virtual servers in the cloud'],
      ['S3', 'Object storage, "eleven nines"'],
    ]);
    expect(note.items[0]).toMatchObject({
      kind: 'qa',
      note: 'quizlet/aws.tsv',
      title: 'aws',
      line: 1,
      tags: ['quizlet'],
    });
    expect(note.diagnostics).toEqual([]);
  });

  it('reads a header row with tags and domain columns, in any order, quoted cells with commas and newlines', () => {
    const note = read(
      'sheet.csv',
      'Domain,Definition,Term,Tags\n' +
        'Design Secure Architectures,"Identity and Access Management: users, groups, roles",IAM,"security aws"\n' +
        'Design Resilient Architectures,"Spread over\nseveral AZs",Multi-AZ,ha\n',
    );
    expect(pairs(note)).toEqual([
      ['IAM', 'Identity and Access Management: users, groups, roles'],
      ['Multi-AZ', 'Spread over\nseveral AZs'],
    ]);
    expect(note.items[0]?.tags).toEqual(['security', 'aws', 'domain:design-secure-architectures']);
    expect(note.items[1]).toMatchObject({ line: 4, tags: ['ha', 'domain:design-resilient-architectures'] });
  });

  it('reads a CSV without a header as term,definition and says extra columns are ignored', () => {
    const note = read('plain.csv', 'hola,hello,extra\nadiós,goodbye\n');
    expect(pairs(note)).toEqual([
      ['hola', 'hello'],
      ['adiós', 'goodbye'],
    ]);
    expect(messages(note)).toEqual([
      '1 info: columns after the second are ignored without a header row (name the columns term, definition, tags, domain to use them)',
    ]);
  });

  it('guesses ; as the delimiter of a European spreadsheet export', () => {
    expect(pairs(read('eu.csv', 'Front;Back\nDNS;Domain Name System\n'))).toEqual([
      ['DNS', 'Domain Name System'],
    ]);
  });

  it('neutralises formula-like cells and keeps plain numbers', () => {
    const note = read(
      'evil.csv',
      'term,definition\n=HYPERLINK("http://x"),click\n@SUM(A1),+cmd|calc\nfreezing point,-0.5\n',
    );
    expect(pairs(note)).toEqual([
      [`'=HYPERLINK("http://x")`, 'click'],
      [`'@SUM(A1)`, `'+cmd|calc`],
      ['freezing point', '-0.5'],
    ]);
    expect(messages(note)).toEqual([
      "2 info: row 2: a cell starting with = + - or @ was neutralised with a leading ' (spreadsheets would run it as a formula)",
      "3 info: row 3: a cell starting with = + - or @ was neutralised with a leading ' (spreadsheets would run it as a formula)",
    ]);
    expect(neutralise('-x')).toBe("'-x");
    expect(neutralise('+3.5')).toBe('+3.5');
  });

  it('skips empty terms, empty definitions and duplicate terms with a warning on their row', () => {
    const note = read('gaps.tsv', 'EC2\tservers\n\tno term\nS3\t\nec2 \tagain\n');
    expect(pairs(note)).toEqual([['EC2', 'servers']]);
    expect(messages(note)).toEqual([
      '2 warning: row 2: empty term; skipped',
      '3 warning: row 3: empty definition; skipped',
      '4 warning: row 4: duplicate term "ec2" (first on line 1); skipped',
    ]);
  });

  it('gives a term the same id after the file is edited or moved, and keeps decks of different names apart', () => {
    const first = read('a/deck.csv', 'EC2,servers\nS3,storage\n');
    const edited = read('b/deck.csv', 'Lambda,functions\nS3,object storage\nEC2,virtual servers\n');
    const other = read('other.csv', 'EC2,servers\n');
    const id = (note: ParsedNote, term: string) => note.items.find((i) => i.prompt === term)?.id;
    expect(id(edited, 'EC2')).toBe(id(first, 'EC2'));
    expect(id(edited, 'S3')).toBe(id(first, 'S3'));
    expect(id(other, 'EC2')).not.toBe(id(first, 'EC2'));
  });

  it('reads UTF-16 with a byte-order mark and refuses other encodings with a clear message', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('café\tcoffee\n', 'utf16le')]);
    expect(pairs(read('fr.tsv', utf16))).toEqual([['café', 'coffee']]);
    const latin1 = Buffer.from('caf\xe9\tcoffee\n', 'latin1');
    const refused = read('fr.tsv', latin1);
    expect(refused.items).toEqual([]);
    expect(refused.diagnostics).toEqual([
      {
        file: 'fr.tsv',
        line: 1,
        column: 1,
        severity: 'error',
        message:
          'file is not UTF-8 (nor UTF-16 with a byte-order mark); save or export it as UTF-8 CSV and add it again',
      },
    ]);
  });

  it('refuses a file with more rows than the limit and warns about an empty file', () => {
    const rows = Array.from({ length: 6 }, (_, i) => `t${i},d${i}`).join('\n');
    expect(
      readCsvDeck('big.csv', Buffer.from(rows), { ...DEFAULT_CSV_LIMITS, maxRows: 5 }).diagnostics[0]
        ?.message,
    ).toBe('the file has more than 5 rows; split it');
    expect(messages(read('empty.csv', '\n\n'))).toEqual(['1 warning: file is empty']);
  });

  it('escapes Markdown in the answer so a cell shows as written', () => {
    const note = read('md.tsv', 'bold?\t**not bold** <@everyone> [link](http://x)\n');
    expect(note.items[0]?.answerMarkdown).toBe('\\*\\*not bold\\*\\* \\<\\@everyone\\> \\[link\\](http://x)');
  });
});
