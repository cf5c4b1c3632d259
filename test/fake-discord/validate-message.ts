import { FormErrors } from './form-errors.ts';
import { checkComponentsV2, IS_COMPONENTS_V2, legacyFieldsWithV2 } from './validate-components-v2.ts';

type Json = Record<string, unknown>;
type Path = (string | number)[];

/** Message flags a bot may set (ephemeral 64, suppress embeds 4, suppress notifications 4096). */
export const EPHEMERAL = 64;
const LOADING = 128;

/** The outcome of checking a message body against Discord's limits. */
export interface MessageCheck {
  errors: FormErrors;
  /** The body carries no `allowed_mentions` that turns mention parsing off. */
  mentionsNotDisabled: boolean;
  /** The resulting message would have no content, embeds, components or files. */
  empty: boolean;
}

/** The parts of a stored message an edit is merged into. */
export interface MessageParts {
  content?: string;
  embeds?: Json[];
  components?: Json[];
  attachments?: Json[];
  flags?: number;
}

/**
 * Checks a message body (post, callback data, follow-up or edit) as Discord does.
 * `base` prefixes error paths (`['data']` for callbacks); `existing` makes it an edit; `files` are
 * the uploaded files' names (or just their count).
 */
export function checkMessage(
  body: Json,
  base: Path,
  files: number | readonly string[],
  existing?: MessageParts,
): MessageCheck {
  const errors = new FormErrors();
  const fileCount = typeof files === 'number' ? files : files.length;
  const flags = typeof body.flags === 'number' ? body.flags : undefined;
  const wasV2 = ((existing?.flags ?? 0) & IS_COMPONENTS_V2) !== 0;
  const v2 = wasV2 || ((flags ?? 0) & IS_COMPONENTS_V2) !== 0;
  if (wasV2 && flags !== undefined && (flags & IS_COMPONENTS_V2) === 0)
    errors.add(
      [...base, 'flags'],
      'MESSAGE_CANNOT_REMOVE_COMPONENTS_V2_FLAG',
      'The IS_COMPONENTS_V2 flag cannot be removed from a message.',
    );
  if (v2) {
    for (const field of legacyFieldsWithV2(body, existing))
      errors.add(
        [...base, field],
        'MESSAGE_CANNOT_USE_LEGACY_FIELDS_WITH_COMPONENTS_V2',
        `The ${field} field cannot be used with the IS_COMPONENTS_V2 flag.`,
      );
    if (body.components !== undefined && body.components !== null) {
      const names = typeof files === 'number' ? [] : files;
      checkComponentsV2(body.components, [...base, 'components'], errors, {
        uploaded: names,
        kept: keptNames(body, existing),
      });
    }
  }
  if (body.content !== undefined && body.content !== null) {
    if (typeof body.content !== 'string')
      errors.add([...base, 'content'], 'BASE_TYPE_STRING', 'Must be a string.');
    else errors.maxLength([...base, 'content'], body.content, 2000);
  }
  if (body.embeds !== undefined && body.embeds !== null)
    checkEmbeds(body.embeds, [...base, 'embeds'], errors);
  if (!v2 && body.components !== undefined && body.components !== null) {
    checkMessageComponents(body.components, [...base, 'components'], errors);
  }
  const merged: MessageParts = {
    content: pick(body.content, existing?.content),
    embeds: pick(body.embeds, existing?.embeds),
    components: pick(body.components, existing?.components),
    attachments: pick(body.attachments, existing?.attachments),
  };
  const empty =
    !merged.content &&
    !(merged.embeds?.length ?? 0) &&
    !(merged.components?.length ?? 0) &&
    !(merged.attachments?.length ?? 0) &&
    fileCount === 0 &&
    body.poll === undefined &&
    !Array.isArray(body.sticker_ids);
  return { errors, mentionsNotDisabled: !mentionParsingDisabled(body.allowed_mentions), empty };
}

/** File names of an edited message's attachments that the edit keeps (all of them when it names none). */
function keptNames(body: Json, existing: MessageParts | undefined): string[] {
  const current = existing?.attachments ?? [];
  const listed = Array.isArray(body.attachments) ? (body.attachments as Json[]).map((a) => a?.id) : undefined;
  return current.filter((a) => !listed || listed.includes(a.id)).map((a) => String(a.filename));
}

// biome-ignore lint/suspicious/noExplicitAny: merges untyped JSON fields whatever their shape
function pick(value: unknown, fallback: any): any {
  return value === undefined || value === null ? fallback : value;
}

