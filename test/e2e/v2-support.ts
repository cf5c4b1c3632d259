import { loadImage } from '@napi-rs/canvas';
import type { FakeMessage } from '../fake-discord/index.ts';
import { IS_COMPONENTS_V2 } from '../fake-discord/validate-components-v2.ts';

type Json = Record<string, unknown>;

/** Every component of a message, depth first (containers, sections and rows opened). */
export function allComponents(message: FakeMessage): Json[] {
  const out: Json[] = [];
  const visit = (c: Json) => {
    out.push(c);
    for (const child of (Array.isArray(c.components) ? c.components : []) as Json[]) visit(child);
    if (c.accessory) visit(c.accessory as Json);
  };
  for (const c of message.components) visit(c);
  return out;
}

/** True when the message was sent as Components V2. */
export const isV2 = (message: FakeMessage) => (message.flags & IS_COMPONENTS_V2) !== 0;

/** The text of a V2 message's text displays, joined by blank lines. */
export function v2Text(message: FakeMessage): string {
  return allComponents(message)
    .filter((c) => c.type === 10)
    .map((c) => String(c.content))
    .join('\n\n');
}

/** The media gallery items of a V2 message. */
export function galleryItems(message: FakeMessage): { media: { url: string }; description?: string }[] {
  return allComponents(message)
    .filter((c) => c.type === 12)
    .flatMap((c) => c.items as { media: { url: string }; description?: string }[]);
}

/** The custom_ids of a message's buttons, in order. */
export function buttonIds(message: FakeMessage): string[] {
  return allComponents(message)
    .filter((c) => c.type === 2)
    .map((c) => String(c.custom_id));
}

/** The uploaded picture a V2 message shows (by its `attachment://` name), fetched from the fake and decoded. */
export async function shownPicture(
  message: FakeMessage,
): Promise<{ width: number; height: number; bytes: Buffer; name: string }> {
  const item = galleryItems(message)[0];
  if (!item) throw new Error('the message shows no picture');
  const name = item.media.url.replace('attachment://', '');
  const attachment = message.attachments.find((a) => a.filename === name);
  if (!attachment) throw new Error(`no attachment named ${name}`);
  const bytes = Buffer.from(await (await fetch(String(attachment.url))).arrayBuffer());
  const image = await loadImage(bytes);
  return { width: image.width, height: image.height, bytes, name };
}

/** The uploaded picture an embed of a message shows (`image.url` of `attachment://<name>`), fetched and decoded, with its alt text. */
export async function embedPicture(
  message: FakeMessage,
): Promise<{ width: number; height: number; name: string; description?: string }> {
  const url = (message.embeds[0] as { image?: { url?: string } } | undefined)?.image?.url;
  if (!url?.startsWith('attachment://')) throw new Error('the message shows no uploaded picture in an embed');
  const name = url.replace('attachment://', '');
  const attachment = message.attachments.find((a) => a.filename === name);
  if (!attachment) throw new Error(`no attachment named ${name}`);
  const image = await loadImage(Buffer.from(await (await fetch(String(attachment.url))).arrayBuffer()));
  return {
    width: image.width,
    height: image.height,
    name,
    ...(typeof attachment.description === 'string' ? { description: attachment.description } : {}),
  };
}
