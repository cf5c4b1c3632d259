// Messages as Discord draws them: author line, content, embeds, buttons, select menus and Components V2.
import { formatTimestamp, markdown } from './markdown.js';

/**
 * @typedef {import('./markdown.js').MarkdownContext & {
 *   botName: string,
 *   members: { id: string, displayName: string }[],
 *   channels: { id: string, name: string }[],
 * }} RenderContext
 * @typedef {{
 *   click(messageId: string, customId: string): Promise<void>,
 *   select(messageId: string, customId: string, values: string[]): Promise<void>,
 *   dismiss(messageId: string): void,
 * }} MessageActions
 */

/** @param {string} tag @param {string} [className] @param {(Node|string)[]} [children] */
function el(tag, className, children = []) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

const BUTTON_STYLES = new Set([1, 2, 3, 4, 5]);

function hexColor(/** @type {number} */ color) {
  return `#${color.toString(16).padStart(6, '0')}`;
}

function clockTime(/** @type {string} */ iso) {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

function renderEmbed(/** @type {any} */ embed, /** @type {RenderContext} */ ctx) {
  const node = el('article', 'embed');
  if (typeof embed.color === 'number') node.style.borderLeftColor = hexColor(embed.color);
  if (embed.author?.name) node.append(el('div', 'embed-author', [embed.author.name]));
  if (embed.title) node.append(el('h3', 'embed-title', [markdown(embed.title, ctx)]));
  if (embed.description) node.append(el('div', 'embed-description', [markdown(embed.description, ctx)]));
  if (Array.isArray(embed.fields) && embed.fields.length > 0) {
    const fields = el('dl', 'embed-fields');
    for (const field of embed.fields) {
      const wrapper = el('div', field.inline ? 'embed-field inline' : 'embed-field', [
        el('dt', '', [markdown(field.name ?? '', ctx)]),
        el('dd', '', [markdown(field.value ?? '', ctx)]),
      ]);
      fields.append(wrapper);
    }
    node.append(fields);
  }
  const footer = [
    embed.footer?.text,
    embed.timestamp ? formatTimestamp(Date.parse(embed.timestamp), 'f', ctx.now()) : null,
  ]
    .filter(Boolean)
    .join(' • ');
  if (footer) node.append(el('footer', 'embed-footer', [footer]));
  return node;
}

function renderButton(
  /** @type {any} */ button,
  /** @type {string} */ messageId,
  /** @type {MessageActions} */ actions,
) {
  const style = BUTTON_STYLES.has(button.style) ? button.style : 2;
  const label = [button.emoji?.name, button.label].filter(Boolean).join(' ');
  if (style === 5) {
    const link = el('a', 'btn style-5', [label, ' ↗']);
    try {
      const url = new URL(button.url);
      if (url.protocol === 'https:' || url.protocol === 'http:') link.setAttribute('href', url.href);
    } catch {
      // Not a web address: shown, not followed.
    }
    link.setAttribute('target', '_blank');
    link.setAttribute('rel', 'noopener noreferrer');
    return link;
  }
  const node = /** @type {HTMLButtonElement} */ (el('button', `btn style-${style}`, [label]));
  node.type = 'button';
  node.disabled = Boolean(button.disabled);
  node.dataset.customId = button.custom_id;
  node.addEventListener('click', async () => {
    node.setAttribute('aria-busy', 'true');
    try {
      await actions.click(messageId, button.custom_id);
    } finally {
      node.removeAttribute('aria-busy');
    }
  });
  return node;
}

/** The options of a select menu: its own for string selects (3), members or channels for the others. */
function selectOptions(/** @type {any} */ menu, /** @type {RenderContext} */ ctx) {
  if (menu.type === 3)
    return (menu.options ?? []).map((o) => ({
      label: [o.emoji?.name, o.label].filter(Boolean).join(' '),
      value: o.value,
      description: o.description,
      selected: Boolean(o.default),
    }));
  if (menu.type === 8) return ctx.channels.map((c) => ({ label: `#${c.name}`, value: c.id }));
  return ctx.members.map((m) => ({ label: m.displayName, value: m.id }));
}

function renderSelect(
  /** @type {any} */ menu,
  /** @type {string} */ messageId,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  const multiple = (menu.max_values ?? 1) > 1;
  const select = /** @type {HTMLSelectElement} */ (el('select', 'select-menu'));
  select.dataset.customId = menu.custom_id;
  select.disabled = Boolean(menu.disabled);
  select.multiple = multiple;
  select.setAttribute('aria-label', menu.placeholder ?? 'Make a selection');
  if (!multiple) {
    const placeholder = /** @type {HTMLOptionElement} */ (
      el('option', '', [menu.placeholder ?? 'Make a selection'])
    );
    placeholder.value = '';
    placeholder.disabled = true;
    placeholder.selected = true;
    select.append(placeholder);
  }
  for (const option of selectOptions(menu, ctx)) {
    const node = /** @type {HTMLOptionElement} */ (el('option', '', [option.label]));
    node.value = option.value;
    if (option.description) node.title = option.description;
    if (option.selected && multiple) node.selected = true;
    select.append(node);
  }
  const send = () => {
    const values = [...select.selectedOptions].map((o) => o.value).filter((v) => v !== '');
    if (values.length > 0) void actions.select(messageId, menu.custom_id, values);
  };
  if (!multiple) {
    select.addEventListener('change', send);
    return select;
  }
  select.size = Math.min(6, select.options.length);
  const submit = /** @type {HTMLButtonElement} */ (el('button', 'btn style-1', ['Choose']));
  submit.type = 'button';
  submit.disabled = select.disabled;
  submit.addEventListener('click', send);
  return el('div', 'multi-select', [select, submit]);
}

function renderRow(
  /** @type {any} */ row,
  /** @type {string} */ messageId,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  const line = el('div', 'action-row');
  for (const component of row.components ?? []) {
    if (component.type === 2) line.append(renderButton(component, messageId, actions));
    else if ([3, 5, 6, 7, 8].includes(component.type))
      line.append(renderSelect(component, messageId, ctx, actions));
  }
  return line;
}

/** The page URL of a picture: `attachment://name` is the file uploaded with the message. */
function mediaUrl(/** @type {string} */ url, /** @type {{ filename: string, url: string }[]} */ files) {
  if (!url.startsWith('attachment://')) return '';
  return files.find((f) => f.filename === url.slice('attachment://'.length))?.url ?? '';
}

/** One Components V2 component (container, section, text, gallery, separator, row), drawn as Discord does. */
function renderV2(
  /** @type {any} */ component,
  /** @type {any} */ view,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  const children = (/** @type {any[]} */ list) => (list ?? []).map((c) => renderV2(c, view, ctx, actions));
  switch (component.type) {
    case 17: {
      const box = el('div', 'v2-container', children(component.components));
      if (typeof component.accent_color === 'number')
        box.style.borderLeftColor = hexColor(component.accent_color);
      return box;
    }
    case 9: {
      const accessory =
        component.accessory?.type === 2 ? renderButton(component.accessory, view.id, actions) : '';
      return el('div', 'v2-section', [
        el('div', 'v2-section-text', children(component.components)),
        accessory,
      ]);
    }
    case 10:
      return el('div', 'v2-text', [markdown(component.content ?? '', ctx)]);
    case 12: {
      const gallery = el('div', 'v2-gallery');
      for (const item of component.items ?? []) {
        const src = mediaUrl(item.media?.url ?? '', view.attachments ?? []);
        if (!src) continue;
        const image = /** @type {HTMLImageElement} */ (el('img', 'v2-image'));
        image.src = src;
        image.alt = item.description ?? '';
        image.loading = 'lazy';
        gallery.append(image);
      }
      return gallery;
    }
    case 14:
      return el(component.divider === false ? 'div' : 'hr', 'v2-separator');
    case 1:
      return el('div', 'components', [renderRow(component, view.id, ctx, actions)]);
    default:
      return el('div');
  }
}

function renderComponents(
  /** @type {any} */ view,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  if (view.v2)
    return el(
      'div',
      'v2',
      view.components.map((c) => renderV2(c, view, ctx, actions)),
    );
  const wrapper = el('div', 'components');
  for (const row of view.components)
    if (row.type === 1) wrapper.append(renderRow(row, view.id, ctx, actions));
  return wrapper;
}

/** One message as a list item. */
export function renderMessage(
  /** @type {any} */ view,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  const item = el('li', view.ephemeral ? 'message ephemeral' : 'message');
  item.dataset.messageId = view.id;
  if (view.interaction) {
    item.append(
      el('div', 'used-command', [
        el('span', 'used-avatar', [ctx.userName(view.interaction.userId).slice(0, 1).toUpperCase()]),
        el('span', 'used-name', [ctx.userName(view.interaction.userId)]),
        ' used ',
        el('span', 'used-cmd', [view.interaction.command]),
      ]),
    );
  }
  const avatar = el('div', 'avatar bot-avatar', ['F']);
  avatar.setAttribute('aria-hidden', 'true');
  const time = el('time', 'message-time', [clockTime(view.createdAt)]);
  time.setAttribute('datetime', view.createdAt);
  const header = el('div', 'message-header', [
    el('span', 'author', [ctx.botName]),
    el('span', 'bot-tag', ['APP']),
    time,
  ]);
  const body = el('div', 'message-body', [header]);
  if (view.loading) {
    body.append(el('div', 'thinking', [`${ctx.botName} is thinking…`]));
  } else {
    if (view.content) body.append(markdown(view.content, ctx));
    if (view.edited && view.content) body.lastElementChild?.append(el('span', 'edited', [' (edited)']));
    for (const embed of view.embeds ?? []) body.append(renderEmbed(embed, ctx));
    if ((view.components ?? []).length > 0) body.append(renderComponents(view, ctx, actions));
  }
  if (view.ephemeral) {
    const dismiss = /** @type {HTMLButtonElement} */ (el('button', 'link-button', ['Dismiss message']));
    dismiss.type = 'button';
    dismiss.addEventListener('click', () => actions.dismiss(view.id));
    body.append(el('div', 'ephemeral-note', ['Only you can see this · ', dismiss]));
  }
  item.append(el('div', 'message-main', [avatar, body]));
  return item;
}

/**
 * Brings the list up to date with as little change as possible: unchanged messages keep their
 * elements (and focus, and a half-made multi-select); a re-drawn message gets focus back on the
 * same component.
 */
export function updateMessageList(
  /** @type {HTMLElement} */ list,
  /** @type {any[]} */ views,
  /** @type {RenderContext} */ ctx,
  /** @type {MessageActions} */ actions,
) {
  /** @type {Map<string, HTMLElement>} */
  const existing = new Map();
  for (const child of /** @type {HTMLElement[]} */ ([...list.children]))
    existing.set(child.dataset.messageId ?? '', child);
  const active = /** @type {HTMLElement | null} */ (document.activeElement);
  const focusedMessage = active?.closest?.('[data-message-id]');
  const focusedId = focusedMessage instanceof HTMLElement ? focusedMessage.dataset.messageId : undefined;
  const focusedComponent = active?.dataset?.customId;

  const wanted = new Set(views.map((v) => v.id));
  for (const [id, node] of existing) if (!wanted.has(id)) node.remove();
  let previous = null;
  for (const view of views) {
    const signature = JSON.stringify(view);
    let node = existing.get(view.id);
    if (!node || node.dataset.signature !== signature) {
      const fresh = renderMessage(view, ctx, actions);
      fresh.dataset.signature = signature;
      if (node) node.replaceWith(fresh);
      node = fresh;
      if (view.id === focusedId) {
        const again = focusedComponent
          ? fresh.querySelector(`[data-custom-id="${CSS.escape(focusedComponent)}"]`)
          : null;
        const target =
          again && !(/** @type {HTMLButtonElement} */ (again).disabled)
            ? again
            : fresh.querySelector('button:not([disabled]), select:not([disabled])');
        /** @type {HTMLElement | null} */ (target)?.focus();
      }
    }
    const expectedPlace = previous ? previous.nextElementSibling : list.firstElementChild;
    if (expectedPlace !== node) {
      if (previous) previous.after(node);
      else list.prepend(node);
    }
    previous = node;
  }
}
