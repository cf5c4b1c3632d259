import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreFeatures } from '../../src/features.ts';
import { liveReloadHook } from '../../src/notes/live-reload.ts';
import { type Harness, startHarness } from './helpers.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const NOTE =
  '# Lambda\n\n| Term | Meaning |\n| --- | --- |\n| **Provisioned concurrency** | Pre-warmed instances |\n';

describe('a note written around start-up', () => {
  let harness: Harness;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-start-race-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    harness = await startHarness({
      env: { DATA_DIR: dataDir },
      // Written the moment the bot is ready, after the first load and before the watcher starts:
      // the window in which a note used to be seen by neither.
      features: [
        ...coreFeatures(),
        { onReady: () => writeFileSync(join(dataDir, 'aws', 'lambda.md'), NOTE) },
        { onReady: liveReloadHook({ debounceMs: 50 }) },
      ],
    });
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is picked up, although it was written before the watcher started', async () => {
    await harness.fake.waitFor(
      () => harness.bot.ctx.bank.current.notes.some((n) => n.path === 'aws/lambda.md'),
      {
        timeoutMs: 10_000,
        message: 'the note written at ready to be in the bank',
      },
    );
    const reply = await (
      await harness.fake.slash({ name: 'fact', options: { query: 'Provisioned concurrency' } })
    ).reply();
    expect(JSON.stringify(reply)).toContain('Pre-warmed instances');
    expect(harness.fake.violations).toEqual([]);
  });
});
