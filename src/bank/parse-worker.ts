/** Worker thread of the parse pool: parses the notes it is sent, one message each. */
import { parentPort } from 'node:worker_threads';
import { parseNote } from './parse-note.ts';
import type { ParseRequest, ParseResponse } from './parse-pool.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');
port.on('message', ({ id, path, bytes }: ParseRequest) => {
  // Posted Buffers arrive as plain Uint8Arrays; wrap without copying.
  const note = parseNote(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  port.postMessage({ id, note } satisfies ParseResponse);
});
