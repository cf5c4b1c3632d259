import type { FakeDiscord, FakeMessage } from '../../test/fake-discord/index.ts';
import { Permission } from '../../test/fake-discord/index.ts';
import type { PlayClock } from './clock.ts';

type Json = Record<string, unknown>;

/** Who started the interaction a message answers, shown above it as "alice used /quiz". */
export interface InteractionLabel {
  userId: string;
  command: string;
}

/** A message as the page draws it: Discord's raw embeds and components, plus what the page needs around them. */
export interface MessageView {
  id: string;
  content: string;
  embeds: Json[];
  components: Json[];
  /** Uploaded files by name, with the page's own URL for them (`attachment://name` in components). */
  attachments: { filename: string; url: string }[];
  /** Sent as Components V2 (containers, text displays, media galleries). */
  v2: boolean;
  /** Visible only to its user ("Only you can see this"). */
  ephemeral: boolean;
  /** A deferred reply not filled in yet ("flashcord is thinking…"). */
  loading: boolean;
  edited: boolean;
  createdAt: string;
  interaction?: InteractionLabel;
}

/** A guild member the page can act as. */
export interface MemberView {
  id: string;
  username: string;
  displayName: string;
  /** Has Manage Server (may run the admin commands). */
  manager: boolean;
}

/** Everything static the page needs at start: server, channels, members, commands, bot clock. */
export interface StateView {
  guild: { id: string; name: string };
  channels: { id: string; name: string }[];
  members: MemberView[];
  bot: { id: string; name: string };
  commands: Json[];
  clock: ClockView;
}

export interface ClockView {
  /** The bot's time, ISO 8601. */
  now: string;
  offsetMs: number;
}

const LOADING_FLAG = 128;
const COMPONENTS_V2_FLAG = 1 << 15;

/** The page's view of one stored message. */
export function messageView(message: FakeMessage, label?: InteractionLabel): MessageView {
  return {
    id: message.id,
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    attachments: message.attachments.map((a) => ({
      filename: String(a.filename),
      url: `/attachments/${String(a.id)}/${encodeURIComponent(String(a.filename))}`,
    })),
    v2: (message.flags & COMPONENTS_V2_FLAG) !== 0,
    ephemeral: message.ephemeral,
    loading: (message.flags & LOADING_FLAG) !== 0,
    edited: message.editedAt !== undefined,
    createdAt: message.createdAt,
    ...(label ? { interaction: label } : {}),
  };
}

/** The bot clock as the page shows it. */
export function clockView(clock: PlayClock): ClockView {
  return { now: clock.now().toISOString(), offsetMs: clock.offsetMs };
}

/** The server, its text channels, its human members and the registered commands. */
export function stateView(fake: FakeDiscord, guildId: string, clock: PlayClock): StateView {
  const guild = fake.guild(guildId);
  const members = [...guild.members.values()]
    .filter((m) => !m.user.bot)
    .map((m) => ({
      id: m.user.id,
      username: m.user.username,
      displayName: m.user.globalName ?? m.user.username,
      manager: (m.permissions & Permission.ManageGuild) !== 0n,
    }));
  return {
    guild: { id: guild.id, name: guild.name },
    channels: guild.channels.filter((c) => c.type === 0).map((c) => ({ id: c.id, name: c.name })),
    members,
    bot: { id: fake.botUserId, name: 'flashcord' },
    commands: fake.registeredCommands(guildId),
    clock: clockView(clock),
  };
}
