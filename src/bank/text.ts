import type { Nodes, PhrasingContent, RootContent } from 'mdast';

/** A highlighted span inside a piece of plain text. */
export interface Span {
  start: number;
  end: number;
  text: string;
}

/** One source line of a paragraph as plain text, with its highlights. */
export interface TextLine {
  text: string;
  highlights: Span[];
  /** 1-based line in the note. */
  line: number;
}

/**
 * Splits phrasing content into source lines of plain text, recording highlight spans.
 * Works on the tree, so `==` inside inline code is never mistaken for a highlight.
 */
export function phrasingLines(children: PhrasingContent[], firstLine: number): TextLine[] {
  const lines: TextLine[] = [{ text: '', highlights: [], line: firstLine }];
  const current = (): TextLine => lines[lines.length - 1] as TextLine;
  const append = (value: string): void => {
    const parts = value.split('\n');
    current().text += parts[0];
    for (const part of parts.slice(1)) {
      lines.push({ text: part, highlights: [], line: current().line + 1 });
    }
  };
  const walk = (nodes: PhrasingContent[]): void => {
    for (const node of nodes) {
      if (node.type === 'highlight') {
        const line = current();
        const start = line.text.length;
        walk(node.children);
        // A highlight spanning lines is recorded on the line where it ends, from its start there.
        const end = current().text.length;
        const owner = current();
        const from = owner === line ? start : 0;
        owner.highlights.push({ start: from, end, text: owner.text.slice(from, end) });
      } else if (node.type === 'break') {
        append('\n');
      } else if ('children' in node) {
        walk(node.children as PhrasingContent[]);
      } else if ('value' in node) {
        append(node.value);
      } else if (node.type === 'image' || node.type === 'imageReference') {
        append(node.alt ?? '');
      }
    }
  };
  walk(children);
  return lines;
}

/** Joins lines into one line of text, shifting the highlight spans accordingly. */
export function joinLines(lines: TextLine[]): { text: string; highlights: Span[] } {
  let text = '';
  const highlights: Span[] = [];
  for (const line of lines) {
    if (text.length > 0) text += ' ';
    const offset = text.length;
    text += line.text;
    for (const h of line.highlights) highlights.push({ ...h, start: h.start + offset, end: h.end + offset });
  }
  return { text, highlights };
}

/** Collapses runs of whitespace and trims. */
export function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Plain text of any node: blocks on their own lines, list items numbered or bulleted, no markup. */
export function plainText(node: Nodes): string {
  return blockText(node).trim();
}

function blockText(node: Nodes): string {
  switch (node.type) {
    case 'root':
    case 'blockquote':
      return blocksText(node.children);
    case 'list':
      return node.children
        .map((item, index) => {
          const marker = node.ordered ? `${(node.start ?? 1) + index}. ` : '• ';
          return marker + blocksText(item.children).trim().replace(/\n/g, '\n  ');
        })
        .join('\n');
    case 'listItem':
      return blocksText(node.children);
    case 'table':
      return node.children
        .map((row) => row.children.map((cell) => inlineText(cell.children)).join(' | '))
        .join('\n');
    case 'code':
      return node.value;
    case 'heading':
    case 'paragraph':
      return squash(inlineText(node.children));
    case 'yaml':
    case 'html':
    case 'definition':
    case 'thematicBreak':
      return '';
    default:
      return 'children' in node
        ? inlineText(node.children as PhrasingContent[])
        : 'value' in node
          ? node.value
          : '';
  }
}

function blocksText(children: RootContent[]): string {
  return children
    .map((child) => blockText(child))
    .filter((text) => text.trim() !== '')
    .join('\n');
}

/** Plain text of phrasing content (soft line breaks kept as newlines). */
export function inlineText(children: PhrasingContent[]): string {
  let out = '';
  for (const node of children) {
    if ('children' in node) out += inlineText(node.children as PhrasingContent[]);
    else if ('value' in node) out += node.value;
    else if (node.type === 'break') out += '\n';
    else if (node.type === 'image' || node.type === 'imageReference') out += node.alt ?? '';
  }
  return out;
}

/** Every highlighted phrase below a node, in document order, as plain text. */
export function highlightsIn(node: Nodes): string[] {
  const found: string[] = [];
  const walk = (n: Nodes): void => {
    if (n.type === 'highlight') {
      found.push(squash(inlineText(n.children)));
      return;
    }
    if ('children' in n) for (const child of n.children) walk(child as Nodes);
  };
  walk(node);
  return found.filter((text) => text !== '');
}
