import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMain as runInWorkDir } from './run-main.ts';

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

const runMain = (env: Record<string, string>) => runInWorkDir(workDir, env);

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
