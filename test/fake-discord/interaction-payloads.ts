import { randomBytes } from 'node:crypto';
import { channelJson, memberJson, messageJson, rolesJson, userJson } from './payloads.ts';
import { MEMBER_PERMISSIONS, toPermissionBits } from './permissions.ts';
import type { FakeState, InteractionRecord } from './state.ts';
import type { FakeAttachment, FakeChannel, FakeGuild, FakeMember, FakeMessage, FakeUser } from './types.ts';
import { OptionType } from './validate-commands.ts';

type Json = Record<string, unknown>;

/** Who acts and where; every interaction helper of the test API takes these. */
export interface ActorInput {
  user?: { id: string; username: string; globalName?: string | null };
  guildId?: string;
  channelId?: string;
  /** The member's permissions for this interaction (default: the member's own). */
  permissions?: bigint | string;
  /** Sent from a DM with the bot instead of a guild channel. */
  dm?: boolean;
}

/** A value for a slash command option: a primitive, or a user / channel / attachment for those option types. */
export type OptionValue =
  | string
  | number
  | boolean
  | FakeUser
  | FakeChannel
  | FakeAttachment
  | { attachment: FakeAttachment };

/** Input of `fake.slash` (and, with `focused`, of `fake.autocomplete`). */
export interface SlashInput extends ActorInput {
  name: string;
  subcommand?: string;
  group?: string;
  options?: Record<string, OptionValue>;
}

/** The resolved actor of an interaction. */
export interface Actor {
  guild?: FakeGuild;
  channel: FakeChannel;
  user: FakeUser;
  member?: FakeMember;
  permissions: bigint;
}

/** Resolves who acts where, adding an unknown user to the guild as an ordinary member. */
export function resolveActor(state: FakeState, input: ActorInput, channelId?: string): Actor {
  const userInit = input.user;
  if (input.dm) {
    const user = userInit ? state.user(userInit) : firstHuman(state);
    return {
      user,
      channel: state.dmChannel(user),
      permissions: toPermissionBits(input.permissions, MEMBER_PERMISSIONS),
    };
  }
  const wantedChannel = channelId ?? input.channelId;
  const fromChannel = wantedChannel ? state.findChannel(wantedChannel) : undefined;
  if (wantedChannel && !fromChannel) throw new Error(`no channel ${wantedChannel} in the fake`);
  if (fromChannel?.type === 1) {
    const user = userInit ? state.user(userInit) : firstHuman(state);
    return {
      user,
      channel: fromChannel,
      permissions: toPermissionBits(input.permissions, MEMBER_PERMISSIONS),
    };
  }
  const guildId = input.guildId ?? fromChannel?.guildId ?? [...state.guilds.keys()][0];
  if (!guildId) throw new Error('the fake has no guild; pass dm: true or add a guild');
  const guild = state.requireGuild(guildId);
  const channel = fromChannel ?? guild.channels.find((c) => c.type === 0);
  if (!channel || channel.guildId !== guild.id)
    throw new Error(`guild ${guild.id} has no channel ${wantedChannel ?? '(text)'}`);
  let member = userInit
    ? guild.members.get(userInit.id)
    : [...guild.members.values()].find((m) => !m.user.bot);
  if (!member) {
    if (!userInit) throw new Error(`guild ${guild.id} has no human member to act as`);
    member = state.addMember(guild.id, { ...userInit, permissions: MEMBER_PERMISSIONS });
  }
  return {
    guild,
    channel,
    user: member.user,
    member,
    permissions: toPermissionBits(input.permissions, member.permissions),
  };
}

function firstHuman(state: FakeState): FakeUser {
  const user = [...state.users.values()].find((u) => !u.bot);
  if (!user) throw new Error('the fake knows no user; pass `user`');
  return user;
}

