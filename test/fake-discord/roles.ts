import { ApiError } from './http-util.ts';
import { BOT_PERMISSIONS, MEMBER_PERMISSIONS, Permission, toPermissionBits } from './permissions.ts';
import { type Route, type RouteContext, route } from './router.ts';
import type { SnowflakeFactory } from './snowflake.ts';
import type { FakeGuild } from './types.ts';

type Json = Record<string, unknown>;

/** A guild role besides @everyone and Managers. */
export interface FakeRole {
  id: string;
  name: string;
  position: number;
  permissions: bigint;
  /** Owned by an integration (the bot's own role is): nobody can give or take it. */
  managed: boolean;
  /** For the bot's managed role, the bot's user id (Discord's `tags.bot_id`). */
  botId?: string;
}

/** A role to seed with `fake.roles.add`. */
export interface FakeRoleInit {
  id?: string;
  name: string;
  /** Default 1: just above @everyone, below the bot's role. */
  position?: number;
  permissions?: bigint | string;
  managed?: boolean;
}

/** Where the bot's own role sits by default: above Managers (1) and seeded roles. */
export const BOT_ROLE_POSITION = 5;

/** The roles of every guild in the fake, and the bot's managed role in each. */
export class RoleBook {
  readonly #roles = new Map<string, FakeRole[]>();
  readonly #botRoles = new Map<string, string>();

  constructor(private readonly ids: SnowflakeFactory) {}

  /** Creates the bot's managed role in a new guild (without Manage Roles, as a bot invited plainly). */
  seedGuild(guildId: string, botId: string): string {
    const id = this.ids.next();
    const role: FakeRole = {
      id,
      name: 'flashcord',
      position: BOT_ROLE_POSITION,
      permissions: BOT_PERMISSIONS,
      managed: true,
      botId,
    };
    this.#roles.set(guildId, [role]);
    this.#botRoles.set(guildId, id);
    return id;
  }

  /** Adds a role to a guild. */
  add(guildId: string, init: FakeRoleInit): FakeRole {
    const list = this.#roles.get(guildId);
    if (!list) throw new Error(`no guild ${guildId} in the fake's roles`);
    const role: FakeRole = {
      id: init.id ?? this.ids.next(),
      name: init.name,
      position: init.position ?? 1,
      permissions: toPermissionBits(init.permissions, 0n),
      managed: init.managed ?? false,
    };
    list.push(role);
    return role;
  }

  /** The guild's roles besides @everyone and Managers. */
  of(guildId: string): FakeRole[] {
    return this.#roles.get(guildId) ?? [];
  }

  /** The bot's own managed role in a guild. */
  botRole(guildId: string): FakeRole {
    const id = this.#botRoles.get(guildId);
    const role = this.of(guildId).find((r) => r.id === id);
    if (!role) throw new Error(`no bot role in guild ${guildId}`);
    return role;
  }

  find(guildId: string, roleId: string): FakeRole | undefined {
    return this.of(guildId).find((r) => r.id === roleId);
  }
}

/** Test-facing role controls: `fake.roles`. */
export class FakeRoles {
  constructor(
    private readonly book: RoleBook,
    private readonly guilds: Map<string, FakeGuild>,
  ) {}

  /** Adds a role (default position 1, below the bot's role). */
  add(guildId: string, init: FakeRoleInit): FakeRole {
    return this.book.add(guildId, init);
  }

  /** Changes the bot's own role: its position, or whether it has Manage Roles. */
  setBotRole(guildId: string, change: { position?: number; manageRoles?: boolean }): FakeRole {
    const role = this.book.botRole(guildId);
    if (change.position !== undefined) role.position = change.position;
    if (change.manageRoles === true) role.permissions |= Permission.ManageRoles;
    if (change.manageRoles === false) role.permissions &= ~Permission.ManageRoles;
    return role;
  }

