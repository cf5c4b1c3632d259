import type { Table, TableCell } from 'mdast';
import type { ItemDraft, NoteContext } from './context.ts';
import { highlightsIn, inlineText, squash } from './text.ts';

/** Headers that say "the first column names things" even in a two-column table. */
const NAMING_HEADERS = new Set([
  'feature',
  'features',
  'source',
  'sources',
  'term',
  'terms',
  'name',
  'service',
  'concept',
  'property',
  'type',
  'option',
  'key',
  'item',
  'setting',
  'parameter',
  'component',
  'resource',
  'attribute',
  'field',
  'aspect',
]);
const CONTRASTS: [string, string][] = [
  ['without', 'with'],
  ['before', 'after'],
  ['old', 'new'],
  ['manual', 'automated'],
  ['bad', 'good'],
  ["don't", 'do'],
];

/**
 * Turns a GFM table into `fact` items: one per non-key cell (row key × column), or, for a two-column
 * comparison table (`Without AMI | With AMI`), one `pair` fact per row (left cell → right cell).
 */
export function extractTable(ctx: NoteContext, table: Table, blockId?: string): void {
  const [header, ...rows] = table.children;
  if (!header) return;
  const columns = header.children.map((cell) => cellText(cell));
  if (rows.length === 0) {
    ctx.report(table, 'warning', `table "${ctx.topic}" has a header but no rows; it yields no facts`);
    return;
  }
  const comparison = isComparison(columns);
  const tableName = ctx.topic;
  const drafts: ItemDraft[] = [];
  for (const row of rows) {
    const [keyCell, ...cells] = row.children;
    const key = keyCell ? cellText(keyCell) : '';
    if (key === '') {
      ctx.report(
        keyCell ?? row,
        'warning',
        `empty table cell: row ${describeRow(row.children)} has no name in its first column; row skipped`,
      );
      continue;
    }
    cells.forEach((cell, offset) => {
      const columnIndex = offset + 1;
      const column = columns[columnIndex] ?? `column ${columnIndex + 1}`;
      const answer = cellText(cell);
      if (answer === '') {
        ctx.report(cell.position ? cell : row, 'warning', `empty table cell: "${key}" has no "${column}"`);
        return;
      }
      const shape = comparison ? 'pair' : 'cell';
      drafts.push({
        kind: 'fact',
        prompt: comparison
          ? `${columns[0] ?? ''}: “${key}” — ${column}?`
          : columns.length === 2
            ? `${tableName}: ${key}?`
            : `${tableName}: ${key} — ${column}?`,
        answer,
        answerMarkdown: cellMarkdown(ctx, cell),
        keys: highlightsIn(cell),
        line: row.position?.start.line ?? table.position?.start.line ?? 1,
        fact: { table: tableName, row: key, column, columnIndex, shape },
      });
    });
  }
  ctx.addGroup(drafts, blockId);
}

/** A two-column table whose headers contrast the same thing: `Without AMI | With AMI`, `Before | After`. */
function isComparison(columns: string[]): boolean {
  if (columns.length !== 2) return false;
  const [left, right] = columns.map((c) => c.toLowerCase().split(/\s+/).filter(Boolean)) as [
    string[],
    string[],
  ];
  if (left.length === 1 && NAMING_HEADERS.has(left[0] as string)) return false;
  if (CONTRASTS.some(([a, b]) => left[0] === a && right[0] === b)) return true;
  if (/\bvs\.?\b/.test(columns.join(' ').toLowerCase())) return true;
  const shared = left.filter((word) => right.includes(word));
  return shared.length > 0 && shared.length < Math.max(left.length, right.length);
}

function cellText(cell: TableCell): string {
  return squash(inlineText(cell.children));
}

function cellMarkdown(ctx: NoteContext, cell: TableCell): string {
  const first = cell.children[0];
  const last = cell.children[cell.children.length - 1];
  return ctx.slice(first?.position?.start.offset, last?.position?.end.offset).trim();
}

function describeRow(cells: TableCell[]): string {
  const text = cells.map((cell) => cellText(cell)).find((t) => t !== '');
  return text ? `"${text}"` : '(empty)';
}
