import { resolve } from 'node:path';
import { REST, type RESTGetCurrentApplicationResult, Routes } from 'discord.js';
import { type Env, envWithDotenv, loadConfig } from '../config.ts';
import { loadCommands } from '../discord/loader.ts';
import { registerCommands, registrationTarget, targetLabel } from '../discord/register.ts';
import { createLogger, secretScrubber } from '../log.ts';
import { openStore } from '../store/index.ts';

/**
 * `npm run deploy-commands`: registers every command in `commands/` now (without the gateway),
 * whether or not the definitions changed, and records the hash so the next `npm start` skips it.
 */
async function deployCommands(env: Env): Promise<number> {
  const result = loadConfig(env);
  if (!result.ok) {
    process.stderr.write('Cannot deploy commands; fix these settings (in .env or the environment):\n');
    for (const problem of result.problems) process.stderr.write(`  ${problem}\n`);
    return 1;
  }
  const { config } = result;
  const log = createLogger({ level: config.logLevel, secrets: [config.discordToken] });
  const commands = await loadCommands(resolve(import.meta.dirname, '../../commands'));
  const rest = new REST({ api: config.discordApiUrl }).setToken(config.discordToken);
  const application = (await rest.get(Routes.currentApplication())) as RESTGetCurrentApplicationResult;
  const store = await openStore(config.storeUrl);
  try {
    const target = registrationTarget(config.devGuildId);
    const outcome = await registerCommands({
      rest,
      applicationId: application.id,
      bodies: commands.bodies,
      target,
      kv: store.kv,
      log,
      force: true,
    });
    const noun = outcome.count === 1 ? 'command' : 'commands';
    process.stdout.write(`Registered ${outcome.count} ${noun} (${targetLabel(target)}).\n`);
    return 0;
  } finally {
    await store.close();
  }
}

const env = envWithDotenv(process.env);
try {
  process.exitCode = await deployCommands(env);
} catch (error) {
  const scrub = secretScrubber(env.DISCORD_TOKEN ? [env.DISCORD_TOKEN] : []);
  process.stderr.write(`Cannot deploy commands: ${scrub((error as Error)?.message ?? String(error))}\n`);
  process.exitCode = 1;
}
