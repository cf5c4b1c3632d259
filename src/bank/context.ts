import type { Node } from 'mdast';
import { hashId } from './ids.ts';
import type { Diagnostic, Item, Severity } from './types.ts';

/** The parts of an item an extractor decides; the note context fills in the rest. */
export type ItemDraft = Omit<Item, 'id' | 'note' | 'title' | 'section' | 'tags'> & { blockId?: string };

/** Per-note parsing state, created fresh for every note (never shared between notes). */
export class NoteContext {
  readonly items: Item[] = [];
  readonly diagnostics: Diagnostic[] = [];
  /** Heading texts by depth, below the title H1. */
  private readonly headings: { depth: number; text: string }[] = [];
  private readonly idLines = new Map<string, number>();
  private readonly sourceLines: string[];

  constructor(
    readonly path: string,
    readonly source: string,
    public title: string,
    public tags: string[],
  ) {
    this.sourceLines = source.split('\n');
  }

  /** Heading path below the title, joined with ` › `. */
  get section(): string {
    return this.headings.map((h) => h.text).join(' › ');
  }

  /** The innermost heading, or the note title: what a table or list "is about". */
  get topic(): string {
    return this.headings[this.headings.length - 1]?.text ?? this.title;
  }

  enterHeading(depth: number, text: string): void {
    while ((this.headings[this.headings.length - 1]?.depth ?? 0) >= depth) this.headings.pop();
    this.headings.push({ depth, text });
  }

  report(
    node: Node | undefined,
    severity: Severity,
    message: string,
    at?: { line: number; column: number },
  ): void {
    const start = at ?? node?.position?.start;
    this.diagnostics.push({
      file: this.path,
      line: start?.line ?? 1,
      column: start?.column ?? 1,
      severity,
      message,
    });
  }

  /** Adds an item, giving it its id; a duplicate id is reported and the later item dropped. */
  add(draft: ItemDraft): void {
    const { blockId, ...rest } = draft;
    const id = blockId ?? hashId(this.path, rest.prompt);
    const firstLine = this.idLines.get(id);
    if (firstLine !== undefined) {
      const message = blockId
        ? `duplicate block id ^${blockId} (first used on line ${firstLine}); this item is dropped`
        : `duplicate ${rest.kind} prompt "${truncate(rest.prompt)}" (first on line ${firstLine}); this item is dropped`;
      this.report(undefined, 'error', message, { line: rest.line, column: 1 });
      return;
    }
    this.idLines.set(id, rest.line);
    this.items.push({
      id,
      note: this.path,
      title: this.title,
      section: this.section,
      tags: this.tags,
      ...rest,
    });
  }

  /**
   * Adds the items one block yields. An explicit `^block-id` names a lone item as is; when the block
   * yields several, each gets the block id plus a short hash of its prompt, so they stay unique and stable.
   */
  addGroup(drafts: ItemDraft[], blockId?: string): void {
    for (const draft of drafts) {
      if (blockId === undefined) this.add(draft);
      else if (drafts.length === 1) this.add({ ...draft, blockId });
      else this.add({ ...draft, blockId: `${blockId}-${hashId('', draft.prompt).slice(0, 6)}` });
    }
  }

  /** True when an item of this note already uses this prompt (so a generated prompt can disambiguate). */
  hasPrompt(prompt: string): boolean {
    return this.idLines.has(hashId(this.path, prompt));
  }

  /** The source text of lines `from`..`to` (1-based, inclusive). */
  lines(from: number, to: number): string[] {
    return this.sourceLines.slice(from - 1, to);
  }

  /** The exact source text of a node, for `answerMarkdown`. */
  slice(start: number | undefined, end: number | undefined): string {
    return start === undefined || end === undefined ? '' : this.source.slice(start, end);
  }
}

function truncate(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