/** A fresh interaction record plus its INTERACTION_CREATE payload. */
export function buildInteraction(
  state: FakeState,
  actor: Actor,
  type: number,
  data: Json,
  extra: { sourceMessage?: FakeMessage; commandName?: string } = {},
): { record: InteractionRecord; payload: Json } {
  const id = state.ids.next();
  const token = `fake-interaction-${randomBytes(24).toString('base64url')}`;
  const { guild, channel, user, member } = actor;
  const channelPayload = { ...channelJson(channel, state), permissions: String(actor.permissions) };
  const payload: Json = {
    id,
    application_id: state.applicationId,
    type,
    token,
    version: 1,
    channel_id: channel.id,
    channel: channelPayload,
    app_permissions: String(state.botPermissionsIn(channel)),
    locale: 'en-US',
    entitlements: [],
    authorizing_integration_owners: guild ? { '0': guild.id } : { '1': user.id },
    context: guild ? 0 : 1,
    attachment_size_limit: 10_485_760,
    data,
    ...(guild && member
      ? {
          guild_id: guild.id,
          guild: { id: guild.id, locale: guild.locale, features: [] },
          guild_locale: guild.locale,
          member: memberJson(member, true, actor.permissions),
        }
      : { user: userJson(user) }),
    ...(extra.sourceMessage ? { message: messageJson(extra.sourceMessage, state) } : {}),
  };
  const record: InteractionRecord = {
    id,
    token,
    type,
    ...(guild ? { guildId: guild.id } : {}),
    channelId: channel.id,
    user,
    dispatchedAt: 0,
    ...(extra.commandName ? { commandName: extra.commandName } : {}),
    ...(extra.sourceMessage ? { sourceMessageId: extra.sourceMessage.id } : {}),
    followUpIds: [],
    rejections: [],
  };
  return { record, payload };
}

/**
 * The `data` of an application command (or autocomplete) interaction, checked against the registered
 * command the way the Discord client would: unknown options, missing required ones, wrong types and choices throw.
 */
export function commandData(state: FakeState, actor: Actor, input: SlashInput, focused?: string): Json {
  const command = state.findCommand(input.name, actor.guild?.id);
  if (!command) {
    throw new Error(
      `/${input.name} is not registered ${actor.guild ? `globally or in guild ${actor.guild.id}` : 'globally'}`,
    );
  }
  const resolved: Record<string, Json> = {};
  let schema = (command.options ?? []) as Json[];
  const wrap: ((inner: Json[]) => Json[])[] = [];
  if (input.group) {
    const group = schema.find((o) => o.type === OptionType.Group && o.name === input.group);
    if (!group) throw new Error(`/${input.name} has no subcommand group "${input.group}"`);
    schema = (group.options ?? []) as Json[];
    wrap.push((inner) => [{ type: OptionType.Group, name: input.group, options: inner }]);
  }
  if (input.subcommand) {
    const sub = schema.find((o) => o.type === OptionType.Subcommand && o.name === input.subcommand);
    if (!sub)
      throw new Error(
        `/${input.name}${input.group ? ` ${input.group}` : ''} has no subcommand "${input.subcommand}"`,
      );
    schema = (sub.options ?? []) as Json[];
    wrap.push((inner) => [{ type: OptionType.Subcommand, name: input.subcommand, options: inner }]);
  } else if (schema.some((o) => o.type === OptionType.Subcommand || o.type === OptionType.Group)) {
    throw new Error(`/${input.name} needs a subcommand (${schema.map((o) => o.name).join(', ')})`);
  }
  let options = valueOptions(state, actor, schema, input.options ?? {}, resolved, focused, input.name);
  for (const w of wrap.reverse()) options = w(options);
  return {
    id: command.id,
    name: command.name,
    type: 1,
    ...(command.guild_id ? { guild_id: command.guild_id } : {}),
    ...(options.length ? { options } : {}),
    ...(Object.keys(resolved).length ? { resolved } : {}),
  };
}

