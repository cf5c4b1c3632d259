import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const REVIEW = join(import.meta.dirname, '..', '..', 'src', 'review');

/** Every module specifier a file imports or re-exports. */
function importsOf(source: string): string[] {
  return [...source.matchAll(/\b(?:from|import)\s*\(?\s*'([^']+)'/g)].map((match) => match[1] ?? '');
}

describe('src/review is core', () => {
  const files = readdirSync(REVIEW).filter((name) => name.endsWith('.ts'));

  it('has modules to check', () => {
    expect(files).toContain('store.ts');
  });

  it.each(files)('%s imports neither keyv, the store nor discord.js', (name) => {
    const imports = importsOf(readFileSync(join(REVIEW, name), 'utf8'));
    const storage = imports.filter((spec) => /^(keyv|@keyv\/|discord\.js)|\/store\//.test(spec));
    expect(storage).toEqual([]);
  });
});
