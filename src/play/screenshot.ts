import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../package-root.ts';
import { hasChromium, launchChromium } from './browser.ts';
import { startPlayground } from './playground.ts';

const OUTPUT = join(PACKAGE_ROOT, 'docs', 'playground.png');

/**
 * `npm run screenshot`: docs/playground.png from the real page — a solo quiz question answered, the
 * /leaderboard card (Components V2, emoji in colour).
 */
async function main(): Promise<void> {
  if (!hasChromium()) {
    process.stderr.write('screenshot: /usr/bin/chromium is missing (apt-get install -y chromium)\n');
    process.exit(1);
  }
  const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-screenshot-'));
  const playground = await startPlayground({ storeDir });
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 1000 },
      timezoneId: 'UTC',
      locale: 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(playground.url);
    await page.locator('body[data-ready="true"]').waitFor();
    const command = page.getByRole('combobox', { name: 'Command' });

    await command.fill('/quiz');
    await page.getByRole('option', { name: /^\/quiz/ }).click();
    await page.getByLabel('questions').fill('3');
    await page.getByRole('button', { name: 'Send' }).click();
    // Answer the first question whatever its kind: a choice button, or "Answer" and a typed answer.
    await page.locator('.message .action-row .btn').first().click();
    const verdict = page.getByText(/Right!|Not quite|Accepted as/).first();
    await verdict.or(page.locator('dialog[open]')).waitFor();
    if (await page.locator('dialog[open]').isVisible()) {
      await page.getByLabel('Your answer').fill('AMI');
      await page.getByRole('button', { name: 'Submit' }).click();
      await verdict.waitFor();
    }

    await command.fill('/leaderboard');
    await page.getByRole('option', { name: /^\/leaderboard/ }).click();
    await page.getByRole('button', { name: 'Send' }).click();
    await page.locator('.message .v2-image').first().waitFor();

    await page.locator('.message .v2-image').last().scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0); // no hover highlight on the picture
    await page.screenshot({ path: OUTPUT });
    process.stdout.write(`screenshot: wrote ${OUTPUT}\n`);
  } finally {
    await browser.close();
    await playground.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `screenshot: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  process.exit(1);
});
