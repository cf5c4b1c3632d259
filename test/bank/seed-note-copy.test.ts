import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { requirement } from '../support/requirements.ts';

const shipped = fileURLToPath(new URL('../../data/aws/ami.md', import.meta.url));
const reference = fileURLToPath(new URL('../../../shared/notes/ami.md', import.meta.url));

/** sha256 of shared/notes/ami.md, recorded so the check runs where that folder is absent (CI, clones). */
const REFERENCE_SHA256 = 'a6e3794c0d5bf7c85a9daa4d6363f141074446a26280b4d9abac10de5e23fec4';

describe('the shipped seed note', () => {
  it('has the recorded sha256 of the reference note shared/notes/ami.md', () => {
    const sha256 = createHash('sha256').update(readFileSync(shipped)).digest('hex');
    expect(sha256).toBe(REFERENCE_SHA256);
  });

  const shared = requirement(
    existsSync(reference),
    'no shared/notes/ami.md beside this checkout (only the development machine has it); the sha256 check above covers clones',
  );
  it.skipIf(!shared.met)(shared.title('is byte for byte the reference note from shared/notes/ami.md'), () => {
    expect(readFileSync(shipped).equals(readFileSync(reference))).toBe(true);
  });
});
