import {
  BOT_PERMISSIONS,
  MANAGER_PERMISSIONS,
  MEMBER_PERMISSIONS,
  Permission,
  toPermissionBits,
} from './permissions.ts';
import { RoleBook } from './roles.ts';
import type { SnowflakeFactory } from './snowflake.ts';
import type {
  FakeAttachment,
  FakeChannel,
  FakeGuild,
  FakeGuildInit,
  FakeMember,
  FakeMemberInit,
  FakeMessage,
  FakeUser,
  InteractionCallback,
} from './types.ts';

type Json = Record<string, unknown>;

/** The default members of a seeded guild: alice may manage the server, bob and carol may not. */
export const DEFAULT_MEMBERS: FakeMemberInit[] = [
  { id: '100000000000000001', username: 'alice', globalName: 'Alice', permissions: MANAGER_PERMISSIONS },
  { id: '100000000000000002', username: 'bob', globalName: 'Bob', permissions: MEMBER_PERMISSIONS },
  { id: '100000000000000003', username: 'carol', globalName: 'Carol', permissions: MEMBER_PERMISSIONS },
];

/** The default guild: 'Study' with #general and #daily. */
export const DEFAULT_GUILD: FakeGuildInit = {
  name: 'Study',
  channels: [{ name: 'general' }, { name: 'daily' }],
};

/** Everything the fake knows about one interaction it dispatched. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  guildId?: string;
  channelId: string;
  user: FakeUser;
  dispatchedAt: number;
  /** For app commands, the command name; Discord echoes it in message metadata. */
  commandName?: string;
  /** The message a component (or a modal opened from one) belongs to. */
  sourceMessageId?: string;
  initial?: InteractionCallback;
  ackedAt?: number;
  /** The message `@original` refers to. */
  originalId?: string;
  followUpIds: string[];
  /** Why callbacks for this interaction were refused, in order. */
  rejections: string[];
}

/** A modal the bot showed (callback type 9), kept so a test can submit it. */
export interface ShownModal {
  customId: string;
  title: string;
  components: Json[];
  userId: string;
  interactionId: string;
  sourceMessageId?: string;
  channelId: string;
  guildId?: string;
}

