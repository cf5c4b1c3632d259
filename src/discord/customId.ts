/** Discord rejects a component or modal whose custom_id is longer than this. */
export const CUSTOM_ID_MAX = 100;

/** The codec version this build writes and reads; ids of other versions decode as expired. */
export const CUSTOM_ID_VERSION = 'v1';

const SEPARATOR = ':';
const HANDLER_NAME = /^[a-z][a-z0-9-]{0,31}$/;

/** A decoded custom_id: which permanent handler gets the interaction, and its arguments. */
export interface CustomId {
  handler: string;
  args: string[];
}

/**
 * Encodes `v1:<handler>:<arg>:<arg>…`; throws when the handler name is invalid, an argument
 * contains `:`, or the result exceeds Discord's 100 characters.
 */
export function encodeCustomId(handler: string, args: readonly string[] = []): string {
  if (!HANDLER_NAME.test(handler)) {
    throw new Error(`custom_id handler "${handler}" must be 1–32 of a-z, 0-9 and -, starting with a letter`);
  }
  for (const arg of args) {
    if (arg.includes(SEPARATOR))
      throw new Error(`custom_id argument "${arg}" must not contain "${SEPARATOR}"`);
  }
  const id = [CUSTOM_ID_VERSION, handler, ...args].join(SEPARATOR);
  if (id.length > CUSTOM_ID_MAX) {
    throw new Error(
      `custom_id is ${id.length} characters, Discord allows ${CUSTOM_ID_MAX}: ${id.slice(0, 40)}…`,
    );
  }
  return id;
}

/** Decodes a custom_id; null for another version, a malformed id or an over-long one. */
export function decodeCustomId(customId: string): CustomId | null {
  if (typeof customId !== 'string' || customId.length > CUSTOM_ID_MAX) return null;
  const [version, handler, ...args] = customId.split(SEPARATOR);
  if (version !== CUSTOM_ID_VERSION || handler === undefined || !HANDLER_NAME.test(handler)) return null;
  return { handler, args };
}
