import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readAnkiPackage } from '../../src/import/anki.ts';
import { DEFAULT_ZIP_LIMITS, listZip, readZipEntry, ZipError } from '../../src/import/zip.ts';
import { buildCollection, zipPackage } from './anki-fixture.ts';

/** Central directory header of `name` in a zip fflate wrote (no comments, no zip64). */
function centralHeader(zip: Uint8Array, name: string): number {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (let at = 0; at + 46 < zip.length; at++) {
    if (view.getUint32(at, true) !== 0x02014b50) continue;
    const length = view.getUint16(at + 28, true);
    if (new TextDecoder().decode(zip.subarray(at + 46, at + 46 + length)) === name) return at;
  }
  throw new Error(`no ${name}`);
}

function withDeclaredSize(zip: Uint8Array, name: string, size: number): Uint8Array {
  const copy = Uint8Array.from(zip);
  new DataView(copy.buffer).setUint32(centralHeader(copy, name) + 24, size, true);
  return copy;
}

describe('zip bombs and damaged archives', () => {
  it('refuses an entry compressed far more than a collection is, before inflating it', () => {
    const bomb = zipSync({ 'collection.anki2': new Uint8Array(32 * 1024 * 1024) });
    const [entry] = listZip(bomb);
    expect(entry && entry.size / entry.compressedSize).toBeGreaterThan(200);
    expect(() => readZipEntry(bomb, entry as never)).toThrow(/compressed more than 200:1, as zip bombs are/);
  });

  it('stops inflating as soon as an entry unpacks to more than its declared size', () => {
    const lying = withDeclaredSize(
      zipSync({ 'collection.anki2': strToU8('y'.repeat(200_000)) }),
      'collection.anki2',
      1000,
    );
    const [entry] = listZip(lying);
    expect(() => readZipEntry(lying, entry as never)).toThrow(
      /unpacks to more than the 1000 bytes the archive declares/,
    );
  });

  it('refuses an entry that declares more than the size limit', () => {
    const zip = withDeclaredSize(
      zipSync({ 'collection.anki2': strToU8('small') }),
      'collection.anki2',
      0xfffffff0,
    );
    const [entry] = listZip(zip);
    expect(() => readZipEntry(zip, entry as never)).toThrow(
      /would unpack to 4096 MB; at most 256 MB is read/,
    );
  });

  it('refuses archives with more entries than the limit, and names the cause in the deck diagnostic', async () => {
    const entries = Object.fromEntries(
      Array.from({ length: 12 }, (_, i) => [String(i), new Uint8Array([i])]),
    );
    const zip = zipPackage(await buildCollection([]), { extraEntries: entries });
    expect(() => listZip(zip, { ...DEFAULT_ZIP_LIMITS, maxEntries: 10 })).toThrow(ZipError);
    const note = await readAnkiPackage('many.apkg', zip, {
      ...DEFAULT_ZIP_LIMITS,
      maxEntries: 10,
      maxPackageBytes: 1 << 20,
      maxNotes: 10,
    });
    expect(note.diagnostics[0]?.message).toBe('the archive has 14 entries; at most 10 are read');
  });

  it('reports a truncated archive as damaged rather than crashing', async () => {
    const zip = zipPackage(await buildCollection([{ guid: 'a', type: 'Basic', fields: ['q', 'a'] }]));
    const note = await readAnkiPackage('cut.apkg', zip.subarray(0, zip.length - 30));
    expect(note.diagnostics).toHaveLength(1);
    expect(note.diagnostics[0]?.severity).toBe('error');
  });

  it('never reads media files: only the collection is inflated', async () => {
    const bombMedia = new Uint8Array(16 * 1024 * 1024);
    const zip = zipPackage(await buildCollection([{ guid: 'a', type: 'Basic', fields: ['q', 'a'] }]), {
      extraEntries: { '0': bombMedia },
    });
    const note = await readAnkiPackage('media.apkg', zip);
    expect(note.items).toHaveLength(1);
    expect(note.diagnostics).toEqual([]);
  });
});
