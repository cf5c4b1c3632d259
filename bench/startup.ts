/**
 * Startup benchmark: time from process start (and from the `startBot()` call) to a ready, registered
 * bot against the local fake Discord, and RSS once ready, with 1 and with 1,000 guilds; for the code
 * run as TypeScript under tsx (how `npm start` ran before) and compiled to dist/ under plain node (how
 * it runs now), runs of the variants interleaved so machine noise falls on all of them alike.
 * Builds dist/ first (`npm run build`). The bot runs in a child process so its RSS is not mixed with
 * the fake's.
 *
 * Then `npm start` itself, as a user types it, against the fake with the reference notes: the time from
 * spawning `npm start` to its "connected to Discord" log line, before (the old `prestart` compiled on
 * every start: `npm run -s build && node …`) and after (plain `node dist/src/main.js`), a first start
 * on an empty parse cache and the next starts reusing it (the bench fails if they do not).
 * Run: `npm run bench -- startup`; `BENCH_STARTUP=npm` runs only the `npm start` part.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FakeGuildInit } from '../test/fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '..');
const RUNS = 3;

interface Variant {
  name: string;
  execArgv: string[];
  main: string;
}

const VARIANTS: Variant[] = [
  { name: 'tsx src/main.ts', execArgv: ['--import', 'tsx'], main: 'src/main.ts' },
  { name: 'node dist/src/main.js', execArgv: [], main: 'dist/src/main.js' },
  {
    name: 'node --enable-source-maps dist/src/main.js',
    execArgv: ['--enable-source-maps'],
    main: 'dist/src/main.js',
  },
];

interface Sample {
  /** Process start → `startBot()` called: loading Node, the loader (tsx) and our modules. */
  loadMs: number;
  processToReadyMs: number;
  callToReadyMs: number;
  rssMb: number;
  heapMb: number;
  guilds: number;
}

/**
 * The child, evaluated as an ES module: imports the entry named by BENCH_MAIN_URL, starts the bot from
 * the environment, reports, stops. `performance.now()` counts from the process's start.
 */
const CHILD = `
const { startBot } = await import(process.env.BENCH_MAIN_URL);
const callAt = performance.now();
const bot = await startBot({ env: process.env });
const readyAt = performance.now();
const memory = process.memoryUsage();
process.send({
  loadMs: callAt,
  processToReadyMs: readyAt,
  callToReadyMs: readyAt - callAt,
  rssMb: memory.rss / 2 ** 20,
  heapMb: memory.heapUsed / 2 ** 20,
  guilds: bot.client.guilds.cache.size,
});
await bot.stop();
process.disconnect();
`;

function guilds(count: number): FakeGuildInit[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `Study ${i + 1}`,
    channels: [{ name: 'general' }, { name: 'daily' }],
  }));
}

