import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { downloadNote, type UploadedFile } from '../../src/notes/download.ts';

const LIMITS = { maxBytes: 1024, timeoutMs: 200 };
const file = (over: Partial<UploadedFile> = {}): UploadedFile => ({
  name: 'vpc.md',
  url: 'https://cdn.example/attachments/1/vpc.md',
  size: 20,
  contentType: 'text/markdown; charset=utf-8',
  ...over,
});
const serving =
  (
    body: ConstructorParameters<typeof Response>[0],
    headers: Record<string, string> = { 'content-type': 'text/markdown' },
    status = 200,
  ) =>
  async () =>
    new Response(body, { status, headers });

describe('downloading an uploaded note', () => {
  it('returns the bytes of a Markdown file', async () => {
    const bytes = await downloadNote(file(), { ...LIMITS, fetch: serving('# VPC\n') });
    expect(bytes.toString()).toBe('# VPC\n');
  });

  it('refuses a file Discord reports as too large without downloading it', async () => {
    let fetched = false;
    const fetch = async () => {
      fetched = true;
      return new Response('');
    };
    await expect(downloadNote(file({ size: 2048 }), { ...LIMITS, fetch })).rejects.toThrow(
      '“vpc.md” is 2 KB; a note may be at most 1 KB.',
    );
    expect(fetched).toBe(false);
  });

  it('stops reading a body larger than the limit even when its size was reported small', async () => {
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(512).fill(65));
      },
    });
    await expect(
      downloadNote(file(), { ...LIMITS, fetch: serving(stream, { 'content-type': 'text/plain' }) }),
    ).rejects.toThrow('larger than 1 KB');
  });

  it('refuses binary content and non-text content types', async () => {
    await expect(
      downloadNote(file(), { ...LIMITS, fetch: serving(new Uint8Array([35, 0, 1, 2])) }),
    ).rejects.toThrow('is a binary file');
    await expect(downloadNote(file({ contentType: 'image/png' }), LIMITS)).rejects.toThrow(
      '“vpc.md” is image/png, not a Markdown text file.',
    );
    await expect(
      downloadNote(file({ contentType: null }), {
        ...LIMITS,
        fetch: serving('x', { 'content-type': 'application/zip' }),
      }),
    ).rejects.toThrow('is application/zip, not a Markdown text file');
  });

  it('gives a clear message when the download times out', async () => {
    const stalled = (_url: unknown, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) =>
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
      );
    await expect(
      downloadNote(file(), { ...LIMITS, timeoutMs: 50, fetch: stalled as typeof fetch }),
    ).rejects.toThrow('Downloading “vpc.md” took longer than 1 s; try again.');
  });

  it('gives a clear message when the download fails', async () => {
    const failing = async () => {
      throw new TypeError('fetch failed');
    };
    await expect(downloadNote(file(), { ...LIMITS, fetch: failing })).rejects.toThrow(
      '“vpc.md” could not be downloaded; try uploading it again.',
    );
    await expect(downloadNote(file(), { ...LIMITS, fetch: serving('gone', {}, 404) })).rejects.toThrow(
      'HTTP 404',
    );
    await expect(downloadNote(file({ url: 'file:///etc/passwd' }), LIMITS)).rejects.toBeInstanceOf(UserError);
  });
});
