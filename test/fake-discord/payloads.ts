import { allRolesJson } from './roles.ts';
import type { FakeState } from './state.ts';
import type { FakeChannel, FakeGuild, FakeMember, FakeMessage, FakeUser } from './types.ts';

type Json = Record<string, unknown>;

/** A user object as Discord sends it. */
export function userJson(user: FakeUser): Json {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? null,
    discriminator: user.bot ? '0000' : '0',
    avatar: null,
    bot: user.bot ?? false,
    public_flags: 0,
  };
}

/** A guild member object; `withUser` false for `resolved.members`, which omits it. */
export function memberJson(member: FakeMember, withUser = true, permissions?: bigint): Json {
  return {
    ...(withUser ? { user: userJson(member.user) } : {}),
    nick: null,
    avatar: null,
    roles: member.roles,
    joined_at: member.joinedAt,
    premium_since: null,
    deaf: false,
    mute: false,
    flags: 0,
    pending: false,
    communication_disabled_until: null,
    ...(permissions !== undefined ? { permissions: String(permissions) } : {}),
  };
}

/** A channel object (guild text channel or DM). */
export function channelJson(channel: FakeChannel, state: FakeState, position = 0): Json {
  if (channel.type === 1) {
    const recipient = channel.recipientId ? state.users.get(channel.recipientId) : undefined;
    return {
      id: channel.id,
      type: 1,
      last_message_id: null,
      flags: 0,
      recipients: recipient ? [userJson(recipient)] : [],
    };
  }
  return {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    position,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: 0,
  };
}

/** The guild's roles: @everyone (member permissions), Managers (Manage Server), the bot's and seeded ones. */
export function rolesJson(guild: FakeGuild, state: FakeState): Json[] {
  return allRolesJson(guild, { state });
}

/** A guild object for REST (`GET /guilds/:id`). */
export function guildJson(guild: FakeGuild, state: FakeState): Json {
  return {
    id: guild.id,
    name: guild.name,
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: guild.ownerId,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: rolesJson(guild, state),
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: guild.locale,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
  };
}

/** The GUILD_CREATE dispatch payload: the guild with channels, members and counts. */
export function guildCreateJson(guild: FakeGuild, state: FakeState): Json {
  return {
    ...guildJson(guild, state),
    joined_at: new Date(Date.UTC(2025, 0, 1)).toISOString(),
    large: false,
    unavailable: false,
    member_count: guild.members.size,
    voice_states: [],
    members: [...guild.members.values()].map((m) => memberJson(m)),
    channels: guild.channels.map((c, i) => channelJson(c, state, i)),
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A message object as the REST API returns it. */
export function messageJson(message: FakeMessage, state: FakeState): Json {
  const author = state.users.get(message.authorId) ?? state.bot;
  const interaction = message.interactionId ? state.interactions.get(message.interactionId) : undefined;
  return {
    id: message.id,
    channel_id: message.channelId,
    ...(message.guildId ? { guild_id: message.guildId } : {}),
    author: userJson(author),
    content: message.content,
    timestamp: message.createdAt,
    edited_timestamp: message.editedAt ?? null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: message.attachments,
    embeds: message.embeds,
    components: message.components,
    pinned: false,
    type: interaction?.type === 2 ? 20 : 0,
    flags: message.flags,
    ...(interaction
      ? {
          webhook_id: state.applicationId,
          application_id: state.applicationId,
          interaction_metadata: {
            id: interaction.id,
            type: interaction.type,
            user: userJson(interaction.user),
            authorizing_integration_owners: interaction.guildId
              ? { '0': interaction.guildId }
              : { '1': interaction.user.id },
          },
        }
      : {}),
  };
}
