import {
  type AnySelectMenuInteraction,
  type ApplicationCommandOptionChoiceData,
  type AutocompleteInteraction,
  type BaseMessageOptions,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageCreateOptions,
  MessageFlags,
  type ModalComponentData,
  type ModalMessageModalSubmitInteraction,
  type ModalSubmitInteraction,
  type SendableChannels,
} from 'discord.js';
import { UserError } from '../core/errors.ts';
import { fitText, LIMITS } from '../core/fit.ts';

/** Note text and nicknames can contain `@everyone`: nothing the bot sends may ping anyone. */
export const NO_MENTIONS = Object.freeze({ parse: [] as never[] });

/** Shown when a form could not be opened because the interaction was already acknowledged. */
export const MODAL_TOO_LATE = 'That took too long to open the form. Please press the button again.';

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

/** Interactions that come from a message and may replace it. */
export type MessageInteraction =
  | ButtonInteraction
  | AnySelectMenuInteraction
  | ModalMessageModalSubmitInteraction;

/** How the router acknowledges an interaction its handler has not answered in time (see router.ts). */
export type AutoAck = 'private' | 'public' | 'update';

/** A modal as `showModal` takes it (a builder or its JSON). */
export type Modal = Parameters<ButtonInteraction['showModal']>[0] | ModalComponentData;

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
 * Acknowledgement calls of one interaction, chained: the router's automatic defer and a handler's
 * reply may be started at the same moment, and discord.js only learns that an interaction was
 * answered once its callback returns, so two unchained calls would both send an initial callback.
 */
const chains = new WeakMap<object, Promise<unknown>>();

/** Runs `op` after every earlier acknowledgement call of this interaction has settled. */
export function serially<T>(interaction: object, op: () => Promise<T>): Promise<T> {
  const previous = chains.get(interaction) ?? Promise.resolve();
  const result = previous.then(op);
  chains.set(
    interaction,
    result.catch(() => undefined),
  );
  return result;
}

/** True while the interaction has no initial callback yet (no reply, defer, update or modal). */
export function unanswered(interaction: RepliableInteraction): boolean {
  return !interaction.deferred && !interaction.replied;
}

/**
 * Answers an interaction whatever its state: the first reply, the edit of a deferred reply, or a
 * follow-up after a reply or a deferred update. Never acknowledges twice. `private: true` or `false`
 * insists on a visibility: a deferred "thinking…" reply of the other one (the router deferred before
 * the handler answered) is removed and the answer follows up as asked, so a private answer never
 * lands in a public message. Left out, a first reply is public and a deferred one is filled in as is.
 */
export function respond(
  interaction: RepliableInteraction,
  message: string | Message,
  options: { private?: boolean } = {},
): Promise<void> {
  return serially(interaction, () => respondNow(interaction, message, options.private));
}

async function respondNow(
  interaction: RepliableInteraction,
  message: string | Message,
  privately: boolean | undefined,
): Promise<void> {
  const { flags: own, ...rest } = asMessage(message);
  const body = { ...rest, allowedMentions: NO_MENTIONS, ...(own ? { flags: own } : {}) };
  const flags = (own ?? 0) | (privately ? MessageFlags.Ephemeral : 0);
  const flagged = flags ? { ...body, flags } : body;
  if (unanswered(interaction)) {
    await interaction.reply(flagged);
    return;
  }
  // A deferred reply (not a deferred update) shows "thinking…" until it is edited.
  if (interaction.deferred && !interaction.replied && interaction.ephemeral !== null) {
    if (privately === undefined || interaction.ephemeral === privately) {
      await interaction.editReply(body);
      return;
    }
    // The first follow-up would fill in the "thinking…" message with its visibility: remove it first.
    await interaction.deleteReply().catch(() => undefined);
  }
  await interaction.followUp(flagged);
}

/** Answers privately (ephemeral), whatever the interaction's state. */
export function replyPrivately(interaction: RepliableInteraction, message: string | Message): Promise<void> {
  return respond(interaction, message, { private: true });
}

