// The command box: "/" lists the registered commands (and subcommands); picking one shows a field per
// option, typed from the command JSON (choices, numbers with min/max, members, channels, files), with
// the bot's own autocomplete answers for autocomplete options.
import { post } from './api.js';

const OPTION = {
  SUB: 1,
  GROUP: 2,
  STRING: 3,
  INTEGER: 4,
  BOOLEAN: 5,
  USER: 6,
  CHANNEL: 7,
  ROLE: 8,
  MENTIONABLE: 9,
  NUMBER: 10,
  ATTACHMENT: 11,
};

/**
 * @typedef {{ name: string, group?: string, subcommand?: string, label: string, description: string,
 *   options: any[], adminOnly: boolean }} CommandEntry
 * @typedef {{ userId: string, channelId: string, channelName: string, manager: boolean,
 *   members: { id: string, displayName: string }[], channels: { id: string, name: string }[] }} Where
 */

/** Every command and subcommand the member can run, as Discord's picker lists them. */
export function commandEntries(/** @type {any[]} */ commands) {
  /** @type {CommandEntry[]} */
  const entries = [];
  for (const command of commands) {
    const adminOnly = command.default_member_permissions != null;
    const options = command.options ?? [];
    const nested = options.filter((o) => o.type === OPTION.SUB || o.type === OPTION.GROUP);
    if (nested.length === 0) {
      entries.push({
        name: command.name,
        label: `/${command.name}`,
        description: command.description,
        options,
        adminOnly,
      });
      continue;
    }
    for (const sub of nested) {
      if (sub.type === OPTION.SUB) {
        entries.push({
          name: command.name,
          subcommand: sub.name,
          label: `/${command.name} ${sub.name}`,
          description: sub.description,
          options: sub.options ?? [],
          adminOnly,
        });
        continue;
      }
      for (const inner of sub.options ?? [])
        entries.push({
          name: command.name,
          group: sub.name,
          subcommand: inner.name,
          label: `/${command.name} ${sub.name} ${inner.name}`,
          description: inner.description,
          options: inner.options ?? [],
          adminOnly,
        });
    }
  }
  return entries.sort((a, b) => a.label.localeCompare(b.label));
}

