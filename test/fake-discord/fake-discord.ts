import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkSelectValues, findComponent, modalSubmitComponents } from './component-input.ts';
import { Gateway } from './gateway.ts';
import { InteractionHandle } from './handle.ts';
import { ApiError, readBody, redactPath, sendJson } from './http-util.ts';
import {
  type ActorInput,
  buildInteraction,
  commandData,
  resolveActor,
  type SlashInput,
} from './interaction-payloads.ts';
import { InteractionType, interactionRoutes } from './interaction-routes.ts';
import { addAttachment } from './messages.ts';
import { guildCreateJson, userJson } from './payloads.ts';
import { GlobalRateLimiter } from './rate-limit.ts';
import { resourceRoutes } from './resource-routes.ts';
import { FakeRoles, roleRoutes } from './roles.ts';
import { match, type Route, type RouteContext } from './router.ts';
import { SnowflakeFactory, shardOf } from './snowflake.ts';
import { DEFAULT_GUILD, FakeState, type InteractionRecord } from './state.ts';
import type {
  FailureRule,
  FakeAttachment,
  FakeChannel,
  FakeGuild,
  FakeGuildInit,
  FakeMember,
  FakeMemberInit,
  FakeMessage,
  RequestLogEntry,
  Violation,
} from './types.ts';

type Json = Record<string, unknown>;

/** Options of `FakeDiscord.start`. */
export interface FakeDiscordOptions {
  token?: string;
  shards?: number;
  /** How long after dispatch the initial callback is accepted (Discord: 3 s). */
  ackDeadlineMs?: number;
  /** How long follow-ups and edits are accepted after dispatch (Discord: 15 min). */
  interactionTtlMs?: number;
  guilds?: FakeGuildInit[];
  heartbeatIntervalMs?: number;
  rateLimitPerSecond?: number;
}

/** A button click or select by a user on a stored message. */
export interface ComponentInput extends Omit<ActorInput, 'channelId' | 'guildId' | 'dm'> {
  message: FakeMessage;
  customId: string;
}

/** A modal submission: the fields by custom_id: a text input's value, or a select's values. */
export interface ModalInput extends Omit<ActorInput, 'channelId' | 'guildId' | 'dm'> {
  customId: string;
  fields: Record<string, string | string[]>;
  message?: FakeMessage;
}

/** An autocomplete request: the options typed so far and the one being typed (`focused`). */
export interface AutocompleteInput extends SlashInput {
  focused: string;
  timeoutMs?: number;
}

const DEFAULT_TOKEN = 'fake-bot-token.NzAwMDAwMDAwMDAwMDAwMDAw.test';

/**
 * A strict local stand-in for Discord: REST v10 over node:http and a gateway over `ws`, on 127.0.0.1 with
 * a random port. Point discord.js at `apiUrl` (`rest: { api }` or DISCORD_API_URL).
 */
export class FakeDiscord {
  readonly token: string;
  readonly shards: number;
  readonly requests: RequestLogEntry[] = [];
  readonly violations: Violation[] = [];
  readonly #state: FakeState;
  readonly #server: Server;
  readonly #routes: Route[];
  readonly #limiter: GlobalRateLimiter;
  readonly #failures: FailureRule[] = [];
  /** Pending `waitFor` polls, woken after every REST request so captured responses are seen at once. */
  readonly #wakers = new Set<() => void>();
  readonly #options: Required<
    Pick<FakeDiscordOptions, 'ackDeadlineMs' | 'interactionTtlMs' | 'heartbeatIntervalMs'>
  >;
  #gateway?: Gateway;
  #baseUrl = '';
  /** What was dispatched per interaction id, so a test can deliver it again (as a RESUME replay does). */
  readonly #dispatched = new Map<string, { shard: number; payload: Json }>();

