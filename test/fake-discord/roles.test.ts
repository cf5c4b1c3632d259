import { DiscordAPIError, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ROLE_POSITION, DEFAULT_MEMBERS, FakeDiscord } from './index.ts';
import { loginBot, type TestBot } from './test-support.ts';

const bob = DEFAULT_MEMBERS[1]?.id ?? '';

describe('roles in the fake', () => {
  let fake: FakeDiscord;
  let bot: TestBot;

  beforeEach(async () => {
    fake = await FakeDiscord.start({ rateLimitPerSecond: 1000 });
  });
  afterEach(async () => {
    await bot?.destroy();
    await fake.close();
  });

  const guildId = () => fake.guild().id;
  const put = (userId: string, roleId: string) =>
    bot.client.rest.put(Routes.guildMemberRole(guildId(), userId, roleId));
  const remove = (userId: string, roleId: string) =>
    bot.client.rest.delete(Routes.guildMemberRole(guildId(), userId, roleId));
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (error: unknown) => error,
    );

  it('sends every role in GUILD_CREATE, the bot with its managed role', async () => {
    const champion = fake.roles.add(guildId(), { name: 'Champion' });
    bot = await loginBot(fake);
    const guild = bot.client.guilds.cache.get(guildId());
    expect(guild?.roles.cache.get(champion.id)?.name).toBe('Champion');
    const mine = guild?.members.me?.roles.highest;
    expect([mine?.name, mine?.managed, mine?.rawPosition]).toEqual(['flashcord', true, BOT_ROLE_POSITION]);
    const listed = (await bot.client.rest.get(Routes.guildRoles(guildId()))) as { name: string }[];
    expect(listed.map((r) => r.name)).toEqual(['@everyone', 'Managers', 'flashcord', 'Champion']);
  });

  it('gives and takes a role below the bot when the bot has Manage Roles', async () => {
    const champion = fake.roles.add(guildId(), { name: 'Champion', position: 2 });
    fake.roles.setBotRole(guildId(), { manageRoles: true });
    bot = await loginBot(fake);
    await put(bob, champion.id);
    expect(fake.roles.memberRoles(guildId(), bob)).toContain(champion.id);
    await remove(bob, champion.id);
    expect(fake.roles.memberRoles(guildId(), bob)).not.toContain(champion.id);
    expect(fake.violations).toEqual([]);
  });

  it('refuses with 403 50013 without Manage Roles, and records the violation', async () => {
    const champion = fake.roles.add(guildId(), { name: 'Champion' });
    bot = await loginBot(fake);
    const error = await refusal(put(bob, champion.id));
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 403, code: 50013 });
    expect(fake.roles.memberRoles(guildId(), bob)).not.toContain(champion.id);
    expect(fake.violations.map((v) => v.code)).toEqual([50013]);
  });

  it('refuses a role at or above the bot’s highest role, and a managed role, even with Manage Roles', async () => {
    const level = fake.roles.add(guildId(), { name: 'Level', position: BOT_ROLE_POSITION });
    const above = fake.roles.add(guildId(), { name: 'Moderator', position: BOT_ROLE_POSITION + 1 });
    const managed = fake.roles.add(guildId(), { name: 'Booster', position: 1, managed: true });
    fake.roles.setBotRole(guildId(), { manageRoles: true });
    bot = await loginBot(fake);
    for (const role of [level, above, managed]) {
      expect(await refusal(put(bob, role.id))).toMatchObject({ status: 403, code: 50013 });
      expect(await refusal(remove(bob, role.id))).toMatchObject({ status: 403, code: 50013 });
    }
  });

  it('answers 404 for an unknown role or a member who left', async () => {
    const champion = fake.roles.add(guildId(), { name: 'Champion' });
    fake.roles.setBotRole(guildId(), { manageRoles: true });
    bot = await loginBot(fake);
    expect(await refusal(put(bob, '123456789012345678'))).toMatchObject({ status: 404, code: 10011 });
    fake.roles.removeMember(guildId(), bob);
    expect(await refusal(put(bob, champion.id))).toMatchObject({ status: 404, code: 10007 });
    expect(await refusal(bot.client.rest.get(Routes.guildMember(guildId(), bob)))).toMatchObject({
      status: 404,
      code: 10007,
    });
  });
});
