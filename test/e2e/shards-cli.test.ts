import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FakeDiscord, guildIdForShard } from '../fake-discord/index.ts';
import { REDIS } from '../support/requirements.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.REDIS_URL;
const TSX = import.meta.resolve('tsx');

/** `npm run start:sharded` without npm: the launcher CLI under tsx, with its output collected. */
function launch(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const chunks: string[] = [];
  const child = spawn(process.execPath, ['--import', TSX, 'src/cli/sharded.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => chunks.push(String(chunk)));
  child.stderr?.on('data', (chunk) => chunks.push(String(chunk)));
  return { child, output: () => chunks.join('') };
}

describe('npm run start:sharded', () => {
  it('refuses a SQLite store before starting any shard, and says why', async () => {
    const { child, output } = launch({ DISCORD_TOKEN: 'a-valid-looking-token-123456', SHARDS: '2' });
    // 'close', not 'exit': output written just before exit may still be in the pipe at 'exit'.
    const [code] = await once(child, 'close');
    expect(code).toBe(1);
    expect(output()).toContain('flashcord cannot start sharded; fix these settings');
    expect(output()).toContain('SQLite cannot be shared safely between processes');
  });

  describe.skipIf(!REDIS.met)(REDIS.title('on Redis'), () => {
    let fake: FakeDiscord | undefined;
    let running: ChildProcess | undefined;
    afterAll(async () => {
      if (running?.exitCode === null) running.kill('SIGKILL');
      await fake?.close();
    });

    it('runs src/main.ts once per shard; each answers the commands of its guilds, and SIGTERM stops them all', async () => {
      fake = await FakeDiscord.start({
        shards: 2,
        guilds: [0, 1].map((shard) => ({
          id: guildIdForShard(shard, 2),
          name: `Study ${shard}`,
          channels: [{ name: 'general' }],
        })),
      });
      const { child, output } = launch({
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        STORE_URL: REDIS_URL ?? '',
        LOG_LEVEL: 'info',
        SHARDS: 'auto',
      });
      running = child;
      const server = fake;
      await server.waitFor(() => output().split('"msg":"shard ready"').length === 3, {
        timeoutMs: 60_000,
        message: `two ready shards; output so far:\n${output()}`,
      });
      await server.waitFor(() => server.registeredCommands().length > 0, { message: 'registration' });
      for (const shard of [0, 1]) {
        const ix = await server.slash({
          name: 'bank',
          subcommand: 'stats',
          guildId: guildIdForShard(shard, 2),
        });
        expect((await ix.reply()).embeds[0]?.title).toBe('Question bank');
      }
      expect(server.registrationCount()).toBe(1);
      expect(output()).toContain('"totalShards":2,"recommended":2');

      child.kill('SIGTERM');
      // 'close', not 'exit': output written just before exit may still be in the pipe at 'exit'.
      const [code] = await once(child, 'close');
      expect(code).toBe(0);
      expect(output().split('"msg":"stopped"').length, output()).toBe(3);
      expect(output()).toContain('all shards stopped');
      expect(output()).not.toContain(server.token);
    }, 90_000);
  });
});
