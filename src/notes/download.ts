import { UserError } from '../core/errors.ts';

/** The attachment fields a download needs (discord.js `Attachment` has them all). */
export interface UploadedFile {
  name: string;
  url: string;
  /** Size Discord reports, in bytes. */
  size: number;
  contentType?: string | null;
}

export interface DownloadOptions {
  maxBytes: number;
  timeoutMs: number;
  /** Injected so tests can fail or stall a download; the global `fetch` by default. */
  fetch?: typeof fetch;
  /** What the file must be: a Markdown note (default) or a deck (`anki` package, `table` CSV/TSV). */
  kind?: FileKind;
}

/** The kinds of upload, each with the content types it may carry and its name in refusals. */
export type FileKind = 'note' | 'anki' | 'table';

/** Content types a Markdown upload may carry; Discord sends `text/markdown` or none, some clients `text/plain`. */
const TEXT_TYPES = /^(text\/[\w.+-]+|application\/(octet-stream|markdown|x-markdown))\s*(;|$)/i;
/** Anki packages are zips; CSV/TSV often arrive as Excel's type from Windows. */
const KINDS: Record<FileKind, { types: RegExp; what: string; binary: boolean }> = {
  note: { types: TEXT_TYPES, what: 'a Markdown text file', binary: false },
  anki: {
    types: /^application\/(zip|x-zip|x-zip-compressed|octet-stream|vnd\.anki|apkg|x-apkg)\s*(;|$)/i,
    what: 'an Anki package',
    binary: true,
  },
  table: {
    types: /^(text\/[\w.+-]+|application\/(octet-stream|csv|vnd\.ms-excel|x-csv))\s*(;|$)/i,
    what: 'a CSV or TSV file',
    // UTF-16 text has NUL bytes; the reader decodes it or refuses it with a clear message.
    binary: true,
  },
};

/**
 * Downloads an attachment as bytes, refusing with a clear `UserError` what is too large (before and
 * while streaming), not text, slow (timeout) or unreachable. The content is only returned, never run.
 */
export async function downloadNote(file: UploadedFile, options: DownloadOptions): Promise<Buffer> {
  const limit = formatBytes(options.maxBytes);
  const kind = KINDS[options.kind ?? 'note'];
  if (file.size > options.maxBytes) {
    throw new UserError(`“${file.name}” is ${formatBytes(file.size)}; a note may be at most ${limit}.`);
  }
  if (file.contentType && !kind.types.test(file.contentType)) {
    throw new UserError(`“${file.name}” is ${file.contentType}, not ${kind.what}.`);
  }
  let url: URL;
  try {
    url = new URL(file.url);
  } catch {
    throw new UserError('The attachment has no usable download address.');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError('The attachment has no usable download address.');
  }
  const signal = AbortSignal.timeout(options.timeoutMs);
  const seconds = Math.max(1, Math.ceil(options.timeoutMs / 1000));
  try {
    const response = await (options.fetch ?? fetch)(url, { signal, redirect: 'follow' });
    if (!response.ok) {
      throw new UserError(
        `Discord did not hand out “${file.name}” (HTTP ${response.status}); try uploading it again.`,
      );
    }
    const type = response.headers.get('content-type');
    if (type && !kind.types.test(type)) {
      throw new UserError(`“${file.name}” is ${type.split(';')[0]}, not ${kind.what}.`);
    }
    const bytes = await readCapped(response, options.maxBytes, file.name, limit);
    if (!kind.binary && bytes.includes(0)) {
      throw new UserError(`“${file.name}” is a binary file, not a Markdown text file.`);
    }
    return bytes;
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (signal.aborted)
      throw new UserError(`Downloading “${file.name}” took longer than ${seconds} s; try again.`);
    throw new UserError(`“${file.name}” could not be downloaded; try uploading it again.`, { cause: error });
  }
}

async function readCapped(
  response: Response,
  maxBytes: number,
  name: string,
  limit: string,
): Promise<Buffer> {
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) throw new UserError(`“${name}” is larger than ${limit}, the limit for a note.`);
  if (!response.body) return Buffer.alloc(0);
  const chunks: Buffer[] = [];
  let total = 0;
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      // The sender said less than it sends: stop reading rather than buffer it all.
      await reader.cancel().catch(() => undefined);
      throw new UserError(`“${name}” is larger than ${limit}, the limit for a note.`);
    }
    chunks.push(Buffer.from(value));
  }
  return Buffer.concat(chunks, total);
}

/** `1 MB`, `1.2 MB`, `512 KB`, `90 bytes`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / 1024 / 1024).toFixed(1))} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}
