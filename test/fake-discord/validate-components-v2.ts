import type { FormErrors } from './form-errors.ts';
import { checkButton, checkCustomId, checkSelect } from './validate-message.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** The message flag that makes `components` Components V2 (layout and content components). */
export const IS_COMPONENTS_V2 = 1 << 15;

/** Discord's limits for a Components V2 message. */
export const V2_LIMITS = {
  components: 40,
  textTotal: 4000,
  sectionTexts: 3,
  galleryItems: 10,
  mediaDescription: 1024,
  rowButtons: 5,
} as const;

const TYPE = {
  row: 1,
  button: 2,
  stringSelect: 3,
  section: 9,
  text: 10,
  thumbnail: 11,
  gallery: 12,
  file: 13,
  separator: 14,
  container: 17,
} as const;
const SELECTS = new Set([3, 5, 6, 7, 8]);
const TOP_LEVEL = new Set<number>([
  TYPE.row,
  TYPE.section,
  TYPE.text,
  TYPE.gallery,
  TYPE.file,
  TYPE.separator,
  TYPE.container,
]);
const IN_CONTAINER = new Set<number>([
  TYPE.row,
  TYPE.section,
  TYPE.text,
  TYPE.gallery,
  TYPE.file,
  TYPE.separator,
]);

/** What `attachment://` names a message body may refer to: files uploaded with it, and kept attachments of an edit. */
export interface AttachmentNames {
  uploaded: readonly string[];
  kept: readonly string[];
}

interface Walk {
  errors: FormErrors;
  files: AttachmentNames;
  count: number;
  text: number;
  ids: Set<number>;
  customIds: Set<string>;
}

/**
 * Checks the `components` of a message sent with the Components V2 flag, as Discord does: which types
 * may sit where, 40 components in all (nested ones count), 4,000 characters of text in all, sections,
 * galleries, thumbnails, files, and every `attachment://` reference matching a file of the request.
 */
