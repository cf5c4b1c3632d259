import { ApiError } from './http-util.ts';
import { applyEdit, assertValidMessage, createMessage, partsOf, storeFiles } from './messages.ts';
import { channelJson, guildJson, memberJson, messageJson, userJson } from './payloads.ts';
import { type RestRequest, type Route, type RouteContext, route } from './router.ts';
import type { FakeChannel } from './types.ts';
import { checkCommandList } from './validate-commands.ts';

type Json = Record<string, unknown>;

/** Routes for the bot's own identity, the gateway, commands, channels and guilds. */
export function resourceRoutes(shards: number): Route[] {
  return [
    route('GET', '/gateway/bot', (_req, ctx) => ({
      status: 200,
      body: {
        url: ctx.baseUrl.replace(/^http/, 'ws'),
        shards,
        session_start_limit: {
          total: 1000,
          remaining: 999,
          reset_after: 86_400_000,
          max_concurrency: shards,
        },
      },
    })),
    route('GET', '/gateway', (_req, ctx) => ({
      status: 200,
      body: { url: ctx.baseUrl.replace(/^http/, 'ws') },
    })),
    route('GET', '/users/@me', (_req, ctx) => ({ status: 200, body: userJson(ctx.state.bot) })),
    route('GET', '/applications/@me', (_req, ctx) => ({ status: 200, body: applicationJson(ctx) })),
    route('GET', '/applications/:app/commands', (req, ctx) => listCommands(req, ctx)),
    route('PUT', '/applications/:app/commands', (req, ctx) => putCommands(req, ctx)),
    route('POST', '/applications/:app/commands', (req, ctx) => postCommand(req, ctx)),
    route('GET', '/applications/:app/guilds/:guild/commands', (req, ctx) => listCommands(req, ctx)),
    route('PUT', '/applications/:app/guilds/:guild/commands', (req, ctx) => putCommands(req, ctx)),
    route('POST', '/applications/:app/guilds/:guild/commands', (req, ctx) => postCommand(req, ctx)),
    route('GET', '/channels/:channel', (req, ctx) => ({
      status: 200,
      body: channelJson(requireChannel(req, ctx), ctx.state),
    })),
    route('GET', '/channels/:channel/messages', (req, ctx) => listMessages(req, ctx)),
    route('POST', '/channels/:channel/messages', (req, ctx) => postMessage(req, ctx)),
    route('GET', '/channels/:channel/messages/:message', (req, ctx) => ({
      status: 200,
      body: messageJson(requireChannelMessage(req, ctx), ctx.state),
    })),
    route('PATCH', '/channels/:channel/messages/:message', (req, ctx) => editMessage(req, ctx)),
    route('DELETE', '/channels/:channel/messages/:message', (req, ctx) => {
      requireChannelMessage(req, ctx).deleted = true;
      return { status: 204 };
    }),
    route('GET', '/guilds/:guild', (req, ctx) => ({
      status: 200,
      body: guildJson(requireGuild(req, ctx), ctx.state),
    })),
    route('GET', '/guilds/:guild/channels', (req, ctx) => ({
      status: 200,
      body: requireGuild(req, ctx).channels.map((c, i) => channelJson(c, ctx.state, i)),
    })),
    route('GET', '/guilds/:guild/members/:user', (req, ctx) => {
      const member = requireGuild(req, ctx).members.get(req.params.user ?? '');
      // Looking up someone who left is ordinary use (a leaderboard names its members), not a misuse.
      if (!member) throw new ApiError(404, 10007, 'Unknown Member', undefined, false);
      return { status: 200, body: memberJson(member) };
    }),
  ];
}

function applicationJson(ctx: RouteContext): Json {
  const { state } = ctx;
  return {
    id: state.applicationId,
    name: state.bot.username,
    icon: null,
    description: 'fake-discord test application',
    bot_public: false,
    bot_require_code_grant: false,
    bot: userJson(state.bot),
    owner: userJson(state.bot),
    verify_key: '0'.repeat(64),
    flags: 0,
    team: null,
  };
}

function checkApp(req: RestRequest, ctx: RouteContext): void {
  if (req.params.app !== ctx.state.applicationId) throw new ApiError(404, 10002, 'Unknown Application');
}

function commandScope(req: RestRequest, ctx: RouteContext): Json[] {
  checkApp(req, ctx);
  const guildId = req.params.guild;
  if (!guildId) return ctx.state.globalCommands;
  if (!ctx.state.guilds.has(guildId)) throw new ApiError(404, 10004, 'Unknown Guild');
  let list = ctx.state.guildCommands.get(guildId);
  if (!list) {
    list = [];
    ctx.state.guildCommands.set(guildId, list);
  }
  return list;
}

