import type { UploadedFile } from './http-util.ts';
import type { FakeState } from './state.ts';

/** A REST request after parsing: path relative to `/api/v10`, decoded, without the query. */
export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: unknown;
  files: UploadedFile[];
}

/** What a handler answers. */
export interface RestReply {
  status: number;
  body?: unknown;
}

/** What route handlers may use. */
export interface RouteContext {
  state: FakeState;
  baseUrl: string;
  ackDeadlineMs: number;
  interactionTtlMs: number;
  now(): number;
}

/** One REST route. `auth` false for interaction callbacks and webhooks, which Discord serves without the bot token. */
export interface Route {
  method: string;
  pattern: RegExp;
  auth: boolean;
  handle(req: RestRequest, ctx: RouteContext): RestReply;
}

/** Builds a route from a template like `/channels/:channel/messages/:message`. */
export function route(method: string, template: string, handle: Route['handle'], auth = true): Route {
  const source = template
    .split('/')
    .map((part) =>
      part.startsWith(':') ? `(?<${part.slice(1)}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\@]/g, '\\$&'),
    )
    .join('/');
  return { method, pattern: new RegExp(`^${source}$`), auth, handle };
}

/** Finds the route for a request and its path parameters. */
export function match(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const candidate of routes) {
    if (candidate.method !== method) continue;
    const found = candidate.pattern.exec(path);
    if (found) return { route: candidate, params: { ...found.groups } };
  }
  return undefined;
}
