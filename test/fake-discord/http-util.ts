import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FormErrors } from './form-errors.ts';

/** A file part of a multipart request. */
export interface UploadedFile {
  field: string;
  filename: string;
  contentType?: string;
  bytes: Buffer;
}

/** A parsed request body: JSON (or `payload_json` of a multipart body) plus any files. */
export interface ParsedBody {
  json: unknown;
  files: UploadedFile[];
  invalid?: string;
}

/** A refusal in Discord's error shape. `violation` false for refusals a test asked for (injected, permissions). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly errors?: Record<string, unknown>,
    readonly violation = true,
    /** Extra detail for the violation record (e.g. which field broke which limit). */
    readonly detail?: string,
  ) {
    super(message);
  }

  /** A 400 50035 "Invalid Form Body" from collected field errors. */
  static invalidForm(errors: FormErrors): ApiError {
    return new ApiError(400, 50035, 'Invalid Form Body', errors.toDiscord(), true, errors.summary());
  }
}

/** Reads and parses a request body; never throws (a broken body is reported in `invalid`). */
export async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  if (raw.length === 0) return { json: undefined, files: [] };
  const type = req.headers['content-type'] ?? '';
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(type);
  if (type.startsWith('multipart/form-data') && boundary)
    return parseMultipart(raw, boundary[1] ?? boundary[2] ?? '');
  try {
    return { json: JSON.parse(raw.toString('utf8')), files: [] };
  } catch {
    return { json: undefined, files: [], invalid: 'body is not valid JSON' };
  }
}

function parseMultipart(raw: Buffer, boundary: string): ParsedBody {
  const delimiter = Buffer.from(`--${boundary}`);
  const files: UploadedFile[] = [];
  let json: unknown;
  let start = raw.indexOf(delimiter);
  while (start !== -1) {
    const next = raw.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    const part = raw.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const content = part.subarray(headerEnd + 4);
      const name = /name="([^"]*)"/.exec(headers)?.[1] ?? '';
      const filename = /filename="([^"]*)"/.exec(headers)?.[1];
      if (filename !== undefined) {
        const contentType = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
        files.push({ field: name, filename, contentType, bytes: Buffer.from(content) });
      } else if (name === 'payload_json') {
        try {
          json = JSON.parse(content.toString('utf8'));
        } catch {
          return { json: undefined, files, invalid: 'payload_json is not valid JSON' };
        }
      }
    }
    start = next;
  }
  return { json, files };
}

/** Writes a JSON response (or an empty 204). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (status === 204 || body === undefined) {
    res.writeHead(status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** Hides interaction tokens in a path: `/webhooks/1/abc/messages` → `/webhooks/1/:token/messages`. */
export function redactPath(path: string): string {
  return path
    .replace(/^(\/interactions\/[^/]+\/)[^/?]+/, '$1:token')
    .replace(/^(\/webhooks\/[^/]+\/)[^/?]+/, '$1:token');
}