function listCommands(req: RestRequest, ctx: RouteContext): { status: number; body: Json[] } {
  return { status: 200, body: commandScope(req, ctx) };
}

function putCommands(req: RestRequest, ctx: RouteContext): { status: number; body: Json[] } {
  const scope = commandScope(req, ctx);
  const errors = checkCommandList(req.body);
  if (!errors.empty) throw ApiError.invalidForm(errors);
  const stored = (req.body as Json[]).map((command) => storedCommand(command, scope, req.params.guild, ctx));
  scope.splice(0, scope.length, ...stored);
  ctx.state.registrations += 1;
  return { status: 200, body: stored };
}

function postCommand(req: RestRequest, ctx: RouteContext): { status: number; body: Json } {
  const scope = commandScope(req, ctx);
  const errors = checkCommandList([req.body]);
  if (!errors.empty) throw ApiError.invalidForm(errors);
  const command = storedCommand(req.body as Json, scope, req.params.guild, ctx);
  const at = scope.findIndex((c) => c.name === command.name && c.type === command.type);
  if (at === -1) scope.push(command);
  else scope[at] = command;
  return { status: at === -1 ? 201 : 200, body: command };
}

/** The command as Discord stores it: an id (kept across overwrites of the same name), version, defaults. */
function storedCommand(command: Json, scope: Json[], guildId: string | undefined, ctx: RouteContext): Json {
  const type = (command.type as number | undefined) ?? 1;
  const previous = scope.find((c) => c.name === command.name && c.type === type);
  return {
    id: (previous?.id as string | undefined) ?? ctx.state.ids.next(),
    application_id: ctx.state.applicationId,
    version: ctx.state.ids.next(),
    default_member_permissions: null,
    type,
    nsfw: false,
    description: '',
    ...command,
    ...(guildId ? { guild_id: guildId } : {}),
  };
}

function requireGuild(req: RestRequest, ctx: RouteContext) {
  const guild = ctx.state.guilds.get(req.params.guild ?? '');
  if (!guild) throw new ApiError(404, 10004, 'Unknown Guild');
  return guild;
}

function requireChannel(req: RestRequest, ctx: RouteContext): FakeChannel {
  const channel = ctx.state.findChannel(req.params.channel ?? '');
  if (!channel) throw new ApiError(404, 10003, 'Unknown Channel');
  return channel;
}

function requireChannelMessage(req: RestRequest, ctx: RouteContext) {
  const channel = requireChannel(req, ctx);
  const message = ctx.state.messages.get(req.params.message ?? '');
  if (!message || message.deleted || message.channelId !== channel.id || message.ephemeral) {
    throw new ApiError(404, 10008, 'Unknown Message');
  }
  return message;
}

function listMessages(req: RestRequest, ctx: RouteContext): { status: number; body: Json[] } {
  const channel = requireChannel(req, ctx);
  const limit = Math.min(Math.max(Number(req.query.get('limit') ?? 50) || 50, 1), 100);
  // Discord lists newest first.
  const messages = ctx.state.channelMessages(channel.id).reverse().slice(0, limit);
  return { status: 200, body: messages.map((m) => messageJson(m, ctx.state)) };
}

function postMessage(req: RestRequest, ctx: RouteContext): { status: number; body: Json } {
  const channel = requireChannel(req, ctx);
  if (!channel.canSend) throw new ApiError(403, 50013, 'Missing Permissions', undefined, false);
  // Discord refuses the whole message, text included, when the bot may not attach files there.
  if (req.files.length > 0 && !channel.canAttach)
    throw new ApiError(403, 50013, 'Missing Permissions', undefined, false);
  const body = assertValidMessage(req.body, [], req.files);
  const message = createMessage(ctx.state, body, storeFiles(ctx.state, req.files, ctx.baseUrl, body), {
    channelId: channel.id,
    guildId: channel.guildId,
  });
  return { status: 200, body: messageJson(message, ctx.state) };
}

function editMessage(req: RestRequest, ctx: RouteContext): { status: number; body: Json } {
  const message = requireChannelMessage(req, ctx);
  if (message.authorId !== ctx.state.bot.id) {
    throw new ApiError(403, 50005, 'Cannot edit a message authored by another user');
  }
  const body = assertValidMessage(req.body, [], req.files, partsOf(message));
  applyEdit(message, body, storeFiles(ctx.state, req.files, ctx.baseUrl));
  return { status: 200, body: messageJson(message, ctx.state) };
}