/** True when `allowed_mentions` parses nothing: `parse` absent or empty (explicit id lists are deliberate). */
export function mentionParsingDisabled(allowed: unknown): boolean {
  if (!allowed || typeof allowed !== 'object') return false;
  const parse = (allowed as Json).parse;
  return parse === undefined || (Array.isArray(parse) && parse.length === 0);
}

/** Whether a stored message's flags include the loading ("thinking…") state of a deferred reply. */
export function isLoading(flags: number): boolean {
  return (flags & LOADING) !== 0;
}

function checkEmbeds(embeds: unknown, path: Path, errors: FormErrors): void {
  if (!Array.isArray(embeds)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  errors.maxItems(path, embeds, 10);
  let total = 0;
  embeds.forEach((raw, i) => {
    const at = [...path, i];
    if (!raw || typeof raw !== 'object') {
      errors.add(at, 'MODEL_TYPE_CONVERT', 'Only dictionaries may be used in a ModelType');
      return;
    }
    const embed = raw as Json;
    errors.maxLength([...at, 'title'], embed.title, 256);
    errors.maxLength([...at, 'description'], embed.description, 4096);
    total += textLength(embed.title) + textLength(embed.description);
    if (embed.color !== undefined && embed.color !== null) {
      const color = embed.color;
      if (typeof color !== 'number' || !Number.isInteger(color) || color < 0 || color > 0xffffff) {
        errors.add(
          [...at, 'color'],
          'NUMBER_TYPE_MAX',
          'Int value should be less than or equal to 16777215.',
        );
      }
    }
    if (embed.footer !== undefined) {
      const footer = embed.footer as Json;
      errors.stringLength([...at, 'footer', 'text'], footer?.text, 1, 2048);
      total += textLength(footer?.text);
    }
    if (embed.author !== undefined) {
      const author = embed.author as Json;
      errors.stringLength([...at, 'author', 'name'], author?.name, 1, 256);
      total += textLength(author?.name);
    }
    if (embed.fields !== undefined) {
      if (!Array.isArray(embed.fields)) errors.add([...at, 'fields'], 'BASE_TYPE_ARRAY', 'Must be an array.');
      else {
        errors.maxItems([...at, 'fields'], embed.fields, 25);
        embed.fields.forEach((f: Json, j: number) => {
          errors.stringLength([...at, 'fields', j, 'name'], f?.name, 1, 256);
          errors.stringLength([...at, 'fields', j, 'value'], f?.value, 1, 1024);
          total += textLength(f?.name) + textLength(f?.value);
        });
      }
    }
  });
  if (total > 6000) errors.add(path, 'MESSAGE_EMBEDS_TOO_LONG', 'Embed size exceeds maximum size of 6000');
}

function textLength(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

const BUTTON = 2;
const STRING_SELECT = 3;
const TEXT_INPUT = 4;
const AUTO_SELECTS = new Set([5, 6, 7, 8]);

/** Checks message components (action rows of buttons and selects) against Discord's limits. */
export function checkMessageComponents(components: unknown, path: Path, errors: FormErrors): void {
  if (!Array.isArray(components)) {
    errors.add(path, 'BASE_TYPE_ARRAY', 'Must be an array.');
    return;
  }
  errors.maxItems(path, components, 5);
  const customIds = new Set<string>();
  components.forEach((raw, i) => {
    const rowPath = [...path, i];
    const row = raw as Json;
    if (row?.type !== 1) {
      errors.add(
        [...rowPath, 'type'],
        'UNION_TYPE_CHOICES',
        `Value of field "type" must be 1 (action row); got ${String(row?.type)}.`,
      );
      return;
    }
    const children = row.components;
    if (!Array.isArray(children) || children.length === 0) {
      errors.add([...rowPath, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
      return;
    }
    errors.maxItems([...rowPath, 'components'], children, 5);
    const hasSelect = children.some(
      (c: Json) => c?.type === STRING_SELECT || AUTO_SELECTS.has(c?.type as number),
    );
    if (hasSelect && children.length > 1) {
      errors.add(
        [...rowPath, 'components'],
        'COMPONENT_LAYOUT_WIDTH_EXCEEDED',
        'A select menu must be alone in its action row.',
      );
    }
    children.forEach((child: Json, j: number) => {
      const at = [...rowPath, 'components', j];
      checkCustomId(child, at, errors, customIds);
      if (child?.type === BUTTON) checkButton(child, at, errors);
      else if (child?.type === STRING_SELECT || AUTO_SELECTS.has(child?.type as number))
        checkSelect(child, at, errors);
      else if (child?.type === TEXT_INPUT) {
        errors.add([...at, 'type'], 'COMPONENT_TYPE_INVALID', 'Text inputs are only valid in modals.');
      } else
        errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', `Unknown component type ${String(child?.type)}.`);
    });
  });
}

/** Shared with the Components V2 checks (validate-components-v2.ts). */
export function checkCustomId(child: Json, at: Path, errors: FormErrors, seen: Set<string>): void {
  const id = child?.custom_id;
  if (id === undefined) return;
  errors.stringLength([...at, 'custom_id'], id, 1, 100);
  if (typeof id === 'string') {
    if (seen.has(id))
      errors.add(
        [...at, 'custom_id'],
        'COMPONENT_CUSTOM_ID_DUPLICATED',
        'Component custom id cannot be duplicated',
      );
    seen.add(id);
  }
}

/** Shared with the Components V2 checks (validate-components-v2.ts). */
export function checkButton(button: Json, at: Path, errors: FormErrors): void {
  const style = button.style;
  if (typeof style !== 'number' || style < 1 || style > 6) {
    errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2, 3, 4, 5, 6}.');
  }
  errors.maxLength([...at, 'label'], button.label, 80);
  if (style === 5) {
    if (typeof button.url !== 'string' || !/^(https?|discord):\/\//.test(button.url)) {
      errors.add([...at, 'url'], 'BUTTON_COMPONENT_URL_REQUIRED', 'A link button requires a valid url.');
    }
    if (button.custom_id !== undefined) {
      errors.add(
        [...at, 'custom_id'],
        'BUTTON_COMPONENT_CUSTOM_ID_NOT_ALLOWED',
        'A link button cannot have a custom id.',
      );
    }
  } else if (style !== 6) {
    if (button.custom_id === undefined) {
      errors.add([...at, 'custom_id'], 'BUTTON_COMPONENT_CUSTOM_ID_REQUIRED', 'A custom id required');
    }
    if (button.url !== undefined)
      errors.add(
        [...at, 'url'],
        'BUTTON_COMPONENT_URL_NOT_ALLOWED',
        'A url is only allowed on link buttons.',
      );
  }
  if (style !== 6 && !button.label && !button.emoji) {
    errors.add(
      [...at, 'label'],
      'BUTTON_COMPONENT_LABEL_OR_EMOJI_REQUIRED',
      'A button needs a label or an emoji.',
    );
  }
}

/** Shared with the Components V2 checks (validate-components-v2.ts). */
export function checkSelect(select: Json, at: Path, errors: FormErrors): void {
  if (select.custom_id === undefined)
    errors.add([...at, 'custom_id'], 'BASE_TYPE_REQUIRED', 'This field is required');
  errors.maxLength([...at, 'placeholder'], select.placeholder, 150);
  const min = (select.min_values as number | undefined) ?? 1;
  const max = (select.max_values as number | undefined) ?? 1;
  if (!Number.isInteger(min) || min < 0 || min > 25)
    errors.add([...at, 'min_values'], 'NUMBER_TYPE_MAX', 'Must be between 0 and 25.');
  if (!Number.isInteger(max) || max < 1 || max > 25)
    errors.add([...at, 'max_values'], 'NUMBER_TYPE_MAX', 'Must be between 1 and 25.');
  if (min > max)
    errors.add(
      [...at, 'min_values'],
      'SELECT_COMPONENT_MIN_GREATER_THAN_MAX',
      'min_values must not exceed max_values.',
    );
  if (select.type !== STRING_SELECT) return;
  const options = select.options;
  if (!Array.isArray(options) || options.length < 1 || options.length > 25) {
    errors.add([...at, 'options'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 25 in length.');
    return;
  }
  if (max > options.length) {
    errors.add(
      [...at, 'max_values'],
      'SELECT_COMPONENT_TOO_MANY_VALUES',
      'max_values must not exceed the number of options.',
    );
  }
  const values = new Set<string>();
  options.forEach((option: Json, k: number) => {
    errors.stringLength([...at, 'options', k, 'label'], option?.label, 1, 100);
    errors.stringLength([...at, 'options', k, 'value'], option?.value, 1, 100);
    errors.maxLength([...at, 'options', k, 'description'], option?.description, 100);
    if (typeof option?.value === 'string') {
      if (values.has(option.value))
        errors.add(
          [...at, 'options', k, 'value'],
          'SELECT_COMPONENT_OPTION_VALUE_DUPLICATED',
          'Option values must be unique.',
        );
      values.add(option.value);
    }
  });
}

/** Checks a modal (callback type 9 data): title, 1–5 rows or labels, text inputs. */
export function checkModal(data: Json, path: Path): FormErrors {
  const errors = new FormErrors();
  errors.stringLength([...path, 'custom_id'], data.custom_id, 1, 100);
  errors.stringLength([...path, 'title'], data.title, 1, 45);
  const components = data.components;
  if (!Array.isArray(components) || components.length < 1 || components.length > 5) {
    errors.add([...path, 'components'], 'BASE_TYPE_BAD_LENGTH', 'Must be between 1 and 5 in length.');
    return errors;
  }
  const customIds = new Set<string>();
  components.forEach((raw: Json, i: number) => {
    const at = [...path, 'components', i];
    if (raw?.type === 1) {
      const children = raw.components;
      if (!Array.isArray(children) || children.length !== 1) {
        errors.add(
          [...at, 'components'],
          'BASE_TYPE_BAD_LENGTH',
          'A modal action row holds exactly one text input.',
        );
        return;
      }
      checkTextInput(children[0] as Json, [...at, 'components', 0], errors, customIds, true);
    } else if (raw?.type === 18) {
      errors.stringLength([...at, 'label'], raw.label, 1, 45);
      errors.maxLength([...at, 'description'], raw.description, 100);
      const inner = raw.component as Json | undefined;
      if (inner?.type === TEXT_INPUT) checkTextInput(inner, [...at, 'component'], errors, customIds, false);
      else if (inner && (inner.type === STRING_SELECT || AUTO_SELECTS.has(inner.type as number))) {
        checkCustomId(inner, [...at, 'component'], errors, customIds);
        checkSelect(inner, [...at, 'component'], errors);
      } else
        errors.add(
          [...at, 'component', 'type'],
          'UNION_TYPE_CHOICES',
          'A label holds a text input or a select.',
        );
    } else if (raw?.type === 10) {
      errors.stringLength([...at, 'content'], raw.content, 1, 4000);
    } else {
      errors.add(
        [...at, 'type'],
        'UNION_TYPE_CHOICES',
        `Component type ${String(raw?.type)} is not valid in a modal.`,
      );
    }
  });
  return errors;
}

function checkTextInput(
  input: Json,
  at: Path,
  errors: FormErrors,
  seen: Set<string>,
  needsLabel: boolean,
): void {
  if (input?.type !== TEXT_INPUT) {
    errors.add([...at, 'type'], 'UNION_TYPE_CHOICES', 'Must be a text input (type 4).');
    return;
  }
  errors.stringLength([...at, 'custom_id'], input.custom_id, 1, 100);
  checkCustomId(input, at, errors, seen);
  if (input.style !== 1 && input.style !== 2)
    errors.add([...at, 'style'], 'BASE_TYPE_CHOICES', 'Value must be one of {1, 2}.');
  if (needsLabel) errors.stringLength([...at, 'label'], input.label, 1, 45);
  else errors.maxLength([...at, 'label'], input.label, 45);
  errors.maxLength([...at, 'placeholder'], input.placeholder, 100);
  errors.maxLength([...at, 'value'], input.value, 4000);
  const min = input.min_length as number | undefined;
  const max = input.max_length as number | undefined;
  if (min !== undefined && (min < 0 || min > 4000))
    errors.add([...at, 'min_length'], 'NUMBER_TYPE_MAX', 'Must be between 0 and 4000.');
  if (max !== undefined && (max < 1 || max > 4000))
    errors.add([...at, 'max_length'], 'NUMBER_TYPE_MAX', 'Must be between 1 and 4000.');
}

/** Checks an autocomplete result (callback type 8 data): ≤ 25 choices, names 1–100, string values ≤ 100. */
export function checkAutocomplete(data: Json, path: Path): FormErrors {
  const errors = new FormErrors();
  const choices = data?.choices;
  if (!Array.isArray(choices)) {
    errors.add([...path, 'choices'], 'BASE_TYPE_REQUIRED', 'This field is required');
    return errors;
  }
  errors.maxItems([...path, 'choices'], choices, 25);
  choices.forEach((choice: Json, i: number) => {
    errors.stringLength([...path, 'choices', i, 'name'], choice?.name, 1, 100);
    if (typeof choice?.value === 'string')
      errors.maxLength([...path, 'choices', i, 'value'], choice.value, 100);
    else if (typeof choice?.value !== 'number') {
      errors.add([...path, 'choices', i, 'value'], 'BASE_TYPE_REQUIRED', 'This field is required');
    }
  });
  return errors;
}
