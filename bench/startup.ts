/**
 * Startup benchmark: time from process start (and from the `startBot()` call) to a ready, registered
 * bot against the local fake Discord, and RSS once ready, with 1 and with 1,000 guilds.
 * The bot runs in a child process so its RSS is not mixed with the fake's. Run: `npx tsx bench/startup.ts`.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FakeGuildInit } from '../test/fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 3;

interface Sample {
  processToReadyMs: number;
  callToReadyMs: number;
  rssMb: number;
  heapMb: number;
  guilds: number;
}

/** In the child: start the bot from the environment, report, stop. */
async function child(): Promise<void> {
  const { startBot } = await import('../src/main.ts');
  const callAt = performance.now();
  const bot = await startBot({ env: process.env });
  const readyAt = performance.now();
  const memory = process.memoryUsage();
  const sample: Sample = {
    processToReadyMs: readyAt,
    callToReadyMs: readyAt - callAt,
    rssMb: memory.rss / 2 ** 20,
    heapMb: memory.heapUsed / 2 ** 20,
    guilds: bot.client.guilds.cache.size,
  };
  process.send?.(sample);
  await bot.stop();
}

function guilds(count: number): FakeGuildInit[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Study ${i + 1}`,
    channels: [{ name: 'general' }, { name: 'daily' }],
  }));
}

async function measure(guildCount: number): Promise<Sample> {
  const { FakeDiscord } = await import('../test/fake-discord/index.ts');
  const fake = await FakeDiscord.start({ guilds: guilds(guildCount) });
  const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-'));
  try {
    return await new Promise<Sample>((done, fail) => {
      const bot = fork(import.meta.filename, ['--child'], {
        execArgv: ['--import', 'tsx'],
        cwd: ROOT,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: fake.token,
          DISCORD_API_URL: fake.apiUrl,
          DEV_GUILD_ID: fake.guild().id,
          DATA_DIR: join(ROOT, 'data'),
          STORE_URL: `sqlite://${join(storeDir, 'bench.sqlite')}`,
          LOG_LEVEL: 'warn',
        },
      });
      let sample: Sample | undefined;
      bot.on('message', (message) => {
        sample = message as Sample;
      });
      bot.on('exit', (code) =>
        sample ? done(sample) : fail(new Error(`bot exited with ${code} before ready`)),
      );
    });
  } finally {
    await fake.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const guildCount of [1, 1_000]) {
    const samples: Sample[] = [];
    for (let run = 0; run < RUNS; run++) samples.push(await measure(guildCount));
    if (samples.some((s) => s.guilds !== guildCount))
      throw new Error(`expected ${guildCount} guilds in cache`);
    rows.push(
      `| ${guildCount.toLocaleString('en')} | ${median(samples.map((s) => s.processToReadyMs)).toFixed(0)} | ` +
        `${median(samples.map((s) => s.callToReadyMs)).toFixed(0)} | ${median(samples.map((s) => s.rssMb)).toFixed(0)} | ` +
        `${median(samples.map((s) => s.heapMb)).toFixed(0)} |`,
    );
  }
  console.log(`startup against the fake Discord, median of ${RUNS} runs`);
  console.log(
    '| guilds | process start → ready (ms) | startBot() → ready (ms) | RSS (MB) | heap used (MB) |',
  );
  console.log('|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

if (process.argv.includes('--child')) await child();
else await main();
