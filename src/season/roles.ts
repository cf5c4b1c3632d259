/** A guild role as the checks need it (Discord's role object, trimmed). */
export interface RoleInfo {
  id: string;
  name: string;
  position: number;
  /** Permission bits as Discord sends them: a decimal string. */
  permissions: string;
  managed: boolean;
}

/** Everything needed to tell whether the bot may give a role. */
export interface RoleCheckInput {
  guildId: string;
  roles: readonly RoleInfo[];
  /** The roles of the bot's own member. */
  botRoleIds: readonly string[];
  roleId: string;
  /** The bot owns the server (then the hierarchy does not apply). */
  botIsOwner?: boolean;
}

const ADMINISTRATOR = 1n << 3n;
const MANAGE_ROLES = 1n << 28n;

/**
 * Why the bot may not give `roleId`, in words an admin can act on; undefined when it may. Mirrors
 * Discord: Manage Roles (or Administrator) from @everyone or one of the bot's roles, a role strictly
 * below the bot's highest, never a managed role (bots, boosts, integrations) nor @everyone.
 */
export function championRoleProblem(input: RoleCheckInput): string | undefined {
  const role = input.roles.find((r) => r.id === input.roleId);
  if (!role) return 'The champion role no longer exists. Choose another with `/season config champion-role`.';
  if (role.id === input.guildId) return '@everyone cannot be a champion role. Choose another role.';
  if (role.managed)
    return `The role ${role.name} is managed by an integration (a bot, boost or linked role), so nobody can give it. Choose another role.`;
  const mine = input.roles.filter((r) => r.id === input.guildId || input.botRoleIds.includes(r.id));
  const permissions = mine.reduce((bits, r) => bits | toBits(r.permissions), 0n);
  if ((permissions & (ADMINISTRATOR | MANAGE_ROLES)) === 0n)
    return 'The bot lacks the Manage Roles permission. Give one of its roles Manage Roles in Server Settings › Roles.';
  if (input.botIsOwner) return undefined;
  const highest = Math.max(0, ...mine.filter((r) => r.id !== input.guildId).map((r) => r.position));
  if (role.position >= highest)
    return `The role ${role.name} is not below the bot's highest role. Drag the bot's role above it in Server Settings › Roles.`;
  return undefined;
}

/** Who gains and who loses the champion role when a season ends. */
export interface RolePlan {
  add: string[];
  remove: string[];
  /** Winners who left the server: shown in the standings, given nothing. */
  left: string[];
  /** Who holds the role afterwards. */
  holders: string[];
}

/**
 * Role changes at the end of a season: winners still in the server gain the role (those who kept it
 * are not touched), last season's holders who did not win again lose it.
 */
export function planRoleChanges(
  previousHolders: readonly string[],
  winners: readonly { userId: string; present: boolean }[],
): RolePlan {
  const present = winners.filter((w) => w.present).map((w) => w.userId);
  return {
    add: present.filter((id) => !previousHolders.includes(id)),
    remove: previousHolders.filter((id) => !present.includes(id)),
    left: winners.filter((w) => !w.present).map((w) => w.userId),
    holders: present,
  };
}

function toBits(permissions: string): bigint {
  try {
    return BigInt(permissions);
  } catch {
    return 0n;
  }
}
