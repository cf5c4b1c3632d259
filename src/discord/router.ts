import {
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  PermissionFlagsBits,
} from 'discord.js';
import { UserError } from '../core/errors.ts';
import type { Command, ComponentHandlers, Context } from './command.ts';
import { decodeCustomId } from './customId.ts';
import type { CommandSet } from './loader.ts';
import {
  type AutoAck,
  acknowledge,
  isRepliable,
  type RepliableInteraction,
  replyPrivately,
  suggest,
} from './reply.ts';
import { SeenInteractions } from './seen.ts';

export const APOLOGY = 'Sorry, something went wrong on our side. It has been logged; please try again.';
export const EXPIRED_BUTTON = 'This button has expired.';
export const EXPIRED_FORM = 'This form has expired. Please start again.';
export const SHUTTING_DOWN = 'The bot is restarting; please try again in a moment.';

/** Autocomplete must be answered within Discord's 3 s too: an empty list this soon after it was sent. */
export const AUTOCOMPLETE_BUDGET_MS = 2_500;

/** Dispatches every interaction to its handler inside one awaited error boundary. */
export interface Router {
  /** Handles one interaction; never rejects. A second delivery of the same interaction id is ignored. */
  handle(interaction: Interaction): Promise<void>;
  /** From now on, interactions get a short "restarting" answer instead of a handler. */
  stopAccepting(): void;
  /** Waits until in-flight handlers finish, at most `timeoutMs`; true when none is left. */
  drain(timeoutMs: number): Promise<boolean>;
  /** How many interactions are being handled right now. */
  inFlight(): number;
}

/** A handler found for an interaction, with how to acknowledge it if it is slow (none: never). */
interface Target {
  run: () => Promise<void>;
  ack: AutoAck | 'none';
}

/** Builds the router over validated commands; `ctx` is handed to every handler. */
export function createRouter(commands: CommandSet, ctx: Context): Router {
  const running = new Set<Promise<void>>();
  const seen = new SeenInteractions();
  let accepting = true;
  const budgetMs = ctx.config.ackBudgetMs;

  async function dispatch(interaction: Interaction): Promise<void> {
    if (interaction.isAutocomplete()) return autocomplete(interaction);
    if (!isRepliable(interaction)) return;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!accepting) throw new UserError(SHUTTING_DOWN);
      const target = route(interaction);
      if (target.ack !== 'none') {
        const how = target.ack;
        timer = setTimeout(() => void autoAcknowledge(interaction, how), remaining(interaction, budgetMs));
      }
      await target.run();
    } catch (error) {
      await answerFailure(interaction, error);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The deferral the handler did not send in time; the helpers in reply.ts then fill it in. */
  async function autoAcknowledge(interaction: RepliableInteraction, how: AutoAck): Promise<void> {
    try {
      if (await acknowledge(interaction, how))
        ctx.log.debug(
          { interactionId: interaction.id, how },
          'acknowledged a slow interaction for its handler',
        );
    } catch (error) {
      ctx.log.warn({ err: error, interactionId: interaction.id }, 'could not acknowledge the interaction');
    }
  }

  function route(interaction: RepliableInteraction): Target {
    if (interaction.isChatInputCommand()) {
      const command = commands.byName.get(interaction.commandName);
      if (!command) throw new UserError(`/${interaction.commandName} is not available any more.`);
      guard(interaction, command, `/${interaction.commandName}`);
      return { run: () => command.execute(interaction, ctx), ack: commandAck(command, interaction) };
    }
    const decoded = decodeCustomId(interaction.customId);
    const owner = decoded ? commands.components.get(decoded.handler) : undefined;
    const expired = interaction.isModalSubmit() ? EXPIRED_FORM : EXPIRED_BUTTON;
    if (!decoded || !owner) throw new UserError(expired);
    guard(interaction, owner.command, 'this');
    const { handlers } = owner;
    const { args } = decoded;
    const ack = componentAck(handlers, args, interaction);
    const { button, select, modal } = handlers;
    if (interaction.isButton() && button) return { run: () => button(interaction, args, ctx), ack };
    if (interaction.isAnySelectMenu() && select) return { run: () => select(interaction, args, ctx), ack };
    if (interaction.isModalSubmit() && modal) return { run: () => modal(interaction, args, ctx), ack };
    throw new UserError(expired);
  }

  async function autocomplete(interaction: AutocompleteInteraction): Promise<void> {
    const command = commands.byName.get(interaction.commandName);
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!accepting || !command?.autocomplete || !allowed(interaction, command)) {
        await suggest(interaction, []);
        return;
      }
      const late = new Promise<'late'>((done) => {
        timer = setTimeout(() => done('late'), remaining(interaction, AUTOCOMPLETE_BUDGET_MS));
      });
      const handler = command.autocomplete(interaction, ctx);
      if ((await Promise.race([handler, late])) === 'late') {
        // An empty list in time beats the right list too late; the handler's own answer is then skipped.
        await suggest(interaction, []);
        ctx.log.debug({ interactionId: interaction.id }, 'autocomplete too slow; answered an empty list');
        await handler.catch(() => undefined);
      }
    } catch (error) {
      ctx.log.error(
        { err: error, interactionId: interaction.id, command: interaction.commandName },
        'autocomplete failed',
      );
      // Autocomplete has no message to apologise in: an empty list is the answer, given once.
      await suggest(interaction, []).catch(() => undefined);
    } finally {
      clearTimeout(timer);
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
      if (!seen.first(interaction.id)) {
        // A gateway RESUME replays events: the same interaction twice must run once, answer once.
        ctx.log.debug({ interactionId: interaction.id }, 'duplicate interaction delivery ignored');
        return Promise.resolve();
      }
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

/**
 * What is left of `budgetMs` for this interaction. Counted from when Discord created it (its snowflake),
 * not from when it reached the router, so time lost before (a busy event loop, a slow gateway) counts.
 * Wall-clock time on purpose: Discord's deadline is real time, whatever clock the handlers are given.
 */
function remaining(interaction: Interaction, budgetMs: number): number {
  const elapsed = Date.now() - interaction.createdTimestamp;
  return Math.max(0, budgetMs - Math.min(Math.max(elapsed, 0), budgetMs));
}

function commandAck(command: Command, interaction: ChatInputCommandInteraction): AutoAck | 'none' {
  if (command.opensModal) return 'none';
  const ack = typeof command.ack === 'function' ? command.ack(interaction) : command.ack;
  return ack ?? 'private';
}

function componentAck(
  handlers: ComponentHandlers,
  args: string[],
  interaction: RepliableInteraction,
): AutoAck | 'none' {
  if (!interaction.isModalSubmit() && handlers.opensModal?.(args)) return 'none';
  return handlers.ack ?? 'update';
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