/** The fake's world: guilds, members, channels, messages, commands and interactions. */
export class FakeState {
  readonly guilds = new Map<string, FakeGuild>();
  readonly users = new Map<string, FakeUser>();
  readonly dmChannels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, FakeMessage>();
  readonly globalCommands: Json[] = [];
  readonly guildCommands = new Map<string, Json[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly interactionsByToken = new Map<string, InteractionRecord>();
  readonly attachments = new Map<string, { meta: FakeAttachment; bytes: Buffer }>();
  readonly modals: ShownModal[] = [];
  /** `Managers` role per guild, for members with Manage Server. */
  readonly managerRoles = new Map<string, string>();
  /** Roles besides @everyone and Managers: the bot's managed role and seeded ones (roles.ts). */
  readonly roles: RoleBook;
  registrations = 0;
  readonly bot: FakeUser;
  readonly applicationId: string;

  constructor(readonly ids: SnowflakeFactory) {
    this.applicationId = ids.next();
    this.bot = { id: this.applicationId, username: 'flashcord', globalName: null, bot: true };
    this.users.set(this.bot.id, this.bot);
    this.roles = new RoleBook(ids);
  }

  /** Adds a guild with its channels and members; returns it. */
  addGuild(init: FakeGuildInit): FakeGuild {
    const id = init.id ?? this.ids.next();
    if (this.guilds.has(id)) throw new Error(`guild ${id} already exists`);
    const members = init.members ?? DEFAULT_MEMBERS;
    const guild: FakeGuild = {
      id,
      name: init.name,
      ownerId: init.ownerId ?? members[0]?.id ?? this.bot.id,
      locale: init.locale ?? 'en-US',
      channels: [],
      members: new Map(),
    };
    this.guilds.set(id, guild);
    this.managerRoles.set(id, this.ids.next());
    for (const channel of init.channels ?? []) this.addChannel(id, channel.name, channel.id, channel.type);
    const botRole = this.roles.seedGuild(id, this.bot.id);
    this.addMember(id, {
      id: this.bot.id,
      username: this.bot.username,
      permissions: BOT_PERMISSIONS,
      roles: [botRole],
    });
    for (const member of members) this.addMember(id, member);
    return guild;
  }

  /** Adds a text channel (type 0 unless given) to a guild. */
  addChannel(guildId: string, name: string, id?: string, type = 0): FakeChannel {
    const guild = this.requireGuild(guildId);
    const channel: FakeChannel = {
      id: id ?? this.ids.next(),
      guildId,
      name,
      type,
      canSend: true,
      canAttach: true,
    };
    guild.channels.push(channel);
    return channel;
  }

  /** Adds (or replaces) a guild member. */
  addMember(guildId: string, init: FakeMemberInit): FakeMember {
    const guild = this.requireGuild(guildId);
    const user = this.user({ id: init.id, username: init.username, globalName: init.globalName });
    const permissions = toPermissionBits(init.permissions, MEMBER_PERMISSIONS);
    const roles = [...(init.roles ?? [])];
    const managerRole = this.managerRoles.get(guildId);
    if ((permissions & Permission.ManageGuild) !== 0n && managerRole && !roles.includes(managerRole))
      roles.push(managerRole);
    const member: FakeMember = {
      user,
      permissions,
      roles,
      joinedAt: new Date(Date.UTC(2025, 0, 1)).toISOString(),
    };
    guild.members.set(user.id, member);
    return member;
  }

  /** Registers a user (or returns the known one with that id, updated). */
  user(init: FakeUser): FakeUser {
    const known = this.users.get(init.id);
    const user: FakeUser = { ...known, ...init, globalName: init.globalName ?? known?.globalName ?? null };
    this.users.set(user.id, user);
    return user;
  }

  requireGuild(id: string): FakeGuild {
    const guild = this.guilds.get(id);
    if (!guild)
      throw new Error(`no guild ${id} in the fake (known: ${[...this.guilds.keys()].join(', ') || 'none'})`);
    return guild;
  }

  /** A guild or DM channel by id. */
  findChannel(id: string): FakeChannel | undefined {
    for (const guild of this.guilds.values()) {
      const channel = guild.channels.find((c) => c.id === id);
      if (channel) return channel;
    }
    for (const channel of this.dmChannels.values()) if (channel.id === id) return channel;
    return undefined;
  }

  /** The DM channel between the bot and a user, created on first use. */
  dmChannel(user: FakeUser): FakeChannel {
    let channel = this.dmChannels.get(user.id);
    if (!channel) {
      channel = {
        id: this.ids.next(),
        name: '',
        type: 1,
        canSend: true,
        canAttach: true,
        recipientId: user.id,
      };
      this.dmChannels.set(user.id, channel);
    }
    return channel;
  }

  /** The registered chat-input command `name`, guild first, then global. */
  findCommand(name: string, guildId?: string): Json | undefined {
    const isChatInput = (c: Json) => c.name === name && (c.type ?? 1) === 1;
    return (
      (guildId ? this.guildCommands.get(guildId)?.find(isChatInput) : undefined) ??
      this.globalCommands.find(isChatInput)
    );
  }

  /** Stores a new message and returns it. */
  addMessage(init: Omit<FakeMessage, 'id' | 'createdAt'>): FakeMessage {
    const id = this.ids.next();
    const message: FakeMessage = { ...init, id, createdAt: new Date().toISOString() };
    this.messages.set(id, message);
    return message;
  }

  /** Non-deleted messages of a channel in posting order; ephemeral ones only for `viewer`. */
  channelMessages(channelId: string, viewer?: string): FakeMessage[] {
    return [...this.messages.values()].filter(
      (m) =>
        m.channelId === channelId &&
        !m.deleted &&
        (!m.ephemeral || (viewer !== undefined && m.visibleTo === viewer)),
    );
  }

  /** Remembers an interaction so callbacks and webhooks can find it by id or token. */
  addInteraction(record: InteractionRecord): void {
    this.interactions.set(record.id, record);
    this.interactionsByToken.set(record.token, record);
  }

  /** The bot's permissions in a channel (`app_permissions`): no Send Messages (or Attach Files) where blocked. */
  botPermissionsIn(channel: FakeChannel): bigint {
    let bits = BOT_PERMISSIONS;
    if (!channel.canSend) bits &= ~Permission.SendMessages;
    if (!channel.canAttach) bits &= ~Permission.AttachFiles;
    return bits;
  }
}
