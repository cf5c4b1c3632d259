import {
  type AnySelectMenuInteraction,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageCreateOptions,
  MessageFlags,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
  type SendableChannels,
} from 'discord.js';
import { fitText, LIMITS } from '../core/fit.ts';

/** Note text and nicknames can contain `@everyone`: nothing the bot sends may ping anyone. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });

/**
 * A message body without `allowedMentions`: the helpers always set that themselves. `flags` may only
 * say Components V2 (src/discord/render/v2.ts); ephemerality is the helpers' choice.
 */
export type Message = Omit<BaseMessageOptions, 'allowedMentions'> & { flags?: MessageFlags.IsComponentsV2 };

/** Interactions that can carry a message reply. */
export type RepliableInteraction =
  | ChatInputCommandInteraction
  | ButtonInteraction
  | AnySelectMenuInteraction
  | ModalSubmitInteraction;

/** `message` as a body whose content fits Discord's 2,000 characters (a longer one is rejected, so cut it). */
export function fitMessage<M extends { content?: string | null }>(
  message: string | M,
): M | { content: string } {
  if (typeof message === 'string') return { content: fitText(message, LIMITS.messageContent) };
  return typeof message.content === 'string'
    ? { ...message, content: fitText(message.content, LIMITS.messageContent) }
    : message;
}

const asMessage = (message: string | Message): Message => fitMessage(message);

/**
 * Answers an interaction whatever its state: the first reply, the edit of a deferred reply, or a
 * follow-up after a reply or a deferred update. Never acknowledges twice.
 */
export async function respond(
  interaction: RepliableInteraction,
  message: string | Message,
  options: { private?: boolean } = {},
): Promise<void> {
  const { flags: own, ...rest } = asMessage(message);
  const body = { ...rest, allowedMentions: NO_MENTIONS, ...(own ? { flags: own } : {}) };
  const flags = (own ?? 0) | (options.private ? MessageFlags.Ephemeral : 0);
  if (!interaction.deferred && !interaction.replied) {
    await interaction.reply(flags ? { ...body, flags } : body);
  } else if (interaction.deferred && !interaction.replied && interaction.ephemeral !== null) {
    // A deferred reply (not a deferred update) shows "thinking…" until it is edited.
    await interaction.editReply(body);
  } else {
    await interaction.followUp(flags ? { ...body, flags } : body);
  }
}

/** Answers privately (ephemeral), whatever the interaction's state. */
export function replyPrivately(interaction: RepliableInteraction, message: string | Message): Promise<void> {
  return respond(interaction, message, { private: true });
}

/** Acknowledges now and answers later privately; for handlers that may take more than a second. */
export async function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  if (!interaction.deferred && !interaction.replied)
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
}

/** Acknowledges a slash command now, publicly, for a handler that renders or reads for a while. */
export async function deferPublicly(interaction: RepliableInteraction): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferReply();
}

/** Acknowledges a button or select now; `updateMessage` then edits the same message. */
export async function deferMessageUpdate(
  interaction: ButtonInteraction | AnySelectMenuInteraction | ModalMessageModalSubmitInteraction,
): Promise<void> {
  if (!interaction.deferred && !interaction.replied) await interaction.deferUpdate();
}

/**
 * Replaces the message a button, select or a modal opened from a message belongs to (after a
 * deferred update too). A Components V2 body clears the embeds: Discord refuses to turn a message
 * with embeds into a V2 one unless they are emptied in the same edit.
 */
export async function updateMessage(
  interaction: ButtonInteraction | AnySelectMenuInteraction | ModalMessageModalSubmitInteraction,
  message: string | Message,
): Promise<void> {
  const fitted = asMessage(message);
  const v2 = ((fitted.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
  const body = { ...fitted, ...(v2 && !fitted.embeds ? { embeds: [] } : {}), allowedMentions: NO_MENTIONS };
  if (interaction.deferred || interaction.replied) await interaction.editReply(body);
  else await interaction.update(body);
}

/** Posts a message in a channel, with mentions disabled. */
export function send(
  channel: SendableChannels,
  message: string | Omit<MessageCreateOptions, 'allowedMentions'>,
) {
  const body: MessageCreateOptions = fitMessage(message);
  return channel.send({ ...body, allowedMentions: NO_MENTIONS });
}

/** True when the interaction can receive a message reply (not autocomplete). */
export function isRepliable(interaction: Interaction): interaction is RepliableInteraction {
  return interaction.isChatInputCommand() || interaction.isMessageComponent() || interaction.isModalSubmit();
}
