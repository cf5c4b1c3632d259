import { createHash } from 'node:crypto';
import { normalizePrompt } from '../bank/ids.ts';
import type { ParsedNote } from '../bank/parse-note.ts';
import type { Diagnostic, Item, Severity } from '../bank/types.ts';

/** Problems reported one by one per file; past this, only a count per reason is added at the end. */
export const MAX_DIAGNOSTICS_PER_FILE = 200;

/** What an imported card decides; the deck fills in note, title and the folder tags. */
export type CardDraft = Omit<Item, 'note' | 'title' | 'tags'> & { tags: string[] };

/** A stable 12-hex id from parts that do not change when a deck is exported again. */
export function stableId(...parts: string[]): string {
  return createHash('sha1').update(parts.join('\n')).digest('hex').slice(0, 12);
}

/** Lower-cased tags with spaces as `-`, empty ones dropped. */
export function cleanTags(tags: Iterable<string>): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    const clean = tag.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, '-');
    if (clean !== '') out.add(clean);
  }
  return [...out];
}

/**
 * Collects the items and diagnostics of one imported file (an Anki package or a CSV/TSV): duplicate
 * ids and duplicate cards are skipped with a warning, and problems past `MAX_DIAGNOSTICS_PER_FILE`
 * are summed up instead of listed, so a huge broken deck cannot flood `/bank stats`.
 */
export class DeckBuilder {
  readonly items: Item[] = [];
  readonly diagnostics: Diagnostic[] = [];
  readonly path: string;
  readonly folderTags: string[];
  title: string;
  private readonly ids = new Map<string, number>();
  private readonly cards = new Map<string, number>();
  private readonly overflow = new Map<string, number>();

  constructor(relPath: string) {
    this.path = relPath.replace(/\\/g, '/').replace(/^\.?\//, '');
    const parts = this.path.split('/');
    this.folderTags = cleanTags(parts.slice(0, -1));
    this.title = (parts[parts.length - 1] ?? this.path).replace(/\.[^.]+$/, '');
  }

  /** Reports a problem at `line` (a CSV line, or a note's position in the collection). */
  report(line: number, severity: Severity, message: string, reason = message): void {
    if (this.diagnostics.length >= MAX_DIAGNOSTICS_PER_FILE && severity !== 'error') {
      this.overflow.set(reason, (this.overflow.get(reason) ?? 0) + 1);
      return;
    }
    this.diagnostics.push({ file: this.path, line, column: 1, severity, message });
  }

  /**
   * Adds a card (taking over `draft` as the item: its tags get the folder tags) unless its id (what the id is made of: `sameId`), or its prompt and answer, were seen
   * already; `where` names the row or note in the warning.
   */
  add(draft: CardDraft, where: string, sameId = `id ${draft.id}`): boolean {
    const firstId = this.ids.get(draft.id);
    if (firstId !== undefined) {
      this.report(
        draft.line,
        'warning',
        `${where}: duplicate ${sameId} (first on line ${firstId}); skipped`,
        'duplicate',
      );
      return false;
    }
    const card = `${draft.kind}\n${normalizePrompt(draft.prompt)}\n${normalizePrompt(draft.answer)}`;
    const firstCard = this.cards.get(card);
    if (firstCard !== undefined) {
      this.report(
        draft.line,
        'warning',
        `${where}: duplicate of the card on line ${firstCard}; skipped`,
        'duplicate card',
      );
      return false;
    }
    this.ids.set(draft.id, draft.line);
    this.cards.set(card, draft.line);
    const tags = draft.tags;
    for (const tag of this.folderTags) if (!tags.includes(tag)) tags.push(tag);
    const item = draft as Item;
    item.note = this.path;
    item.title = this.title;
    this.items.push(item);
    return true;
  }

  /** The file as the bank takes it: one "note" holding every card. */
  finish(skipped = false): ParsedNote {
    for (const [reason, count] of this.overflow) {
      this.diagnostics.push({
        file: this.path,
        line: 1,
        column: 1,
        severity: 'warning',
        message: `…and ${count} more: ${reason}`,
      });
    }
    this.overflow.clear();
    const tags = new Set(this.folderTags);
    for (const item of this.items) for (const tag of item.tags) tags.add(tag);
    for (const item of this.items) item.title = this.title;
    this.diagnostics.sort((a, b) => a.line - b.line);
    return {
      path: this.path,
      title: this.title,
      tags: [...tags],
      items: this.items,
      diagnostics: this.diagnostics,
      skipped,
    };
  }

  /** The file refused whole: one error, no items. */
  refuse(message: string): ParsedNote {
    this.items.length = 0;
    this.diagnostics.length = 0;
    this.diagnostics.push({ file: this.path, line: 1, column: 1, severity: 'error', message });
    return this.finish(true);
  }
}
