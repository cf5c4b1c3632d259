import type { Blockquote, Paragraph, RootContent } from 'mdast';
import type { NoteContext } from './context.ts';
import { splitBlockId } from './ids.ts';
import { clozeDrafts, paragraphLines } from './prose.ts';
import { highlightsIn, joinLines, plainText, squash, type TextLine } from './text.ts';

const CALLOUT = /^\[!(\w[\w-]*)\]([+-]?)\s*(.*)$/;
const QUESTION_TYPES = new Set(['question', 'faq', 'help']);
const QUESTION_NUMBER = /^(?:Q|Question)\s*\d+\s*[:.)-]\s*/i;
const ANSWER_LABEL = /^\s*(?:\*\*|__)?Answer(?:\s*:\s*(?:\*\*|__)?|(?:\*\*|__)\s*:)\s*/i;

/** An Obsidian callout: `> [!type]± title` followed by a body that stays mdast. */
export interface Callout {
  type: string;
  title: string;
  /** The first paragraph's lines after the title line. */
  bodyLines: TextLine[];
  /** The blocks after the first paragraph. */
  bodyBlocks: RootContent[];
  firstParagraph: Paragraph;
}

/** Reads a blockquote as a callout, if its first text is `[!type]`. */
export function readCallout(quote: Blockquote): Callout | undefined {
  const [first, ...bodyBlocks] = quote.children;
  if (first?.type !== 'paragraph') return undefined;
  const lines = paragraphLines(first);
  const match = CALLOUT.exec(lines[0]?.text ?? '');
  if (!match) return undefined;
  return {
    type: (match[1] as string).toLowerCase(),
    title: squash(match[3] ?? ''),
    bodyLines: lines.slice(1),
    bodyBlocks,
    firstParagraph: first,
  };
}

/** True for callout types whose title is a question and whose body is the answer. */
export function isQuestionCallout(callout: Callout): boolean {
  return QUESTION_TYPES.has(callout.type);
}

/**
 * Turns a question callout into a `qa` item: the title (without a "Q3:" number) is the prompt,
 * the body after an optional `**Answer:**` line is the answer, Markdown kept as written.
 */
export function extractQuestion(
  ctx: NoteContext,
  quote: Blockquote,
  callout: Callout,
  quoteDepth: number,
): void {
  const titleSplit = splitBlockId(callout.title);
  const prompt = squash(titleSplit.text.replace(QUESTION_NUMBER, ''));
  if (prompt === '') {
    ctx.report(
      quote,
      'error',
      `[!${callout.type}] callout has no question: write it after [!${callout.type}]`,
    );
    return;
  }
  const bodyLines = dropAnswerLabel(callout.bodyLines);
  const firstText = squash(joinLines(bodyLines).text);
  const parts = [firstText, ...callout.bodyBlocks.map((block) => plainText(block))].filter(
    (part) => part !== '',
  );
  const answerSplit = splitBlockId(parts.join('\n'));
  const answer = answerSplit.text.trim();
  if (answer === '') {
    ctx.report(quote, 'error', `question "${prompt}" has no answer: write it below the question line`);
    return;
  }
  const keys = [
    ...joinLines(bodyLines).highlights.map((h) => squash(h.text)),
    ...callout.bodyBlocks.flatMap((block) => highlightsIn(block)),
  ].filter((key) => key !== '');
  const markdown = splitBlockId(answerMarkdown(ctx, quote, callout, quoteDepth)).text.trim();
  ctx.add({
    kind: 'qa',
    prompt,
    answer,
    answerMarkdown: markdown,
    keys: [...new Set(keys)],
    line: quote.position?.start.line ?? 1,
    ...withBlockId(titleSplit.blockId ?? answerSplit.blockId),
  });
}

/** A non-question callout (tip, note…): its highlights become clozes, its blocks are read as usual. */
export function extractOtherCallout(
  ctx: NoteContext,
  callout: Callout,
  walk: (blocks: RootContent[]) => void,
): void {
  const titleSplit = splitBlockId(callout.title);
  ctx.addGroup(clozeDrafts(callout.bodyLines), titleSplit.blockId);
  walk(callout.bodyBlocks);
}

function withBlockId(blockId: string | undefined): { blockId?: string } {
  return blockId === undefined ? {} : { blockId };
}

function dropAnswerLabel(lines: TextLine[]): TextLine[] {
  const [first, ...rest] = lines;
  if (!first) return [];
  const label = /^\s*Answer\s*:\s*/i.exec(first.text);
  if (!label) return lines;
  const cut = label[0].length;
  const trimmed: TextLine = {
    line: first.line,
    text: first.text.slice(cut),
    highlights: first.highlights.map((h) => ({ ...h, start: h.start - cut, end: h.end - cut })),
  };
  return trimmed.text.trim() === '' ? rest : [trimmed, ...rest];
}

/** The answer exactly as written: source lines after the title, quote markers and the label removed. */
function answerMarkdown(ctx: NoteContext, quote: Blockquote, callout: Callout, quoteDepth: number): string {
  const titleLine = callout.firstParagraph.position?.start.line ?? 1;
  const endLine = quote.position?.end.line ?? titleLine;
  const lines = ctx.lines(titleLine + 1, endLine).map((line) => stripQuoteMarkers(line, quoteDepth));
  const firstContent = lines.findIndex((line) => line.trim() !== '');
  if (firstContent >= 0) {
    const line = lines[firstContent] as string;
    lines[firstContent] = line.replace(ANSWER_LABEL, '');
  }
  return lines
    .join('\n')
    .replace(/^\s*\n/, '')
    .trim();
}

function stripQuoteMarkers(line: string, depth: number): string {
  let out = line;
  for (let i = 0; i < depth; i++) {
    const marker = /^ {0,3}> ?/.exec(out);
    if (!marker) break;
    out = out.slice(marker[0].length);
  }
  return out;
}
