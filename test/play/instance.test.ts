import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimPlayground, PlaygroundRunningError } from '../../src/play/instance.ts';
import { type Playground, startPlayground } from '../../src/play/playground.ts';

const ROOT = resolve(import.meta.dirname, '../..');

/** Starts a playground on `storeDir` in another process, as a second `npm run play` would. */
function secondPlayground(storeDir: string): Promise<{ code: number | null; stderr: string }> {
  const script = `
    import { startPlayground } from './src/play/playground.ts';
    try { await startPlayground({ storeDir: process.argv[1] }); console.log('started'); process.exit(0); }
    catch (error) { console.error(error.message); process.exit(1); }`;
  return new Promise((done) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, storeDir],
      { cwd: ROOT, timeout: 50_000 },
      (error, _stdout, stderr) => done({ code: error ? (error.code as number) : 0, stderr }),
    );
  });
}

describe('a second playground on the same store', { timeout: 60_000 }, () => {
  let storeDir: string;
  let first: Playground;

  beforeAll(async () => {
    storeDir = mkdtempSync(join(tmpdir(), 'flashcord-play-twice-'));
    first = await startPlayground({ storeDir });
  }, 30_000);

  afterAll(async () => {
    await first?.close();
    rmSync(storeDir, { recursive: true, force: true });
  });

  it('says the playground is already running and where, and leaves the first one’s store alone', async () => {
    const store = join(storeDir, 'flashcord.sqlite');
    const before = readFileSync(store);
    const second = await secondPlayground(storeDir);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(`the playground is already running at ${first.url}`);
    expect(readFileSync(store).equals(before)).toBe(true);
    const state = await fetch(new URL('/api/state', first.url));
    expect(state.status).toBe(200);
  });
});

describe('the playground claim', () => {
  it('takes over a claim left by a playground that was killed, and gives it up on release', async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-play-claim-'));
    try {
      writeFileSync(join(storeDir, 'playground.json'), JSON.stringify({ pid: 4_194_305, url: 'http://x/' }));
      const claim = await claimPlayground(storeDir);
      await claim.announce('http://127.0.0.1:1234/');
      await claim.release();
      await (await claimPlayground(storeDir)).release();
    } finally {
      rmSync(storeDir, { recursive: true, force: true });
    }
  });

  it('refuses while a live process holds it, naming its address', async () => {
    const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-play-claim-'));
    try {
      const record = { pid: process.ppid, url: 'http://127.0.0.1:8787/' };
      writeFileSync(join(storeDir, 'playground.json'), JSON.stringify(record));
      const refused = await claimPlayground(storeDir).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(PlaygroundRunningError);
      expect((refused as Error).message).toMatch(
        /^the playground is already running at http:\/\/127\.0\.0\.1:8787\//,
      );
    } finally {
      rmSync(storeDir, { recursive: true, force: true });
    }
  });
});
