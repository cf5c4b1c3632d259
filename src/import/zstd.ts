/**
 * Zstandard unpacking of Anki's newest collection format (`collection.anki21b`), guarded like the zip
 * reader: the output is counted block by block and unpacking stops at the first byte past the limit.
 */
import { Decompress } from 'fzstd';
import { ZipError } from './zip.ts';

const MAGIC = 0xfd2fb528;
const STEP = 1024;

/** True when the bytes start a Zstandard frame. */
export function isZstd(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0, true) === MAGIC;
}

/** Unpacks `data` to at most `maxBytes`; throws `ZipError` naming `name` when it is larger or damaged. */
export function unzstd(name: string, data: Uint8Array, maxBytes: number): Uint8Array {
  const declared = declaredWindow(data);
  // The decoder allocates the window the header declares: a lying header must not get its gigabytes.
  if (declared === undefined) throw new ZipError(`${name}: not Zstandard data`);
  if (declared > maxBytes) {
    throw new ZipError(`${name} declares ${size(declared)}, more than the limit for its size; refused`);
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  const tooLarge = new ZipError(`${name} unpacks to more than ${size(maxBytes)}; refused`);
  const stream = new Decompress((chunk) => {
    total += chunk.length;
    // Thrown out of push(): nothing more is unpacked.
    if (total > maxBytes) throw tooLarge;
    chunks.push(chunk.slice());
  });
  try {
    for (let offset = 0; offset < data.length; offset += STEP) {
      stream.push(data.subarray(offset, offset + STEP), offset + STEP >= data.length);
    }
  } catch (error) {
    if (error === tooLarge) throw error;
    throw new ZipError(`${name}: the Zstandard data is damaged (${(error as Error).message})`);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** The window (or, for a single-segment frame, content) size the first frame header declares. */
function declaredWindow(data: Uint8Array): number | undefined {
  if (!isZstd(data) || data.length < 6) return undefined;
  const flags = data[4] as number;
  const singleSegment = (flags >> 5) & 1;
  if (!singleSegment) {
    const descriptor = data[5] as number;
    const base = 2 ** (10 + (descriptor >> 3));
    return base + (base / 8) * (descriptor & 7);
  }
  const dictionaryBytes = [0, 1, 2, 4][flags & 3] as number;
  const sizeFlag = flags >> 6;
  const sizeBytes = sizeFlag === 0 ? 1 : 2 ** sizeFlag;
  let size = 0;
  for (let i = sizeBytes - 1; i >= 0; i--) size = size * 256 + (data[5 + dictionaryBytes + i] ?? 0);
  return sizeFlag === 1 ? size + 256 : size;
}

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}
