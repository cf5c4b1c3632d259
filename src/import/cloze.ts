/** Anki cloze deletions (`{{c1::answer}}`, `{{c1::answer::hint}}`, nested ones too) read from field text. */

type Segment = string | Deletion;

interface Deletion {
  ordinal: number;
  hint: string | undefined;
  children: Segment[];
}

/** One card of a cloze note: the sentence with deletion `ordinal` blanked, and what fills the blank. */
export interface ClozeCard {
  ordinal: number;
  /** Every deletion shown: the full sentence. */
  sentence: string;
  /** Deletions of this ordinal as `____` (with the hint in brackets), the others shown. */
  blanked: string;
  /** The texts of this ordinal's deletions, in order. */
  answers: string[];
  /** The sentence as escaped Markdown with this ordinal's deletions as `==highlights==`. */
  markdown: string;
}

const OPEN = /\{\{c(\d{1,3})::/y;

/** Parses cloze markup; unmatched braces stay as text, so any input gives an answer. */
function parse(text: string): Segment[] {
  const root: Segment[] = [];
  const stack: { deletion: Deletion; parent: Segment[] }[] = [];
  let current = root;
  let buffer = '';
  const flush = (): void => {
    if (buffer !== '') current.push(buffer);
    buffer = '';
  };
  let i = 0;
  while (i < text.length) {
    OPEN.lastIndex = i;
    const open = OPEN.exec(text);
    if (open) {
      flush();
      const deletion: Deletion = { ordinal: Number(open[1]), hint: undefined, children: [] };
      stack.push({ deletion, parent: current });
      current = deletion.children;
      i = OPEN.lastIndex;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top && text.startsWith('}}', i)) {
      flush();
      // The hint is what follows the last `::` at this level (only in plain text, never nested).
      const lastText = current[current.length - 1];
      if (typeof lastText === 'string') {
        const at = lastText.lastIndexOf('::');
        if (at >= 0) {
          top.deletion.hint = lastText.slice(at + 2).trim() || undefined;
          const kept = lastText.slice(0, at);
          if (kept === '') current.pop();
          else current[current.length - 1] = kept;
        }
      }
      stack.pop();
      top.parent.push(top.deletion);
      current = top.parent;
      i += 2;
      continue;
    }
    buffer += text[i];
    i += 1;
  }
  flush();
  // Unclosed deletions: their markup is put back as text.
  while (stack.length > 0) {
    const top = stack.pop() as { deletion: Deletion; parent: Segment[] };
    top.parent.push(`{{c${top.deletion.ordinal}::`, ...top.deletion.children);
  }
  return root;
}

/** How deletions of the card's ordinal show: blanked for the question, marked for the answer. */
type Mode = { blank?: number; mark?: number; escapeText?: (text: string) => string };

function render(segments: Segment[], mode: Mode = {}): string {
  const escapeText = mode.escapeText ?? ((text: string) => text);
  return segments
    .map((segment) => {
      if (typeof segment === 'string') return escapeText(segment);
      if (segment.ordinal === mode.blank) return segment.hint ? `____ [${escapeText(segment.hint)}]` : '____';
      const inner = render(segment.children, mode);
      return segment.ordinal === mode.mark ? `==${inner}==` : inner;
    })
    .join('');
}

function collect(segments: Segment[], ordinal: number, out: string[]): void {
  for (const segment of segments) {
    if (typeof segment === 'string') continue;
    if (segment.ordinal === ordinal) out.push(render(segment.children));
    else collect(segment.children, ordinal, out);
  }
}

function ordinals(segments: Segment[], out: Set<number>): Set<number> {
  for (const segment of segments) {
    if (typeof segment === 'string') continue;
    out.add(segment.ordinal);
    ordinals(segment.children, out);
  }
  return out;
}

/**
 * The cards a cloze field makes, one per ordinal (c1, c2, …) in ascending order; `escapeText` makes the
 * text parts of `markdown` safe.
 */
export function clozeCards(text: string, escapeText: (text: string) => string): ClozeCard[] {
  const segments = parse(text);
  const sentence = render(segments);
  return [...ordinals(segments, new Set())]
    .sort((a, b) => a - b)
    .map((ordinal) => {
      const answers: string[] = [];
      collect(segments, ordinal, answers);
      return {
        ordinal,
        sentence,
        blanked: render(segments, { blank: ordinal }),
        answers,
        markdown: render(segments, { mark: ordinal, escapeText }),
      };
    });
}

/** True when the text holds at least one cloze deletion. */
export function hasCloze(text: string): boolean {
  return /\{\{c\d{1,3}::/.test(text);
}
