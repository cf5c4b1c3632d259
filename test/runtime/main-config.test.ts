import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const MAIN = join(ROOT, 'src/main.ts');
const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.RECOGNISABLE-config-token';

let server: Server;
let requests = 0;
let apiUrl = '';
let workDir = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
  // An empty working directory: no .env file of the developer leaks into the test.
  workDir = mkdtempSync(join(tmpdir(), 'flashcord-config-'));
});

afterAll(async () => {
  await new Promise((done) => server.close(done));
  rmSync(workDir, { recursive: true, force: true });
});

function runMain(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((done) => {
    execFile(
      TSX,
      [MAIN],
      { cwd: workDir, env: { PATH: process.env.PATH ?? '', HOME: workDir, ...env }, timeout: 50_000 },
      (error, stdout, stderr) => done({ code: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe('npm start with a bad configuration', { timeout: 60_000 }, () => {
  it('prints one line per problem and exits 1 before touching the network or the store', async () => {
    const storePath = join(workDir, 'store/flashcord.sqlite');
    const result = await runMain({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: apiUrl,
      DEV_GUILD_ID: 'not-a-snowflake',
      LOG_LEVEL: 'chatty',
      STORE_URL: `sqlite://${storePath}`,
    });
    expect(result.code).toBe(1);
    const problems = result.stderr.split('\n').filter((line) => line.startsWith('  '));
    expect(problems).toEqual([
      expect.stringContaining('DEV_GUILD_ID must be a server id'),
      expect.stringContaining('LOG_LEVEL must be one of'),
    ]);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
    expect(requests).toBe(0);
    expect(existsSync(storePath)).toBe(false);
  });

  it('tells how to set the token when it is missing', async () => {
    const result = await runMain({ DISCORD_API_URL: apiUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/DISCORD_TOKEN is not set/);
    expect(result.stderr).toMatch(/cp \.env\.example \.env/);
    expect(requests).toBe(0);
  });
});
