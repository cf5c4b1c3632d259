import type {
  AnySelectMenuInteraction,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { LiveBank } from '../bank/index.ts';
import type { CardRenderer } from '../cards/index.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import type { BankSource } from '../notes/guild-banks.ts';
import type { GuildNotes } from '../notes/service.ts';
import type { Store } from '../store/index.ts';
import type { AutoAck } from './reply.ts';

/**
 * Everything a handler may use, built once in `startBot` and passed to every handler.
 * Features add their services here (e.g. `daily`, `race`) as optional fields.
 */
export interface Context {
  /** The live question bank: `ctx.bank.current` is the bank being served, `reload()` swaps it. */
  bank: LiveBank;
  /** The bank of a server: shared notes plus its own. Use `ctx.banks.forGuild(interaction.guildId)`. */
  banks: BankSource;
  /** Each server's own notes (`/bank add`, `list`, `remove`, `show`). */
  notes: GuildNotes;
  store: Store;
  config: Config;
  clock: Clock;
  log: Logger;
  /** Draws the picture cards (leaderboard, stats, exam) with a cache; `cardsOf(ctx)` makes one when absent. */
  cards?: CardRenderer;
}

/**
 * Handlers for the components whose custom_id starts with `v1:<prefix>:`; args are the rest.
 * The router acknowledges for them when they have not answered within the budget (ACK_BUDGET_MS):
 * `ack` says how (default `update`: a deferred update of the message; a modal not opened from a
 * message gets a private deferred reply), and `opensModal` names the clicks that open a form, which
 * must be the first answer: those are never deferred, and the handler shows the form at once.
 */
export interface ComponentHandlers {
  button?(interaction: ButtonInteraction, args: string[], ctx: Context): Promise<void>;
  select?(interaction: AnySelectMenuInteraction, args: string[], ctx: Context): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, args: string[], ctx: Context): Promise<void>;
  ack?: AutoAck;
  opensModal?(args: string[]): boolean;
}

/** The command definition: a builder or anything else whose `toJSON()` gives the registration body. */
export interface CommandData {
  readonly name: string;
  toJSON(): RESTPostAPIApplicationCommandsJSONBody;
}

/**
 * The contract of a `commands/*.ts` file: `export default { data, execute } satisfies Command`.
 * `guildOnly` refuses DMs; `adminOnly` requires Manage Server (and the data must say so too).
 */
export interface Command {
  data: CommandData;
  execute(interaction: ChatInputCommandInteraction, ctx: Context): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: Context): Promise<void>;
  /** custom_id prefix (the codec's handler name) → handlers; permanent, so they work after a restart. */
  components?: Record<string, ComponentHandlers>;
  guildOnly?: boolean;
  adminOnly?: boolean;
  /**
   * The visibility of the deferred reply the router sends when `execute` has not answered within the
   * budget (default `private`); the helpers in reply.ts fill it in. A function can choose per call.
   */
  ack?: 'private' | 'public' | ((interaction: ChatInputCommandInteraction) => 'private' | 'public');
  /** True when `execute` opens a form (it is then never deferred: a form must be the first answer). */
  opensModal?: boolean;
}
