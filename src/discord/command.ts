import type {
  AnySelectMenuInteraction,
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { Diagnostic, Item } from '../bank/types.ts';
import type { Config } from '../config.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import type { KeyValue } from '../store/keyv.ts';

/** What the runtime needs of the question bank; `src/bank`'s `Bank` satisfies it. */
export interface BankSnapshot {
  readonly items: readonly Item[];
  readonly diagnostics: readonly Diagnostic[];
  readonly notes: readonly unknown[] | ReadonlyMap<string, unknown> | number;
}

/** A bank that can be swapped for a freshly loaded one (`/bank reload`). */
export interface BankSource<B extends BankSnapshot = BankSnapshot> {
  current(): B;
}

/** What the runtime needs of the store; `src/store`'s `openStore` result satisfies it. */
export interface StoreHandle {
  kv: KeyValue;
  close(): Promise<void>;
}

/**
 * Everything a handler may use, built once in `startBot` and passed to every handler.
 * Features add their services here (e.g. `daily`, `race`) as optional fields.
 */
export interface Context {
  bank: BankSource;
  store: StoreHandle;
  config: Config;
  clock: Clock;
  log: Logger;
}

/** Handlers for the components whose custom_id starts with `v1:<prefix>:`; args are the rest. */
export interface ComponentHandlers {
  button?(interaction: ButtonInteraction, args: string[], ctx: Context): Promise<void>;
  select?(interaction: AnySelectMenuInteraction, args: string[], ctx: Context): Promise<void>;
  modal?(interaction: ModalSubmitInteraction, args: string[], ctx: Context): Promise<void>;
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
}
