import { FormErrors } from './form-errors.ts';
import { ApiError } from './http-util.ts';
import { applyEdit, assertValidMessage, createMessage, partsOf, storeFiles } from './messages.ts';
import { messageJson } from './payloads.ts';
import { type RestReply, type RestRequest, type Route, type RouteContext, route } from './router.ts';
import type { InteractionRecord } from './state.ts';
import type { FakeMessage } from './types.ts';
import { checkAutocomplete, checkModal, EPHEMERAL, isLoading } from './validate-message.ts';

type Json = Record<string, unknown>;

/** Interaction types: 2 application command, 3 message component, 4 autocomplete, 5 modal submit. */
export const InteractionType = {
  Ping: 1,
  Command: 2,
  Component: 3,
  Autocomplete: 4,
  ModalSubmit: 5,
} as const;

/** Callback types each interaction type accepts (1 pong, 4 message, 5 defer, 6 defer update, 7 update, 8 choices, 9 modal). */
const ALLOWED_CALLBACKS: Record<number, number[]> = {
  1: [1],
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

/** Routes Discord serves without the bot token: the initial callback and the interaction webhook. */
export function interactionRoutes(): Route[] {
  const original = (method: string, handle: Route['handle']) => [
    route(method, '/webhooks/:app/:token/messages/@original', handle, false),
  ];
  return [
    route('POST', '/interactions/:id/:token/callback', callback, false),
    route('POST', '/webhooks/:app/:token', followUp, false),
    ...original('GET', (req, ctx) => ({
      status: 200,
      body: messageJson(webhookMessage(req, ctx, '@original'), ctx.state),
    })),
    ...original('PATCH', (req, ctx) => editWebhookMessage(req, ctx, '@original')),
    ...original('DELETE', (req, ctx) => deleteWebhookMessage(req, ctx, '@original')),
    route(
      'GET',
      '/webhooks/:app/:token/messages/:message',
      (req, ctx) => ({
        status: 200,
        body: messageJson(webhookMessage(req, ctx, req.params.message ?? ''), ctx.state),
      }),
      false,
    ),
    route(
      'PATCH',
      '/webhooks/:app/:token/messages/:message',
      (req, ctx) => editWebhookMessage(req, ctx, req.params.message ?? ''),
      false,
    ),
    route(
      'DELETE',
      '/webhooks/:app/:token/messages/:message',
      (req, ctx) => deleteWebhookMessage(req, ctx, req.params.message ?? ''),
      false,
    ),
  ];
}

function callback(req: RestRequest, ctx: RouteContext): RestReply {
  const record = ctx.state.interactions.get(req.params.id ?? '');
  if (!record || record.token !== req.params.token)
    throw new ApiError(404, 10062, 'Unknown interaction', undefined, true, 'no such interaction id/token');
  try {
    return acknowledge(record, req, ctx);
  } catch (error) {
    if (error instanceof ApiError)
      record.rejections.push(`${error.code} ${error.message}${error.detail ? `: ${error.detail}` : ''}`);
    throw error;
  }
}

function acknowledge(record: InteractionRecord, req: RestRequest, ctx: RouteContext): RestReply {
  if (record.initial) {
    throw new ApiError(
      400,
      40060,
      'Interaction has already been acknowledged.',
      undefined,
      true,
      `second initial callback (first was type ${record.initial.type})`,
    );
  }
  const late = ctx.now() - record.dispatchedAt;
  if (late > ctx.ackDeadlineMs) {
    throw new ApiError(
      404,
      10062,
      'Unknown interaction',
      undefined,
      true,
      `initial callback ${late} ms after dispatch; the deadline is ${ctx.ackDeadlineMs} ms`,
    );
  }
  const body = (req.body ?? {}) as Json;
  const type = body.type as number;
  if (!(ALLOWED_CALLBACKS[record.type] ?? []).includes(type)) {
    const errors = new FormErrors();
    errors.add(
      ['type'],
      'INTERACTION_RESPONSE_TYPE_INVALID',
      `Callback type ${String(type)} is not valid for interaction type ${record.type}.`,
    );
    throw ApiError.invalidForm(errors);
  }
  const data = (body.data ?? undefined) as Json | undefined;
  const message = respond(record, type, data, req, ctx);
  record.initial = { type, ...(data ? { data } : {}) };
  record.ackedAt = ctx.now();
  if (req.query.get('with_response') !== 'true') return { status: 204 };
  return {
    status: 200,
    body: {
      interaction: {
        id: record.id,
        type: record.type,
        ...(message
          ? {
              response_message_id: message.id,
              response_message_loading: (message.flags & 128) !== 0,
              response_message_ephemeral: message.ephemeral,
            }
          : {}),
      },
      resource: { type, ...(message ? { message: messageJson(message, ctx.state) } : {}) },
    },
  };
}

/** Carries out one valid callback type; returns the message it created or changed, if any. */
function respond(
  record: InteractionRecord,
  type: number,
  data: Json | undefined,
  req: RestRequest,
  ctx: RouteContext,
): FakeMessage | undefined {
  const { state } = ctx;
  const target = {
    channelId: record.channelId,
    guildId: record.guildId,
    interactionId: record.id,
    viewerId: record.user.id,
  };
  switch (type) {
    case 4: {
      const body = assertValidMessage(data, ['data'], req.files);
      const message = createMessage(state, body, storeFiles(state, req.files, ctx.baseUrl), target);
      record.originalId = message.id;
      return message;
    }
    case 5: {
      const flags = ((data?.flags as number | undefined) ?? 0) & EPHEMERAL;
      const message = createMessage(state, { flags }, [], { ...target, extraFlags: 128 });
      record.originalId = message.id;
      return message;
    }
    case 6:
    case 7: {
      const source = record.sourceMessageId ? state.messages.get(record.sourceMessageId) : undefined;
      if (!source) {
        const errors = new FormErrors();
        errors.add(
          ['type'],
          'INTERACTION_RESPONSE_TYPE_INVALID',
          'Only interactions from a message can update it.',
        );
        throw ApiError.invalidForm(errors);
      }
      if (type === 7) {
        const body = assertValidMessage(data, ['data'], req.files, partsOf(source));
        applyEdit(source, body, storeFiles(state, req.files, ctx.baseUrl));
      }
      record.originalId = source.id;
      return source;
    }
    case 8: {
      const errors = checkAutocomplete(data ?? {}, ['data']);
      if (!errors.empty) throw ApiError.invalidForm(errors);
      return undefined;
    }
    case 9: {
      const errors = checkModal(data ?? {}, ['data']);
      if (!errors.empty) throw ApiError.invalidForm(errors);
      const modal = data as Json;
      state.modals.push({
        customId: modal.custom_id as string,
        title: modal.title as string,
        components: modal.components as Json[],
        userId: record.user.id,
        interactionId: record.id,
        channelId: record.channelId,
        ...(record.guildId ? { guildId: record.guildId } : {}),
        ...(record.sourceMessageId ? { sourceMessageId: record.sourceMessageId } : {}),
      });
      return undefined;
    }
    default:
      return undefined;
  }
}

/** The interaction behind a webhook token, if its token is still valid and it was acknowledged. */
function webhookInteraction(req: RestRequest, ctx: RouteContext): InteractionRecord {
  if (req.params.app !== ctx.state.applicationId)
    throw new ApiError(404, 10015, 'Unknown Webhook', undefined, true, 'wrong application id');
  const record = ctx.state.interactionsByToken.get(req.params.token ?? '');
  if (!record)
    throw new ApiError(404, 10015, 'Unknown Webhook', undefined, true, 'no interaction has this token');
  if (ctx.now() - record.dispatchedAt > ctx.interactionTtlMs) {
    throw new ApiError(
      401,
      50027,
      'Invalid Webhook Token',
      undefined,
      true,
      'interaction token expired (15 minutes)',
    );
  }
  if (!record.initial)
    throw new ApiError(
      404,
      10015,
      'Unknown Webhook',
      undefined,
      true,
      'the interaction was not acknowledged yet',
    );
  if (record.initial.type === 8 || record.initial.type === 9) {
    throw new ApiError(
      404,
      10015,
      'Unknown Webhook',
      undefined,
      true,
      `no message to follow up after callback type ${record.initial.type}`,
    );
  }
  return record;
}

function followUp(req: RestRequest, ctx: RouteContext): RestReply {
  const record = webhookInteraction(req, ctx);
  const loading =
    record.initial?.type === 5 && record.originalId ? ctx.state.messages.get(record.originalId) : undefined;
  if (loading && isLoading(loading.flags) && !loading.deleted) {
    // Discord: the first follow-up after a deferred reply fills in the "thinking…" message instead of
    // creating one, and keeps the ephemeral choice made when deferring.
    const body = assertValidMessage(req.body, [], req.files, partsOf(loading));
    applyEdit(loading, body, storeFiles(ctx.state, req.files, ctx.baseUrl));
    loading.editedAt = undefined;
    return req.query.get('wait') === 'false'
      ? { status: 204 }
      : { status: 200, body: messageJson(loading, ctx.state) };
  }
  const body = assertValidMessage(req.body, [], req.files);
  const message = createMessage(ctx.state, body, storeFiles(ctx.state, req.files, ctx.baseUrl), {
    channelId: record.channelId,
    guildId: record.guildId,
    interactionId: record.id,
    viewerId: record.user.id,
  });
  record.followUpIds.push(message.id);
  return req.query.get('wait') === 'false'
    ? { status: 204 }
    : { status: 200, body: messageJson(message, ctx.state) };
}

function webhookMessage(req: RestRequest, ctx: RouteContext, which: string): FakeMessage {
  const record = webhookInteraction(req, ctx);
  const id =
    which === '@original'
      ? record.originalId
      : record.followUpIds.includes(which) || which === record.originalId
        ? which
        : undefined;
  const message = id ? ctx.state.messages.get(id) : undefined;
  if (!message || message.deleted)
    throw new ApiError(
      404,
      10008,
      'Unknown Message',
      undefined,
      true,
      `no ${which} message for this interaction`,
    );
  return message;
}

function editWebhookMessage(req: RestRequest, ctx: RouteContext, which: string): RestReply {
  const message = webhookMessage(req, ctx, which);
  const body = assertValidMessage(req.body, [], req.files, partsOf(message));
  applyEdit(message, body, storeFiles(ctx.state, req.files, ctx.baseUrl));
  return { status: 200, body: messageJson(message, ctx.state) };
}

function deleteWebhookMessage(req: RestRequest, ctx: RouteContext, which: string): RestReply {
  webhookMessage(req, ctx, which).deleted = true;
  return { status: 204 };
}
