/**
 * A persistent cache of parsed notes, so a bot restart does not parse again the notes that did not
 * change. Entries are keyed by note path and content hash (item ids depend on the path), and the whole
 * file by a fingerprint of the parser's code and its Markdown dependencies: any change to either makes
 * the file unusable, and the notes are simply parsed again.
 *
 * File layout (v8.serialize chunks: about 1.4× faster to write and to read than JSON here, same size;
 * see docs/bank.md): `FCPC` + u32 format, then length-prefixed chunks (the fingerprint, then one
 * `[path, hash, note]` per note), then a u32 entry count and a u32 CRC-32 of every byte before it.
 * Writers write a temporary file and rename it over the old one, so readers see either file whole; a
 * temporary file left by a writer that was killed is removed by the next read or write.
 *
 * The fingerprint names the parser's *source*: `src/bank/*.ts` when run by tsx, and the same hash
 * stamped into `dist/src/bank/` by `npm run build` when run compiled. So `npm start`, the tests and the
 * CLIs of one checkout agree on it, and two starts of one build always do.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { threadId } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { processAlive } from '../core/process.ts';
import type { ParsedNote } from './parse-note.ts';

const MAGIC = Buffer.from('FCPC');
const FORMAT = 1;
const TRAILER_BYTES = 8;
/** Serialized entries are written in batches of about this size: few syscalls, small peaks. */
const WRITE_BATCH_BYTES = 1 << 20;
/** A temporary file this old was left by a writer that died; a live writer finishes in seconds. */
const STALE_TMP_MS = 10 * 60_000;
/** Written next to the compiled parser by `npm run build`: the hash of the source it was compiled from. */
export const PARSER_CODE_STAMP = 'parser-code.sha256';
/** Names of the temporary files this thread is writing right now (other threads share the pid, not this set). */
const writing = new Set<string>();

/** Packages whose code shapes a parse: remark, micromark, mdast utilities, unified, YAML. */
const PARSER_PACKAGES =
  /^(remark-|micromark|mdast-util-|unist-util-|vfile|unified$|yaml$|decode-named-character-reference$|character-entities)/;

/** One cached parse: the note as the parser gave it for these exact bytes at this path. */
export interface CachedNote {
  /** sha1 of the note's bytes, as the loader computes it. */
  hash: string;
  note: ParsedNote;
}

/** What reading a cache file found: usable entries by path, or why the file was not used. */
export interface ParseCacheRead {
  entries: Map<string, CachedNote>;
  /** Why the file was ignored (absent when it was used, or when there was no file yet). */
  problem?: string;
}

const fingerprints = new Map<string, Promise<string>>();

/**
 * Fingerprint of the parser: its code (see `parserCodeHash`), the versions of the Markdown packages it
 * runs, Node and V8. Never depends on paths, times or which runner loads the code. Memoized per folder.
 */
export function parserFingerprint(codeDir: string = import.meta.dirname): Promise<string> {
  let found = fingerprints.get(codeDir);
  if (!found) {
    found = computeFingerprint(codeDir);
    fingerprints.set(codeDir, found);
  }
  return found;
}

async function computeFingerprint(codeDir: string): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`format ${FORMAT}\0node ${process.version}\0v8 ${process.versions.v8}\0`);
  hash.update(`code ${await parserCodeHash(codeDir)}\0`);
  // The deck readers (src/import, beside src/bank) shape what a `.apkg` or `.csv` gives, too.
  const importDir = join(codeDir, '..', 'import');
  hash.update(`import ${await parserCodeHash(importDir).catch(() => 'none')}\0`);
  for (const line of await parserPackageVersions()) hash.update(`${line}\0`);
  return hash.digest('hex');
}

/**
 * Hash of the parser's code in `codeDir`: the build's stamp when there is one (compiled code), else the
 * `.ts` sources there (tsx), else its `.js` files (a tree compiled without the stamp). Source maps and
 * other files never count: they can differ between two builds of the same code.
 */
