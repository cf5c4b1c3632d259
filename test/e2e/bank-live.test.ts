import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveReloadHook } from '../../src/notes/live-reload.ts';
import { type Harness, startHarness } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const S3 =
  '# S3\n\n| Term | Meaning |\n| --- | --- |\n| **Glacier Deep Archive** | Cheapest storage class |\n';

/**
 * Polls `read` until `accept` holds, giving up only after a generous bound (a watcher that never
 * reloads). No elapsed-time assertion: the 2 s promise is measured in bench/reload.ts.
 */
async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const giveUpAt = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (accept(value) || Date.now() > giveUpAt) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('live reload of DATA_DIR in the running bot', () => {
  let harness: Harness;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-live-bot-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    harness = await startHarness({
      env: { DATA_DIR: dataDir },
      start: { onReady: [liveReloadHook({ debounceMs: 100 })] },
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fact = async (query: string) => {
    const ix = await harness.fake.slash({ name: 'fact', options: { query } });
    const reply = await ix.reply();
    return `${reply.content}${JSON.stringify(reply.embeds)}`;
  };

  it('answers from a note saved under DATA_DIR, and forgets it once deleted', async () => {
    writeFileSync(join(dataDir, 'aws', 's3.md'), S3);
    const found = await eventually(
      () => fact('Glacier Deep Archive'),
      (text) => text.includes('Cheapest storage class'),
    );
    expect(found).toContain('Cheapest storage class');
    expect(harness.logs()).toContain('notes reloaded');

    unlinkSync(join(dataDir, 'aws', 's3.md'));
    const gone = await eventually(
      () => fact('Glacier Deep Archive'),
      (text) => !text.includes('Cheapest storage class'),
    );
    expect(gone).not.toContain('Cheapest storage class');
  });

  it('logs the error of a note that breaks and keeps serving its last good version', async () => {
    const path = join(dataDir, 'aws', 'iam.md');
    writeFileSync(path, '# IAM\n\n> [!question] Who is the root user?\n> The ==account owner==.\n');
    await eventually(
      () => fact('root user'),
      (text) => text.includes('account owner'),
    );
    writeFileSync(path, '# IAM\n\n> [!question] Who is the root user?\n');
    await eventually(
      async () => harness.logs(),
      (logs) => logs.includes('serving its last good version'),
    );
    expect(harness.logs()).toContain('serving its last good version');
    expect(await fact('root user')).toContain('account owner');
  });
});
