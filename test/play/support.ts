import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { dailyFeature } from '../../src/daily/feature.ts';
import { coreFeatures } from '../../src/features.ts';
import { launchChromium } from '../../src/play/browser.ts';
import type { PlayClock } from '../../src/play/clock.ts';
import { dailyTickFeature, type PlayFeature } from '../../src/play/features.ts';
import { type Playground, startPlayground } from '../../src/play/playground.ts';
import { ANSWER_COOLDOWN_MS } from '../../src/quiz/solo.ts';
import { raceFeature } from '../../src/race/index.ts';

/** Race rounds short enough for a test (the playground's default is Discord-like 20 s). */
export const FAST_RACE = { roundMs: 4000, gapMs: 300, updateEveryMs: 1000 };

/** A playground on a temporary store and a headless Chromium, for one test file. */
export interface PlaySetup {
  playground: Playground;
  browser: Browser;
  /** A fresh page (own context: UTC, en-GB; 1280×900 unless `viewport` is given) on the playground, ready to use. */
  open(viewport?: { width: number; height: number }): Promise<Page>;
  close(): Promise<void>;
}

/** Starts the playground (fast race rounds) and the browser. */
export async function setUpPlay(
  features: PlayFeature[] = [
    ...coreFeatures(),
    raceFeature({ settings: FAST_RACE }),
    // No minute cron: the test's clock jumps tick it. Quick claims and live-count edits.
    dailyFeature({ cron: false, settleMs: 20, countEditMs: 200 }),
    dailyTickFeature(),
  ],
): Promise<PlaySetup> {
  const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-play-'));
  const playground = await startPlayground({ storeDir, features });
  const browser = await launchChromium();
  return {
    playground,
    browser,
    async open(viewport = { width: 1280, height: 900 }) {
      const context = await browser.newContext({ timezoneId: 'UTC', locale: 'en-GB', viewport });
      const page = await context.newPage();
      // Well under vitest's 30 s, so a missing element fails with Playwright's own explanation.
      page.setDefaultTimeout(8000);
      page.on('pageerror', (error) => {
        throw error;
      });
      await page.goto(playground.url);
      await page.locator('body[data-ready="true"]').waitFor();
      return page;
    },
    async close() {
      await browser.close();
      await playground.close();
      rmSync(storeDir, { recursive: true, force: true });
    },
  };
}

/** Picks a command (or subcommand) from the "/" list, fills its options by label, and sends it. */
export async function runCommand(
  page: Page,
  label: string,
  options: Record<string, string> = {},
): Promise<void> {
  await page.getByRole('combobox', { name: 'Command' }).fill(label);
  await page
    .getByRole('listbox')
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(label)}(\\s|$)`) })
    .click();
  for (const [name, value] of Object.entries(options)) {
    const field = page.locator(`#option-${name}`);
    if ((await field.evaluate((node) => node.tagName)) === 'SELECT')
      await field.selectOption({ label: value });
    else await field.fill(value);
  }
  await page.getByRole('button', { name: 'Send' }).click();
}

/** Acts as another member from the switcher ("Alice", "Bob", "Carol"). */
export async function actAs(page: Page, displayName: string): Promise<void> {
  const switcher = page.getByLabel('Acting as');
  const value = await switcher.evaluate(
    (node, name) =>
      Array.from((node as unknown as { options: ArrayLike<{ text: string; value: string }> }).options).find(
        (o) => o.text.startsWith(name),
      )?.value,
    displayName,
  );
  if (!value) throw new Error(`no member "${displayName}" in the switcher`);
  await switcher.selectOption(value);
}

/** The last message in the channel. */
export function lastMessage(page: Page): Locator {
  return page.locator('#messages > li').last();
}

/**
 * Answers the solo question shown in `message`: the first choice, the first options of a "Choose N"
 * menu, or "Answer" and a typed answer in the modal. Resolves once the verdict is shown.
 */
export async function answerSoloQuestion(page: Page, message: Locator, clock: PlayClock): Promise<void> {
  // The solo quiz takes one answer a second per member; moving the bot clock spares the wait.
  clock.advance(ANSWER_COOLDOWN_MS + 1);
  const menu = message.locator('select.select-menu');
  if ((await menu.count()) > 0) {
    // "Choose two.": as many options as the menu asks for, then its Choose button.
    const wanted = Number(/\d+/.exec((await menu.getAttribute('aria-label')) ?? '')?.[0] ?? '2');
    const values = await menu
      .locator('option')
      .evaluateAll(
        (nodes, n) => nodes.slice(0, n).map((node) => (node as unknown as { value: string }).value),
        wanted,
      );
    await menu.selectOption(values);
    await message.getByRole('button', { name: 'Choose' }).click();
  } else {
    await message.locator('.action-row .btn').first().click();
  }
  const verdict = message.getByText(/Right!|Not quite|Accepted as/);
  const dialog = page.getByRole('dialog');
  await verdict.or(dialog).first().waitFor();
  if (await dialog.isVisible()) {
    await dialog.getByRole('textbox').first().fill('AMI');
    await dialog.getByRole('button', { name: 'Submit' }).click();
    await verdict.waitFor();
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
