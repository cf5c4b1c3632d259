import { parseDocument } from 'yaml';

/** What the bank uses from a note's YAML frontmatter, plus any problem found. */
export interface Frontmatter {
  title?: string;
  tags: string[];
  /** `domain:`, the exam domain the note belongs to (docs/exam.md). */
  domain?: string;
  problems: { line: number; column: number; severity: 'error' | 'warning'; message: string }[];
}

/**
 * Reads `title`, `tags` and `domain` (a list, or a string separated by commas/spaces; `#` dropped, lower-cased).
 * `firstLine` is the note line of the first YAML line, so problems point into the note.
 */
export function readFrontmatter(yamlText: string, firstLine: number): Frontmatter {
  const result: Frontmatter = { tags: [], problems: [] };
  const doc = parseDocument(yamlText, { prettyErrors: true });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const pos = error?.linePos?.[0];
    result.problems.push({
      line: firstLine + (pos ? pos.line - 1 : 0),
      column: pos?.col ?? 1,
      severity: 'error',
      message: `frontmatter is not valid YAML: ${firstSentence(error?.message ?? 'parse error')}`,
    });
    return result;
  }
  const data: unknown = doc.toJS();
  if (data === null || data === undefined) return result;
  if (typeof data !== 'object' || Array.isArray(data)) {
    result.problems.push({
      line: firstLine,
      column: 1,
      severity: 'warning',
      message: 'frontmatter is not a key: value mapping; ignored',
    });
    return result;
  }
  const record = data as Record<string, unknown>;
  if (typeof record.title === 'string' && record.title.trim() !== '') result.title = record.title.trim();
  else if (record.title !== undefined && record.title !== null) {
    result.problems.push({
      line: firstLine,
      column: 1,
      severity: 'warning',
      message: 'frontmatter title is not text; ignored',
    });
  }
  result.tags = normalizeTags(record.tags ?? record.tag);
  if (typeof record.domain === 'string' && record.domain.trim() !== '') result.domain = record.domain.trim();
  else if (record.domain !== undefined && record.domain !== null) {
    result.problems.push({
      line: firstLine,
      column: 1,
      severity: 'warning',
      message: 'frontmatter domain is not text; ignored',
    });
  }
  return result;
}

function normalizeTags(raw: unknown): string[] {
  const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(/[,\s]+/) : [];
  return list
    .filter((tag): tag is string | number => typeof tag === 'string' || typeof tag === 'number')
    .map((tag) => String(tag).trim().replace(/^#/, '').toLowerCase())
    .filter((tag) => tag !== '');
}

/** The reason alone: yaml's own "at line 2, column 12" counts from the frontmatter, not the note. */
function firstSentence(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/\s*at line \d+, column \d+:?\s*$/, '').trim();
}
