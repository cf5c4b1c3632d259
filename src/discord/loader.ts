import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PermissionFlagsBits, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { z } from 'zod';
import type { Command, ComponentHandlers } from './command.ts';
import { decodeCustomId } from './customId.ts';

/** A command file that cannot be used; the message names the file and the reason. */
export class CommandLoadError extends Error {
  override readonly name = 'CommandLoadError';
}

/** The validated commands, indexed for the router and the registration. */
export interface CommandSet {
  byName: ReadonlyMap<string, Command>;
  /** custom_id handler name → the command owning it and its handlers. */
  components: ReadonlyMap<string, { command: Command; handlers: ComponentHandlers }>;
  /** Registration bodies, in load order. */
  bodies: RESTPostAPIApplicationCommandsJSONBody[];
}

/** A command and where it came from, for error messages. */
export interface CommandSource {
  origin: string;
  command: unknown;
}

const fn = z.custom<(...args: never[]) => unknown>((v) => typeof v === 'function', 'must be a function');

const commandShape = z.object({
  data: z.object({ name: z.string(), toJSON: fn }, 'must be a command builder with name and toJSON()'),
  execute: fn,
  autocomplete: fn.optional(),
  components: z
    .record(
      z.string(),
      z
        .object({
          button: fn.optional(),
          select: fn.optional(),
          modal: fn.optional(),
          ack: z.enum(['private', 'public', 'update']).optional(),
          opensModal: fn.optional(),
        })
        .strict(),
    )
    .optional(),
  guildOnly: z.boolean().optional(),
  adminOnly: z.boolean().optional(),
  ack: z.union([z.enum(['private', 'public']), fn]).optional(),
  opensModal: z.boolean().optional(),
});

const COMMAND_NAME = /^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u;
const CHAT_INPUT = 1;

/**
 * The extension of command files in this build: `.ts` when the code runs as TypeScript (tsx, vitest),
 * `.js` when it runs compiled from dist/, where commands/*.ts became dist/commands/*.js.
 */
export const COMMAND_FILE_EXTENSION = import.meta.url.endsWith('.ts') ? '.ts' : '.js';

/**
 * Imports every command file in `dir` (sorted; declarations, tests and source maps skipped) as a command;
 * throws `CommandLoadError` when the folder holds none, rather than starting a bot without commands.
 */
export async function importCommandFiles(
  dir: string,
  extension: string = COMMAND_FILE_EXTENSION,
): Promise<CommandSource[]> {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch (error) {
    throw new CommandLoadError(`cannot read the commands folder ${dir}: ${(error as Error).message}`);
  }
  const files = entries.filter((f) => isCommandFile(f, extension)).sort();
  if (files.length === 0) {
    // The compiled bot pointed at commands/*.ts (or tsx at dist/) would otherwise start with no commands.
    throw new CommandLoadError(`no *${extension} command files in ${dir}`);
  }
  const sources: CommandSource[] = [];
  for (const file of files) {
    const origin = join(basename(resolve(dir)), file);
    let module: { default?: unknown };
    try {
      module = await import(pathToFileURL(resolve(dir, file)).href);
    } catch (error) {
      throw new CommandLoadError(`${origin}: cannot be imported: ${(error as Error).message}`);
    }
    if (module.default === undefined) {
      throw new CommandLoadError(`${origin}: has no default export (export default { data, execute })`);
    }
    sources.push({ origin, command: module.default });
  }
  return sources;
}

/** Validates commands and indexes them; throws `CommandLoadError` on the first broken one. */
export function buildCommandSet(sources: readonly CommandSource[]): CommandSet {
  const byName = new Map<string, Command>();
  const origins = new Map<string, string>();
  const components = new Map<string, { command: Command; handlers: ComponentHandlers }>();
  const componentOrigins = new Map<string, string>();
  const bodies: RESTPostAPIApplicationCommandsJSONBody[] = [];
  for (const { origin, command: candidate } of sources) {
    const command = validateCommand(origin, candidate);
    const body = commandBody(origin, command);
    const previous = origins.get(body.name);
    if (previous)
      throw new CommandLoadError(`${origin}: command name "${body.name}" is already used by ${previous}`);
    byName.set(body.name, command);
    origins.set(body.name, origin);
    bodies.push(body);
    for (const [prefix, handlers] of Object.entries(command.components ?? {})) {
      if (decodeCustomId(`v1:${prefix}`) === null) {
        throw new CommandLoadError(`${origin}: component prefix "${prefix}" must be 1–32 of a-z, 0-9 and -`);
      }
      const owner = componentOrigins.get(prefix);
      if (owner)
        throw new CommandLoadError(`${origin}: component prefix "${prefix}" is already used by ${owner}`);
      components.set(prefix, { command, handlers });
      componentOrigins.set(prefix, origin);
    }
  }
  return { byName, components, bodies };
}

/** Imports and validates every command file in `dir`, plus any extra commands (tests). */
export async function loadCommands(dir: string, extra: readonly CommandSource[] = []): Promise<CommandSet> {
  return buildCommandSet([...(await importCommandFiles(dir)), ...extra]);
}

function isCommandFile(file: string, extension: string): boolean {
  return file.endsWith(extension) && !file.endsWith(`.d${extension}`) && !file.endsWith(`.test${extension}`);
}

function validateCommand(origin: string, candidate: unknown): Command {
  const result = commandShape.safeParse(candidate);
  if (!result.success) {
    const reasons = result.error.issues.map((i) => `${i.path.join('.') || 'export'} ${i.message}`);
    throw new CommandLoadError(`${origin}: not a valid command: ${reasons.join('; ')}`);
  }
  return candidate as Command;
}

function commandBody(origin: string, command: Command): RESTPostAPIApplicationCommandsJSONBody {
  let body: RESTPostAPIApplicationCommandsJSONBody;
  try {
    body = command.data.toJSON();
  } catch (error) {
    throw new CommandLoadError(`${origin}: data.toJSON() failed: ${(error as Error).message}`);
  }
  if (!body || typeof body.name !== 'string' || !COMMAND_NAME.test(body.name)) {
    throw new CommandLoadError(`${origin}: command name must be 1–32 lower-case letters, digits, - or _`);
  }
  const isChatInput = body.type === undefined || body.type === CHAT_INPUT;
  if (isChatInput) {
    const description = 'description' in body ? body.description : undefined;
    if (typeof description !== 'string' || description.length < 1 || description.length > 100) {
      throw new CommandLoadError(`${origin}: /${body.name} needs a description of 1–100 characters`);
    }
  }
  if (command.adminOnly && !requiresManageGuild(body.default_member_permissions)) {
    throw new CommandLoadError(
      `${origin}: /${body.name} is adminOnly, so data must set default_member_permissions to Manage Server`,
    );
  }
  return body;
}

function requiresManageGuild(permissions: string | null | undefined): boolean {
  if (typeof permissions !== 'string' || !/^\d+$/.test(permissions)) return false;
  return (BigInt(permissions) & PermissionFlagsBits.ManageGuild) === PermissionFlagsBits.ManageGuild;
}
