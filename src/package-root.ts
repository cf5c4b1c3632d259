import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding flashcord's package.json, found by walking up from `from` (a file URL or
 * path). Source runs (tsx, src/play/http.ts) and built runs (dist/src/play/http.js) sit at
 * different depths, so a fixed `../../..` breaks in one of them; the package file does not move.
 */
export function findPackageRoot(from: string): string {
  let dir = dirname(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    if (isFlashcordPackage(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`flashcord's package.json not found above ${from}`);
    dir = parent;
  }
}

function isFlashcordPackage(file: string): boolean {
  if (!existsSync(file)) return false;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === 'flashcord';
  } catch {
    // A broken package.json further down (a fixture, a half-written file) is not ours: keep walking.
    return false;
  }
}

/** The flashcord package root (the repository checkout), whether this runs from src/ or dist/. */
export const PACKAGE_ROOT = findPackageRoot(import.meta.url);
