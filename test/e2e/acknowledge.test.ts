import { ActionRowBuilder, ButtonBuilder, ButtonStyle, SlashCommandBuilder } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Command } from '../../src/discord/command.ts';
import { encodeCustomId } from '../../src/discord/customId.ts';
import { replyPrivately, respond, showModal, suggest, updateMessage } from '../../src/discord/reply.ts';
import { type Harness, startHarness } from './helpers.ts';

/** A gate a test opens by hand, so "while a handler is still working" needs no timing. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((done) => {
    open = done;
  });
  return { opened, open };
}

const gates = new Map<string, ReturnType<typeof gate>>();
const gateFor = (name: string) => {
  let found = gates.get(name);
  if (!found) {
    found = gate();
    gates.set(name, found);
  }
  return found;
};
let runs = 0;

const row = (id: string, label: string) =>
  new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder()
      .setCustomId(encodeCustomId('slowpoke', [id]))
      .setLabel(label)
      .setStyle(ButtonStyle.Primary),
  );

const testCommands: Command[] = [
  {
    data: new SlashCommandBuilder()
      .setName('ponder')
      .setDescription('Test: answers once the test lets it')
      .addStringOption((o) => o.setName('gate').setDescription('Gate name').setRequired(true))
      .addStringOption((o) => o.setName('topic').setDescription('Anything').setAutocomplete(true)),
    async execute(interaction) {
      runs += 1;
      await gateFor(interaction.options.getString('gate', true)).opened;
      await replyPrivately(interaction, 'pondered');
    },
    async autocomplete(interaction) {
      await gateFor('autocomplete').opened;
      await suggest(interaction, [{ name: 'too late', value: 'late' }]);
    },
  },
  {
    data: new SlashCommandBuilder()
      .setName('announce')
      .setDescription('Test: public by default, answers privately after a wait')
      .addStringOption((o) => o.setName('gate').setDescription('Gate name').setRequired(true))
      .addBooleanOption((o) => o.setName('private').setDescription('Answer privately')),
    ack: 'public',
    async execute(interaction) {
      await gateFor(interaction.options.getString('gate', true)).opened;
      const privately = interaction.options.getBoolean('private') ?? false;
      await respond(interaction, privately ? 'only for you' : 'for everyone', { private: privately });
    },
  },
  {
    data: new SlashCommandBuilder().setName('panel').setDescription('Test: a message with slow buttons'),
    async execute(interaction) {
      await respond(interaction, {
        content: 'panel',
        components: [row('update', 'Update'), row('note', 'Note'), row('form', 'Form')],
      });
    },
    components: {
      slowpoke: {
        opensModal: ([what]) => what === 'form',
        async button(interaction, [what = ''], _ctx) {
          await gateFor(`button-${what}`).opened;
          if (what === 'update') return updateMessage(interaction, { content: 'updated', components: [] });
          if (what === 'form') {
            return showModal(interaction, {
              custom_id: encodeCustomId('slowpoke', ['form']),
              title: 'A form',
              components: [
                {
                  type: 1,
                  components: [{ type: 4, custom_id: 'text', label: 'Text', style: 1, required: true }],
                },
              ],
            });
          }
          await replyPrivately(interaction, 'a private note');
        },
        async modal(interaction) {
          await gateFor('modal').opened;
          await replyPrivately(interaction, `got ${interaction.fields.getTextInputValue('text')}`);
        },
      },
    },
  },
];

describe('the router acknowledges what its handler has not answered within the budget', () => {
  let harness: Harness;

  beforeAll(async () => {
    // A short budget keeps the suite quick; the fake still refuses anything after Discord's 3 s.
    harness = await startHarness({ extraCommands: testCommands, env: { ACK_BUDGET_MS: '200' } });
  });

  afterAll(async () => {
    for (const g of gates.values()) g.open();
    await harness?.close();
  });

  it('defers a slow command privately, and the handler’s later answer fills the deferred reply in', async () => {
    const ix = await harness.fake.slash({ name: 'ponder', options: { gate: 'a' } });
    expect((await ix.response()).type).toBe(5);
    expect(ix.ephemeral).toBe(true);
    gateFor('a').open();
    expect((await ix.reply()).content).toBe('pondered');
    expect(ix.rejections).toEqual([]);
    expect(harness.fake.violations).toEqual([]);
  });

  it('defers publicly where the command says so, and moves a private answer out of the public reply', async () => {
    const open = await harness.fake.slash({ name: 'announce', options: { gate: 'b' } });
    const secret = await harness.fake.slash({ name: 'announce', options: { gate: 'b', private: true } });
    expect((await open.response()).type).toBe(5);
    expect((await secret.response()).type).toBe(5);
    expect(open.ephemeral).toBe(false);
    gateFor('b').open();
    expect((await open.reply()).content).toBe('for everyone');
    await harness.fake.waitFor(() => secret.followUps.length > 0, { message: 'the private follow-up' });
    expect(secret.original).toBeUndefined(); // the public "thinking…" message was removed
    expect(secret.followUps[0]).toMatchObject({ content: 'only for you', ephemeral: true });
    expect(harness.fake.violations).toEqual([]);
  });

  it('defers a slow button as an update, then edits its message or follows up privately', async () => {
    const panel = await (await harness.fake.slash({ name: 'panel' })).reply();
    const update = await harness.fake.click({
      message: panel,
      customId: encodeCustomId('slowpoke', ['update']),
    });
    const note = await harness.fake.click({ message: panel, customId: encodeCustomId('slowpoke', ['note']) });
    expect((await update.response()).type).toBe(6);
    expect((await note.response()).type).toBe(6);
    gateFor('button-update').open();
    gateFor('button-note').open();
    expect((await update.reply()).content).toBe('updated');
    await harness.fake.waitFor(() => note.followUps.length > 0, { message: 'the private note' });
    expect(note.followUps[0]).toMatchObject({ content: 'a private note', ephemeral: true });
    expect(harness.fake.violations).toEqual([]);
  });

  it('never defers a click that opens a form, so the form can still be its first answer', async () => {
    const panel = await (await harness.fake.slash({ name: 'panel' })).reply();
    const click = await harness.fake.click({
      message: panel,
      customId: encodeCustomId('slowpoke', ['form']),
    });
    // Well past the 200 ms budget, nothing was sent: a deferral would make the form impossible.
    await new Promise((done) => setTimeout(done, 600));
    expect(harness.fake.requests.some((r) => r.path.startsWith(`/interactions/${click.id}/`))).toBe(false);
    gateFor('button-form').open();
    expect((await click.response()).type).toBe(9);
    const submitted = await harness.fake.submitModal({
      customId: encodeCustomId('slowpoke', ['form']),
      fields: { text: 'hi' },
    });
    expect((await submitted.response()).type).toBe(6); // from a message: a deferred update
    gateFor('modal').open();
    await harness.fake.waitFor(() => submitted.followUps.length > 0, { message: 'the answer to the form' });
    expect(submitted.followUps[0]?.content).toBe('got hi');
    expect(harness.fake.violations).toEqual([]);
  });

  it('answers a slow autocomplete with an empty list before Discord gives up, and once only', async () => {
    const choices = await harness.fake.autocomplete({
      name: 'ponder',
      options: { gate: 'c', topic: 'x' },
      focused: 'topic',
    });
    expect(choices).toEqual([]);
    gateFor('autocomplete').open();
    await harness.fake.waitFor(() => harness.logs().includes('autocomplete too slow'), {
      message: 'the log line',
    });
    expect(harness.fake.violations).toEqual([]);
  });

  it('runs an interaction delivered twice once, with one callback and no error', async () => {
    const before = runs;
    const ix = await harness.fake.slash({ name: 'ponder', options: { gate: 'd' } });
    harness.fake.redeliver(ix); // while the first delivery is still being handled
    await harness.fake.waitFor(() => harness.logs().includes('duplicate interaction delivery ignored'), {
      message: 'the duplicate to be noticed',
    });
    gateFor('d').open();
    expect((await ix.reply()).content).toBe('pondered');
    harness.fake.redeliver(ix); // and after it was answered
    await harness.fake.waitFor(
      () => harness.logs().split('duplicate interaction delivery ignored').length === 3,
      { message: 'the second duplicate to be noticed' },
    );
    expect(runs - before).toBe(1);
    expect(ix.rejections).toEqual([]);
    expect(harness.fake.requests.filter((r) => r.path.startsWith(`/interactions/${ix.id}/`))).toHaveLength(1);
    expect(harness.logs()).not.toMatch(/"level":50/);
    expect(harness.fake.violations).toEqual([]);
  });
});
