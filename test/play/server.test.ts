import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/package-root.ts';
import { PLAY_GUILD, type Playground, startPlayground } from '../../src/play/playground.ts';

const ALICE = '100000000000000001';
const BOB = '100000000000000002';
const GENERAL = PLAY_GUILD.channels[0]?.id ?? '';

/** A raw HTTP request, so the Host header can be anything. */
function send(
  url: string,
  {
    method = 'GET',
    body,
    headers = {},
  }: { method?: string; body?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, json: text.startsWith('{') ? JSON.parse(text) : {} }),
      );
    });
    req.on('error', reject);
    req.end(body);
  });
}

const postJson = (base: string, path: string, value: unknown) =>
  send(new URL(path, base).href, {
    method: 'POST',
    body: JSON.stringify(value),
    headers: { 'content-type': 'application/json' },
  });

describe('the playground server', () => {
  let playground: Playground;
  let storeDir: string;

  beforeAll(async () => {
    storeDir = mkdtempSync(join(tmpdir(), 'flashcord-play-server-'));
    playground = await startPlayground({ storeDir });
  }, 30_000);

  afterAll(async () => {
    await playground?.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(new URL(playground.url).hostname).toBe('127.0.0.1');
  });

  it('describes the server: #general and #daily, alice (Manage Server), bob and carol, and the registered commands', async () => {
    const { status, json } = await send(new URL('/api/state', playground.url).href);
    expect(status).toBe(200);
    expect((json.channels as { name: string }[]).map((c) => c.name)).toEqual(['general', 'daily']);
    expect(
      (json.members as { username: string; manager: boolean }[]).map((m) => [m.username, m.manager]),
    ).toEqual([
      ['alice', true],
      ['bob', false],
      ['carol', false],
    ]);
    expect((json.commands as { name: string }[]).map((c) => c.name)).toContain('quiz');
  });

  it('refuses a request that names another host (DNS rebinding)', async () => {
    const { status } = await send(new URL('/api/state', playground.url).href, {
      headers: { host: 'evil.example:80' },
    });
    expect(status).toBe(403);
  });

  it('refuses a POST that is not JSON (a cross-site form cannot drive the bot)', async () => {
    const { status } = await send(new URL('/api/clock', playground.url).href, {
      method: 'POST',
      body: 'ms=3600000',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(status).toBe(415);
  });

  it('serves only the page files, never other paths', async () => {
    expect((await send(new URL('/app.js', playground.url).href)).status).toBe(200);
    expect((await send(new URL('/../package.json', playground.url).href)).status).toBe(404);
    expect((await send(new URL('/%2e%2e/package.json', playground.url).href)).status).toBe(404);
  });

  it('serves the emoji font from the committed assets, so the page draws emoji, not boxes', async () => {
    const response = await fetch(new URL('/fonts/twemoji.woff2', playground.url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('font/woff2');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(bytes.equals(readFileSync(join(PACKAGE_ROOT, 'assets', 'fonts', 'twemoji-colr.woff2')))).toBe(
      true,
    );
  });

  it('names what is wrong with a bad request', async () => {
    const missing = await postJson(playground.url, '/api/slash', { userId: ALICE, name: 'quiz' });
    expect(missing.status).toBe(400);
    expect(missing.json.error).toMatch(/channelId/);
    const stranger = await postJson(playground.url, '/api/slash', {
      userId: '42',
      channelId: GENERAL,
      name: 'quiz',
    });
    expect(stranger.json.error).toBe('no member 42 in this server');
    const unknown = await postJson(playground.url, '/api/slash', {
      userId: ALICE,
      channelId: GENERAL,
      name: 'nope',
    });
    expect(unknown.json.error).toMatch(/\/nope is not registered/);
    const backwards = await postJson(playground.url, '/api/clock', { ms: -1 });
    expect(backwards.status).toBe(400);
  });

  it('shows an ephemeral reply to its member only', async () => {
    const result = await postJson(playground.url, '/api/slash', {
      userId: ALICE,
      channelId: GENERAL,
      name: 'quiz',
      options: { questions: 1 },
    });
    expect(result.json.error).toBeUndefined();
    const asAlice = await send(
      new URL(`/api/messages?channel=${GENERAL}&viewer=${ALICE}`, playground.url).href,
    );
    const asBob = await send(new URL(`/api/messages?channel=${GENERAL}&viewer=${BOB}`, playground.url).href);
    const mine = (
      asAlice.json.messages as { ephemeral: boolean; interaction?: { command: string } }[]
    ).filter((m) => m.ephemeral);
    expect(mine).toHaveLength(1);
    expect(mine[0]?.interaction?.command).toBe('/quiz');
    expect((asBob.json.messages as { ephemeral: boolean }[]).filter((m) => m.ephemeral)).toHaveLength(0);
  });

  it('moves the bot clock forward and reports the new time', async () => {
    const before = playground.clock.now().getTime();
    const { status, json } = await postJson(playground.url, '/api/clock', { ms: 3_600_000 });
    expect(status).toBe(200);
    expect(Date.parse(json.now as string) - before).toBeGreaterThanOrEqual(3_600_000);
  });
});
