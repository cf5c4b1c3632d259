import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  PermissionFlagsBits,
} from 'discord.js';
import { UserError } from '../core/errors.ts';
import type { Command, Context } from './command.ts';
import { decodeCustomId } from './customId.ts';
import type { CommandSet } from './loader.ts';
import { isRepliable, type RepliableInteraction, replyPrivately } from './reply.ts';

export const APOLOGY = 'Sorry, something went wrong on our side. It has been logged; please try again.';
export const EXPIRED_BUTTON = 'This button has expired.';
export const EXPIRED_FORM = 'This form has expired. Please start again.';
export const SHUTTING_DOWN = 'The bot is restarting; please try again in a moment.';

/** Dispatches every interaction to its handler inside one awaited error boundary. */
export interface Router {
  /** Handles one interaction; never rejects. */
  handle(interaction: Interaction): Promise<void>;
  /** From now on, interactions get a short "restarting" answer instead of a handler. */
  stopAccepting(): void;
  /** Waits until in-flight handlers finish, at most `timeoutMs`; true when none is left. */
  drain(timeoutMs: number): Promise<boolean>;
  /** How many interactions are being handled right now. */
  inFlight(): number;
}

/** Builds the router over validated commands; `ctx` is handed to every handler. */
export function createRouter(commands: CommandSet, ctx: Context): Router {
  const running = new Set<Promise<void>>();
  let accepting = true;

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (!isRepliable(interaction)) return;
    try {
      if (!accepting) throw new UserError(SHUTTING_DOWN);
      await route(interaction);
    } catch (error) {
      await answerFailure(interaction, error);
    }
  }

  async function route(interaction: RepliableInteraction): Promise<void> {
    if (interaction.isChatInputCommand()) {
      const command = commands.byName.get(interaction.commandName);
      if (!command) throw new UserError(`/${interaction.commandName} is not available any more.`);
      guard(interaction, command, `/${interaction.commandName}`);
      return command.execute(interaction, ctx);
    }
    const decoded = decodeCustomId(interaction.customId);
    const owner = decoded ? commands.components.get(decoded.handler) : undefined;
    const expired = interaction.isModalSubmit() ? EXPIRED_FORM : EXPIRED_BUTTON;
    if (!decoded || !owner) throw new UserError(expired);
    guard(interaction, owner.command, 'this');
    const { handlers } = owner;
    if (interaction.isButton() && handlers.button) return handlers.button(interaction, decoded.args, ctx);
    if (interaction.isAnySelectMenu() && handlers.select)
      return handlers.select(interaction, decoded.args, ctx);
    if (interaction.isModalSubmit() && handlers.modal) return handlers.modal(interaction, decoded.args, ctx);
    throw new UserError(expired);
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = commands.byName.get(interaction.commandName);
    try {
      if (!accepting || !command?.autocomplete || !allowed(interaction, command)) {
        await interaction.respond([]);
        return;
      }
      await command.autocomplete(interaction, ctx);
    } catch (error) {
      ctx.log.error(
        { err: error, interactionId: interaction.id, command: interaction.commandName },
        'autocomplete failed',
      );
      // Autocomplete has no message to apologise in: an empty list is the answer, given once.
      if (!interaction.responded) await interaction.respond([]).catch(() => undefined);
    }
  }

  async function answerFailure(interaction: RepliableInteraction, error: unknown): Promise<void> {
    const expected = error instanceof UserError;
    if (!expected) {
      ctx.log.error(
        { err: error, interactionId: interaction.id, ...describe(interaction) },
        'interaction failed',
      );
    }
    try {
      await replyPrivately(interaction, expected ? error.message : APOLOGY);
    } catch (replyError) {
      // Typically the 3-second deadline passed; nothing more can be said to the user.
      ctx.log.warn({ err: replyError, interactionId: interaction.id }, 'could not answer the interaction');
    }
  }

  return {
    handle(interaction) {
      const task = dispatch(interaction).catch((error: unknown) => {
        ctx.log.error({ err: error, interactionId: interaction.id }, 'router failure');
      });
      running.add(task);
      void task.finally(() => running.delete(task));
      return task;
    },
    stopAccepting() {
      accepting = false;
    },
    async drain(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((done) => {
        timer = setTimeout(done, timeoutMs);
      });
      await Promise.race([Promise.allSettled([...running]), timeout]);
      clearTimeout(timer);
      return running.size === 0;
    },
    inFlight: () => running.size,
  };
}

/** Refuses DMs for guild-only commands and non-admins for admin commands, as a `UserError`. */
function guard(interaction: RepliableInteraction, command: Command, what: string): void {
  if ((command.guildOnly || command.adminOnly) && !interaction.inGuild()) {
    throw new UserError(`Sorry, ${what} only works in a server, not in direct messages.`);
  }
  if (command.adminOnly && !interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError(`You need the Manage Server permission to use ${what}.`);
  }
}

function allowed(interaction: AutocompleteInteraction, command: Command): boolean {
  if ((command.guildOnly || command.adminOnly) && !interaction.inGuild()) return false;
  return !command.adminOnly || Boolean(interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild));
}

/** Log fields that identify an interaction without its token. */
function describe(interaction: RepliableInteraction): Record<string, string | null> {
  const base = { guildId: interaction.guildId, userId: interaction.user.id };
  if (interaction.isChatInputCommand()) return { ...base, command: commandPath(interaction) };
  return { ...base, customId: interaction.customId };
}

function commandPath(interaction: ChatInputCommandInteraction): string {
  const group = interaction.options.getSubcommandGroup(false);
  const sub = interaction.options.getSubcommand(false);
  return [`/${interaction.commandName}`, group, sub].filter(Boolean).join(' ');
}
