import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '..', '..', 'src');
const MAIN = join(SRC, 'main.ts');

/** Every relative module a file imports, resolved to a path. */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) =>
    resolve(dirname(file), m[1] ?? ''),
  );
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return filesUnder(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('src/main.ts is the top of the import graph', () => {
  it('is imported by no module that main.ts itself reaches (no import circle)', () => {
    const reached = new Set<string>();
    const visit = (file: string): void => {
      for (const target of importsOf(file)) {
        if (reached.has(target) || !target.startsWith(SRC)) continue;
        reached.add(target);
        visit(target);
      }
    };
    visit(MAIN);
    const backToMain = [...reached].filter((file) => file !== MAIN && importsOf(file).includes(MAIN));
    expect(backToMain.map((file) => relative(SRC, file))).toEqual([]);
    expect(reached.has(MAIN)).toBe(false);
  });

  it('leaves the start-up types to src/start-options.ts for the features', () => {
    const users = filesUnder(SRC).filter((file) =>
      /\b(ReadyHook|StartOptions)\b/.test(readFileSync(file, 'utf8')),
    );
    const fromMain = users.filter((file) => file !== MAIN && importsOf(file).includes(MAIN));
    expect(fromMain.map((file) => relative(SRC, file))).toEqual([]);
  });
});