export async function parserCodeHash(codeDir: string): Promise<string> {
  const stamp = await readFile(join(codeDir, PARSER_CODE_STAMP), 'utf8').catch(() => undefined);
  if (stamp?.trim()) return stamp.trim();
  const names = (await readdir(codeDir, { withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name)
    .sort();
  const sources = names.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
  const code = sources.length > 0 ? sources : names.filter((name) => name.endsWith('.js'));
  const hash = createHash('sha256');
  for (const name of code) {
    hash.update(`${name}\0`);
    hash.update(await readFile(join(codeDir, name)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Writes the stamp `parserCodeHash` reads into `outDir`: the hash of the sources in `sourceDir`. Run by
 * `npm run build` after compiling, so compiled code and its TypeScript source share parse caches.
 */
export async function stampParserCode(sourceDir: string, outDir: string): Promise<string> {
  const hash = await parserCodeHash(sourceDir);
  await writeFile(join(outDir, PARSER_CODE_STAMP), `${hash}\n`);
  return hash;
}

/** `name@version` of every installed parser package, nested copies included, sorted. */
async function parserPackageVersions(): Promise<string[]> {
  let root: string;
  try {
    const entry = createRequire(import.meta.url).resolve('remark-parse');
    const at = entry.lastIndexOf(`${join('node_modules', 'remark-parse')}`);
    if (at < 0) return ['remark-parse: not under node_modules'];
    root = entry.slice(0, at + 'node_modules'.length);
  } catch {
    return ['remark-parse: not resolvable'];
  }
  const found: string[] = [];
  const scan = async (folder: string, depth: number): Promise<void> => {
    const names = await readdir(folder).catch(() => [] as string[]);
    for (const name of names.filter((n) => PARSER_PACKAGES.test(n)).sort()) {
      const manifest = await readFile(join(folder, name, 'package.json'), 'utf8').catch(() => undefined);
      let version = 'unknown';
      try {
        version = String((JSON.parse(manifest ?? '{}') as { version?: unknown }).version ?? 'unknown');
      } catch {
        // A broken manifest still counts: its text changes when the package does.
        version = createHash('sha1')
          .update(manifest ?? '')
          .digest('hex');
      }
      found.push(`${join(folder, name).slice(root.length + 1)}@${version}`);
      if (depth === 0) await scan(join(folder, name, 'node_modules'), 1);
    }
  };
  await scan(root, 0);
  return found;
}

/**
 * Reads a cache file made with `fingerprint`. Never throws: a missing, unreadable, truncated, corrupt
 * or foreign file gives no entries (and, except when missing, a `problem` saying why).
 */
export async function readParseCache(file: string, fingerprint: string): Promise<ParseCacheRead> {
  // A start that finds nothing to rewrite must still clear what a killed writer left.
  await removeStaleTemporaries(file);
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    return missing
      ? { entries: new Map() }
      : { entries: new Map(), problem: `unreadable: ${describe(error)}` };
  }
  try {
    return { entries: decode(bytes, fingerprint) };
  } catch (error) {
    return { entries: new Map(), problem: describe(error) };
  }
}

function decode(bytes: Buffer, fingerprint: string): Map<string, CachedNote> {
  if (bytes.length < MAGIC.length + 4 + TRAILER_BYTES || !bytes.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new Error('not a parse cache file');
  }
  const format = bytes.readUInt32LE(MAGIC.length);
  if (format !== FORMAT) throw new Error(`cache format ${format}, expected ${FORMAT}`);
  const end = bytes.length - TRAILER_BYTES;
  if (crc32(bytes.subarray(0, end)) !== bytes.readUInt32LE(end + 4)) throw new Error('checksum mismatch');
  const count = bytes.readUInt32LE(end);
  let offset = MAGIC.length + 4;
  const chunk = (): Buffer => {
    if (offset + 4 > end) throw new Error('truncated');
    const length = bytes.readUInt32LE(offset);
    const start = offset + 4;
    offset = start + length;
    if (offset > end) throw new Error('truncated');
    return bytes.subarray(start, offset);
  };
  if (chunk().toString('utf8') !== fingerprint) throw new Error('made by another parser version');
  const entries = new Map<string, CachedNote>();
  for (let n = 0; n < count; n++) {
    const entry: unknown = deserialize(chunk());
    if (!isEntry(entry)) throw new Error('unexpected entry shape');
    entries.set(entry[0], { hash: entry[1], note: entry[2] });
  }
  if (offset !== end) throw new Error('trailing bytes');
  return entries;
}

/** A cheap shape check: enough to refuse a file from some other program, not a full schema. */
function isEntry(value: unknown): value is [string, string, ParsedNote] {
  if (!Array.isArray(value) || value.length !== 3) return false;
  const [path, hash, note] = value as [unknown, unknown, Partial<ParsedNote> | null];
  return (
    typeof path === 'string' &&
    typeof hash === 'string' &&
    typeof note === 'object' &&
    note !== null &&
    note.path === path &&
    typeof note.title === 'string' &&
    typeof note.skipped === 'boolean' &&
    Array.isArray(note.tags) &&
    Array.isArray(note.diagnostics) &&
    Array.isArray(note.items) &&
    note.items.every((item) => typeof item?.id === 'string' && item.note === path)
  );
}

/**
 * Writes the cache atomically: a temporary file in the same folder, then a rename over `file`, so
 * concurrent writers (shards) leave one whole file (the last one's). Serializes in batches and awaits
 * each write, so a large cache does not hold the event loop for long. Throws on I/O errors.
 */
export async function writeParseCache(
  file: string,
  fingerprint: string,
  entries: Iterable<readonly [path: string, hash: string, note: ParsedNote]>,
): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await removeStaleTemporaries(file);
  const tmp = `${file}.${process.pid}-${threadId}-${randomBytes(4).toString('hex')}.tmp`;
  writing.add(basename(tmp));
  let renamed = false;
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(tmp, 'w');
    const out = handle;
    let crc = 0;
    let count = 0;
    let batch: Buffer[] = [];
    let batchBytes = 0;
    const flush = async (): Promise<void> => {
      const data = Buffer.concat(batch, batchBytes);
      batch = [];
      batchBytes = 0;
      crc = crc32(data, crc);
      await out.write(data);
    };
    const push = (data: Buffer): void => {
      batch.push(data);
      batchBytes += data.length;
    };
    const pushChunk = (data: Buffer): void => {
      const length = Buffer.alloc(4);
      length.writeUInt32LE(data.length);
      push(length);
      push(data);
    };
    const header = Buffer.alloc(MAGIC.length + 4);
    MAGIC.copy(header);
    header.writeUInt32LE(FORMAT, MAGIC.length);
    push(header);
    pushChunk(Buffer.from(fingerprint, 'utf8'));
    for (const [path, hash, note] of entries) {
      pushChunk(serialize([path, hash, note]));
      count += 1;
      if (batchBytes >= WRITE_BATCH_BYTES) await flush();
    }
    await flush();
    const trailer = Buffer.alloc(TRAILER_BYTES);
    trailer.writeUInt32LE(count, 0);
    trailer.writeUInt32LE(crc, 4);
    await out.write(trailer);
    await out.datasync();
    await out.close();
    await rename(tmp, file);
    renamed = true;
  } finally {
    if (!renamed) {
      await handle?.close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
    }
    writing.delete(basename(tmp));
  }
}

/**
 * Deletes temporary files of `file` left by writers that died mid-write (a crash, a kill): those named
 * after a process that is gone, those of this thread's pid and thread id it is not writing (a container
 * restarted with the same pid), and any older than a live writer would take.
 */
async function removeStaleTemporaries(file: string): Promise<void> {
  const folder = dirname(file);
  const prefix = `${basename(file)}.`;
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    if (writing.has(name)) continue;
    const path = join(folder, name);
    const [, pid, thread] = /^(\d+)-(\d+)-/.exec(name.slice(prefix.length))?.map(Number) ?? [];
    const info = await stat(path).catch(() => undefined);
    if (!info) continue;
    const mine = pid === process.pid && thread === threadId;
    const stale = mine || pid === undefined || !processAlive(pid) || Date.now() - info.mtimeMs > STALE_TMP_MS;
    if (stale) await unlink(path).catch(() => undefined);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
