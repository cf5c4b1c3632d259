import type { Heading, Paragraph, Root, RootContent } from 'mdast';
import { extractOtherCallout, extractQuestion, isQuestionCallout, readCallout } from './callout.ts';
import { NoteContext } from './context.ts';
import { decodeNote } from './decode.ts';
import { readFrontmatter } from './frontmatter.ts';
import { isBlockIdOnly } from './ids.ts';
import { extractFencedSteps, extractOrderedList, extractTaskList } from './list.ts';
import { createMarkdownParser } from './processor.ts';
import { extractParagraph } from './prose.ts';
import { extractTable } from './table.ts';
import { inlineText, squash } from './text.ts';
import type { Diagnostic, Item } from './types.ts';

/** Notes above this size still load, with an `info` diagnostic: they slow every reload. */
export const LARGE_NOTE_BYTES = 1024 * 1024;

/** Everything one note contributes to the bank. */
export interface ParsedNote {
  /** Path relative to the bank root, `/` separators. */
  path: string;
  title: string;
  tags: string[];
  items: Item[];
  diagnostics: Diagnostic[];
  /** True when the note could not be read at all (not UTF-8). */
  skipped: boolean;
}

// The frozen processor holds no per-note state; building it once is the main parse speed-up.
const parseMarkdown = createMarkdownParser();

/**
 * Parses one note into items and diagnostics. Pure and per file, so a reload can re-parse only the
 * notes that changed; it never throws for any input.
 */
export function parseNote(relPath: string, bytes: Buffer | string): ParsedNote {
  const path = relPath.replace(/\\/g, '/').replace(/^\.?\//, '');
  const folderTags = path
    .split('/')
    .slice(0, -1)
    .map((folder) => folder.toLowerCase());
  const fileTitle = (path.split('/').pop() ?? path).replace(/\.md$/i, '');
  const empty = (diagnostics: Diagnostic[], skipped: boolean): ParsedNote => ({
    path,
    title: fileTitle,
    tags: unique(folderTags),
    items: [],
    diagnostics,
    skipped,
  });

  const decoded = decodeNote(bytes);
  if (!decoded.ok) {
    return empty(
      [
        {
          file: path,
          line: decoded.line,
          column: decoded.column,
          severity: 'error',
          message: decoded.message,
        },
      ],
      true,
    );
  }
  if (decoded.text.trim() === '') {
    return empty([{ file: path, line: 1, column: 1, severity: 'warning', message: 'note is empty' }], false);
  }

  try {
    return parseText(path, decoded.text, fileTitle, folderTags, byteLength(bytes));
  } catch (error) {
    // A parser bug must cost one note, never the bank.
    const message = error instanceof Error ? error.message : String(error);
    return empty(
      [{ file: path, line: 1, column: 1, severity: 'error', message: `could not parse note: ${message}` }],
      true,
    );
  }
}

function parseText(
  path: string,
  text: string,
  fileTitle: string,
  folderTags: string[],
  size: number,
): ParsedNote {
  const tree = parseMarkdown(text);
  const diagnostics: Diagnostic[] = [];
  let frontTitle: string | undefined;
  let frontTags: string[] = [];
  let frontDomain: string | undefined;
  const yamlNode = tree.children[0]?.type === 'yaml' ? tree.children[0] : undefined;
  if (yamlNode) {
    const front = readFrontmatter(yamlNode.value, (yamlNode.position?.start.line ?? 1) + 1);
    frontTitle = front.title;
    frontTags = front.tags;
    frontDomain = front.domain;
    for (const problem of front.problems) diagnostics.push({ file: path, ...problem });
  }
  const titleHeading = tree.children.find(
    (node): node is Heading => node.type === 'heading' && node.depth === 1,
  );
  const title = frontTitle ?? (titleHeading ? headingText(titleHeading) : fileTitle);
  const ctx = new NoteContext(path, text, title, unique([...frontTags, ...folderTags]));
  ctx.diagnostics.push(...diagnostics);
  if (size > LARGE_NOTE_BYTES) {
    ctx.report(
      undefined,
      'info',
      `large note (${(size / 1024 / 1024).toFixed(1)} MB): it loads, but slows every reload; consider splitting it`,
    );
  }
  walkRoot(ctx, tree, titleHeading);
  if (frontDomain !== undefined) for (const item of ctx.items) item.domain = frontDomain;
  ctx.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { path, title, tags: ctx.tags, items: ctx.items, diagnostics: ctx.diagnostics, skipped: false };
}

function walkRoot(ctx: NoteContext, tree: Root, titleHeading: Heading | undefined): void {
  walkBlocks(ctx, tree.children, 0, (heading) => {
    if (heading !== titleHeading) ctx.enterHeading(heading.depth, headingText(heading));
  });
}

/**
 * Reads a run of sibling blocks in document order. `quoteDepth` counts enclosing blockquotes (to strip
 * `>` markers from answers); headings only move the section at the top level.
 */
function walkBlocks(
  ctx: NoteContext,
  blocks: RootContent[],
  quoteDepth: number,
  onHeading?: (heading: Heading) => void,
): void {
  const walkNested = (children: RootContent[]): void => walkBlocks(ctx, children, quoteDepth);
  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    const trailingId =
      next?.type === 'paragraph' ? isBlockIdOnly(squash(inlineText(next.children))) : undefined;
    const previous = blocks[index - 1];
    switch (block.type) {
      case 'heading':
        onHeading?.(block);
        return;
      case 'paragraph':
        if (isBlockIdOnly(squash(inlineText(block.children)))) return;
        extractParagraph(ctx, block, trailingId);
        return;
      case 'blockquote': {
        const callout = readCallout(block);
        if (!callout) walkBlocks(ctx, block.children, quoteDepth + 1);
        else if (isQuestionCallout(callout)) extractQuestion(ctx, block, callout, quoteDepth + 1);
        else extractOtherCallout(ctx, callout, (children) => walkBlocks(ctx, children, quoteDepth + 1));
        return;
      }
      case 'table':
        extractTable(ctx, block, trailingId);
        return;
      case 'code':
        extractFencedSteps(ctx, block, listContext(previous, ctx), trailingId);
        return;
      case 'list': {
        if (block.children.some((item) => typeof item.checked === 'boolean')) {
          extractTaskList(ctx, block, questionBefore(previous, ctx), trailingId);
          return;
        }
        if (block.ordered) extractOrderedList(ctx, block, listContext(previous, ctx), trailingId);
        for (const item of block.children) walkNested(item.children);
        return;
      }
      default:
        return;
    }
  });
}

/** The question a task list answers: the paragraph right before it, else the current heading. */
function questionBefore(previous: RootContent | undefined, ctx: NoteContext): string | undefined {
  if (previous?.type === 'paragraph') return paragraphText(previous);
  if (previous?.type === 'heading') return headingText(previous);
  return ctx.section === '' ? undefined : ctx.topic;
}

/** What an ordered list is the steps of: a lead-in paragraph ending in ":", else the heading. */
function listContext(previous: RootContent | undefined, ctx: NoteContext): string {
  if (previous?.type === 'paragraph') {
    const text = paragraphText(previous);
    if (text.endsWith(':') && text.length <= 120) return text.slice(0, -1).trim();
  }
  return ctx.topic;
}

function paragraphText(paragraph: Paragraph): string {
  return squash(inlineText(paragraph.children));
}

function headingText(heading: Heading): string {
  return squash(inlineText(heading.children)).replace(/\s*\^[\w-]+$/, '');
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function byteLength(bytes: Buffer | string): number {
  return typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.length;
}
