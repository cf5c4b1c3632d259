import { createHash } from 'node:crypto';
import { type REST, type RESTPostAPIApplicationCommandsJSONBody, Routes } from 'discord.js';
import type { Logger } from '../log.ts';
import type { KeyValue } from '../store/keyv.ts';

/** Where commands are registered: one development guild (instant) or globally. */
export type RegistrationTarget = { kind: 'guild'; guildId: string } | { kind: 'global' };

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  bodies: readonly RESTPostAPIApplicationCommandsJSONBody[];
  target: RegistrationTarget;
  kv: KeyValue;
  log: Logger;
  /** Register even when the definitions have not changed (`npm run deploy-commands`). */
  force?: boolean;
}

export interface RegisterResult {
  registered: boolean;
  hash: string;
  count: number;
}

/** The registration target for an optional development guild id. */
export function registrationTarget(devGuildId: string | undefined): RegistrationTarget {
  return devGuildId ? { kind: 'guild', guildId: devGuildId } : { kind: 'global' };
}

/** `guild:<id>` or `global`: the part of the store key that names the target. */
export function targetLabel(target: RegistrationTarget): string {
  return target.kind === 'guild' ? `guild:${target.guildId}` : 'global';
}

/** The store key holding the hash of the last registration to `target`. */
export function hashKey(target: RegistrationTarget): string {
  return `v1:meta:commands-hash:${targetLabel(target)}`;
}

/** A hash of the definitions, the application and the target; key order does not matter. */
export function commandsHash(
  bodies: readonly RESTPostAPIApplicationCommandsJSONBody[],
  applicationId: string,
  target: RegistrationTarget,
): string {
  const canonical = stableJson({ applicationId, target: targetLabel(target), bodies });
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Replaces the registered commands (one PUT) when their hash differs from the last registration's,
 * or always with `force`; records the new hash only after Discord accepted the PUT.
 */
export async function registerCommands(options: RegisterOptions): Promise<RegisterResult> {
  const { rest, applicationId, bodies, target, kv, log } = options;
  const hash = commandsHash(bodies, applicationId, target);
  const key = hashKey(target);
  const where = targetLabel(target);
  if (!options.force && (await kv.get<string>(key)) === hash) {
    log.info({ target: where, count: bodies.length }, 'commands unchanged; registration skipped');
    return { registered: false, hash, count: bodies.length };
  }
  const route =
    target.kind === 'guild'
      ? Routes.applicationGuildCommands(applicationId, target.guildId)
      : Routes.applicationCommands(applicationId);
  await rest.put(route, { body: bodies });
  await kv.set(key, hash);
  log.info({ target: where, count: bodies.length }, 'commands registered');
  return { registered: true, hash, count: bodies.length };
}

/** JSON with object keys sorted, so equal definitions always give the same text. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
