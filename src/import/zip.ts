/**
 * A guarded zip reader for Anki packages. It reads the central directory itself (so nothing is
 * inflated just to be listed), refuses archives with too many entries, and inflates only the entry
 * asked for, in small steps, stopping as soon as the output passes the declared size, the size limit
 * or the compression-ratio limit: a zip bomb costs at most one step of output. Nothing is written to
 * disk and entry names are only compared, never used as paths.
 */
import { Inflate } from 'fflate';

/** Limits of one archive. */
export interface ZipLimits {
  /** Most entries (Anki packages hold one per media file). */
  maxEntries: number;
  /** Largest uncompressed entry that is read. */
  maxEntryBytes: number;
  /** Largest uncompressed / compressed ratio for entries above `ratioFloorBytes`. */
  maxRatio: number;
  /** Entries smaller than this are never refused for their ratio (tiny files compress oddly). */
  ratioFloorBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxEntries: 50_000,
  maxEntryBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};

/** One file listed in the archive's central directory. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A refusal with a message fit for a diagnostic. */
export class ZipError extends Error {}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STEP = 16 * 1024;

/** Lists the entries of an archive; throws `ZipError` when it is not a zip or breaks a limit. */
export function listZip(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('not a zip archive (an Anki package is one)');
  const count = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryStart = view.getUint32(eocd + 16, true);
  if (count === 0xffff || directoryStart === 0xffffffff) {
    throw new ZipError('zip64 archives are not read (an Anki package is far smaller)');
  }
  if (count > limits.maxEntries) {
    throw new ZipError(`the archive has ${count} entries; at most ${limits.maxEntries} are read`);
  }
  if (directoryStart + directorySize > eocd) throw new ZipError('the zip directory is damaged');
  const entries: ZipEntry[] = [];
  let at = directoryStart;
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL)
      throw new ZipError('the zip directory is damaged');
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
      name: decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Inflates one entry within the limits; throws `ZipError` with the reason otherwise. */
export function readZipEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limits: ZipLimits = DEFAULT_ZIP_LIMITS,
): Uint8Array {
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  if (entry.size > limits.maxEntryBytes) {
    throw new ZipError(
      `${entry.name} would unpack to ${mb(entry.size)}; at most ${mb(limits.maxEntryBytes)} is read`,
    );
  }
  const allowed = Math.min(
    limits.maxEntryBytes,
    Math.max(limits.ratioFloorBytes, entry.compressedSize * limits.maxRatio),
  );
  if (entry.size > allowed) throw new ZipError(ratioMessage(entry.name, limits.maxRatio));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const local = entry.localOffset;
  if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) {
    throw new ZipError(`${entry.name}: the zip entry is damaged`);
  }
  const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (start + entry.compressedSize > bytes.length)
    throw new ZipError(`${entry.name}: the zip entry is truncated`);
  if (entry.method === 0) return data;
  if (entry.method !== 8) throw new ZipError(`${entry.name}: compression method ${entry.method} is not read`);

  // The declared size is a claim: the output is counted as it comes and cut at the first excess.
  const cap = entry.size;
  const out = new Uint8Array(cap);
  let written = 0;
  let overflow = false;
  const inflate = new Inflate((chunk) => {
    if (overflow) return;
    if (written + chunk.length > cap) {
      overflow = true;
      return;
    }
    out.set(chunk, written);
    written += chunk.length;
  });
  try {
    for (let offset = 0; offset < data.length && !overflow; offset += STEP) {
      inflate.push(data.subarray(offset, offset + STEP), offset + STEP >= data.length);
    }
  } catch (error) {
    throw new ZipError(`${entry.name}: the compressed data is damaged (${(error as Error).message})`);
  }
  if (overflow)
    throw new ZipError(`${entry.name} unpacks to more than the ${cap} bytes the archive declares; refused`);
  if (written !== cap) throw new ZipError(`${entry.name}: the compressed data is truncated`);
  return out;
}

function ratioMessage(name: string, ratio: number): string {
  return `${name} is compressed more than ${ratio}:1, as zip bombs are; refused`;
}
