import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const shipped = fileURLToPath(new URL('../../data/aws/ami.md', import.meta.url));
const reference = fileURLToPath(new URL('../../../shared/notes/ami.md', import.meta.url));

describe.skipIf(!existsSync(reference))('the shipped seed note', () => {
  it('is byte for byte the reference note from shared/notes/ami.md', () => {
    expect(readFileSync(shipped).equals(readFileSync(reference))).toBe(true);
  });
});