  /** The role ids a member has now (after the bot's changes). */
  memberRoles(guildId: string, userId: string): string[] {
    return [...(this.#guild(guildId).members.get(userId)?.roles ?? [])];
  }

  /** Gives a member a role directly, as an admin would. */
  grant(guildId: string, userId: string, roleId: string): void {
    const member = this.#guild(guildId).members.get(userId);
    if (!member) throw new Error(`no member ${userId} in guild ${guildId}`);
    if (!member.roles.includes(roleId)) member.roles.push(roleId);
  }

  /** The member leaves the server (REST then answers 404 Unknown Member for them). */
  removeMember(guildId: string, userId: string): void {
    this.#guild(guildId).members.delete(userId);
  }

  #guild(guildId: string): FakeGuild {
    const guild = this.guilds.get(guildId);
    if (!guild) throw new Error(`no guild ${guildId} in the fake`);
    return guild;
  }
}

/** A role object as Discord sends it. */
export function roleJson(role: FakeRole): Json {
  return {
    id: role.id,
    name: role.name,
    permissions: String(role.permissions),
    position: role.position,
    color: 0,
    hoist: false,
    managed: role.managed,
    mentionable: false,
    icon: null,
    unicode_emoji: null,
    flags: 0,
    ...(role.botId ? { tags: { bot_id: role.botId } } : {}),
  };
}

/**
 * `GET /guilds/:id/roles` and adding/removing a member's role, refused like Discord: 404 for an unknown
 * guild, member or role; 403 50013 without Manage Roles (or Administrator), for a role not strictly below
 * the bot's highest, and for a managed role.
 */
export function roleRoutes(): Route[] {
  return [
    route('GET', '/guilds/:guild/roles', (req, ctx) => {
      const guild = requireGuild(req.params.guild, ctx);
      return { status: 200, body: allRolesJson(guild, ctx) };
    }),
    route('PUT', '/guilds/:guild/members/:user/roles/:role', (req, ctx) => {
      const { member, role } = checkRoleChange(req.params, ctx);
      if (!member.roles.includes(role.id)) member.roles.push(role.id);
      return { status: 204 };
    }),
    route('DELETE', '/guilds/:guild/members/:user/roles/:role', (req, ctx) => {
      const { member, role } = checkRoleChange(req.params, ctx);
      member.roles = member.roles.filter((id) => id !== role.id);
      return { status: 204 };
    }),
  ];
}

/** Every role of a guild: @everyone, Managers, the bot's and the seeded ones. */
export function allRolesJson(guild: FakeGuild, ctx: Pick<RouteContext, 'state'>): Json[] {
  const base = (id: string, name: string, permissions: bigint, position: number) =>
    roleJson({ id, name, permissions, position, managed: false });
  const roles = [base(guild.id, '@everyone', MEMBER_PERMISSIONS, 0)];
  const managers = ctx.state.managerRoles.get(guild.id);
  if (managers) roles.push(base(managers, 'Managers', Permission.ManageGuild, 1));
  return [...roles, ...ctx.state.roles.of(guild.id).map(roleJson)];
}

function checkRoleChange(params: Record<string, string>, ctx: RouteContext) {
  const guild = requireGuild(params.guild, ctx);
  const member = guild.members.get(params.user ?? '');
  if (!member) throw new ApiError(404, 10007, 'Unknown Member');
  const role = ctx.state.roles.find(guild.id, params.role ?? '');
  if (!role) throw new ApiError(404, 10011, 'Unknown Role');
  const bot = guild.members.get(ctx.state.bot.id);
  const botRoles = ctx.state.roles.of(guild.id).filter((r) => bot?.roles.includes(r.id));
  const permissions = botRoles.reduce((bits, r) => bits | r.permissions, bot?.permissions ?? 0n);
  const allowed = (permissions & (Permission.ManageRoles | Permission.Administrator)) !== 0n;
  const highest = Math.max(0, ...botRoles.map((r) => r.position));
  if (!allowed || role.managed || (guild.ownerId !== ctx.state.bot.id && role.position >= highest)) {
    throw new ApiError(403, 50013, 'Missing Permissions');
  }
  return { member, role };
}

function requireGuild(id: string | undefined, ctx: Pick<RouteContext, 'state'>): FakeGuild {
  const guild = ctx.state.guilds.get(id ?? '');
  if (!guild) throw new ApiError(404, 10004, 'Unknown Guild');
  return guild;
}
