import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord } from '../fake-discord/index.ts';
import { requirement } from '../support/requirements.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// .ci/run's `npm ci` builds dist/ (the `prepare` script), as the README's first command does.
const BUILT = requirement(
  existsSync(join(ROOT, 'dist', 'src', 'main.js')),
  'dist/ is not built; `npm install` or `npm run build` builds it',
);

interface LogLine {
  msg?: string;
  parsed?: number;
  fromCache?: number;
  invite?: string;
}

/** Runs `npm start` until it is connected and registered, then stops it with SIGTERM; its log lines. */
async function npmStart(env: Record<string, string>): Promise<LogLine[]> {
  const child: ChildProcess = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
  });
  const lines: LogLine[] = [];
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  await new Promise<void>((done, fail) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const parts = buffered.split('\n');
      buffered = parts.pop() ?? '';
      for (const part of parts.filter((p) => p.startsWith('{'))) {
        const line = JSON.parse(part) as LogLine;
        lines.push(line);
        if (line.msg === 'connected to Discord') done();
      }
    });
    void exited.then((code) =>
      fail(new Error(`npm start exited with ${code} before it was ready: ${stderr}`)),
    );
  });
  // Until the registration is logged: stopping mid-PUT is another test's matter.
  await waitUntil(() => lines.some((line) => /^commands /.test(line.msg ?? '')));
  // As Ctrl+C or systemd would: the whole group (npm, sh, node). The pipe closes once the bot is gone.
  const closed = new Promise<void>((done) => child.stdout?.on('close', () => done()));
  if (child.pid) process.kill(-child.pid, 'SIGTERM');
  await closed;
  expect(lines.at(-1)?.msg).toBe('stopped');
  return lines;
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let n = 0; n < 1_000 && !condition(); n++) await new Promise((done) => setTimeout(done, 20));
}

describe.skipIf(!BUILT.met)(BUILT.title('npm start from the built tree, as the README runs it'), () => {
  let fake: FakeDiscord;
  let work: string;

  beforeAll(async () => {
    fake = await FakeDiscord.start();
    work = mkdtempSync(join(tmpdir(), 'flashcord-npm-start-'));
  });
  afterAll(async () => {
    await fake?.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('connects, logs its invite link, and a second start reuses the parse cache, leaving no .tmp', async () => {
    const env = {
      DISCORD_TOKEN: fake.token,
      DISCORD_API_URL: fake.apiUrl,
      DEV_GUILD_ID: fake.guild().id,
      DATA_DIR: join(ROOT, 'data'),
      STORE_URL: `sqlite://${join(work, 'flashcord.sqlite')}`,
      BANK_CACHE_DIR: join(work, 'cache'),
    };
    const first = await npmStart(env);
    expect(first.find((line) => line.msg === 'question bank loaded')).toMatchObject({
      parsed: 1,
      fromCache: 0,
    });
    const invite = first.find((line) => line.invite)?.invite ?? '';
    expect(invite).toMatch(
      /^https:\/\/discord\.com\/oauth2\/authorize\?client_id=\d+&scope=bot\+applications\.commands&permissions=52224$/,
    );

    const second = await npmStart(env);
    expect(second.find((line) => line.msg === 'question bank loaded')).toMatchObject({
      parsed: 0,
      fromCache: 1,
    });
    expect(second.some((line) => /parse cache not used/.test(line.msg ?? ''))).toBe(false);
    expect(readdirSync(join(work, 'cache'))).toEqual(['bank-parse.cache']);
    expect(fake.violations).toEqual([]);
  }, 120_000);
});
