import { DiscordAPIError, type TextChannel } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './index.ts';
import { loginBot, type TestBot } from './test-support.ts';

describe('the fake REST API', () => {
  let fake: FakeDiscord;
  let bot: TestBot;
  let daily: TextChannel;

  beforeEach(async () => {
    fake = await FakeDiscord.start({ rateLimitPerSecond: 1000 });
    bot = await loginBot(fake);
    daily = (await bot.client.channels.fetch(fake.channel('#daily').id)) as TextChannel;
  });

  afterEach(async () => {
    await bot.destroy();
    await fake.close();
  });

  it('stores channel posts and their edits, and lists them in posting order', async () => {
    const posted = await daily.send({ content: 'Daily question #1', allowedMentions: { parse: [] } });
    await posted.edit({ content: 'Daily question #1 — 3 answers' });
    await daily.send('second');
    expect(fake.messages(daily.id).map((m) => m.content)).toEqual([
      'Daily question #1 — 3 answers',
      'second',
    ]);
    expect(fake.messages(daily.id)[0]?.editedAt).toBeDefined();
    const listed = await daily.messages.fetch({ limit: 10 });
    expect(listed.first()?.content).toBe('second');
    expect(fake.violations).toEqual([]);
  });

  it('refuses posts where the bot lacks permission with 403 50013, without a violation', async () => {
    fake.setChannelPermission(daily.id, { canSend: false });
    const error = await daily.send('hello').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ status: 403, code: 50013, message: 'Missing Permissions' });
    expect(fake.violations).toEqual([]);
  });

  it('without Attach Files refuses a post that uploads a file with 403 50013, and takes text', async () => {
    fake.setChannelPermission(daily.id, { canAttach: false });
    const files = [{ attachment: Buffer.from('png'), name: 'card.png', description: 'the card' }];
    const error = await daily.send({ content: 'with a file', files }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 50013 });
    await daily.send({ content: 'text only', allowedMentions: { parse: [] } });
    expect(fake.messages(daily.id).map((m) => m.content)).toEqual(['text only']);

    fake.setChannelPermission(daily.id, { canAttach: true });
    await daily.send({ content: 'with a file', files, allowedMentions: { parse: [] } });
    expect(fake.messages(daily.id)[1]?.attachments[0]).toMatchObject({
      filename: 'card.png',
      description: 'the card',
    });
    expect(fake.violations).toEqual([]);
  });

  it('fails the next matching requests as told, then behaves again', async () => {
    fake.failNext({
      method: 'POST',
      path: /\/channels\/\d+\/messages$/,
      status: 500,
      code: 0,
      message: 'boom',
      times: 1,
    });
    // discord.js retries a 5xx (up to 3 times), so the injected 500 is absorbed and its retry meets the 404.
    fake.failNext({
      method: 'POST',
      path: /\/channels\/\d+\/messages$/,
      status: 404,
      code: 10003,
      message: 'Unknown Channel',
    });
    await expect(daily.send('x')).rejects.toMatchObject({ code: 10003 });
    await expect(daily.send('y')).resolves.toBeDefined();
    expect(fake.violations).toEqual([]);
  });

  it('refuses a wrong bot token with 401', async () => {
    const res = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 0, message: '401: Unauthorized' });
  });

  it('serves the guild, its channels, a member and the gateway URL', async () => {
    const guild = fake.guild();
    const member = await bot.client.guilds.cache.get(guild.id)?.members.fetch('100000000000000002');
    expect(member?.user.username).toBe('bob');
    const channels = (await bot.client.rest.get(`/guilds/${guild.id}/channels`)) as { name: string }[];
    expect(channels.map((c) => c.name)).toEqual(['general', 'daily']);
    const gateway = (await bot.client.rest.get('/gateway/bot')) as {
      url: string;
      session_start_limit: { max_concurrency: number };
    };
    expect(gateway.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+$/);
    await expect(bot.client.rest.get(`/guilds/${guild.id}/members/1`)).rejects.toMatchObject({ code: 10007 });
  });

  it('validates command registration like Discord', async () => {
    const bad = [
      {
        name: 'Quiz',
        description: 'x'.repeat(101),
        options: [
          {
            type: 3,
            name: 'a',
            description: 'a',
            choices: Array.from({ length: 26 }, (_, i) => ({ name: `${i}`, value: `${i}` })),
          },
        ],
      },
    ];
    const error = (await bot.client.rest
      .put(`/applications/${fake.applicationId}/commands`, { body: bad })
      .catch((e: unknown) => e)) as DiscordAPIError;
    expect(error.code).toBe(50035);
    expect(error.message).toMatch(/0\.name\[APPLICATION_COMMAND_INVALID_NAME\]/);
    expect(fake.violations[0]?.message).toMatch(/0\.description: Must be between 1 and 100/);
    expect(fake.violations[0]?.message).toMatch(/0\.options\[0\]\.choices: Must be 25 or fewer/);
    expect(fake.registrationCount()).toBe(0);
  });

  it('keeps guild commands apart from global ones', async () => {
    const guildId = fake.guild().id;
    await bot.client.application?.commands.set([{ name: 'dev', description: 'dev only' }], guildId);
    expect(fake.registeredCommands(guildId).map((c) => c.name)).toEqual(['dev']);
    expect(fake.registeredCommands()).toEqual([]);
  });
});

describe('the fake global rate limit', () => {
  it('answers 429 with retry_after and Discord headers past the cap, and discord.js waits and retries', async () => {
    const fake = await FakeDiscord.start({ rateLimitPerSecond: 3 });
    const bot = await loginBot(fake);
    try {
      const channel = (await bot.client.channels.fetch(fake.channel('#general').id)) as TextChannel;
      await Promise.all(Array.from({ length: 6 }, (_, i) => channel.send(`n${i}`)));
      expect(fake.messages(channel.id)).toHaveLength(6);
      expect(fake.violations.filter((v) => v.message.includes('ignored a 429'))).toEqual([]);
    } finally {
      await bot.destroy();
      await fake.close();
    }
  });

  it('records a client that ignores the 429', async () => {
    const fake = await FakeDiscord.start({ rateLimitPerSecond: 1 });
    try {
      const headers = { authorization: `Bot ${fake.token}` };
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await fetch(`${fake.apiUrl}/v10/users/@me`, { headers })).status);
      expect(statuses).toEqual([200, 429, 429]);
      const limited = await fetch(`${fake.apiUrl}/v10/users/@me`, { headers });
      expect(limited.headers.get('x-ratelimit-global')).toBe('true');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(
        fake.violations.filter((v) => v.message.includes('ignored a 429')).length,
      ).toBeGreaterThanOrEqual(2);
    } finally {
      await fake.close();
    }
  });
});
