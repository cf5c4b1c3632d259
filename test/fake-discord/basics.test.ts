import { MessageFlags } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './index.ts';
import { loginBot, TEST_COMMANDS, type TestBot } from './test-support.ts';

describe('fake Discord with a real discord.js client', () => {
  let fake: FakeDiscord;
  let bot: TestBot;

  beforeEach(async () => {
    fake = await FakeDiscord.start();
    bot = await loginBot(fake);
    await bot.client.application?.commands.set(TEST_COMMANDS);
  });

  afterEach(async () => {
    await bot.destroy();
    await fake.close();
  });

  it('logs in and has the seeded guild with #general and #daily in its cache', async () => {
    await fake.waitForReady();
    const guild = bot.client.guilds.cache.get(fake.guild().id);
    expect(guild?.name).toBe('Study');
    expect(guild?.channels.cache.map((c) => c.name).sort()).toEqual(['daily', 'general']);
    expect(bot.client.user?.id).toBe(fake.botUserId);
    expect(fake.violations).toEqual([]);
  });

  it('stores the registered commands and counts the bulk registration', () => {
    expect(fake.registrationCount()).toBe(1);
    expect(fake.registeredCommands().map((c) => c.name)).toEqual(['ping', 'bank', 'fact', 'quiz']);
    expect(fake.registeredCommands()[0]?.id).toMatch(/^\d{17,20}$/);
  });

  it('dispatches a slash command and captures the reply', async () => {
    bot.handle(async (interaction) => {
      if (interaction.isChatInputCommand() && interaction.commandName === 'ping') {
        await interaction.reply({
          content: `pong for ${interaction.user.username}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });
    const ix = await fake.slash({ name: 'ping' });
    const response = await ix.response();
    expect(response.type).toBe(4);
    const reply = await ix.reply();
    expect(reply.content).toBe('pong for alice');
    expect(ix.ephemeral).toBe(true);
    expect(fake.messages(fake.channel('#general').id)).toEqual([]);
    expect(fake.messages(fake.channel('#general').id, { viewer: '100000000000000001' })).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });
});
