import { createWriteStream } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startPlayground } from './playground.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const STORE_DIR = join(ROOT, 'var', 'play');
const DEFAULT_PORT = 8787;

/** `npm run play [-- --port N] [--keep]`: the playground, until Ctrl+C. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PLAY_PORT ?? String(DEFAULT_PORT) },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'usage: npm run play [-- --port 8787] [--keep]\n  --keep  keep the scores and settings of the last run\n',
    );
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    process.stderr.write(`play: --port must be a port number (0–65535), got "${values.port}"\n`);
    process.exit(2);
  }
  const logFile = join(STORE_DIR, 'bot.log');
  const playground = await startPlayground({
    port,
    storeDir: STORE_DIR,
    keepStore: values.keep,
    logDestination: createWriteStream(logFile, { flags: 'a' }),
    logLevel: 'debug',
  });
  process.stdout.write(
    [
      `flashcord playground: ${playground.url}`,
      `  bot log: ${logFile}`,
      `  store:   ${join(STORE_DIR, 'flashcord.sqlite')}${values.keep ? ' (kept)' : ' (fresh; --keep to keep it)'}`,
      '  Ctrl+C to stop',
      '',
    ].join('\n'),
  );
  const stop = () => void playground.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /EADDRINUSE/.test(message) ? ' (the port is taken: try --port 0 for a free one)' : '';
  process.stderr.write(`play: cannot start: ${message}${hint}\n`);
  process.exit(1);
});
