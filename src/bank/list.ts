import type { Code, List, Nodes } from 'mdast';
import type { NoteContext } from './context.ts';
import { highlightsIn, plainText, squash } from './text.ts';

const BOX_DRAWING = /[\u2500-\u25FF]/;
const NUMBERED_LINE = /^\s{0,3}(\d{1,3})[.)]\s+(\S.*)$/;
/** Fence languages that may hold numbered steps; code in a programming language never does. */
const PROSE_FENCES = new Set(['', 'text', 'txt', 'plain', 'plaintext', 'md', 'markdown', 'steps']);

/** An ordered list of two or more items → one `sequence` item with its steps in order. */
export function extractOrderedList(ctx: NoteContext, list: List, context: string, blockId?: string): void {
  const steps = list.children
    .map((item) => squash(plainText(firstBlock(item.children) ?? item)))
    .filter(Boolean);
  if (steps.length < 2) return;
  addSequence(ctx, steps, context, list.position?.start.line ?? 1, highlightsIn(list), blockId);
}

/**
 * Numbered lines (`1. …`) in a fenced block without a language → a `sequence`. Lines drawn with
 * box-drawing characters are never steps, so an ASCII-art diagram yields nothing.
 */
export function extractFencedSteps(ctx: NoteContext, code: Code, context: string, blockId?: string): void {
  if (!PROSE_FENCES.has((code.lang ?? '').toLowerCase())) return;
  const steps: string[] = [];
  for (const line of code.value.split('\n')) {
    const match = NUMBERED_LINE.exec(line);
    if (!match || BOX_DRAWING.test(line)) continue;
    // Steps must count 1, 2, 3…: other numbered lines (a port list, a date) are not a procedure.
    if (Number(match[1]) !== steps.length + 1) return;
    steps.push(squash(match[2] as string));
  }
  if (steps.length < 2) return;
  addSequence(ctx, steps, context, code.position?.start.line ?? 1, [], blockId);
}

/**
 * A task list (`- [x] right`, `- [ ] wrong`) after a question → a `choice` item.
 * Without a checked box it is a to-do list, not a question, and yields nothing.
 */
export function extractTaskList(
  ctx: NoteContext,
  list: List,
  question: string | undefined,
  blockId?: string,
): void {
  const choices = list.children.map((item) => ({
    text: squash(plainText(firstBlock(item.children) ?? item)),
    correct: item.checked === true,
  }));
  const right = choices.filter((choice) => choice.correct);
  if (right.length === 0 || choices.length < 2) return;
  if (!question) {
    ctx.report(
      list,
      'warning',
      'task list with a checked answer has no question before it (a paragraph or heading)',
    );
    return;
  }
  ctx.addGroup(
    [
      {
        kind: 'choice',
        prompt: question,
        answer: right.map((choice) => choice.text).join('; '),
        answerMarkdown: right.map((choice) => `- ${choice.text}`).join('\n'),
        keys: right.map((choice) => choice.text),
        line: list.position?.start.line ?? 1,
        choices,
      },
    ],
    blockId,
  );
}

function addSequence(
  ctx: NoteContext,
  steps: string[],
  context: string,
  line: number,
  keys: string[],
  blockId?: string,
): void {
  const plain = `${context}: the steps in order`;
  // Two procedures under one heading are both wanted: name the second by its first step.
  const prompt = ctx.hasPrompt(plain) ? `${plain}, starting “${steps[0]}”` : plain;
  ctx.addGroup(
    [
      {
        kind: 'sequence',
        prompt,
        answer: steps.join(' → '),
        answerMarkdown: steps.map((step, index) => `${index + 1}. ${step}`).join('\n'),
        keys,
        line,
        steps,
      },
    ],
    blockId,
  );
}

function firstBlock(children: Nodes[]): Nodes | undefined {
  return children.find((child) => child.type === 'paragraph') ?? children[0];
}
