/** A Discord user as the fake knows it. */
export interface FakeUser {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

/** A member to seed into a guild. `permissions` are the member's guild-wide permission bits. */
export interface FakeMemberInit {
  id: string;
  username: string;
  globalName?: string | null;
  permissions?: bigint | string;
  roles?: string[];
}

/** A channel to seed; `type` 0 is a text channel. */
export interface FakeChannelInit {
  id?: string;
  name: string;
  type?: number;
}

/** A guild to seed; ids are generated when left out. */
export interface FakeGuildInit {
  id?: string;
  name: string;
  channels?: FakeChannelInit[];
  /** Members besides the bot; default: alice (Manage Server), bob and carol. */
  members?: FakeMemberInit[];
  ownerId?: string;
  locale?: string;
}

/** A seeded member, with permissions resolved to bits. */
export interface FakeMember {
  user: FakeUser;
  permissions: bigint;
  roles: string[];
  joinedAt: string;
}

/**
 * A seeded channel. `canSend: false` makes the bot's posts there fail with 50013; `canAttach: false`
 * (no Attach Files) only its posts that upload files.
 */
export interface FakeChannel {
  id: string;
  guildId?: string;
  name: string;
  type: number;
  canSend: boolean;
  canAttach: boolean;
  /** For DM channels: the other user. */
  recipientId?: string;
}

/** A seeded guild. */
export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  locale: string;
  channels: FakeChannel[];
  members: Map<string, FakeMember>;
}

/** A Discord message in its current state (after edits). */
export interface FakeMessage {
  id: string;
  channelId: string;
  guildId?: string;
  content: string;
  // Embeds and components are raw Discord JSON: tests inspect them as Discord would see them.
  embeds: Record<string, unknown>[];
  components: Record<string, unknown>[];
  flags: number;
  authorId: string;
  createdAt: string;
  editedAt?: string;
  /** Visible only to `visibleTo` (flag 64). */
  ephemeral: boolean;
  visibleTo?: string;
  /** The interaction whose response or follow-up this is. */
  interactionId?: string;
  attachments: Record<string, unknown>[];
  deleted?: boolean;
}

/** One rejection the fake made because the client did something real Discord refuses. */
export interface Violation {
  /** `METHOD /path` with tokens redacted, or `gateway`/`test-api`. */
  route: string;
  message: string;
  code?: number;
}

/** One REST request as the fake saw it (tokens redacted). */
export interface RequestLogEntry {
  method: string;
  path: string;
  status: number;
  body: unknown;
  at: number;
}

/** An uploaded file, as Discord describes it in `resolved.attachments`. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
  /** Alt text, from the message's `attachments` entry. */
  description?: string;
}

/** An initial interaction callback as received: `{type, data}`. */
export interface InteractionCallback {
  type: number;
  // Raw callback data, as the bot sent it.
  data?: Record<string, unknown>;
}

/** A failure to inject for the next matching request(s). */
export interface FailureRule {
  method?: string;
  path: RegExp;
  status: number;
  code?: number;
  message?: string;
  times?: number;
}
