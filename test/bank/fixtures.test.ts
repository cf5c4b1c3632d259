import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseNote } from '../../src/bank/index.ts';

// Each case is test/fixtures/bank/<case>/input.md with the expected ParsedNote in expected.json.
// `UPDATE=1 npx vitest run test/bank/fixtures.test.ts` rewrites expected.json from the current output.
const root = join(import.meta.dirname, '..', 'fixtures', 'bank');
const cases = readdirSync(root, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** Cases that are malformed on purpose: each must produce at least one diagnostic. */
const MALFORMED = [
  'broken-frontmatter',
  'duplicate-block-id',
  'empty-file',
  'empty-table',
  'non-utf8',
  'question-no-answer',
];

describe('note fixtures', () => {
  it.each(cases)('parses %s exactly as expected.json records', (name) => {
    const input = readFileSync(join(root, name, 'input.md'));
    const actual = parseNote(`${name}.md`, input);
    const expectedPath = join(root, name, 'expected.json');
    if (process.env.UPDATE === '1' || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, `${JSON.stringify(actual, null, 2)}\n`);
    }
    expect(actual).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
  });

  it.each(MALFORMED)('reports %s as a diagnostic with file and line instead of throwing', (name) => {
    const parsed = parseNote(`${name}.md`, readFileSync(join(root, name, 'input.md')));
    expect(parsed.diagnostics.length).toBeGreaterThan(0);
    for (const diagnostic of parsed.diagnostics) {
      expect(diagnostic.file).toBe(`${name}.md`);
      expect(diagnostic.line).toBeGreaterThanOrEqual(1);
      expect(diagnostic.column).toBeGreaterThanOrEqual(1);
    }
  });
});