  private constructor(options: FakeDiscordOptions) {
    this.token = options.token ?? DEFAULT_TOKEN;
    this.shards = options.shards ?? 1;
    if (!Number.isInteger(this.shards) || this.shards < 1)
      throw new Error(`shards must be a positive integer, got ${this.shards}`);
    this.#options = {
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      interactionTtlMs: options.interactionTtlMs ?? 15 * 60_000,
      heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    };
    this.#limiter = new GlobalRateLimiter(options.rateLimitPerSecond ?? 50);
    this.#state = new FakeState(new SnowflakeFactory());
    for (const guild of options.guilds ?? [DEFAULT_GUILD]) this.#state.addGuild(guild);
    this.#routes = [...resourceRoutes(this.shards), ...roleRoutes(), ...interactionRoutes()];
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  /** Starts the server on 127.0.0.1 with a random port. */
  static async start(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
    const fake = new FakeDiscord(options);
    await new Promise<void>((resolve, reject) => {
      fake.#server.once('error', reject);
      fake.#server.listen(0, '127.0.0.1', () => resolve());
    });
    const address = fake.#server.address();
    if (!address || typeof address === 'string') throw new Error('fake-discord: no TCP address');
    fake.#baseUrl = `http://127.0.0.1:${address.port}`;
    fake.#gateway = new Gateway({
      server: fake.#server,
      token: fake.token,
      shards: fake.shards,
      heartbeatIntervalMs: fake.#options.heartbeatIntervalMs,
      newSessionId: () => fake.#state.ids.next(),
      readyPayload: (shard) => fake.#readyPayload(shard),
      guildCreates: (shard) => fake.#guildsOn(shard).map((g) => guildCreateJson(g, fake.#state)),
      onViolation: (message) => fake.#violate('gateway', message),
    });
    return fake;
  }

  /** The REST base to give the bot: `http://127.0.0.1:PORT/api` (discord.js appends `/v10`). */
  get apiUrl(): string {
    return `${this.#baseUrl}/api`;
  }

  get applicationId(): string {
    return this.#state.applicationId;
  }

  get botUserId(): string {
    return this.#state.bot.id;
  }

  /** How many IDENTIFY and RESUME handshakes succeeded. */
  get gatewayStats(): { identifies: number; resumes: number } {
    return this.#requireGateway().stats;
  }

  // ── seeded data ──────────────────────────────────────────────────────────

  /** A guild by id, or the first one. */
  guild(id?: string): FakeGuild {
    const guild = id ? this.#state.guilds.get(id) : [...this.#state.guilds.values()][0];
    if (!guild) throw new Error(id ? `no guild ${id} in the fake` : 'the fake has no guild');
    return guild;
  }

  /** A channel by id, or by `#name` in the first guild. */
  channel(idOrName: string): FakeChannel {
    const channel = idOrName.startsWith('#')
      ? this.guild().channels.find((c) => c.name === idOrName.slice(1))
      : this.#state.findChannel(idOrName);
    if (!channel) throw new Error(`no channel ${idOrName} in the fake`);
    return channel;
  }

  /** Guild roles: add one, change the bot's own, read or give a member's, make a member leave (roles.ts). */
  get roles(): FakeRoles {
    return new FakeRoles(this.#state.roles, this.#state.guilds);
  }

  /** Seeds (or replaces) a member of a guild. */
  member(guildId: string, init: FakeMemberInit): FakeMember {
    return this.#state.addMember(guildId, init);
  }

  /** Adds a text channel to a guild (the bot learns of it on its next GUILD_CREATE). */
  addChannel(guildId: string, name: string, type = 0): FakeChannel {
    return this.#state.addChannel(guildId, name, undefined, type);
  }

  /** Adds a guild without telling the bot; see `sendGuildCreate`. */
  addGuild(init: FakeGuildInit): FakeGuild {
    return this.#state.addGuild(init);
  }

  /** Sends GUILD_CREATE for a guild on its shard (adding it first when it is new), as when the bot joins one. */
  sendGuildCreate(guild: FakeGuildInit | FakeGuild): FakeGuild {
    const known = guild.id ? this.#state.guilds.get(guild.id) : undefined;
    const target = known ?? this.#state.addGuild(guild as FakeGuildInit);
    this.#requireGateway().dispatch(
      shardOf(target.id, this.shards),
      'GUILD_CREATE',
      guildCreateJson(target, this.#state),
    );
    return target;
  }

  /** Removes a guild and sends GUILD_DELETE, as when the bot is kicked. */
  removeGuild(id: string): void {
    this.guild(id);
    this.#state.guilds.delete(id);
    this.#requireGateway().dispatch(shardOf(id, this.shards), 'GUILD_DELETE', { id });
  }

  /**
   * Allows or blocks the bot's posts in a channel (blocked: 403 50013 Missing Permissions), or only
   * those that upload files (`canAttach`, Attach Files); what is not given stays as it was.
   */
  setChannelPermission(
    channelId: string,
    { canSend, canAttach }: { canSend?: boolean; canAttach?: boolean },
  ): void {
    const channel = this.channel(channelId);
    if (canSend !== undefined) channel.canSend = canSend;
    if (canAttach !== undefined) channel.canAttach = canAttach;
  }

  /** Uploads a file a user could attach to a slash command; served at its `url` by this server. */
  addAttachment(filename: string, content: Uint8Array | string, contentType?: string): FakeAttachment {
    return addAttachment(this.#state, this.#baseUrl, filename, Buffer.from(content), contentType);
  }

  /** Makes the next `times` (default 1) requests matching `method` and `path` fail with the given error. */
  failNext(rule: FailureRule): void {
    this.#failures.push({ times: 1, ...rule });
  }

  // ── observation ──────────────────────────────────────────────────────────

  /** The commands from the last registration: global, or of one guild. */
  registeredCommands(guildId?: string): Json[] {
    return guildId ? [...(this.#state.guildCommands.get(guildId) ?? [])] : [...this.#state.globalCommands];
  }

  /** How many bulk registrations (PUT) happened. */
  registrationCount(): number {
    return this.#state.registrations;
  }

  /** A channel's messages in posting order, current state; ephemeral ones only with `viewer` (their user). */
  messages(channelId: string, { viewer }: { viewer?: string } = {}): FakeMessage[] {
    return this.#state.channelMessages(channelId, viewer);
  }

  /** A stored message by id, current state. */
  /** An uploaded attachment's bytes and content type (the playground shows the bot's pictures). */
  attachmentFile(id: string): { bytes: Buffer; contentType: string } | undefined {
    const stored = this.#state.attachments.get(id);
    return stored
      ? { bytes: stored.bytes, contentType: stored.meta.content_type ?? 'application/octet-stream' }
      : undefined;
  }

  message(id: string): FakeMessage | undefined {
    return this.#state.messages.get(id);
  }

  /** Polls `condition` after every REST request and every 10 ms until it holds; throws `message` (with recent violations) after `timeoutMs`. */
  async waitFor(
    condition: () => boolean,
    { timeoutMs = 5000, message = 'condition' }: { timeoutMs?: number; message?: string } = {},
  ): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) {
        const recent = this.violations.slice(-3).map((v) => `${v.route}: ${v.message}`);
        throw new Error(
          `timed out after ${timeoutMs} ms waiting for ${message}${recent.length ? `; recent violations: ${recent.join(' | ')}` : ''}`,
        );
      }
      // Wake on the next handled request, or after 10 ms for conditions that change elsewhere.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, 10);
        function done(): void {
          clearTimeout(timer);
          wakers.delete(done);
          resolve();
        }
        const wakers = this.#wakers;
        wakers.add(done);
      });
    }
  }

  /** Resolves when every shard is identified (or resumed) and its guilds were sent. */
  async waitForReady({ timeoutMs = 10_000 }: { timeoutMs?: number } = {}): Promise<void> {
    const gateway = this.#requireGateway();
    await this.waitFor(() => gateway.isReady(), {
      timeoutMs,
      message: `all ${this.shards} shard(s) to identify`,
    });
  }

  // ── interactions ─────────────────────────────────────────────────────────

  /** Sends a slash command as a user would (checked against the registered command). */
  async slash(input: SlashInput): Promise<InteractionHandle> {
    const actor = resolveActor(this.#state, input);
    const data = commandData(this.#state, actor, input);
    const { record, payload } = buildInteraction(this.#state, actor, InteractionType.Command, data, {
      commandName: input.name,
    });
    return this.#dispatch(record, payload);
  }

  /** Clicks a button on a stored message. */
  async click(input: ComponentInput): Promise<InteractionHandle> {
    const message = this.#current(input.message);
    const button = findComponent(message, input.customId);
    if (button.type !== 2) throw new Error(`component "${input.customId}" is not a button`);
    if (button.style === 5)
      throw new Error(`"${input.customId}" is a link button; clicking it sends no interaction`);
    return this.#component(input, message, { custom_id: input.customId, component_type: 2 });
  }

  /** Picks values in a select menu on a stored message. */
  async select(input: ComponentInput & { values: string[] }): Promise<InteractionHandle> {
    const message = this.#current(input.message);
    const select = findComponent(message, input.customId);
    if (![3, 5, 6, 7, 8].includes(select.type as number))
      throw new Error(`component "${input.customId}" is not a select menu`);
    checkSelectValues(select, input.values);
    return this.#component(input, message, {
      custom_id: input.customId,
      component_type: select.type,
      values: input.values,
    });
  }

  /** Submits the modal with `customId` that the bot last showed to this user. */
  async submitModal(input: ModalInput): Promise<InteractionHandle> {
    const userId = input.user?.id ?? resolveActor(this.#state, {}).user.id;
    const modal = [...this.#state.modals]
      .reverse()
      .find((m) => m.customId === input.customId && m.userId === userId);
    if (!modal) {
      const shown = this.#state.modals.map((m) => `"${m.customId}" to ${m.userId}`).join(', ') || 'none';
      throw new Error(`no modal "${input.customId}" was shown to user ${userId} (shown: ${shown})`);
    }
    const components = modalSubmitComponents(modal, input.fields);
    const source = input.message
      ? this.#current(input.message)
      : modal.sourceMessageId
        ? this.#state.messages.get(modal.sourceMessageId)
        : undefined;
    const actor = resolveActor(
      this.#state,
      { ...input, ...(modal.guildId ? { guildId: modal.guildId } : { dm: true }) },
      modal.channelId,
    );
    const { record, payload } = buildInteraction(
      this.#state,
      actor,
      InteractionType.ModalSubmit,
      { custom_id: modal.customId, components },
      {
        ...(source ? { sourceMessage: source } : {}),
      },
    );
    return this.#dispatch(record, payload);
  }

  /** Sends an autocomplete request and returns the choices the bot answered with. */
  async autocomplete(input: AutocompleteInput): Promise<{ name: string; value: string | number }[]> {
    const actor = resolveActor(this.#state, input);
    const data = commandData(this.#state, actor, input, input.focused);
    const { record, payload } = buildInteraction(this.#state, actor, InteractionType.Autocomplete, data, {
      commandName: input.name,
    });
    const handle = await this.#dispatch(record, payload);
    const response = await handle.response({ timeoutMs: input.timeoutMs ?? 5000 });
    return (response.data?.choices ?? []) as { name: string; value: string | number }[];
  }

  /**
   * Delivers an interaction's INTERACTION_CREATE again, unchanged, on the same shard: what a gateway
   * RESUME does when it replays events the client had already received. Discord accepts one initial
   * callback, so a second answer from the bot is refused with 40060 and counted as a violation.
   */
  redeliver(interaction: InteractionHandle | string): void {
    const id = typeof interaction === 'string' ? interaction : interaction.id;
    const sent = this.#dispatched.get(id);
    if (!sent) throw new Error(`interaction ${id} was never dispatched`);
    this.#requireGateway().dispatch(sent.shard, 'INTERACTION_CREATE', sent.payload);
  }

  /** Closes every gateway socket (4000: the client resumes; 1000: it identifies afresh). */
  dropConnections(code = 4000): void {
    this.#requireGateway().dropConnections(code);
  }

  /** Stops the gateway and the HTTP server. */
  async close(): Promise<void> {
    await this.#gateway?.close();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  // ── internals ────────────────────────────────────────────────────────────

  #requireGateway(): Gateway {
    if (!this.#gateway) throw new Error('fake-discord is not started');
    return this.#gateway;
  }

  #guildsOn(shard: number): FakeGuild[] {
    return [...this.#state.guilds.values()].filter((g) => shardOf(g.id, this.shards) === shard);
  }

  #readyPayload(shard: number): Json {
    return {
      v: 10,
      user: userJson(this.#state.bot),
      guilds: this.#guildsOn(shard).map((g) => ({ id: g.id, unavailable: true })),
      application: { id: this.#state.applicationId, flags: 0 },
      user_settings: {},
      private_channels: [],
      presences: [],
      relationships: [],
      guild_join_requests: [],
      geo_ordered_rtc_regions: [],
      session_type: 'normal',
      auth: {},
    };
  }

  #current(message: FakeMessage): FakeMessage {
    const stored = this.#state.messages.get(message.id);
    if (!stored || stored.deleted) throw new Error(`message ${message.id} does not exist (deleted?)`);
    return stored;
  }

  async #component(input: ComponentInput, message: FakeMessage, data: Json): Promise<InteractionHandle> {
    if (message.ephemeral && input.user && input.user.id !== message.visibleTo) {
      throw new Error(`message ${message.id} is ephemeral; only user ${message.visibleTo} can see it`);
    }
    const user = input.user ?? (message.visibleTo ? this.#state.users.get(message.visibleTo) : undefined);
    const actor = resolveActor(this.#state, { ...input, ...(user ? { user } : {}) }, message.channelId);
    const { record, payload } = buildInteraction(this.#state, actor, InteractionType.Component, data, {
      sourceMessage: message,
    });
    return this.#dispatch(record, payload);
  }

  async #dispatch(record: InteractionRecord, payload: Json): Promise<InteractionHandle> {
    const gateway = this.#requireGateway();
    const shard = record.guildId ? shardOf(record.guildId, this.shards) : 0;
    if (!gateway.hasSession(shard))
      throw new Error(`shard ${shard} has no gateway session: log the bot in and await fake.waitForReady()`);
    record.dispatchedAt = Date.now();
    this.#state.addInteraction(record);
    this.#dispatched.set(record.id, { shard, payload });
    gateway.dispatch(shard, 'INTERACTION_CREATE', payload);
    return new InteractionHandle(this.#state, record, (condition, options) =>
      this.waitFor(condition, options),
    );
  }

  #violate(route: string, message: string, code?: number): void {
    this.violations.push({ route, message, ...(code !== undefined ? { code } : {}) });
  }

  #context(): RouteContext {
    return {
      state: this.#state,
      baseUrl: this.#baseUrl,
      ackDeadlineMs: this.#options.ackDeadlineMs,
      interactionTtlMs: this.#options.interactionTtlMs,
      now: () => Date.now(),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.#baseUrl);
    const method = req.method ?? 'GET';
    if (method === 'GET' && url.pathname.startsWith('/attachments/'))
      return this.#serveAttachment(url.pathname, res);
    const parsed = await readBody(req);
    const apiPath = /^\/api\/v10(\/.*)$/.exec(url.pathname)?.[1];
    const path = (apiPath ?? url.pathname).split('/').map(safeDecode).join('/');
    const label = `${method} ${redactPath(path)}`;
    let status = 200;
    let body: unknown;
    let headers: Record<string, string> = {};
    try {
      const found = apiPath ? match(this.#routes, method, path) : undefined;
      if (!found) throw new ApiError(404, 0, '404: Not Found', undefined, true, `unhandled route ${label}`);
      if (found.route.auth) headers = this.#authorize(req, label);
      this.#injectFailure(method, path);
      if (parsed.invalid)
        throw new ApiError(
          400,
          50109,
          'The request body contains invalid JSON.',
          undefined,
          true,
          parsed.invalid,
        );
      const reply = found.route.handle(
        {
          method,
          path,
          params: found.params,
          query: url.searchParams,
          body: parsed.json,
          files: parsed.files,
        },
        this.#context(),
      );
      status = reply.status;
      body = reply.body;
    } catch (error) {
      const apiError =
        error instanceof ApiError
          ? error
          : new ApiError(
              500,
              0,
              '500: Internal Server Error',
              undefined,
              true,
              `fake-discord bug: ${String(error)}`,
            );
      status = apiError.status;
      body = {
        code: apiError.code,
        message: apiError.message,
        ...(apiError.errors ? { errors: apiError.errors } : {}),
      };
      if (apiError.status === 429) {
        const retryAfter = (apiError.errors?.retry_after as number | undefined) ?? 1;
        body = { message: 'You are being rate limited.', retry_after: retryAfter, global: true, code: 0 };
        headers = {
          'retry-after': String(Math.ceil(retryAfter)),
          'x-ratelimit-global': 'true',
          'x-ratelimit-scope': 'global',
        };
      }
      if (apiError.violation)
        this.#violate(
          label,
          apiError.detail ? `${apiError.message}: ${apiError.detail}` : apiError.message,
          apiError.code,
        );
    }
    const logged = parsed.files.length
      ? { payload: parsed.json, files: parsed.files.map((f) => f.filename) }
      : parsed.json;
    this.requests.push({
      method,
      path: `${redactPath(path)}${url.search}`,
      status,
      body: logged,
      at: Date.now(),
    });
    sendJson(res, status, body, headers);
    for (const wake of [...this.#wakers]) wake();
  }

  /** Checks the bot token and the global rate limit; returns the rate-limit headers for a success. */
  #authorize(req: IncomingMessage, label: string): Record<string, string> {
    if (req.headers.authorization !== `Bot ${this.token}`) {
      throw new ApiError(
        401,
        0,
        '401: Unauthorized',
        undefined,
        true,
        req.headers.authorization ? 'wrong bot token' : 'no Authorization header',
      );
    }
    const decision = this.#limiter.take(Date.now());
    if (!decision.ok) {
      const retryAfter = Math.max(decision.retryAfterMs, 1) / 1000;
      // A 429 is Discord behaving normally; only a client that keeps going during retry_after is at fault.
      throw new ApiError(
        429,
        0,
        'You are being rate limited.',
        { retry_after: retryAfter },
        decision.ignoredPrevious,
        decision.ignoredPrevious ? `client ignored a 429 and sent ${label} during retry_after` : undefined,
      );
    }
    const resetAfter = decision.resetAfterMs / 1000;
    return {
      'x-ratelimit-limit': String(decision.limit),
      'x-ratelimit-remaining': String(decision.remaining),
      'x-ratelimit-reset': String((Date.now() + decision.resetAfterMs) / 1000),
      'x-ratelimit-reset-after': resetAfter.toFixed(3),
      'x-ratelimit-bucket': 'fake-global',
    };
  }

  #injectFailure(method: string, path: string): void {
    const rule = this.#failures.find(
      (r) => (!r.method || r.method.toUpperCase() === method) && r.path.test(path),
    );
    if (!rule) return;
    rule.times = (rule.times ?? 1) - 1;
    if (rule.times <= 0) this.#failures.splice(this.#failures.indexOf(rule), 1);
    throw new ApiError(
      rule.status,
      rule.code ?? 0,
      rule.message ?? `${rule.status}: injected failure`,
      undefined,
      false,
    );
  }

  #serveAttachment(pathname: string, res: ServerResponse): void {
    const id = pathname.split('/')[2] ?? '';
    const stored = this.#state.attachments.get(id);
    if (!stored) {
      sendJson(res, 404, { code: 0, message: '404: Not Found' });
      return;
    }
    res.writeHead(200, {
      'content-type': stored.meta.content_type ?? 'application/octet-stream',
      'content-length': stored.bytes.length,
    });
    res.end(stored.bytes);
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
