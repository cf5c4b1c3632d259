import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  DiscordAPIError,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeDiscord } from './index.ts';
import { loginBot, sleep, TEST_COMMANDS, type TestBot } from './test-support.ts';

const ALICE = '100000000000000001';
const BOB = { id: '100000000000000002', username: 'bob' };

describe('interactions through the fake', () => {
  let fake: FakeDiscord;
  let bot: TestBot;

  beforeEach(async () => {
    fake = await FakeDiscord.start({ ackDeadlineMs: 1500 });
    bot = await loginBot(fake);
    await bot.client.application?.commands.set(TEST_COMMANDS);
  });

  afterEach(async () => {
    await bot.destroy();
    await fake.close();
  });

  it('refuses a second initial callback with 40060, which discord.js surfaces as DiscordAPIError', async () => {
    const outcomes: PromiseSettledResult<unknown>[] = [];
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      // Two concurrent replies get past discord.js's own `replied` check, so the second reaches "Discord".
      outcomes.push(...(await Promise.allSettled([interaction.reply('first'), interaction.reply('second')])));
    });
    const ix = await fake.slash({ name: 'ping' });
    expect((await ix.reply()).content).toBe('first');
    await fake.waitFor(() => outcomes.length === 2, { message: 'both replies settled' });
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(DiscordAPIError);
    expect((refused.reason as DiscordAPIError).code).toBe(40060);
    expect(fake.violations.map((v) => v.code)).toEqual([40060]);
    expect(fake.violations[0]?.message).toContain('Interaction has already been acknowledged.');
  });

  it('gives a bare 404 for a route Discord does not have, and records it as unhandled', async () => {
    await expect(bot.client.rest.get('/users/@me/nonsense')).rejects.toMatchObject({ status: 404, code: 0 });
    expect(fake.violations[0]?.message).toContain('unhandled route GET /users/@me/nonsense');
  });

  it('rejects a button label over 80 characters with 50035 and names the field', async () => {
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      // Raw JSON: discord.js's builders would refuse the label before it reached "Discord".
      const button = { type: 2, style: ButtonStyle.Primary, custom_id: 'long', label: 'x'.repeat(81) };
      await interaction.reply({ content: 'pick', components: [{ type: 1, components: [button] }] });
    });
    const ix = await fake.slash({ name: 'ping' });
    await expect(ix.response()).rejects.toThrow(
      /50035 Invalid Form Body: data\.components\[0\]\.components\[0\]\.label: Must be 80 or fewer/,
    );
    expect(fake.violations[0]).toMatchObject({ code: 50035 });
    await fake.waitFor(() => bot.errors.length === 1, { message: 'the handler to see the error' });
    expect((bot.errors[0] as DiscordAPIError).code).toBe(50035);
  });

  it('rejects a message that leaves mention parsing on', async () => {
    const careless = await loginBot(fake, { allowedMentions: undefined });
    bot.handle(async () => {});
    careless.handle(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply('hello @everyone');
    });
    try {
      const ix = await fake.slash({ name: 'ping' });
      await expect(ix.response()).rejects.toThrow(/mention parsing not disabled/);
      expect(
        fake.violations.some((v) => v.message.includes('mention parsing not disabled') && v.code === 50035),
      ).toBe(true);
    } finally {
      await careless.destroy();
    }
  });

  it('captures a deferred reply, its @original edit and a follow-up', async () => {
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply();
      await interaction.editReply('done thinking');
      await interaction.followUp({ content: 'only for you', flags: MessageFlags.Ephemeral });
      await interaction.editReply({ content: 'edited again' });
    });
    const ix = await fake.slash({ name: 'ping' });
    expect((await ix.response()).type).toBe(5);
    expect((await ix.reply()).content).toMatch(/done thinking|edited again/);
    await fake.waitFor(() => ix.original?.content === 'edited again' && ix.followUps.length === 1, {
      message: 'edits',
    });
    expect(ix.original?.editedAt).toBeDefined();
    expect(ix.followUps[0]).toMatchObject({ content: 'only for you', ephemeral: true, visibleTo: ALICE });
    expect(fake.messages(fake.channel('#general').id).map((m) => m.content)).toEqual(['edited again']);
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths).toContain(`PATCH /webhooks/${fake.applicationId}/:token/messages/@original`);
    expect(paths.join('\n')).not.toMatch(/fake-interaction-/);
    expect(fake.violations).toEqual([]);
  });

  it('fills in a deferred reply with the first follow-up, keeping the ephemeral choice of the defer', async () => {
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      await interaction.deferReply({ flags: MessageFlags.Ephemeral });
      await interaction.followUp('the answer');
      await interaction.followUp('and one more');
    });
    const ix = await fake.slash({ name: 'ping' });
    const reply = await ix.reply();
    expect(reply).toMatchObject({ content: 'the answer', ephemeral: true, id: ix.original?.id });
    await fake.waitFor(() => ix.followUps.length === 1, { message: 'the second follow-up' });
    expect(ix.followUps[0]).toMatchObject({ content: 'and one more', ephemeral: false });
  });

  it('refuses a reply after the acknowledgement deadline with 10062', async () => {
    const strict = await FakeDiscord.start({ ackDeadlineMs: 200 });
    const late = await loginBot(strict);
    try {
      await late.client.application?.commands.set(TEST_COMMANDS);
      late.handle(async (interaction) => {
        if (!interaction.isChatInputCommand()) return;
        await sleep(400);
        await interaction.reply('too late');
      });
      const ix = await strict.slash({ name: 'ping' });
      await expect(ix.response()).rejects.toThrow(/10062 Unknown interaction/);
      await strict.waitFor(() => late.errors.length === 1, { message: 'the handler error' });
      expect((late.errors[0] as DiscordAPIError).code).toBe(10062);
      expect(strict.violations[0]?.message).toMatch(/deadline is 200 ms/);
    } finally {
      await late.destroy();
      await strict.close();
    }
  });

  it('captures autocomplete choices for the focused option', async () => {
    bot.handle(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      const typed = interaction.options.getFocused();
      await interaction.respond(
        ['ami', 'amazon s3', 'ebs'].filter((t) => t.startsWith(typed)).map((t) => ({ name: t, value: t })),
      );
    });
    const choices = await fake.autocomplete({ name: 'fact', focused: 'query', options: { query: 'am' } });
    expect(choices).toEqual([
      { name: 'ami', value: 'ami' },
      { name: 'amazon s3', value: 'amazon s3' },
    ]);
  });

  it('refuses more than 25 autocomplete choices', async () => {
    bot.handle(async (interaction) => {
      if (!interaction.isAutocomplete()) return;
      // discord.js does not check this itself; the raw callback is what real Discord would refuse.
      await interaction.client.rest.post(`/interactions/${interaction.id}/${interaction.token}/callback`, {
        auth: false,
        body: {
          type: 8,
          data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` })) },
        },
      });
    });
    await expect(fake.autocomplete({ name: 'fact', focused: 'query', options: {} })).rejects.toThrow(
      /choices: Must be 25 or fewer/,
    );
  });

  it('round-trips a modal: the bot shows it, the user submits it, the bot reads the fields', async () => {
    bot.handle(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const input = new TextInputBuilder()
          .setCustomId('answer')
          .setLabel('Your answer')
          .setStyle(TextInputStyle.Short);
        await interaction.showModal(
          new ModalBuilder()
            .setCustomId('v1:quiz:abc')
            .setTitle('Type the answer')
            .addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input)),
        );
      } else if (interaction.isModalSubmit()) {
        await interaction.reply({
          content: `got ${interaction.fields.getTextInputValue('answer')}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });
    const opened = await fake.slash({ name: 'quiz', options: { topic: 'ami', questions: 3, mode: 'solo' } });
    expect((await opened.response()).type).toBe(9);
    const submitted = await fake.submitModal({ customId: 'v1:quiz:abc', fields: { answer: 'golden image' } });
    expect((await submitted.reply()).content).toBe('got golden image');
  });

  it('sends button clicks and selects with the stored message, and captures the update', async () => {
    bot.handle(async (interaction) => {
      if (interaction.isChatInputCommand()) {
        const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
          new ButtonBuilder().setCustomId('v1:quiz:s1:0').setLabel('Yes').setStyle(ButtonStyle.Success),
          new ButtonBuilder()
            .setLabel('Docs')
            .setStyle(ButtonStyle.Link)
            .setURL('https://docs.aws.amazon.com'),
        );
        const select = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(
          new StringSelectMenuBuilder()
            .setCustomId('topic')
            .addOptions({ label: 'EC2', value: 'ec2' }, { label: 'S3', value: 's3' }),
        );
        await interaction.reply({ content: 'Q1', components: [row, select] });
      } else if (interaction.isButton()) {
        await interaction.update({
          content: `clicked ${interaction.customId} by ${interaction.user.username}`,
          components: [],
        });
      } else if (interaction.isStringSelectMenu()) {
        await interaction.reply({
          content: `picked ${interaction.values.join(',')}`,
          flags: MessageFlags.Ephemeral,
        });
      }
    });
    const question = await (await fake.slash({ name: 'ping' })).reply();
    const picked = await fake.select({ message: question, customId: 'topic', values: ['s3'], user: BOB });
    expect((await picked.reply()).content).toBe('picked s3');
    await expect(fake.select({ message: question, customId: 'topic', values: ['rds'] })).rejects.toThrow(
      /no option rds/,
    );
    const clicked = await fake.click({ message: question, customId: 'v1:quiz:s1:0', user: BOB });
    expect((await clicked.response()).type).toBe(7);
    expect(fake.message(question.id)).toMatchObject({
      content: 'clicked v1:quiz:s1:0 by bob',
      components: [],
    });
    await expect(fake.click({ message: question, customId: 'v1:quiz:s1:0' })).rejects.toThrow(
      /has no component/,
    );
    expect(fake.violations).toEqual([]);
  });

  it('passes an attachment option with resolved data the bot can download', async () => {
    const note = fake.addAttachment('ami.md', '# AMI\n', 'text/markdown');
    let downloaded = '';
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      const file = interaction.options.getAttachment('file', true);
      downloaded = await (await fetch(file.url)).text();
      await interaction.reply({
        content: `${file.name} (${file.size} bytes)`,
        flags: MessageFlags.Ephemeral,
      });
    });
    const ix = await fake.slash({ name: 'bank', subcommand: 'add', options: { file: { attachment: note } } });
    expect((await ix.reply()).content).toBe('ami.md (6 bytes)');
    expect(downloaded).toBe('# AMI\n');
  });

  it('refuses test input Discord could not send: unknown commands, options and missing required ones', async () => {
    await expect(fake.slash({ name: 'nope' })).rejects.toThrow(/\/nope is not registered/);
    await expect(fake.slash({ name: 'quiz', options: { colour: 'red' } })).rejects.toThrow(
      /no option "colour"/,
    );
    await expect(fake.slash({ name: 'quiz', options: { mode: 'duel' } })).rejects.toThrow(
      /one of its choices/,
    );
    await expect(fake.slash({ name: 'fact' })).rejects.toThrow(/"query" is required/);
    await expect(fake.slash({ name: 'bank' })).rejects.toThrow(/needs a subcommand/);
  });

  it('sends member permissions, app permissions and entitlements the way discord.js needs them', async () => {
    const seen: { manage: boolean | undefined; appSend: boolean | undefined; user: string }[] = [];
    bot.handle(async (interaction) => {
      if (!interaction.isChatInputCommand()) return;
      seen.push({
        manage: interaction.memberPermissions?.has('ManageGuild'),
        appSend: interaction.appPermissions?.has('SendMessages'),
        user: interaction.user.username,
      });
      await interaction.reply({ content: 'ok', flags: MessageFlags.Ephemeral });
    });
    await (await fake.slash({ name: 'bank', subcommand: 'stats' })).reply();
    await (await fake.slash({ name: 'bank', subcommand: 'stats', user: BOB })).reply();
    expect(seen).toEqual([
      { manage: true, appSend: true, user: 'alice' },
      { manage: false, appSend: true, user: 'bob' },
    ]);
  });

  it('handles DMs: the interaction carries `user`, not `member`, and arrives on shard 0', async () => {
    bot.handle(async (interaction) => {
      if (interaction.isChatInputCommand()) await interaction.reply(interaction.inGuild() ? 'guild' : 'dm');
    });
    const ix = await fake.slash({ name: 'ping', dm: true, user: BOB });
    expect((await ix.reply()).content).toBe('dm');
  });
});
