import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { findPackageRoot, PACKAGE_ROOT } from '../../src/package-root.ts';

const REPO = resolve(import.meta.dirname, '../..');

describe('the package root', () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) rmSync(dir, { recursive: true, force: true });
  });

  /** A throwaway install: a flashcord package.json, a nested package.json of another name, and dist/. */
  function fakeInstall(): string {
    const root = mkdtempSync(join(tmpdir(), 'flashcord-root-'));
    made.push(root);
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'flashcord' }));
    mkdirSync(join(root, 'dist', 'src', 'play'), { recursive: true });
    writeFileSync(join(root, 'dist', 'package.json'), '{ not json');
    mkdirSync(join(root, 'src', 'play'), { recursive: true });
    writeFileSync(join(root, 'src', 'play', 'package.json'), JSON.stringify({ name: 'other' }));
    return root;
  }

  it('is the repository checkout when running from source', () => {
    expect(PACKAGE_ROOT).toBe(REPO);
  });

  it('is the same folder from a source file and from its compiled copy in dist/, one level deeper', () => {
    const root = fakeInstall();
    expect(findPackageRoot(pathToFileURL(join(root, 'src', 'play', 'http.ts')).href)).toBe(root);
    expect(findPackageRoot(pathToFileURL(join(root, 'dist', 'src', 'play', 'http.js')).href)).toBe(root);
    expect(findPackageRoot(join(root, 'dist', 'src', 'play', 'http.js'))).toBe(root);
  });

  it('says so when no flashcord package.json is above the file', () => {
    const lone = mkdtempSync(join(tmpdir(), 'flashcord-lone-'));
    made.push(lone);
    expect(() => findPackageRoot(join(lone, 'x.js'))).toThrow(/package\.json not found/);
  });
});
