import { deckReaderFor } from '../import/index.ts';
import { type ParsedNote, parseNote } from './parse-note.ts';

/** True for a file the bank reads: a Markdown note or an imported deck (`.apkg`, `.colpkg`, `.csv`, `.tsv`). */
export function isBankFile(path: string): boolean {
  return path.toLowerCase().endsWith('.md') || deckReaderFor(path) !== undefined;
}

/** Parses a note or reads a deck, by the file's extension; never throws or rejects. */
export function parseSource(relPath: string, bytes: Buffer): ParsedNote | Promise<ParsedNote> {
  const reader = deckReaderFor(relPath);
  if (!reader) return parseNote(relPath, bytes);
  // A reader bug must cost one file, never the bank.
  const failed = (error: unknown): ParsedNote => ({
    path: relPath,
    title: relPath.split('/').pop() ?? relPath,
    tags: [],
    items: [],
    diagnostics: [
      {
        file: relPath,
        line: 1,
        column: 1,
        severity: 'error',
        message: `could not read deck: ${error instanceof Error ? error.message : String(error)}`,
      },
    ],
    skipped: true,
  });
  try {
    return Promise.resolve(reader(relPath, bytes)).catch(failed);
  } catch (error) {
    return failed(error);
  }
}
