/** Worker thread of the parse pool: parses the notes it is sent, one message each. */
import { parentPort } from 'node:worker_threads';
import type { ParseRequest, ParseResponse } from './parse-pool.ts';
import { parseSource } from './sources.ts';

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');
port.on('message', async ({ id, path, bytes }: ParseRequest) => {
  // Posted Buffers arrive as plain Uint8Arrays; wrap without copying.
  const note = await parseSource(path, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  port.postMessage({ id, note } satisfies ParseResponse);
});
