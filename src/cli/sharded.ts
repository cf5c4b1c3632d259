import { envWithDotenv } from '../config.ts';
import { secretScrubber } from '../log.ts';
import { ConfigError } from '../main.ts';
import { type ShardedBot, startSharded } from '../shard/launcher.ts';

/**
 * `npm run start:sharded`: one process per shard (discord.js ShardingManager over src/main.ts),
 * `SHARDS=auto|n` or `SHARD_IDS` + `SHARD_COUNT`; the store must be Redis. Exits 1 on a bad
 * configuration, naming every problem; otherwise runs until SIGINT/SIGTERM.
 */
async function run(): Promise<void> {
  const env = envWithDotenv(process.env);
  const scrub = secretScrubber(env.DISCORD_TOKEN ? [env.DISCORD_TOKEN] : []);
  let bot: ShardedBot;
  try {
    bot = await startSharded({ env });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        'flashcord cannot start sharded; fix these settings (in .env or the environment):\n',
      );
      for (const problem of error.problems) process.stderr.write(`  ${problem}\n`);
    } else {
      process.stderr.write(
        `flashcord cannot start sharded: ${scrub((error as Error)?.message ?? String(error))}\n`,
      );
    }
    process.exit(1);
  }
  const shutdown = (signal: string) => {
    bot.log.info({ signal }, 'stopping shards');
    void bot.stop().finally(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

await run();
