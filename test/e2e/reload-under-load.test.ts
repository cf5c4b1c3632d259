import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../bench/corpus.ts';
import { liveReloadHook } from '../../src/notes/live-reload.ts';
import type { FakeMessage, InteractionHandle } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';
import { allComponents } from './v2-support.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const NOTES = 2_000;
const MEMBERS = 4;

const member = (n: number) => ({ id: String(410000000000000000n + BigInt(n)), username: `member${n}` });

/** Notes the live reload has reported parsed so far, from the bot's log. */
function notesReloaded(logs: string): number {
  let parsed = 0;
  for (const line of logs.split('\n')) {
    if (!line.includes('"notes reloaded"')) continue;
    parsed += (JSON.parse(line) as { parsed: string[] }).parsed.length;
  }
  return parsed;
}

describe('a live reload of 2,000 new notes while members use the bot', () => {
  let harness: Harness;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-reload-load-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    harness = await startHarness({
      env: { DATA_DIR: dataDir },
      start: { onReady: [liveReloadHook({ debounceMs: 100 })] },
    });
  }, 120_000);
  afterAll(async () => {
    await harness?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('acknowledges every /fact and every answer before Discord gives up, then serves the new notes', async () => {
    // Each member has a question on screen before the notes arrive.
    const questions: FakeMessage[] = [];
    for (let n = 0; n < MEMBERS; n++) {
      const start = await harness.fake.slash({ name: 'quiz', user: member(n), options: { questions: 3 } });
      questions.push(await start.reply());
    }
    const before = notesReloaded(harness.logs());
    // 2,000 notes arrive at once (a synced folder, a git pull): one reload parses them all.
    writeCorpus(join(dataDir, 'corpus'), NOTES);

    const sent: InteractionHandle[] = [];
    let answered = 0;
    // Interactions keep arriving until the reload is done: /fact, and one answer per member.
    // The stand-in refuses any callback after Discord's 3 s with 10062, which `rejections` records.
    while (notesReloaded(harness.logs()) < before + NOTES) {
      sent.push(await harness.fake.slash({ name: 'fact', options: { query: 'region' } }));
      const message = questions[answered];
      if (message) {
        sent.push(await answerAny(harness, message, member(answered)));
        answered += 1;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    for (const ix of sent) await ix.response();
    expect(answered).toBe(MEMBERS);
    expect(sent.flatMap((ix) => ix.rejections)).toEqual([]);
    expect(harness.fake.violations).toEqual([]);
    expect(harness.bot.ctx.bank.current.notes.length).toBeGreaterThan(NOTES);
  }, 400_000);
});

/** Answers a quiz question with its first option: a button, or the select menu of a "Choose two". */
function answerAny(
  harness: Harness,
  message: FakeMessage,
  user: ReturnType<typeof member>,
): Promise<InteractionHandle> {
  const components = allComponents(message);
  const button = components.find((c) => c.type === 2) as { custom_id: string } | undefined;
  if (button) return harness.fake.click({ message, customId: button.custom_id, user });
  const select = components.find((c) => c.type === 3) as
    | { custom_id: string; min_values?: number; options: { value: string }[] }
    | undefined;
  if (!select) throw new Error('the question has no button and no select menu');
  const values = select.options.slice(0, select.min_values ?? 1).map((o) => o.value);
  return harness.fake.select({ message, customId: select.custom_id, values, user });
}