/** @param {string} tag @param {Record<string, any>} [props] @param {(Node|string)[]} [children] */
function el(tag, props = {}, children = []) {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function readFileBase64(/** @type {File} */ file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

/**
 * Wires the command box.
 * @param {{ form: HTMLFormElement, input: HTMLInputElement, fields: HTMLElement, list: HTMLElement,
 *   status: HTMLElement, commands: () => any[], where: () => Where,
 *   onResult: (result: any) => void, onError: (message: string) => void }} deps
 */
export function createComposer(deps) {
  const { form, input, fields, list, status } = deps;
  /** @type {CommandEntry | null} */
  let selected = null;
  /** @type {{ owner: HTMLInputElement, items: { label: string, detail?: string, pick: () => void }[], active: number } | null} */
  let open = null;
  let autocompleteTimer = 0;
  let autocompleteSeq = 0;

  function closeList() {
    open = null;
    list.hidden = true;
    list.replaceChildren();
    for (const box of form.querySelectorAll('[role="combobox"]')) {
      box.setAttribute('aria-expanded', 'false');
      box.removeAttribute('aria-activedescendant');
    }
  }

  function showList(
    /** @type {HTMLInputElement} */ owner,
    /** @type {{ label: string, detail?: string, pick: () => void }[]} */ items,
    /** @type {string} */ heading,
  ) {
    if (items.length === 0) return closeList();
    open = { owner, items, active: 0 };
    list.replaceChildren();
    list.setAttribute('aria-label', heading);
    items.forEach((item, index) => {
      const option = el('div', { id: `suggestion-${index}`, className: 'suggestion' }, [
        el('span', { className: 'suggestion-label', textContent: item.label }),
      ]);
      if (item.detail)
        option.append(el('span', { className: 'suggestion-detail', textContent: item.detail }));
      option.setAttribute('role', 'option');
      // mousedown, not click: the input keeps its focus.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        item.pick();
      });
      list.append(option);
    });
    list.hidden = false;
    owner.setAttribute('aria-expanded', 'true');
    highlight(0);
  }

  function highlight(/** @type {number} */ index) {
    if (!open) return;
    open.active = (index + open.items.length) % open.items.length;
    for (const [i, child] of [...list.children].entries())
      child.setAttribute('aria-selected', String(i === open.active));
    open.owner.setAttribute('aria-activedescendant', `suggestion-${open.active}`);
    list.children[open.active]?.scrollIntoView({ block: 'nearest' });
  }

  /** Arrow keys, Enter/Tab and Escape drive the open list; true when the key was used. */
  function listKeys(/** @type {KeyboardEvent} */ event) {
    if (!open || open.owner !== event.target) return false;
    if (event.key === 'ArrowDown') highlight(open.active + 1);
    else if (event.key === 'ArrowUp') highlight(open.active - 1);
    else if (event.key === 'Enter' || event.key === 'Tab') open.items[open.active]?.pick();
    else if (event.key === 'Escape') closeList();
    else return false;
    event.preventDefault();
    return true;
  }

  function visibleEntries() {
    const { manager } = deps.where();
    // Discord hides commands whose default_member_permissions the member lacks.
    return commandEntries(deps.commands()).filter((entry) => manager || !entry.adminOnly);
  }

  function suggestCommands() {
    const text = input.value.trimStart();
    if (!text.startsWith('/')) return closeList();
    const query = text.slice(1).toLowerCase();
    const matches = visibleEntries().filter(
      (e) => e.label.slice(1).startsWith(query) || (query.length > 0 && e.label.includes(query)),
    );
    showList(
      input,
      matches
        .slice(0, 25)
        .map((entry) => ({ label: entry.label, detail: entry.description, pick: () => choose(entry) })),
      'Commands',
    );
  }

  function choose(/** @type {CommandEntry} */ entry) {
    selected = entry;
    input.value = entry.label;
    closeList();
    renderFields(entry);
    const first = /** @type {HTMLElement | null} */ (fields.querySelector('input, select'));
    (first ?? input).focus();
    status.textContent = entry.options.length
      ? `${entry.label}: fill in the options, then press Enter to send`
      : `${entry.label}: press Enter to send`;
  }

  function clearCommand() {
    selected = null;
    fields.replaceChildren();
    fields.hidden = true;
  }

  function fieldFor(/** @type {any} */ option, /** @type {CommandEntry} */ entry) {
    const id = `option-${option.name}`;
    const { members, channels } = deps.where();
    /** @type {HTMLInputElement | HTMLSelectElement} */
    let control;
    const choices = option.choices ?? null;
    if (
      choices ||
      option.type === OPTION.BOOLEAN ||
      option.type === OPTION.USER ||
      option.type === OPTION.MENTIONABLE ||
      option.type === OPTION.CHANNEL
    ) {
      const select = /** @type {HTMLSelectElement} */ (el('select'));
      const values = choices
        ? choices.map((c) => ({ label: c.name, value: String(c.value) }))
        : option.type === OPTION.BOOLEAN
          ? [
              { label: 'True', value: 'true' },
              { label: 'False', value: 'false' },
            ]
          : option.type === OPTION.CHANNEL
            ? channels.map((c) => ({ label: `#${c.name}`, value: c.id }))
            : members.map((m) => ({ label: m.displayName, value: m.id }));
      select.append(el('option', { value: '', textContent: option.required ? 'Choose…' : '(none)' }));
      for (const v of values) select.append(el('option', { value: v.value, textContent: v.label }));
      control = select;
    } else if (option.type === OPTION.ATTACHMENT) {
      control = /** @type {HTMLInputElement} */ (el('input', { type: 'file' }));
    } else {
      const field = /** @type {HTMLInputElement} */ (
        el('input', {
          type: option.type === OPTION.INTEGER || option.type === OPTION.NUMBER ? 'number' : 'text',
          autocomplete: 'off',
        })
      );
      if (option.type === OPTION.INTEGER) field.step = '1';
      if (option.type === OPTION.NUMBER) field.step = 'any';
      if (option.min_value !== undefined) field.min = String(option.min_value);
      if (option.max_value !== undefined) field.max = String(option.max_value);
      if (option.max_length !== undefined) field.maxLength = option.max_length;
      if (option.min_length !== undefined) field.minLength = option.min_length;
      if (option.autocomplete) {
        field.setAttribute('role', 'combobox');
        field.setAttribute('aria-autocomplete', 'list');
        field.setAttribute('aria-controls', 'suggestions');
        field.setAttribute('aria-expanded', 'false');
        const ask = () => {
          delete field.dataset.value;
          window.clearTimeout(autocompleteTimer);
          autocompleteTimer = window.setTimeout(() => void autocomplete(entry, option, field), 150);
        };
        field.addEventListener('input', ask);
        field.addEventListener('focus', ask);
        field.addEventListener('blur', () =>
          window.setTimeout(() => open?.owner === field && closeList(), 100),
        );
      }
      control = field;
    }
    control.id = id;
    control.name = option.name;
    control.dataset.optionType = String(option.type);
    if (option.required) control.required = true;
    const hint = el('small', { className: 'hint', id: `${id}-hint`, textContent: option.description ?? '' });
    control.setAttribute('aria-describedby', hint.id);
    const label = el('label', { htmlFor: id }, [option.name]);
    if (option.required)
      label.append(el('span', { className: 'required', textContent: ' *', ariaHidden: 'true' }));
    return el('div', { className: 'option-field' }, [label, control, hint]);
  }

  function renderFields(/** @type {CommandEntry} */ entry) {
    fields.replaceChildren(...entry.options.map((option) => fieldFor(option, entry)));
    fields.hidden = entry.options.length === 0;
  }

  /** The options typed so far, as the bot will read them; `focused` as typed text. */
  function partialOptions(/** @type {CommandEntry} */ entry, /** @type {string} */ focused) {
    /** @type {Record<string, string | number | boolean>} */
    const out = {};
    for (const option of entry.options) {
      const control = /** @type {HTMLInputElement | null} */ (
        fields.querySelector(`[name="${CSS.escape(option.name)}"]`)
      );
      if (!control || control.type === 'file') continue;
      const raw = option.name === focused ? control.value : (control.dataset.value ?? control.value);
      if (raw === '' && option.name !== focused) continue;
      const value = typed(option, raw);
      if (option.name === focused)
        out[option.name] = typeof value === 'number' && Number.isNaN(value) ? raw : value;
      else if (!(typeof value === 'number' && Number.isNaN(value))) out[option.name] = value;
    }
    return out;
  }

  async function autocomplete(
    /** @type {CommandEntry} */ entry,
    /** @type {any} */ option,
    /** @type {HTMLInputElement} */ field,
  ) {
    const seq = ++autocompleteSeq;
    const { userId, channelId } = deps.where();
    try {
      const { choices } = await post('/api/autocomplete', {
        userId,
        channelId,
        name: entry.name,
        ...(entry.group ? { group: entry.group } : {}),
        ...(entry.subcommand ? { subcommand: entry.subcommand } : {}),
        options: partialOptions(entry, option.name),
        focused: option.name,
      });
      if (seq !== autocompleteSeq || document.activeElement !== field) return;
      showList(
        field,
        choices.map((choice) => ({
          label: choice.name,
          pick: () => {
            field.value = choice.name;
            field.dataset.value = String(choice.value);
            closeList();
          },
        })),
        `Suggestions for ${option.name}`,
      );
    } catch (error) {
      // Suggestions for an earlier query would look like answers to this one.
      if (seq === autocompleteSeq && open?.owner === field) closeList();
      deps.onError(error instanceof Error ? error.message : String(error));
    }
  }

  async function collect(/** @type {CommandEntry} */ entry) {
    /** @type {Record<string, unknown>} */
    const options = {};
    const problems = [];
    for (const option of entry.options) {
      const control = /** @type {HTMLInputElement} */ (
        fields.querySelector(`[name="${CSS.escape(option.name)}"]`)
      );
      control.removeAttribute('aria-invalid');
      if (option.type === OPTION.ATTACHMENT) {
        const file = control.files?.[0];
        if (file)
          options[option.name] = {
            file: {
              filename: file.name,
              base64: await readFileBase64(file),
              contentType: file.type || undefined,
            },
          };
        else if (option.required) problems.push({ control, message: `${option.name} needs a file` });
        continue;
      }
      const raw = control.dataset.value ?? control.value;
      if (raw === '') {
        if (option.required) problems.push({ control, message: `${option.name} is required` });
        continue;
      }
      const value = typed(option, raw);
      if (
        typeof value === 'number' &&
        (Number.isNaN(value) ||
          (option.min_value !== undefined && value < option.min_value) ||
          (option.max_value !== undefined && value > option.max_value))
      ) {
        problems.push({
          control,
          message: `${option.name} must be a number${option.min_value !== undefined ? ` from ${option.min_value}` : ''}${option.max_value !== undefined ? ` to ${option.max_value}` : ''}`,
        });
        continue;
      }
      options[option.name] = value;
    }
    return { options, problems };
  }

  async function send() {
    closeList();
    if (!selected) {
      const text = input.value.trim();
      const exact = visibleEntries().find((e) => e.label === text);
      if (exact) choose(exact);
      else {
        deps.onError(
          text.startsWith('/') || text === ''
            ? 'Pick a command from the list (type / to see them).'
            : 'flashcord only answers slash commands: type / to pick one.',
        );
        return;
      }
      if (selected && /** @type {CommandEntry} */ (selected).options.some((o) => o.required)) return;
    }
    const entry = /** @type {CommandEntry} */ (selected);
    const { options, problems } = await collect(entry);
    if (problems.length > 0) {
      for (const problem of problems) problem.control.setAttribute('aria-invalid', 'true');
      problems[0]?.control.focus();
      deps.onError(problems.map((p) => p.message).join('; '));
      return;
    }
    const { userId, channelId } = deps.where();
    const button = /** @type {HTMLButtonElement} */ (form.querySelector('button[type="submit"]'));
    button.disabled = true;
    try {
      const result = await post('/api/slash', {
        userId,
        channelId,
        name: entry.name,
        ...(entry.group ? { group: entry.group } : {}),
        ...(entry.subcommand ? { subcommand: entry.subcommand } : {}),
        options,
      });
      input.value = '';
      clearCommand();
      status.textContent = '';
      input.focus();
      deps.onResult(result);
    } catch (error) {
      deps.onError(error instanceof Error ? error.message : String(error));
    } finally {
      button.disabled = false;
    }
  }

  input.addEventListener('input', () => {
    if (selected && input.value !== selected.label) clearCommand();
    suggestCommands();
  });
  input.addEventListener('focus', suggestCommands);
  input.addEventListener('blur', () => window.setTimeout(() => open?.owner === input && closeList(), 100));
  form.addEventListener('keydown', (event) => listKeys(event));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void send();
  });

  return {
    /** Forgets the picked command (after a member or channel switch, which can change what is allowed). */
    reset() {
      input.value = '';
      clearCommand();
      closeList();
    },
  };
}

function typed(/** @type {any} */ option, /** @type {string} */ raw) {
  if (option.type === OPTION.INTEGER) return /^-?\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
  if (option.type === OPTION.NUMBER) return raw.trim() === '' ? Number.NaN : Number(raw);
  if (option.type === OPTION.BOOLEAN) return raw === 'true';
  return raw;
}
