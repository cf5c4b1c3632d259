import { FormErrors } from './form-errors.ts';
import { ApiError, type UploadedFile } from './http-util.ts';
import type { FakeState } from './state.ts';
import type { FakeAttachment, FakeMessage } from './types.ts';
import { IS_COMPONENTS_V2 } from './validate-components-v2.ts';
import { checkMessage, EPHEMERAL, type MessageParts } from './validate-message.ts';

type Json = Record<string, unknown>;

/** Where a new bot message goes and who may see it. */
export interface MessageTarget {
  channelId: string;
  guildId?: string;
  interactionId?: string;
  /** The interaction user; an ephemeral message is visible to them only. */
  viewerId?: string;
  /** Extra flags (e.g. loading 128 for a deferred reply). */
  extraFlags?: number;
}

/** Validates a bot message body like Discord and throws the matching ApiError when it would refuse it. */
export function assertValidMessage(
  body: unknown,
  base: (string | number)[],
  files: UploadedFile[],
  existing?: MessageParts,
): Json {
  if (!body || typeof body !== 'object' || Array.isArray(body)) {
    const errors = new FormErrors();
    errors.add(base, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
    throw ApiError.invalidForm(errors);
  }
  const json = body as Json;
  const check = checkMessage(
    json,
    base,
    files.map((f) => f.filename),
    existing,
  );
  if (!check.errors.empty) throw ApiError.invalidForm(check.errors);
  if (check.mentionsNotDisabled) {
    const errors = new FormErrors();
    errors.add(
      [...base, 'allowed_mentions'],
      'MENTIONS_NOT_DISABLED',
      'allowed_mentions must set parse: [] (fake Discord policy).',
    );
    throw new ApiError(
      400,
      50035,
      'Invalid Form Body',
      errors.toDiscord(),
      true,
      `mention parsing not disabled: the body has ${json.allowed_mentions === undefined ? 'no allowed_mentions' : `allowed_mentions ${JSON.stringify(json.allowed_mentions)}`}`,
    );
  }
  if (check.empty) throw new ApiError(400, 50006, 'Cannot send an empty message');
  return json;
}

/**
 * Stores uploaded files as attachments served by the fake. With the message `body`, each keeps the
 * `description` (alt text) its `attachments` entry gives it: entry id N describes the part `files[N]`.
 */
export function storeFiles(
  state: FakeState,
  files: UploadedFile[],
  baseUrl: string,
  body?: Json,
): FakeAttachment[] {
  const described = Array.isArray(body?.attachments) ? (body.attachments as Json[]) : [];
  return files.map((file) => {
    const stored = addAttachment(state, baseUrl, file.filename, file.bytes, file.contentType);
    const index = /^files\[(\d+)\]$/.exec(file.field)?.[1];
    const entry = described.find((a) => index !== undefined && String(a?.id) === index);
    if (typeof entry?.description === 'string') stored.description = entry.description;
    return stored;
  });
}

/** Registers an attachment and returns its Discord description. */
export function addAttachment(
  state: FakeState,
  baseUrl: string,
  filename: string,
  bytes: Buffer,
  contentType?: string,
): FakeAttachment {
  if (!filename || filename.includes('/'))
    throw new Error(`attachment filename must be a plain file name, got "${filename}"`);
  const id = state.ids.next();
  const url = `${baseUrl}/attachments/${id}/${encodeURIComponent(filename)}`;
  const meta: FakeAttachment = {
    id,
    filename,
    size: bytes.length,
    url,
    proxy_url: url,
    ...(contentType ? { content_type: contentType } : {}),
  };
  state.attachments.set(id, { meta, bytes });
  return meta;
}

/** Creates a bot message from a validated body. */
export function createMessage(
  state: FakeState,
  body: Json,
  attachments: FakeAttachment[],
  target: MessageTarget,
): FakeMessage {
  const flags = ((body.flags as number | undefined) ?? 0) | (target.extraFlags ?? 0);
  const ephemeral = (flags & EPHEMERAL) !== 0 && target.viewerId !== undefined;
  return state.addMessage({
    channelId: target.channelId,
    guildId: target.guildId,
    content: typeof body.content === 'string' ? body.content : '',
    embeds: (body.embeds as Json[] | undefined) ?? [],
    components: (body.components as Json[] | undefined) ?? [],
    flags,
    authorId: state.bot.id,
    ephemeral,
    ...(ephemeral ? { visibleTo: target.viewerId } : {}),
    ...(target.interactionId ? { interactionId: target.interactionId } : {}),
    attachments: attachments as unknown as Json[],
  });
}

/** Applies a validated edit to a stored message (only the fields the body sets). */
export function applyEdit(message: FakeMessage, body: Json, attachments: FakeAttachment[]): void {
  if (typeof body.content === 'string') message.content = body.content;
  else if (body.content === null) message.content = '';
  if (Array.isArray(body.embeds)) message.embeds = body.embeds as Json[];
  else if (body.embeds === null) message.embeds = [];
  if (Array.isArray(body.components)) message.components = body.components as Json[];
  else if (body.components === null) message.components = [];
  if (Array.isArray(body.attachments) || attachments.length > 0) {
    const kept = Array.isArray(body.attachments)
      ? message.attachments.filter((a) => (body.attachments as Json[]).some((b) => b.id === a.id))
      : message.attachments;
    message.attachments = [...kept, ...(attachments as unknown as Json[])];
  }
  // Editing a deferred reply ends its "thinking…" state; an edit may turn a message into Components V2.
  message.flags &= ~128;
  if (typeof body.flags === 'number') message.flags |= body.flags & IS_COMPONENTS_V2;
  message.editedAt = new Date().toISOString();
}

/** The parts of a message an edit is checked against. */
export function partsOf(message: FakeMessage): MessageParts {
  return {
    content: message.content,
    embeds: message.embeds,
    components: message.components,
    attachments: message.attachments,
    flags: message.flags,
  };
}
