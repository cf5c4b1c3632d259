import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveBank, type ReloadReport } from '../../src/bank/index.ts';
import { type NotesWatcher, watchNotes } from '../../src/bank/watch.ts';
import { type CycleState, newCycle, nextInCycle } from '../../src/daily/cycle.ts';

const ROOT = join(import.meta.dirname, '..', '..');
const seed = readFileSync(join(ROOT, 'data', 'aws', 'ami.md'));
const VPC = '# VPC\n\n> [!question] What connects two VPCs privately?\n> ==VPC peering==.\n';
const VPC_MORE = `${VPC}\nA NAT gateway lets private subnets reach the ==internet==.\n`;
const VPC_BROKEN = `${VPC}\n> [!question] A question nobody answered?\n`;

/** Generous: it only bounds a watcher that never reloads. The 2 s promise is measured in bench/reload.ts. */
const GIVE_UP_MS = 10_000;

/**
 * A watcher's `onReload`, and `until(check)`: re-checks after every reload until `check` passes (a
 * rename can take two reloads). No elapsed-time assertion: a slow machine is slow, not wrong.
 */
function reloadWaiter(onEach: (report: ReloadReport) => void = () => undefined) {
  let wake: () => void = () => undefined;
  const onReload = (report: ReloadReport) => {
    onEach(report);
    wake();
  };
  const until = async (check: () => void): Promise<void> => {
    const giveUpAt = Date.now() + GIVE_UP_MS;
    for (;;) {
      try {
        check();
        return;
      } catch (error) {
        if (Date.now() > giveUpAt) throw error;
      }
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, 500).unref(); // also re-check now and then, should an event be missed
      });
    }
  };
  return { onReload, until };
}

describe.each([
  ['recursive fs.watch', false],
  ['one watcher per folder', true],
])('live reload of DATA_DIR (%s)', (_name, perFolder) => {
  let dir: string;
  let live: LiveBank;
  let watcher: NotesWatcher;
  let reports: ReloadReport[];
  let untilReloaded: (check: () => void) => Promise<void>;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'flashcord-live-'));
    mkdirSync(join(dir, 'aws'));
    writeFileSync(join(dir, 'aws', 'ami.md'), seed);
    live = await LiveBank.open(dir);
    reports = [];
    const waiter = reloadWaiter((report) => reports.push(report));
    untilReloaded = waiter.until;
    watcher = watchNotes(live, { debounceMs: 100, perFolder, onReload: waiter.onReload });
  });
  afterEach(() => {
    watcher.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const vpcItems = () => live.current.itemsForTopic('networking/vpc.md').map((item) => item.answer);

  it('serves a new note, keeps its last good items while it is broken, and drops them when it is deleted', async () => {
    mkdirSync(join(dir, 'networking'));
    writeFileSync(join(dir, 'networking', 'vpc.md'), VPC_MORE);
    await untilReloaded(() => expect(vpcItems()).toEqual(['VPC peering.', 'internet']));
    expect(reports.flatMap((r) => r.parsed)).toContain('networking/vpc.md');

    writeFileSync(join(dir, 'networking', 'vpc.md'), VPC_BROKEN);
    await untilReloaded(() =>
      expect(live.current.diagnostics).toContainEqual(
        expect.objectContaining({ file: 'networking/vpc.md', line: 6, severity: 'error' }),
      ),
    );
    expect(vpcItems()).toEqual(['VPC peering.', 'internet']);

    unlinkSync(join(dir, 'networking', 'vpc.md'));
    await untilReloaded(() => expect(vpcItems()).toEqual([]));
    expect(live.current.diagnostics.filter((d) => d.file.startsWith('networking/'))).toEqual([]);
    expect(live.current.itemsForTopic('aws').length).toBeGreaterThan(20);
  });

  it('re-parses only the note that changed', async () => {
    writeFileSync(join(dir, 'vpc.md'), VPC);
    await untilReloaded(() => expect(live.current.itemsForTopic('vpc.md')).toHaveLength(1));
    expect(reports.flatMap((r) => r.parsed)).toEqual(['vpc.md']);
    expect(reports.flatMap((r) => r.removed)).toEqual([]);
  });
});

describe('the daily question cycle across live reloads', () => {
  let dir: string;
  let watcher: NotesWatcher | undefined;
  afterEach(() => {
    watcher?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps what it asked, adds new notes to the current cycle and forgets deleted ones', async () => {
    dir = mkdtempSync(join(tmpdir(), 'flashcord-cycle-'));
    writeFileSync(join(dir, 'ami.md'), seed);
    const live = await LiveBank.open(dir);
    const waiter = reloadWaiter();
    watcher = watchNotes(live, { debounceMs: 100, onReload: waiter.onReload });
    const ids = () => live.current.items.map((item) => item.id);
    let state: CycleState = newCycle();
    const ask = () => {
      const pick = nextInCycle(state, ids(), 'guild-1');
      if (!pick) throw new Error('nothing to ask');
      state = pick.state;
      return pick.itemId;
    };
    const askedBefore = [ask(), ask(), ask()];

    writeFileSync(join(dir, 'vpc.md'), VPC_MORE);
    await waiter.until(() => expect(live.current.itemsForTopic('vpc.md')).toHaveLength(2));
    const vpcIds = live.current.itemsForTopic('vpc.md').map((item) => item.id);
    ask();
    expect(state.cycle).toBe(0);
    expect(state.asked.slice(0, 3)).toEqual(askedBefore);

    // Ask until every item was asked once: the new note's items are part of this cycle.
    const seen = new Set(state.asked);
    while (state.cycle === 0) seen.add(ask());
    for (const id of vpcIds) expect(seen).toContain(id);

    unlinkSync(join(dir, 'vpc.md'));
    await waiter.until(() => expect(live.current.itemsForTopic('vpc.md')).toEqual([]));
    for (let i = 0; i < ids().length; i++) expect(vpcIds).not.toContain(ask());
    expect(state.asked.some((id) => vpcIds.includes(id))).toBe(false);
  });
});
