import { UserError } from '../core/errors.ts';
import { deckReaderFor } from '../import/index.ts';

/** Own notes live under this folder in a server's bank, so their paths (and ids) never clash with DATA_DIR's. */
export const OWN_NOTES_ROOT = 'server';
/** Longest note name (with `.md`) and longest folder path. */
export const NAME_MAX = 80;
export const FOLDER_MAX = 60;
const FOLDER_DEPTH_MAX = 3;
/** Letters, digits, space, `_`, `-`, `.`, `(`, `)`: nothing a shell, a path or Markdown treats specially. */
const SAFE_PART = /^[\p{L}\p{N} _().-]+$/u;

/** Where an own note sits: `key` in the store (`aws/vpc.md`) and `path` in the server's bank (`server/aws/vpc.md`). */
export interface NoteName {
  key: string;
  path: string;
}

/**
 * Checks an uploaded file name and optional folder and returns the note's key and bank path; throws a
 * `UserError` naming the problem: only `.md`, no path separators, no `..`, no hidden files.
 */
export function noteName(fileName: string, folder?: string | null): NoteName {
  const name = fileName.normalize('NFC').trim();
  if (name === '') throw new UserError('The file has no name.');
  if (/[/\\]/.test(name))
    throw new UserError(`“${shown(name)}” is not a plain file name: no / or \\ allowed.`);
  if (name.startsWith('.'))
    throw new UserError(`“${shown(name)}” is a hidden file name; it must not start with a dot.`);
  const extension = fileExtension(name);
  if (!extension)
    throw new UserError(
      `“${shown(name)}” is not a note or a deck: only .md files (notes) and .apkg, .colpkg, .csv, .tsv decks can be added.`,
    );
  const stem = name.slice(0, -extension.length);
  checkPart(stem, 'file name', name);
  if (name.length > NAME_MAX) throw new UserError(`The file name is longer than ${NAME_MAX} characters.`);
  const folders = folderParts(folder);
  const key = [...folders, `${stem}${extension}`].join('/');
  return { key, path: `${OWN_NOTES_ROOT}/${key}` };
}

/** The key of an own note from its bank path or key as a user may type it (`server/aws/vpc.md`, `aws/vpc`). */
export function keyFromInput(input: string): string {
  let key = input.trim().replace(/\\/g, '/').replace(/^\/+/, '');
  if (key.startsWith(`${OWN_NOTES_ROOT}/`)) key = key.slice(OWN_NOTES_ROOT.length + 1);
  const extension = fileExtension(key);
  return extension ? `${key.slice(0, -extension.length)}${extension}` : `${key}.md`;
}

/** `.md` or a deck extension, lower-cased, when the name ends in one. */
function fileExtension(name: string): string | undefined {
  if (/\.md$/i.test(name)) return '.md';
  if (!deckReaderFor(name)) return undefined;
  return name.slice(name.lastIndexOf('.')).toLowerCase();
}

function folderParts(folder: string | null | undefined): string[] {
  const trimmed =
    folder
      ?.normalize('NFC')
      .trim()
      .replace(/^\/+|\/+$/g, '') ?? '';
  if (trimmed === '') return [];
  if (trimmed.includes('\\')) throw new UserError('A folder is written with / between its parts, never \\.');
  if (trimmed.length > FOLDER_MAX) throw new UserError(`The folder is longer than ${FOLDER_MAX} characters.`);
  const parts = trimmed.split('/');
  if (parts.length > FOLDER_DEPTH_MAX)
    throw new UserError(`A folder can be at most ${FOLDER_DEPTH_MAX} levels deep.`);
  for (const part of parts) checkPart(part, 'folder', trimmed);
  return parts;
}

function checkPart(part: string, what: string, whole: string): void {
  if (part === '' || part.trim() !== part)
    throw new UserError(`The ${what} “${shown(whole)}” has an empty or padded part.`);
  if (part === '.' || part === '..' || part.startsWith('.'))
    throw new UserError(`The ${what} “${shown(whole)}” must not contain . or .. or start with a dot.`);
  if (!SAFE_PART.test(part))
    throw new UserError(
      `The ${what} “${shown(whole)}” may only use letters, digits, spaces and _ - . ( ); rename it and try again.`,
    );
}

/** A name as it may be shown back: short, without backticks or line breaks. */
function shown(name: string): string {
  const flat = name.replace(/[`\r\n]/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