async function measure(variant: Variant, guildCount: number): Promise<Sample> {
  const { FakeDiscord } = await import('../test/fake-discord/index.ts');
  const fake = await FakeDiscord.start({ guilds: guilds(guildCount) });
  const storeDir = mkdtempSync(join(tmpdir(), 'flashcord-bench-'));
  try {
    return await new Promise<Sample>((done, fail) => {
      const bot = spawn(process.execPath, [...variant.execArgv, '--input-type=module', '-e', CHILD], {
        cwd: ROOT,
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        env: {
          PATH: process.env.PATH ?? '',
          BENCH_MAIN_URL: pathToFileURL(join(ROOT, variant.main)).href,
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
        sample ? done(sample) : fail(new Error(`${variant.name} exited with ${code} before ready`)),
      );
    });
  } finally {
    await fake.close();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
const loadavg = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** What one `npm start` gave: time to the "connected to Discord" line, and what the bank load said. */
interface NpmStart {
  readyMs: number;
  parsed: number;
  fromCache: number;
}

/** Spawns `command` in the project as `npm start` would run, against `fake`, until it is connected. */
async function measureNpmStart(command: string, env: Record<string, string>): Promise<NpmStart> {
  const started = performance.now();
  const child: ChildProcess = spawn('sh', ['-c', command], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_FORMAT: 'json', ...env },
  });
  const exited = new Promise<void>((done) => child.on('exit', () => done()));
  try {
    return await new Promise<NpmStart>((done, fail) => {
      let buffered = '';
      let bank: { parsed: number; fromCache: number } | undefined;
      child.stdout?.on('data', (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines) {
          if (!line.startsWith('{')) continue;
          const entry = JSON.parse(line) as { msg?: string; parsed?: number; fromCache?: number };
          if (entry.msg === 'question bank loaded') {
            bank = { parsed: entry.parsed ?? -1, fromCache: entry.fromCache ?? -1 };
          }
          if (entry.msg === 'connected to Discord' && bank) {
            done({ readyMs: performance.now() - started, ...bank });
          }
        }
      });
      child.on('exit', (code) => fail(new Error(`${command} exited with ${code} before it was ready`)));
    });
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    await exited;
  }
}

/** `npm start` before and after this change, cold and warm parse cache. */
async function npmStartRows(): Promise<string[]> {
  const { FakeDiscord } = await import('../test/fake-discord/index.ts');
  const fake = await FakeDiscord.start();
  const work = mkdtempSync(join(tmpdir(), 'flashcord-bench-npm-'));
  const env = (cache: string) => ({
    DISCORD_TOKEN: fake.token,
    DISCORD_API_URL: fake.apiUrl,
    DEV_GUILD_ID: fake.guild().id,
    DATA_DIR: join(ROOT, 'data'),
    STORE_URL: `sqlite://${join(work, 'bench.sqlite')}`,
    BANK_CACHE_DIR: join(work, cache),
  });
  const rows: string[] = [];
  const row = (what: string, list: NpmStart[]) => {
    const ms = list.map((s) => s.readyMs);
    rows.push(
      `| ${what} | ${list.length} | ${median(ms).toFixed(0)} | ${Math.min(...ms).toFixed(0)}–${Math.max(...ms).toFixed(0)} | ` +
        `${list.map((s) => `${s.parsed}/${s.fromCache}`).join(', ')} |`,
    );
  };
  try {
    const before: NpmStart[] = [];
    for (let run = 0; run < 2; run++) {
      before.push(
        await measureNpmStart(
          'npm run -s build && node --enable-source-maps dist/src/main.js',
          env('before'),
        ),
      );
    }
    const cold: NpmStart[] = [];
    const warm: NpmStart[] = [];
    const direct: NpmStart[] = [];
    for (let run = 0; run < RUNS; run++) {
      const cache = `after-${run}`;
      cold.push(await measureNpmStart('npm start', env(cache)));
      warm.push(await measureNpmStart('npm start', env(cache)));
      // The same start without npm in front: what npm's own start-up adds.
      direct.push(await measureNpmStart('node --enable-source-maps dist/src/main.js', env(cache)));
    }
    if ([...warm, ...direct].some((s) => s.parsed !== 0 || s.fromCache < 1)) {
      throw new Error('a second npm start did not reuse the parse cache');
    }
    row('before: `prestart` compiles, then `node dist/src/main.js`', before);
    row('after: `npm start` = `node dist/src/main.js`, first start (parse cache empty)', cold);
    row('after: `npm start`, second start (parse cache reused)', warm);
    row('for comparison: `node --enable-source-maps dist/src/main.js` without npm (cache reused)', direct);
  } finally {
    await fake.close();
    rmSync(work, { recursive: true, force: true });
  }
  return rows;
}

async function main(): Promise<void> {
  if (process.env.BENCH_STARTUP !== 'npm') await variantTable();
  const loadBefore = loadavg();
  const rows = await npmStartRows();
  console.log(`\nnpm start → "connected to Discord" against the fake Discord, reference notes (data/)`);
  console.log(`load average before ${loadBefore}, after ${loadavg()}`);
  console.log('| start | runs | median (ms) | range (ms) | notes parsed/from cache, per run |');
  console.log('|---|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
}

async function variantTable(): Promise<void> {
  const buildStart = performance.now();
  execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const buildMs = performance.now() - buildStart;
  const loadBefore = loadavg();
  const rows: string[] = [];
  for (const guildCount of [1, 1_000]) {
    const samples = new Map<Variant, Sample[]>(VARIANTS.map((v) => [v, []]));
    for (let run = 0; run < RUNS; run++) {
      for (const variant of VARIANTS) samples.get(variant)?.push(await measure(variant, guildCount));
    }
    for (const [variant, list] of samples) {
      if (list.some((s) => s.guilds !== guildCount))
        throw new Error(`expected ${guildCount} guilds in cache`);
      const med = (pick: (s: Sample) => number) => median(list.map(pick)).toFixed(0);
      rows.push(
        `| ${guildCount.toLocaleString('en')} | \`${variant.name}\` | ${med((s) => s.loadMs)} | ` +
          `${med((s) => s.processToReadyMs)} | ${med((s) => s.callToReadyMs)} | ${med((s) => s.rssMb)} | ` +
          `${med((s) => s.heapMb)} |`,
      );
    }
  }
  console.log(`startup against the fake Discord, median of ${RUNS} runs`);
  console.log(
    `build (npm run build) ${buildMs.toFixed(0)} ms; load average before ${loadBefore}, after ${loadavg()}`,
  );
  console.log(
    '| guilds | entry | process start → startBot() (ms) | process start → ready (ms) | startBot() → ready (ms) | RSS (MB) | heap used (MB) |',
  );
  console.log('|---:|---|---:|---:|---:|---:|---:|');
  for (const row of rows) console.log(row);
}

await main();
