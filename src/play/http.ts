import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { PACKAGE_ROOT } from '../package-root.ts';
import { type PlayActions, PlayInputError } from './actions.ts';
import type { ChangeFeed } from './events.ts';
import type { ClockView, StateView } from './views.ts';

/** What the HTTP layer serves; the playground composes it. */
export interface PlayServerDeps {
  actions: PlayActions;
  feed: ChangeFeed;
  state(): StateView;
  moveClock(ms: number): Promise<ClockView>;
  /** A picture the bot uploaded, by attachment id (`/attachments/<id>/<name>`). */
  attachment(id: string): { bytes: Buffer; contentType: string } | undefined;
}

// From the package root, not this file: the built dist/src/play/ has no static/ folder beside it.
const STATIC_DIR = join(PACKAGE_ROOT, 'src', 'play', 'static');

/** The page's files: a fixed list, so no request path ever reaches the file system. */
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/api.js': { file: 'api.js', type: 'text/javascript; charset=utf-8' },
  '/markdown.js': { file: 'markdown.js', type: 'text/javascript; charset=utf-8' },
  '/messages.js': { file: 'messages.js', type: 'text/javascript; charset=utf-8' },
  '/composer.js': { file: 'composer.js', type: 'text/javascript; charset=utf-8' },
  '/modal.js': { file: 'modal.js', type: 'text/javascript; charset=utf-8' },
  // The cards' emoji font, so the page draws emoji in colour wherever it runs (never boxes).
  '/fonts/twemoji.woff2': {
    file: join(PACKAGE_ROOT, 'assets', 'fonts', 'twemoji-colr.woff2'),
    type: 'font/woff2',
  },
};

/** Large enough for a note attached to `/bank add`; Discord's own limit is 10 MB. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

const snowflake = z.string().regex(/^\d{1,20}$/, 'must be a Discord id (digits)');
const name = z.string().min(1).max(100);
const optionValue = z.union([
  z.string().max(6000),
  z.number().finite(),
  z.boolean(),
  z.object({
    file: z.object({
      filename: z.string().min(1).max(200),
      base64: z.string().max(MAX_BODY_BYTES),
      contentType: z.string().max(200).optional(),
    }),
  }),
]);
const commandPath = {
  userId: snowflake,
  channelId: snowflake,
  name,
  group: name.optional(),
  subcommand: name.optional(),
};
const schemas = {
  slash: z.object({ ...commandPath, options: z.record(z.string(), optionValue).default({}) }),
  autocomplete: z.object({
    ...commandPath,
    options: z
      .record(z.string(), z.union([z.string().max(6000), z.number().finite(), z.boolean()]))
      .default({}),
    focused: name,
  }),
  click: z.object({ userId: snowflake, messageId: snowflake, customId: z.string().min(1).max(100) }),
  select: z.object({
    userId: snowflake,
    messageId: snowflake,
    customId: z.string().min(1).max(100),
    values: z.array(z.string().max(100)).max(25),
  }),
  modal: z.object({
    userId: snowflake,
    customId: z.string().min(1).max(100),
    fields: z.record(z.string(), z.string().max(4000)),
  }),
  // From one minute to a month: enough for "+1 hour" and "next day", small enough to stay sane.
  clock: z.object({
    ms: z
      .number()
      .int()
      .min(60_000)
      .max(31 * 86_400_000),
  }),
};

type Handler = (req: IncomingMessage, url: URL) => Promise<unknown>;

/**
 * The playground's HTTP server: the page, a JSON API over the fake Discord, and an event stream.
 * Only same-machine pages may use it: requests must name this server as their Host (no DNS
 * rebinding) and POSTs must be JSON (no cross-site form posts).
 */
export function createPlayServer(deps: PlayServerDeps): Server {
  const post: Record<string, Handler> = {
    '/api/slash': async (req) => deps.actions.slash(parse(schemas.slash, await readJson(req))),
    '/api/autocomplete': async (req) => ({
      choices: await deps.actions.autocomplete(parse(schemas.autocomplete, await readJson(req))),
    }),
    '/api/click': async (req) => deps.actions.click(parse(schemas.click, await readJson(req))),
    '/api/select': async (req) => deps.actions.select(parse(schemas.select, await readJson(req))),
    '/api/modal': async (req) => deps.actions.submitModal(parse(schemas.modal, await readJson(req))),
    '/api/clock': async (req) => deps.moveClock(parse(schemas.clock, await readJson(req)).ms),
  };
  const get: Record<string, Handler> = {
    '/api/state': async () => deps.state(),
    '/api/messages': async (_req, url) => {
      const channel = parse(snowflake, url.searchParams.get('channel') ?? '', 'channel');
      const viewer = parse(snowflake, url.searchParams.get('viewer') ?? '', 'viewer');
      return { messages: deps.actions.messages(channel, viewer) };
    },
  };

  const server = createServer((req, res) => {
    void route(req, res).catch((error: unknown) => {
      const status = error instanceof PlayInputError ? 400 : 500;
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) sendJson(res, status, { error: message });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const address = server.address();
    const port = address && typeof address === 'object' ? address.port : 0;
    if (!isLocalHost(req.headers.host, port)) return sendJson(res, 403, { error: 'unknown Host' });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method === 'GET' && url.pathname === '/api/events') return deps.feed.subscribe(res);
    if (req.method === 'GET' && STATIC_FILES[url.pathname]) return serveStatic(res, url.pathname);
    if (req.method === 'GET' && url.pathname.startsWith('/attachments/')) {
      const file = deps.attachment(url.pathname.split('/')[2] ?? '');
      if (!file) return sendJson(res, 404, { error: 'no such attachment' });
      res.writeHead(200, { 'content-type': file.contentType, 'x-content-type-options': 'nosniff' });
      return void res.end(file.bytes);
    }
    const table = req.method === 'POST' ? post : req.method === 'GET' ? get : {};
    const handler = table[url.pathname];
    if (!handler) return sendJson(res, 404, { error: `no ${req.method} ${url.pathname}` });
    if (req.method === 'POST' && !req.headers['content-type']?.startsWith('application/json'))
      return sendJson(res, 415, { error: 'send JSON (content-type: application/json)' });
    sendJson(res, 200, await handler(req, url));
  }

  return server;
}

function isLocalHost(host: string | undefined, port: number): boolean {
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

async function serveStatic(res: ServerResponse, path: string): Promise<void> {
  const entry = STATIC_FILES[path];
  if (!entry) return sendJson(res, 404, { error: 'not found' });
  const body = await readFile(resolve(STATIC_DIR, entry.file));
  res.writeHead(200, {
    'content-type': entry.type,
    'cache-control': 'no-store',
    // The page loads only its own files and talks only to this server.
    'content-security-policy':
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'",
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new PlayInputError('request body too large');
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
  } catch {
    throw new PlayInputError('the request body is not valid JSON');
  }
}

function parse<T>(schema: z.ZodType<T>, value: unknown, label?: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const path = [label, ...issue.path.map(String)].filter(Boolean).join('.');
    return path ? `${path}: ${issue.message}` : issue.message;
  });
  throw new PlayInputError(problems.join('; '));
}