export function checkComponentsV2(
  components: unknown,
  path: Path,
  errors: FormErrors,
  files: AttachmentNames,
): void {
  if (!Array.isArray(components)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  const walk: Walk = { errors, files, count: 0, text: 0, ids: new Set(), customIds: new Set() };
  components.forEach((raw, i) => {
    const at = [...path, i];
    const type = (raw as Json | null)?.type as number | undefined;
    if (type === undefined || !TOP_LEVEL.has(type)) {
      errors.add(
        [...at, 'type'],
        'UNION_TYPE_CHOICES',
        `Component type ${String(type)} is not valid at the top level of a message.`,
      );
      return;
    }
    component(raw as Json, at, walk);
  });
  if (walk.count > V2_LIMITS.components)
    errors.add(
      path,
      'COMPONENT_MAX_TOTAL_COMPONENTS_EXCEEDED',
      `A message holds at most ${V2_LIMITS.components} components (nested ones count); got ${walk.count}.`,
    );
  if (walk.text > V2_LIMITS.textTotal)
    errors.add(
      path,
      'COMPONENT_MAX_TOTAL_TEXT_LENGTH_EXCEEDED',
      `The text of all text displays is at most ${V2_LIMITS.textTotal} characters; got ${walk.text}.`,
    );
}

function component(c: Json, at: Path, walk: Walk): void {
  walk.count++;
  const { errors } = walk;
  if (c.id !== undefined) {
    if (typeof c.id !== 'number' || !Number.isInteger(c.id) || c.id < 0 || c.id > 2 ** 31 - 1)
      errors.add([...at, 'id'], 'NUMBER_TYPE_COERCE', 'Must be a 32-bit integer.');
    else if (walk.ids.has(c.id))
      errors.add([...at, 'id'], 'COMPONENT_ID_DUPLICATED', 'Component ids must be unique in a message.');
    else walk.ids.add(c.id);
  }
  switch (c.type) {
    case TYPE.container:
      container(c, at, walk);
      return;
    case TYPE.section:
      section(c, at, walk);
      return;
    case TYPE.text:
      errors.stringLength([...at, 'content'], c.content, 1, V2_LIMITS.textTotal);
      walk.text += typeof c.content === 'string' ? c.content.length : 0;
      return;
    case TYPE.gallery:
      gallery(c, at, walk);
      return;
    case TYPE.thumbnail:
      media(c.media, [...at, 'media'], walk, false);
      errors.maxLength([...at, 'description'], c.description, V2_LIMITS.mediaDescription);
      return;
    case TYPE.file:
      media(c.file, [...at, 'file'], walk, true);
      return;
    case TYPE.separator:
      if (c.spacing !== undefined && c.spacing !== 1 && c.spacing !== 2)
        errors.add([...at, 'spacing'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
      if (c.divider !== undefined && typeof c.divider !== 'boolean')
        errors.add([...at, 'divider'], 'BASE_TYPE_BOOLEAN', 'Must be a boolean.');
      return;
    case TYPE.row:
      row(c, at, walk);
      return;
    case TYPE.button:
      checkCustomId(c, at, errors, walk.customIds);
      checkButton(c, at, errors);
      return;
    default:
      errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', `Unknown component type ${String(c.type)}.`);
  }
}

function container(c: Json, at: Path, walk: Walk): void {
  const color = c.accent_color;
  if (
    color !== undefined &&
    color !== null &&
    (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff)
  )
    walk.errors.add(
      [...at, 'accent_color'],
      'NUMBER_TYPE_MAX',
      'Int value should be less than or equal to 16777215.',
    );
  const children = c.components;
  if (!Array.isArray(children) || children.length === 0) {
    walk.errors.add([...at, 'components'], 'BASE_TYPE_MIN_LENGTH', 'Must be 1 or more in length.');
    return;
  }
  children.forEach((child: Json, i: number) => {
    const path = [...at, 'components', i];
    if (!IN_CONTAINER.has(child?.type as number)) {
      walk.errors.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        `Component type ${String(child?.type)} is not valid in a container.`,
      );
      return;
    }
    component(child, path, walk);
  });
}

function section(c: Json, at: Path, walk: Walk): void {
  const texts = c.components;
  if (!Array.isArray(texts) || texts.length < 1 || texts.length > V2_LIMITS.sectionTexts)
    walk.errors.add(
      [...at, 'components'],
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${V2_LIMITS.sectionTexts} in length.`,
    );
  else
    texts.forEach((t: Json, i: number) => {
      if (t?.type !== TYPE.text)
        walk.errors.add(
          [...at, 'components', i, 'type'],
          'UNION_TYPE_CHOICES',
          'A section holds text displays only.',
        );
      else component(t, [...at, 'components', i], walk);
    });
  const accessory = c.accessory as Json | undefined;
  if (!accessory || (accessory.type !== TYPE.button && accessory.type !== TYPE.thumbnail))
    walk.errors.add(
      [...at, 'accessory'],
      'BASE_TYPE_REQUIRED',
      'A section needs a button or thumbnail accessory.',
    );
  else component(accessory, [...at, 'accessory'], walk);
}

function gallery(c: Json, at: Path, walk: Walk): void {
  const items = c.items;
  if (!Array.isArray(items) || items.length < 1 || items.length > V2_LIMITS.galleryItems) {
    walk.errors.add(
      [...at, 'items'],
      'BASE_TYPE_BAD_LENGTH',
      `Must be between 1 and ${V2_LIMITS.galleryItems} in length.`,
    );
    return;
  }
  items.forEach((item: Json, i: number) => {
    media(item?.media, [...at, 'items', i, 'media'], walk, false);
    walk.errors.maxLength([...at, 'items', i, 'description'], item?.description, V2_LIMITS.mediaDescription);
  });
}

function media(m: unknown, at: Path, walk: Walk, attachmentOnly: boolean): void {
  const url = (m as Json | undefined)?.url;
  if (typeof url !== 'string' || url === '') {
    walk.errors.add([...at, 'url'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return;
  }
  if (url.startsWith('attachment://')) {
    const name = url.slice('attachment://'.length);
    const { uploaded, kept } = walk.files;
    if (!uploaded.includes(name) && !kept.includes(name))
      walk.errors.add(
        [...at, 'url'],
        'UNFURLED_MEDIA_ITEM_ATTACHMENT_NOT_FOUND',
        `${url} names no file uploaded with this request (files: ${[...uploaded, ...kept].join(', ') || 'none'}).`,
      );
    return;
  }
  if (attachmentOnly)
    walk.errors.add(
      [...at, 'url'],
      'UNFURLED_MEDIA_ITEM_ATTACHMENT_REQUIRED',
      'A file component needs an attachment:// url.',
    );
  else if (!/^https?:\/\//.test(url))
    walk.errors.add([...at, 'url'], 'URL_TYPE_INVALID_URL', 'Not a well formed URL.');
}

function row(c: Json, at: Path, walk: Walk): void {
  const children = c.components;
  if (!Array.isArray(children) || children.length === 0 || children.length > V2_LIMITS.rowButtons) {
    walk.errors.add([...at, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    return;
  }
  const hasSelect = children.some((x: Json) => SELECTS.has(x?.type as number));
  if (hasSelect && children.length > 1)
    walk.errors.add(
      [...at, 'components'],
      'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
      'A select menu must be alone in its action row.',
    );
  children.forEach((child: Json, j: number) => {
    const path = [...at, 'components', j];
    walk.count++;
    checkCustomId(child, path, walk.errors, walk.customIds);
    if (child?.type === TYPE.button) checkButton(child, path, walk.errors);
    else if (SELECTS.has(child?.type as number)) checkSelect(child, path, walk.errors);
    else
      walk.errors.add(
        [...path, 'type'],
        'UNION_TYPE_CHOICES',
        `Component type ${String(child?.type)} is not valid in an action row.`,
      );
  });
}

/** The legacy fields a Components V2 message may not carry (non-empty): content, embeds, poll, stickers. */
export function legacyFieldsWithV2(
  body: Json,
  existing: { content?: string; embeds?: Json[] } | undefined,
): string[] {
  const content = body.content === undefined ? existing?.content : body.content;
  const embeds = body.embeds === undefined || body.embeds === null ? existing?.embeds : body.embeds;
  const found: string[] = [];
  if (typeof content === 'string' && content !== '') found.push('content');
  if (Array.isArray(embeds) && embeds.length > 0) found.push('embeds');
  if (body.poll !== undefined && body.poll !== null) found.push('poll');
  if (Array.isArray(body.sticker_ids) && body.sticker_ids.length > 0) found.push('sticker_ids');
  return found;
}