/** Acknowledges now and answers later privately; for handlers that may take more than a second. */
export function deferPrivately(interaction: RepliableInteraction): Promise<void> {
  return serially(interaction, async () => {
    if (unanswered(interaction)) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
  });
}

/** Acknowledges a slash command now, publicly, for a handler that renders or reads for a while. */
export function deferPublicly(interaction: RepliableInteraction): Promise<void> {
  return serially(interaction, async () => {
    if (unanswered(interaction)) await interaction.deferReply();
  });
}

/** Acknowledges a button or select now; `updateMessage` then edits the same message. */
export function deferMessageUpdate(interaction: MessageInteraction): Promise<void> {
  return serially(interaction, async () => {
    if (unanswered(interaction)) await interaction.deferUpdate();
  });
}

/**
 * Acknowledges without answering, unless answered already: a deferred reply (`private` or `public`,
 * "thinking…" until the handler's answer fills it in) or a deferred update of the message a component
 * belongs to (`update`; a modal not opened from a message gets a private deferred reply instead).
 * Resolves to true when it sent the acknowledgement. The router calls it when the budget runs out.
 */
export function acknowledge(interaction: RepliableInteraction, how: AutoAck): Promise<boolean> {
  return serially(interaction, async () => {
    if (!unanswered(interaction)) return false;
    const canUpdate =
      interaction.isMessageComponent() || (interaction.isModalSubmit() && interaction.isFromMessage());
    if (how === 'update' && canUpdate) {
      await (interaction as MessageInteraction).deferUpdate();
    } else {
      const flags = how === 'public' ? undefined : MessageFlags.Ephemeral;
      await interaction.deferReply(flags ? { flags } : {});
    }
    return true;
  });
}

/**
 * Replaces the message a button, select or a modal opened from a message belongs to: the update
 * callback at first, the edit of that message after a deferred update (the router's automatic
 * acknowledgement) or an earlier update, and after a deferred reply the edit of the message by id
 * (its "thinking…" reply is removed).
 */
export function updateMessage(interaction: MessageInteraction, message: string | Message): Promise<void> {
  return serially(interaction, async () => {
    // Discord refuses to turn a message with embeds into a V2 one unless the same edit empties them.
    const fitted = asMessage(message);
    const v2 = ((fitted.flags ?? 0) & MessageFlags.IsComponentsV2) !== 0;
    const body = { ...fitted, ...(v2 && !fitted.embeds ? { embeds: [] } : {}), allowedMentions: NO_MENTIONS };
    if (unanswered(interaction)) {
      await interaction.update(body);
      return;
    }
    // After deferUpdate or update, `@original` is the message itself; after a reply it is the reply.
    if (interaction.ephemeral === null) {
      await interaction.editReply(body);
      return;
    }
    await interaction.editReply({ ...body, message: interaction.message.id });
    if (interaction.deferred) await interaction.deleteReply().catch(() => undefined);
  });
}

/**
 * Opens a form. It must be the interaction's first answer: a handler that opens one declares it
 * (`opensModal`, see command.ts) so the router never defers it, and calls this before any store call.
 * Throws a `UserError` asking to press again when the interaction was acknowledged already.
 */
export function showModal(
  interaction: ChatInputCommandInteraction | ButtonInteraction | AnySelectMenuInteraction,
  modal: Modal,
): Promise<void> {
  return serially(interaction, async () => {
    if (!unanswered(interaction)) throw new UserError(MODAL_TOO_LATE);
    await interaction.showModal(modal as Parameters<ButtonInteraction['showModal']>[0]);
  });
}

/**
 * Answers an autocomplete request with its choices (at most 25), unless it was answered already (the
 * router answers an empty list when the handler is slower than its budget). True when these were sent.
 */
export function suggest(
  interaction: AutocompleteInteraction,
  choices: readonly ApplicationCommandOptionChoiceData[],
): Promise<boolean> {
  return serially(interaction, async () => {
    if (interaction.responded) return false;
    await interaction.respond(choices.slice(0, LIMITS.autocompleteChoices));
    return true;
  });
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
