import type { Paragraph } from 'mdast';
import type { ItemDraft, NoteContext } from './context.ts';
import { splitBlockId } from './ids.ts';
import { joinLines, phrasingLines, type Span, squash, type TextLine } from './text.ts';

const ABBREVIATIONS = new Set([
  'e.g.',
  'i.e.',
  'etc.',
  'vs.',
  'approx.',
  'mr.',
  'mrs.',
  'dr.',
  'fig.',
  'no.',
  'cf.',
]);
const MIN_CLOZE_CONTEXT_WORDS = 2;

/**
 * Extracts the items of a prose paragraph: spaced-repetition cards (`front::back`, `front:::back`,
 * `?` on its own line) and one cloze per `==highlight==` in the remaining sentences.
 */
export function extractParagraph(ctx: NoteContext, paragraph: Paragraph, trailingBlockId?: string): void {
  const lines = paragraphLines(paragraph);
  const idSplit = splitLastLineBlockId(lines);
  const blockId = idSplit ?? trailingBlockId;

  const separator = lines.findIndex((line) => line.text.trim() === '?' || line.text.trim() === '??');
  if (separator > 0 && separator < lines.length - 1) {
    const reversible = lines[separator]?.text.trim() === '??';
    const front = lines.slice(0, separator);
    const back = lines.slice(separator + 1);
    ctx.addGroup(cardDrafts(front, back, reversible, front[0]?.line ?? 1), blockId);
    return;
  }

  const drafts: ItemDraft[] = [];
  const proseLines: TextLine[] = [];
  for (const line of lines) {
    const card = inlineCard(line);
    if (card) drafts.push(...card);
    else proseLines.push(line);
  }
  drafts.push(...clozeDrafts(proseLines));
  ctx.addGroup(drafts, blockId);
}

/** The paragraph's source lines as plain text with highlight spans. */
export function paragraphLines(paragraph: Paragraph): TextLine[] {
  return phrasingLines(paragraph.children, paragraph.position?.start.line ?? 1);
}

/** Removes a trailing `^block-id` from the last line, returning the id. */
export function splitLastLineBlockId(lines: TextLine[]): string | undefined {
  const last = lines[lines.length - 1];
  if (!last) return undefined;
  const split = splitBlockId(last.text);
  if (split.blockId === undefined) return undefined;
  last.text = split.text;
  last.highlights = last.highlights.filter((h) => h.end <= split.text.length);
  return split.blockId;
}

/** Cloze drafts for every highlight in these lines, each in its own sentence. */
export function clozeDrafts(lines: TextLine[]): ItemDraft[] {
  const drafts: ItemDraft[] = [];
  const byLine = lines.flatMap((line) => line.highlights.map(() => line.line));
  const { text, highlights } = joinLines(lines);
  const bounds = sentenceBounds(text);
  highlights.forEach((highlight, index) => {
    const answer = squash(highlight.text);
    if (answer === '') return;
    const [start, end] = bounds.find(([s, e]) => highlight.start >= s && highlight.start < e) ?? [
      0,
      text.length,
    ];
    const before = text.slice(start, highlight.start);
    const after = text.slice(highlight.end, end);
    const blanked = squash(`${before}____${after}`);
    const context = squash(`${before} ${after}`).replace(/[^\p{L}\p{N}\s]/gu, ' ');
    if (squash(context).split(' ').filter(Boolean).length < MIN_CLOZE_CONTEXT_WORDS) return;
    const others = highlights.filter((h) => h !== highlight && h.start >= start && h.end <= end);
    drafts.push({
      kind: 'cloze',
      prompt: blanked,
      answer,
      answerMarkdown: squash(withHighlights(text.slice(start, end), [highlight, ...others], start)),
      keys: [answer],
      line: byLine[index] ?? lines[0]?.line ?? 1,
      cloze: { sentence: squash(text.slice(start, end)), blanked },
    });
  });
  return drafts;
}

/** Re-wraps highlight spans in `==`, for Markdown built from plain text. */
export function withHighlights(text: string, spans: Span[], offset = 0): string {
  let out = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    const s = span.start - offset;
    const e = span.end - offset;
    if (s < 0 || e > out.length) continue;
    out = `${out.slice(0, s)}==${out.slice(s, e)}==${out.slice(e)}`;
  }
  return out;
}

/** [start, end) of each sentence; a period after a common abbreviation does not end one. */
function sentenceBounds(text: string): [number, number][] {
  const bounds: [number, number][] = [];
  let start = 0;
  for (const match of text.matchAll(/[.!?]+(?=\s+["'([]?[\p{Lu}\p{N}])/gu)) {
    const end = (match.index ?? 0) + match[0].length;
    const word = text.slice(text.lastIndexOf(' ', end - 1) + 1, end).toLowerCase();
    if (ABBREVIATIONS.has(word)) continue;
    bounds.push([start, end]);
    start = end;
  }
  bounds.push([start, text.length]);
  return bounds;
}

function inlineCard(line: TextLine): ItemDraft[] | undefined {
  const triple = line.text.indexOf(':::');
  const double = line.text.indexOf('::');
  const at = triple >= 0 ? triple : double;
  if (at < 0) return undefined;
  const width = triple >= 0 ? 3 : 2;
  const front: TextLine = {
    ...line,
    text: line.text.slice(0, at),
    highlights: line.highlights.filter((h) => h.end <= at),
  };
  const back: TextLine = {
    line: line.line,
    text: line.text.slice(at + width),
    highlights: line.highlights
      .filter((h) => h.start >= at + width)
      .map((h) => ({ ...h, start: h.start - at - width, end: h.end - at - width })),
  };
  if (squash(front.text) === '' || squash(back.text) === '') return undefined;
  return cardDrafts([front], [back], triple >= 0, line.line);
}

function cardDrafts(front: TextLine[], back: TextLine[], reversible: boolean, line: number): ItemDraft[] {
  const side = (lines: TextLine[]) => {
    const joined = joinLines(lines);
    return {
      text: squash(joined.text),
      markdown: lines.map((l) => withHighlights(l.text, l.highlights).trim()).join('\n'),
      keys: joined.highlights.map((h) => squash(h.text)).filter(Boolean),
    };
  };
  const a = side(front);
  const b = side(back);
  const card = (q: typeof a, r: typeof a): ItemDraft => ({
    kind: 'qa',
    prompt: q.text,
    answer: r.text,
    answerMarkdown: r.markdown,
    keys: r.keys,
    line,
  });
  return reversible ? [card(a, b), card(b, a)] : [card(a, b)];
}
