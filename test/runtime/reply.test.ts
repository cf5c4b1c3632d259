import type { ButtonInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/core/fit.ts';
import {
  acknowledge,
  fitMessage,
  type RepliableInteraction,
  replyPrivately,
  respond,
  updateMessage,
} from '../../src/discord/reply.ts';

type Sent = { content?: string; allowedMentions?: unknown };

/** Just enough of an interaction to record what `respond` sends, in each acknowledgement state. */
function fakeInteraction(state: { deferred?: boolean; replied?: boolean } = {}) {
  const sent: { via: string; body: Sent }[] = [];
  const record = (via: string) => async (body: Sent) => void sent.push({ via, body });
  const interaction = {
    deferred: state.deferred ?? false,
    replied: state.replied ?? false,
    ephemeral: state.deferred ? true : null,
    reply: record('reply'),
    editReply: record('editReply'),
    followUp: record('followUp'),
    update: record('update'),
  };
  // A stand-in, not a discord.js object: the helpers only read the flags and call these methods.
  return { interaction: interaction as unknown as RepliableInteraction & ButtonInteraction, sent };
}

const longText = 'A sentence of study notes that goes on. '.repeat(63).slice(0, 2500);

describe('respond', () => {
  it.each([
    ['a first reply', {}, 'reply'],
    ['the edit of a deferred reply', { deferred: true }, 'editReply'],
    ['a follow-up', { replied: true }, 'followUp'],
  ])(
    'cuts a 2,500-character message to 2,000 characters at a word, with "…", in %s',
    async (_, state, via) => {
      const { interaction, sent } = fakeInteraction(state);
      await respond(interaction, longText);
      expect(sent).toHaveLength(1);
      expect(sent[0]?.via).toBe(via);
      const content = sent[0]?.body.content ?? '';
      expect(content.length).toBeLessThanOrEqual(LIMITS.messageContent);
      expect(content.endsWith('…')).toBe(true);
      expect(longText.startsWith(content.slice(0, -1))).toBe(true);
      expect(sent[0]?.body.allowedMentions).toEqual({ parse: [] });
    },
  );

  it('fits the content of a message object and keeps its other parts', async () => {
    const { interaction, sent } = fakeInteraction();
    await respond(interaction, { content: longText, embeds: [{ title: 'kept' }] });
    expect(sent[0]?.body.content?.length).toBeLessThanOrEqual(LIMITS.messageContent);
    expect(sent[0]?.body).toMatchObject({ embeds: [{ title: 'kept' }] });
  });

  it('leaves a message within the limit unchanged', async () => {
    const { interaction, sent } = fakeInteraction();
    await respond(interaction, 'Right!');
    expect(sent[0]?.body.content).toBe('Right!');
  });
});

describe('updateMessage and fitMessage', () => {
  it('cuts an over-long content when replacing a component message', async () => {
    const { interaction, sent } = fakeInteraction();
    await updateMessage(interaction, longText);
    expect(sent[0]?.body.content?.length).toBeLessThanOrEqual(LIMITS.messageContent);
  });

  it('returns a body without content as it is', () => {
    const body: { content?: string; embeds: never[] } = { embeds: [] };
    expect(fitMessage(body)).toBe(body);
  });
});

/** Like Discord and discord.js: the callback takes a while, and the flags change only once it returned. */
function slowInteraction() {
  const callbacks: string[] = [];
  const later = () => new Promise((done) => setImmediate(done));
  const interaction = {
    deferred: false,
    replied: false,
    ephemeral: null as boolean | null,
    isMessageComponent: () => false,
    isModalSubmit: () => false,
    async reply(body: { flags?: number }) {
      if (this.deferred || this.replied) throw new Error('already acknowledged');
      callbacks.push('reply');
      await later();
      this.replied = true;
      this.ephemeral = body.flags !== undefined;
    },
    async deferReply(options: { flags?: number }) {
      if (this.deferred || this.replied) throw new Error('already acknowledged');
      callbacks.push('deferReply');
      await later();
      this.deferred = true;
      this.ephemeral = options.flags !== undefined;
    },
    async editReply() {
      callbacks.push('editReply');
      this.replied = true;
    },
    async followUp() {
      callbacks.push('followUp');
    },
  };
  return { interaction: interaction as unknown as RepliableInteraction, callbacks };
}

describe('acknowledgements of one interaction', () => {
  it('never send two initial callbacks when the automatic defer and the answer start together', async () => {
    const { interaction, callbacks } = slowInteraction();
    await Promise.all([replyPrivately(interaction, 'answer'), acknowledge(interaction, 'private')]);
    expect(callbacks).toEqual(['reply']);
  });

  it('fill in the automatic defer when it went first', async () => {
    const { interaction, callbacks } = slowInteraction();
    await Promise.all([acknowledge(interaction, 'private'), replyPrivately(interaction, 'answer')]);
    expect(callbacks).toEqual(['deferReply', 'editReply']);
  });
});
