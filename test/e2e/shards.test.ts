import { once } from 'node:events';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashKey } from '../../src/discord/register.ts';
import { type ShardedBot, startSharded } from '../../src/shard/launcher.ts';
import { broadcastReload, RELOAD_KEY } from '../../src/shard/reload.ts';
import { closeKeyv, openKeyv, openStore, type Store } from '../../src/store/index.ts';
import { keys, MEMBER_BUCKETS } from '../../src/store/keys.ts';
import {
  DEFAULT_MEMBERS,
  FakeDiscord,
  type FakeGuild,
  guildIdForShard,
  shardOf,
} from '../fake-discord/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const REDIS_URL = process.env.REDIS_URL;
const [alice, bob, carol] = DEFAULT_MEMBERS.map((m) => ({ id: m.id ?? '', username: m.username }));

// Guild ids unique to this run: the bot's Redis namespace is fixed, and other runs may share Redis.
const BASE = 1_700_000_000_000 + (Date.now() % 1_000_000) * 10;
const GUILD_IDS = [0, 1, 2, 3].map((i) => guildIdForShard(i % 2, 2, BASE + 2 * i));

describe.skipIf(!REDIS_URL)('the bot as two shard processes on one Redis', () => {
  let fake: FakeDiscord;
  let bot: ShardedBot;
  let store: Store;
  let dataDir: string;
  const launcherLog: string[] = [];

  beforeAll(async () => {
    fake = await FakeDiscord.start({
      shards: 2,
      guilds: GUILD_IDS.map((id, i) => ({ id, name: `Study ${i}`, channels: [{ name: 'general' }] })),
    });
    dataDir = mkdtempSync(join(tmpdir(), 'flashcord-shards-'));
    cpSync(join(ROOT, 'data'), dataDir, { recursive: true });
    bot = await startSharded({
      env: {
        ...process.env,
        DISCORD_TOKEN: fake.token,
        DISCORD_API_URL: fake.apiUrl,
        DEV_GUILD_ID: '',
        DATA_DIR: dataDir,
        STORE_URL: REDIS_URL,
        LOG_LEVEL: 'warn',
        SHARDS: '2',
      },
      file: join(ROOT, 'test/fixtures/shard/shard-bot.ts'),
      backoff: { initialMs: 200, maxMs: 1_000 },
      logDestination: { write: (line: string) => void launcherLog.push(line) },
    });
    await bot.whenReady(60_000);
    await fake.waitForReady();
    await fake.waitFor(() => fake.registeredCommands().length > 0, { message: 'global registration' });
    store = await openStore(REDIS_URL ?? '');
  }, 90_000);

  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
    await store?.close();
    await cleanRedis();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  const guild = (index: number): FakeGuild => fake.guild(GUILD_IDS[index]);

  async function practise(user: typeof alice, guildId: string, item: number): Promise<string> {
    const question = await fake.slash({ name: 'practice', user, guildId, options: { item } });
    const shown = await question.reply();
    const click = await fake.click({ user, message: shown, customId: `v1:practice:${item}` });
    return (await click.reply()).content;
  }

  async function standings(guildId: string): Promise<string> {
    return (await (await fake.slash({ name: 'standings', user: alice, guildId })).reply()).content;
  }

  it('splits the four guilds two and two over the shards, each answered by its own shard process', async () => {
    expect(bot.shardIds).toEqual([0, 1]);
    expect(GUILD_IDS.map((id) => shardOf(id, 2))).toEqual([0, 1, 0, 1]);
    for (const [index, guildId] of GUILD_IDS.entries()) {
      const reply = await practise(alice, guildId, 0);
      expect(reply).toBe(`+10 (total 10) shards=[${index % 2}] owner=true`);
    }
    expect(fake.registrationCount()).toBe(1);
    expect(fake.violations).toEqual([]);
  });

  it('keeps each guild’s leaderboard to the answers given in that guild', async () => {
    for (const guildId of GUILD_IDS) {
      await practise(bob, guildId, 0);
      await practise(bob, guildId, 1);
    }
    // A second answer to the same question within 24 h earns nothing, whichever shard takes it.
    expect(await practise(alice, guild(1).id, 0)).toMatch(/^\+0 \(total 10\)/);
    for (const [index, guildId] of GUILD_IDS.entries()) {
      expect(await standings(guildId)).toBe(`[["${bob?.id}",20],["${alice?.id}",10]] shards=[${index % 2}]`);
      const rebuilt = await store.scores.leaderboard(guildId, 'all', new Date(), 'UTC');
      expect(rebuilt.top.map((e) => [e.userId, e.points])).toEqual([
        [bob?.id, 20],
        [alice?.id, 10],
      ]);
    }
  });

  it('respawns a killed shard process; its guilds keep their scores and take new answers', async () => {
    const shard = bot.manager.shards.get(1);
    const died = once(shard as NonNullable<typeof shard>, 'death');
    shard?.process?.kill('SIGKILL');
    await died;
    expect(bot.supervisor.allReady()).toBe(false);
    await bot.whenReady(60_000);
    await fake.waitForReady();
    expect(bot.supervisor.stats(1)).toEqual({ crashesInARow: 1, startsToday: 2 });
    expect(bot.supervisor.stats(0)).toEqual({ crashesInARow: 0, startsToday: 1 });
    expect(launcherLog.join('')).toContain('shard process exited; restarting after a delay');

    for (const index of [1, 3]) {
      const guildId = guild(index).id;
      expect(await standings(guildId)).toBe(`[["${bob?.id}",20],["${alice?.id}",10]] shards=[1]`);
      expect(await practise(carol, guildId, 2)).toBe('+10 (total 10) shards=[1] owner=true');
      expect(await standings(guildId)).toBe(
        `[["${bob?.id}",20],["${alice?.id}",10],["${carol?.id}",10]] shards=[1]`,
      );
    }
    // The shard that kept running was not disturbed.
    expect(await standings(guild(0).id)).toBe(`[["${bob?.id}",20],["${alice?.id}",10]] shards=[0]`);
  });

  it('reloads the bank in every shard process when a reload is broadcast', async () => {
    const before = await bankItems(guild(0).id);
    expect(await bankItems(guild(1).id)).toBe(before);
    writeFileSync(join(dataDir, 'extra.md'), '# Extra\n\nAn ==S3 bucket== is a container for objects.\n');
    await broadcastReload(store.kv, { reason: 'test' });
    for (const index of [0, 1]) {
      await eventually(async () => expect(await bankItems(guild(index).id)).toBe(before + 1));
    }
  });

  async function bankItems(guildId: string): Promise<number> {
    const reply = await (
      await fake.slash({ name: 'bank', subcommand: 'stats', user: alice, guildId })
    ).reply();
    const count = /\*\*(\d+)\*\* items?/.exec(String(reply.embeds[0]?.description))?.[1];
    return Number(count);
  }

  /** Removes what this run wrote (its guilds are unique to it; the app keys are recreated on start). */
  async function cleanRedis(): Promise<void> {
    if (!REDIS_URL) return;
    const keyv = await openKeyv(REDIS_URL);
    const written = [keys.app(RELOAD_KEY), keys.app(hashKey({ kind: 'global' }))];
    for (const guildId of GUILD_IDS) {
      for (const user of [alice, bob, carol]) written.push(keys.member(guildId, user?.id ?? ''));
      for (let b = 0; b < MEMBER_BUCKETS; b++) written.push(keys.memberBucket(guildId, b));
    }
    await keyv.deleteMany(written);
    await closeKeyv(keyv);
  }
});

/** Retries `check` until it passes (the watchers poll every 100 ms in this test) or 10 s pass. */
async function eventually(check: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((done) => setTimeout(done, 100));
    }
  }
}
