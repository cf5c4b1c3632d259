import { MessageFlags } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { FakeDiscord, guildIdForShard, shardOf } from './index.ts';
import { loginBot, TEST_COMMANDS } from './test-support.ts';

describe('the fake gateway', () => {
  it('lets the client resume after dropped connections, and the next interaction still works', async () => {
    const fake = await FakeDiscord.start();
    const bot = await loginBot(fake);
    try {
      await bot.client.application?.commands.set(TEST_COMMANDS);
      bot.handle(async (interaction) => {
        if (interaction.isChatInputCommand())
          await interaction.reply({ content: 'still here', flags: MessageFlags.Ephemeral });
      });
      expect(fake.gatewayStats).toEqual({ identifies: 1, resumes: 0 });
      fake.dropConnections(4000);
      await fake.waitFor(() => fake.gatewayStats.resumes === 1, {
        timeoutMs: 10_000,
        message: 'the client to RESUME',
      });
      await fake.waitForReady();
      const ix = await fake.slash({ name: 'ping' });
      expect((await ix.reply()).content).toBe('still here');
      expect(fake.gatewayStats.identifies).toBe(1);
      expect(fake.violations).toEqual([]);
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });

  it('replays an interaction dispatched while the client was disconnected', async () => {
    const fake = await FakeDiscord.start();
    const bot = await loginBot(fake);
    try {
      await bot.client.application?.commands.set(TEST_COMMANDS);
      bot.handle(async (interaction) => {
        if (interaction.isChatInputCommand())
          await interaction.reply({ content: 'replayed', flags: MessageFlags.Ephemeral });
      });
      fake.dropConnections(4000);
      const ix = await fake.slash({ name: 'ping' });
      expect((await ix.reply()).content).toBe('replayed');
      expect(fake.gatewayStats.resumes).toBe(1);
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });

  it('identifies afresh after a close with 1000', async () => {
    const fake = await FakeDiscord.start();
    const bot = await loginBot(fake);
    try {
      const readyAgain = new Promise<void>((resolve) => bot.client.once('shardReady', () => resolve()));
      fake.dropConnections(1000);
      await fake.waitFor(() => fake.gatewayStats.identifies === 2, {
        timeoutMs: 10_000,
        message: 'a second IDENTIFY',
      });
      await fake.waitForReady();
      // The fake is ready once it has sent READY; the client may not have read it yet, and destroying
      // a client that is still waiting for READY leaves @discordjs/ws reconnecting, so destroy() never settles.
      await readyAgain;
      expect(fake.gatewayStats.resumes).toBe(0);
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });

  it('splits guilds over two shards by (guild_id >> 22) % 2 and sends interactions on the owning shard', async () => {
    const even = guildIdForShard(0, 2);
    const odd = guildIdForShard(1, 2);
    const fake = await FakeDiscord.start({
      shards: 2,
      guilds: [
        { id: even, name: 'Even', channels: [{ name: 'general' }] },
        { id: odd, name: 'Odd', channels: [{ name: 'general' }] },
      ],
    });
    // 'auto' takes the shard count from GET /gateway/bot; the default (1) would be refused with 4010.
    const bot = await loginBot(fake, { shards: 'auto' });
    try {
      expect([shardOf(even, 2), shardOf(odd, 2)]).toEqual([0, 1]);
      await fake.waitForReady();
      expect(bot.client.guilds.cache.get(even)?.shardId).toBe(0);
      expect(bot.client.guilds.cache.get(odd)?.shardId).toBe(1);
      await bot.client.application?.commands.set(TEST_COMMANDS);
      const shards: number[] = [];
      bot.handle(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        shards.push(interaction.guild?.shardId ?? -1);
        await interaction.reply({ content: interaction.guild?.name ?? 'dm', flags: MessageFlags.Ephemeral });
      });
      expect((await (await fake.slash({ name: 'ping', guildId: odd })).reply()).content).toBe('Odd');
      expect((await (await fake.slash({ name: 'ping', guildId: even })).reply()).content).toBe('Even');
      expect(shards).toEqual([1, 0]);
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });

  it('tells the client about a guild it joins and one it leaves', async () => {
    const fake = await FakeDiscord.start();
    const bot = await loginBot(fake);
    try {
      const joined = fake.sendGuildCreate({ name: 'Second', channels: [{ name: 'quiz' }] });
      await fake.waitFor(() => bot.client.guilds.cache.has(joined.id), { message: 'the new guild in cache' });
      fake.removeGuild(joined.id);
      await fake.waitFor(() => !bot.client.guilds.cache.has(joined.id), {
        message: 'the guild to leave the cache',
      });
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });
});