function valueOptions(
  state: FakeState,
  actor: Actor,
  schema: Json[],
  values: Record<string, OptionValue>,
  resolved: Record<string, Json>,
  focused: string | undefined,
  commandName: string,
): Json[] {
  for (const name of Object.keys(values)) {
    if (!schema.some((o) => o.name === name)) {
      throw new Error(
        `/${commandName} has no option "${name}" (known: ${schema.map((o) => o.name).join(', ') || 'none'})`,
      );
    }
  }
  if (focused !== undefined) {
    const option = schema.find((o) => o.name === focused);
    if (!option?.autocomplete) throw new Error(`/${commandName} option "${focused}" does not autocomplete`);
  }
  const out: Json[] = [];
  for (const option of schema) {
    const name = option.name as string;
    const value = values[name];
    if (name === focused) {
      out.push({ name, type: option.type, value: value === undefined ? '' : String(value), focused: true });
      continue;
    }
    if (value === undefined) {
      if (option.required && focused === undefined)
        throw new Error(`/${commandName} option "${name}" is required`);
      continue;
    }
    out.push({
      name,
      type: option.type,
      value: optionValue(state, actor, option, value, resolved, commandName),
    });
  }
  return out;
}

function optionValue(
  state: FakeState,
  actor: Actor,
  option: Json,
  value: OptionValue,
  resolved: Record<string, Json>,
  commandName: string,
): unknown {
  const name = `/${commandName} option "${String(option.name)}"`;
  const add = (kind: string, id: string, json: Json) => {
    resolved[kind] ??= {};
    (resolved[kind] as Json)[id] = json;
  };
  switch (option.type) {
    case OptionType.String:
    case OptionType.Integer:
    case OptionType.Number: {
      const isString = option.type === OptionType.String;
      if (isString ? typeof value !== 'string' : typeof value !== 'number')
        throw new Error(`${name} takes a ${isString ? 'string' : 'number'}`);
      if (option.type === OptionType.Integer && !Number.isInteger(value))
        throw new Error(`${name} takes an integer`);
      const choices = option.choices as Json[] | undefined;
      if (choices && !choices.some((c) => c.value === value))
        throw new Error(`${name} must be one of its choices, got ${JSON.stringify(value)}`);
      if (typeof value === 'number') {
        if (typeof option.min_value === 'number' && value < option.min_value)
          throw new Error(`${name} must be ≥ ${option.min_value}`);
        if (typeof option.max_value === 'number' && value > option.max_value)
          throw new Error(`${name} must be ≤ ${option.max_value}`);
      }
      if (typeof value === 'string') {
        if (typeof option.min_length === 'number' && value.length < option.min_length)
          throw new Error(`${name} is too short`);
        if (typeof option.max_length === 'number' && value.length > option.max_length)
          throw new Error(`${name} is too long`);
      }
      return value;
    }
    case OptionType.Boolean:
      if (typeof value !== 'boolean') throw new Error(`${name} takes a boolean`);
      return value;
    case OptionType.User:
    case OptionType.Mentionable: {
      const id = typeof value === 'string' ? value : (value as FakeUser).id;
      const user = state.users.get(id);
      if (!user) throw new Error(`${name}: no user ${id} in the fake`);
      add('users', id, userJson(user));
      const member = actor.guild?.members.get(id);
      if (member) add('members', id, memberJson(member, false, member.permissions));
      return id;
    }
    case OptionType.Channel: {
      const id = typeof value === 'string' ? value : (value as FakeChannel).id;
      const channel = state.findChannel(id);
      if (!channel) throw new Error(`${name}: no channel ${id} in the fake`);
      add('channels', id, {
        id,
        name: channel.name,
        type: channel.type,
        permissions: String(actor.permissions),
        ...(channel.guildId ? { guild_id: channel.guildId } : {}),
      });
      return id;
    }
    case OptionType.Role: {
      const id = String(value);
      const role = actor.guild ? rolesJson(actor.guild, state).find((r) => r.id === id) : undefined;
      if (!role) throw new Error(`${name}: no role ${id} in this guild`);
      add('roles', id, role);
      return id;
    }
    case OptionType.Attachment: {
      const meta =
        typeof value === 'string'
          ? state.attachments.get(value)?.meta
          : 'attachment' in (value as Json)
            ? (value as { attachment: FakeAttachment }).attachment
            : (value as FakeAttachment);
      if (!meta || !state.attachments.has(meta.id))
        throw new Error(`${name}: pass an attachment made with fake.addAttachment()`);
      add('attachments', meta.id, { ...meta });
      return meta.id;
    }
    default:
      throw new Error(`${name} has unsupported type ${String(option.type)}`);
  }
}
