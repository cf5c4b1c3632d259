/** Discord permission bits the fake uses (a subset; see the Discord permissions reference). */
export const Permission = {
  AddReactions: 1n << 6n,
  ManageGuild: 1n << 5n,
  Administrator: 1n << 3n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  ManageRoles: 1n << 28n,
  UseApplicationCommands: 1n << 31n,
} as const;

/** What an ordinary member of a study server may do. */
export const MEMBER_PERMISSIONS =
  Permission.ViewChannel |
  Permission.SendMessages |
  Permission.AddReactions |
  Permission.EmbedLinks |
  Permission.AttachFiles |
  Permission.ReadMessageHistory |
  Permission.UseExternalEmojis |
  Permission.UseApplicationCommands;

/** A member who can manage the server (the bot's admin commands). */
export const MANAGER_PERMISSIONS = MEMBER_PERMISSIONS | Permission.ManageGuild;

/** The bot's own permissions in a channel it may post in. */
export const BOT_PERMISSIONS = MEMBER_PERMISSIONS;

/** Parses permission bits given as bigint or decimal string; throws on anything else. */
export function toPermissionBits(value: bigint | string | undefined, fallback: bigint): bigint {
  if (value === undefined) return fallback;
  if (typeof value === 'bigint') return value;
  if (!/^\d+$/.test(value)) throw new Error(`permissions must be a decimal string or bigint, got "${value}"`);
  return BigInt(value);
}
