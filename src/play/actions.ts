import type {
  FakeDiscord,
  FakeMember,
  FakeMessage,
  InteractionHandle,
  OptionValue,
} from '../../test/fake-discord/index.ts';
import { type InteractionLabel, type MessageView, messageView } from './views.ts';

type Json = Record<string, unknown>;

/** A request the page got wrong (unknown member, message or option): answered 400 with this message. */
export class PlayInputError extends Error {
  override readonly name = 'PlayInputError';
}

/** An attachment the page uploaded for an attachment option. */
export interface UploadedFile {
  filename: string;
  base64: string;
  contentType?: string;
}

/** A slash command as the page sends it; option values are already typed by the page. */
export interface SlashRequest {
  userId: string;
  channelId: string;
  name: string;
  group?: string;
  subcommand?: string;
  options: Record<string, string | number | boolean | { file: UploadedFile }>;
}

/** How the bot answered an interaction: a modal to show, or an error the page shows like Discord's. */
export interface ActionResult {
  interactionId?: string;
  /** The callback type (4 message, 5 deferred, 6/7 update, 9 modal). */
  type?: number;
  /** The modal to show (callback type 9): Discord's raw modal JSON. */
  modal?: Json;
  /** Why nothing happened, e.g. "The application did not respond". */
  error?: string;
}

/** How long the page waits for the bot's initial callback (Discord's deadline is 3 s). */
const RESPONSE_TIMEOUT_MS = 3500;

/**
 * What a member can do in the page, carried out on the fake Discord exactly as a test would:
 * slash commands, autocomplete, button clicks, select menus and modal submits.
 */
export class PlayActions {
  readonly #labels = new Map<string, InteractionLabel>();

  constructor(
    private readonly fake: FakeDiscord,
    private readonly guildId: string,
  ) {}

  /** Messages of a channel as `viewerId` sees them (their own ephemeral messages included). */
  messages(channelId: string, viewerId: string): MessageView[] {
    this.#channel(channelId);
    this.#member(viewerId);
    return this.fake
      .messages(channelId, { viewer: viewerId })
      .map((m) => messageView(m, m.interactionId ? this.#labels.get(m.interactionId) : undefined));
  }

  /** Sends a slash command as a member in a channel. */
  async slash(request: SlashRequest): Promise<ActionResult> {
    const member = this.#member(request.userId);
    this.#channel(request.channelId);
    const options = this.#options(request.options);
    const handle = await this.#attempt(() =>
      this.fake.slash({
        name: request.name,
        ...(request.group ? { group: request.group } : {}),
        ...(request.subcommand ? { subcommand: request.subcommand } : {}),
        options,
        user: member.user,
        channelId: request.channelId,
      }),
    );
    const command = [`/${request.name}`, request.group, request.subcommand].filter(Boolean).join(' ');
    this.#labels.set(handle.id, { userId: member.user.id, command });
    return settle(handle);
  }

  /** The bot's autocomplete choices for the focused option. */
  async autocomplete(
    request: Omit<SlashRequest, 'options'> & {
      options: Record<string, string | number | boolean>;
      focused: string;
    },
  ): Promise<{ name: string; value: string | number }[]> {
    const member = this.#member(request.userId);
    this.#channel(request.channelId);
    try {
      return await this.fake.autocomplete({
        name: request.name,
        ...(request.group ? { group: request.group } : {}),
        ...(request.subcommand ? { subcommand: request.subcommand } : {}),
        options: request.options,
        focused: request.focused,
        user: member.user,
        channelId: request.channelId,
        timeoutMs: RESPONSE_TIMEOUT_MS,
      });
    } catch (error) {
      // Discord shows no suggestions when the bot fails to answer in time (no answer, or one refused
      // with 10062 after the deadline); so does the page.
      if (isNoAnswer(error) || /\b10062\b/.test(messageOf(error))) return [];
      throw new PlayInputError(messageOf(error));
    }
  }

  /** Clicks a button on a message. */
  async click(request: { userId: string; messageId: string; customId: string }): Promise<ActionResult> {
    const member = this.#member(request.userId);
    const message = this.#message(request.messageId);
    const handle = await this.#attempt(() =>
      this.fake.click({ message, customId: request.customId, user: member.user }),
    );
    return settle(handle);
  }

  /** Picks values in a select menu on a message. */
  async select(request: {
    userId: string;
    messageId: string;
    customId: string;
    values: string[];
  }): Promise<ActionResult> {
    const member = this.#member(request.userId);
    const message = this.#message(request.messageId);
    const handle = await this.#attempt(() =>
      this.fake.select({ message, customId: request.customId, values: request.values, user: member.user }),
    );
    return settle(handle);
  }

  /** Submits a modal the bot showed to this member. */
  async submitModal(request: {
    userId: string;
    customId: string;
    fields: Record<string, string>;
  }): Promise<ActionResult> {
    const member = this.#member(request.userId);
    const handle = await this.#attempt(() =>
      this.fake.submitModal({ customId: request.customId, fields: request.fields, user: member.user }),
    );
    return settle(handle);
  }

  #member(userId: string): FakeMember {
    const member = this.fake.guild(this.guildId).members.get(userId);
    if (!member || member.user.bot) throw new PlayInputError(`no member ${userId} in this server`);
    return member;
  }

  #channel(channelId: string): void {
    if (!this.fake.guild(this.guildId).channels.some((c) => c.id === channelId))
      throw new PlayInputError(`no channel ${channelId} in this server`);
  }

  #message(messageId: string): FakeMessage {
    const message = this.fake.message(messageId);
    if (!message || message.deleted) throw new PlayInputError(`message ${messageId} no longer exists`);
    return message;
  }

  #options(options: SlashRequest['options']): Record<string, OptionValue> {
    const converted: Record<string, OptionValue> = {};
    for (const [name, value] of Object.entries(options)) {
      if (typeof value !== 'object') {
        converted[name] = value;
        continue;
      }
      const { filename, base64, contentType } = value.file;
      const attachment = this.#attempted(() =>
        this.fake.addAttachment(filename, Buffer.from(base64, 'base64'), contentType),
      );
      converted[name] = { attachment };
    }
    return converted;
  }

  /** Runs a fake-Discord call; what the fake refuses (as the Discord client would) is the page's input error. */
  async #attempt(send: () => Promise<InteractionHandle>): Promise<InteractionHandle> {
    try {
      return await send();
    } catch (error) {
      throw new PlayInputError(messageOf(error));
    }
  }

  #attempted<T>(run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw new PlayInputError(messageOf(error));
    }
  }
}

/** Waits for the bot's initial callback; a missing or refused one becomes Discord's own error line. */
async function settle(handle: InteractionHandle): Promise<ActionResult> {
  try {
    const { type, data } = await handle.response({ timeoutMs: RESPONSE_TIMEOUT_MS });
    return { interactionId: handle.id, type, ...(type === 9 && data ? { modal: data } : {}) };
  } catch (error) {
    const detail = isNoAnswer(error) ? '' : ` (${messageOf(error)})`;
    return { interactionId: handle.id, error: `The application did not respond${detail}` };
  }
}

function isNoAnswer(error: unknown): boolean {
  return /no initial callback|timed out/.test(messageOf(error));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
