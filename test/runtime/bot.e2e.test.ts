import { readdirSync } from 'node:fs';
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import type { Command } from '../../src/discord/command.ts';
import { encodeCustomId } from '../../src/discord/customId.ts';
import { deferPrivately, replyPrivately } from '../../src/discord/reply.ts';
import { APOLOGY, EXPIRED_BUTTON, SHUTTING_DOWN } from '../../src/discord/router.ts';
import { type Harness, startHarness } from '../e2e/helpers.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';

const [alice, bob] = DEFAULT_MEMBERS.map((m) => ({ id: m.id, username: m.username }));

/** A gate a test opens by hand, so "while a handler is running" needs no timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return { opened, open };
}

const started = gate();
const release = gate();
const probeClicks: string[][] = [];

const testCommands: Command[] = [
  {
    data: new SlashCommandBuilder()
      .setName('explode')
      .setDescription('Test: throws an unexpected error')
      .addStringOption((o) => o.setName('query').setDescription('Anything').setAutocomplete(true)),
    async execute() {
      throw new Error('kaboom in a handler');
    },
    async autocomplete() {
      throw new Error('kaboom in autocomplete');
    },
  },
  {
    data: new SlashCommandBuilder().setName('defer-explode').setDescription('Test: defers, then throws'),
    async execute(interaction) {
      await deferPrivately(interaction);
      throw new Error('kaboom after defer');
    },
  },
  {
    data: new SlashCommandBuilder().setName('refuse').setDescription('Test: an expected refusal'),
    async execute() {
      throw new UserError('You have no quiz running.');
    },
  },
  {
    data: new SlashCommandBuilder().setName('buttons').setDescription('Test: replies with buttons'),
    async execute(interaction) {
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder()
          .setCustomId(encodeCustomId('probe', ['s1', '2']))
          .setLabel('Probe')
          .setStyle(ButtonStyle.Primary),
        new ButtonBuilder()
          .setCustomId(encodeCustomId('gone', ['s1']))
          .setLabel('Gone')
          .setStyle(ButtonStyle.Secondary),
        new ButtonBuilder().setCustomId('v0:probe:s1').setLabel('Old').setStyle(ButtonStyle.Secondary),
      );
      await replyPrivately(interaction, { content: 'Pick one', components: [row] });
    },
    components: {
      probe: {
        async button(interaction, args) {
          probeClicks.push(args);
          await replyPrivately(interaction, `probe ${args.join(',')}`);
        },
      },
    },
  },
  {
    data: new SlashCommandBuilder().setName('slow').setDescription('Test: waits for the test to release it'),
    async execute(interaction) {
      started.open();
      await release.opened;
      await replyPrivately(interaction, 'finished');
    },
  },
];

const bankStats = (harness: Harness, extra: Record<string, unknown> = {}) =>
  harness.fake.slash({ name: 'bank', subcommand: 'stats', user: alice, ...extra });

describe('the bot against the fake Discord', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ extraCommands: testCommands });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('logs in and registers exactly the commands of commands/ (plus injected ones) in the dev guild', () => {
    const files = readdirSync('commands').filter((f) => f.endsWith('.ts'));
    const registered = harness.fake.registeredCommands(harness.fake.guild().id).map((c) => c.name);
    expect(registered).toEqual([
      ...files.map((f) => f.replace(/\.ts$/, '')),
      ...testCommands.map((c) => c.data.name),
    ]);
    expect(harness.fake.registrationCount()).toBe(1);
    expect(harness.bot.registration.registered).toBe(true);
    expect(harness.bot.client.guilds.cache.has(harness.fake.guild().id)).toBe(true);
  });

  it('answers /bank stats privately within the deadline, with the bank summary', async () => {
    const ix = await bankStats(harness);
    expect((await ix.response()).type).toBe(4);
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.embeds[0]?.title).toBe('Question bank');
    const items = harness.bot.ctx.bank.current.items.length;
    expect(String(reply.embeds[0]?.description)).toContain(`**${items}** items`);
    expect(harness.fake.violations).toEqual([]);
  });

  it('refuses /bank stats to a member without Manage Server', async () => {
    const ix = await bankStats(harness, { user: bob });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toBe('You need the Manage Server permission to use /bank.');
    expect(reply.embeds).toEqual([]);
  });

  it('survives a handler that throws: the user gets the apology, the error is logged, the next command works', async () => {
    const ix = await harness.fake.slash({ name: 'explode', user: bob });
    const reply = await ix.reply();
    expect(reply.content).toBe(APOLOGY);
    expect(ix.ephemeral).toBe(true);
    const logged = harness
      .logs()
      .split('\n')
      .find((line) => line.includes('kaboom in a handler'));
    expect(logged).toContain(`"interactionId":"${ix.id}"`);
    expect(logged).toContain('"command":"/explode"');
    expect((await (await bankStats(harness)).reply()).embeds).toHaveLength(1);
  });

  it('fills a deferred reply with the apology instead of acknowledging twice', async () => {
    const ix = await harness.fake.slash({ name: 'defer-explode', user: bob });
    expect((await ix.response()).type).toBe(5);
    expect((await ix.reply()).content).toBe(APOLOGY);
    expect(ix.rejections).toEqual([]);
  });

  it('shows a UserError to the user as is, privately, without logging it as a fault', async () => {
    const ix = await harness.fake.slash({ name: 'refuse', user: bob });
    expect((await ix.reply()).content).toBe('You have no quiz running.');
    expect(ix.ephemeral).toBe(true);
    expect(harness.logs()).not.toContain('You have no quiz running.');
  });

  it('answers a failing autocomplete with an empty list', async () => {
    const choices = await harness.fake.autocomplete({
      name: 'explode',
      focused: 'query',
      options: { query: 'am' },
    });
    expect(choices).toEqual([]);
    expect(harness.logs()).toContain('kaboom in autocomplete');
  });

  it('routes a button by its custom_id handler, and says an unknown or old one has expired', async () => {
    const message = await (await harness.fake.slash({ name: 'buttons', user: bob })).reply();
    const probe = await harness.fake.click({ message, customId: 'v1:probe:s1:2', user: bob });
    expect((await probe.reply()).content).toBe('probe s1,2');
    expect(probeClicks).toEqual([['s1', '2']]);
    for (const customId of ['v1:gone:s1', 'v0:probe:s1']) {
      const click = await harness.fake.click({ message, customId, user: bob });
      expect((await click.reply()).content).toBe(EXPIRED_BUTTON);
      expect(click.ephemeral).toBe(true);
    }
  });

  it('keeps answering after the gateway connection drops and resumes', async () => {
    const resumes = harness.fake.gatewayStats.resumes;
    harness.fake.dropConnections(4000);
    await harness.fake.waitFor(() => harness.fake.gatewayStats.resumes > resumes, {
      timeoutMs: 10_000,
      message: 'the bot to resume',
    });
    expect((await (await bankStats(harness)).reply()).embeds[0]?.title).toBe('Question bank');
  });

  it('skips registration on a restart on the same store when nothing changed', async () => {
    const bot = await harness.restart();
    expect(bot.registration.registered).toBe(false);
    expect(harness.fake.registrationCount()).toBe(1);
    expect((await (await bankStats(harness)).reply()).embeds).toHaveLength(1);
  });

  it('on shutdown lets a running handler finish and turns new interactions away politely', async () => {
    const slow = await harness.fake.slash({ name: 'slow', user: bob });
    await started.opened;
    const stopping = harness.bot.stop();
    const late = await bankStats(harness);
    expect((await late.reply()).content).toBe(SHUTTING_DOWN);
    release.open();
    await stopping;
    expect((await slow.reply()).content).toBe('finished');
    await harness.restart();
  });

  it('never writes the bot token or an interaction token to the log', () => {
    const logs = harness.logs();
    expect(logs).toContain('connected to Discord');
    expect(logs).not.toContain(harness.fake.token);
    expect(logs).not.toMatch(/\/(interactions|webhooks)\/\d+\/(?!\[redacted\])[^/"]{20,}/);
    expect(harness.fake.violations).toEqual([]);
  });
});

describe('the bot with global registration', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ env: { DEV_GUILD_ID: '' } });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('registers globally when no development guild is set', () => {
    expect(harness.fake.registeredCommands().map((c) => c.name)).toContain('bank');
    expect(harness.fake.registeredCommands(harness.fake.guild().id)).toEqual([]);
  });

  it('refuses /bank stats in a DM, saying it needs a server', async () => {
    const ix = await bankStats(harness, { dm: true });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toBe('Sorry, /bank only works in a server, not in direct messages.');
  });
});
