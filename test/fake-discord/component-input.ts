import type { ShownModal } from './state.ts';
import type { FakeMessage } from './types.ts';

type Json = Record<string, unknown>;

/** Every interactive component of a message, nested ones too (Components V2 containers and section accessories). */
export function interactiveComponents(components: readonly Json[]): Json[] {
  const found: Json[] = [];
  const visit = (c: Json | undefined) => {
    if (!c || typeof c !== 'object') return;
    if (typeof c.custom_id === 'string' || c.type === 2) found.push(c);
    for (const child of (Array.isArray(c.components) ? c.components : []) as Json[]) visit(child);
    if (c.accessory) visit(c.accessory as Json);
  };
  for (const c of components) visit(c);
  return found;
}

/** The component with `customId` in a message (action rows, containers, sections); throws when a user could not use it. */
export function findComponent(message: FakeMessage, customId: string): Json {
  const all = interactiveComponents(message.components);
  const child = all.find((c) => c.custom_id === customId);
  if (child) {
    if (child.disabled) throw new Error(`component "${customId}" is disabled; a user cannot use it`);
    return child;
  }
  const known = all.map((c) => c.custom_id).filter(Boolean);
  throw new Error(
    `message ${message.id} has no component "${customId}" (has: ${known.join(', ') || 'none'})`,
  );
}

/** Checks select values as the Discord client would allow picking them. */
export function checkSelectValues(select: Json, values: string[]): void {
  const min = (select.min_values as number | undefined) ?? 1;
  const max = (select.max_values as number | undefined) ?? 1;
  if (values.length < min || values.length > max) {
    throw new Error(`select "${String(select.custom_id)}" takes ${min}–${max} values, got ${values.length}`);
  }
  if (select.type === 3) {
    const allowed = ((select.options ?? []) as Json[]).map((o) => o.value);
    const unknown = values.filter((v) => !allowed.includes(v));
    if (unknown.length)
      throw new Error(
        `select "${String(select.custom_id)}" has no option ${unknown.join(', ')} (has: ${allowed.join(', ')})`,
      );
  }
}

/**
 * The submitted `components` of a modal, in the same shape the bot used to show it: action rows of text
 * inputs (legacy) or labels wrapping a text input or a string select (which discord.js 14.28's
 * ModalSubmitFields also parses). A select's values are given as an array (or one string).
 */
export function modalSubmitComponents(modal: ShownModal, fields: Record<string, string | string[]>): Json[] {
  const known = new Set<string>();
  const selectInput = (select: Json): Json => {
    const customId = select.custom_id as string;
    known.add(customId);
    const given = fields[customId];
    const values = given === undefined ? [] : Array.isArray(given) ? given : [given];
    // A select in a form is required unless it says otherwise, like Discord's own form.
    if (values.length === 0 && select.required === false)
      return { type: select.type, id: select.id ?? 0, custom_id: customId, values };
    if (values.length === 0) throw new Error(`modal "${modal.customId}" select "${customId}" is required`);
    checkSelectValues(select, values);
    return { type: select.type, id: select.id ?? 0, custom_id: customId, values };
  };
  const textInput = (input: Json): Json => {
    const customId = input.custom_id as string;
    known.add(customId);
    const given = fields[customId] ?? '';
    if (Array.isArray(given)) throw new Error(`modal field "${customId}" is a text input: give it a string`);
    const value = given;
    const required = input.required !== false;
    if (required && value === '')
      throw new Error(`modal "${modal.customId}" field "${customId}" is required`);
    const minLength = input.min_length as number | undefined;
    const maxLength = (input.max_length as number | undefined) ?? 4000;
    if (value !== '' && minLength !== undefined && value.length < minLength)
      throw new Error(`modal field "${customId}" needs ≥ ${minLength} characters`);
    if (value.length > maxLength)
      throw new Error(`modal field "${customId}" takes ≤ ${maxLength} characters`);
    return { type: 4, id: input.id ?? 0, custom_id: customId, value };
  };
  const out = modal.components.map((component, i): Json => {
    if (component.type === 1) {
      const inner = (component.components as Json[])[0] as Json;
      return { type: 1, id: component.id ?? i + 1, components: [textInput(inner)] };
    }
    if (component.type === 18) {
      const inner = component.component as Json;
      if (inner.type === 3) return { type: 18, id: component.id ?? i + 1, component: selectInput(inner) };
      if (inner.type !== 4)
        throw new Error(
          `modal "${modal.customId}": only text inputs and string selects can be submitted by the fake`,
        );
      return { type: 18, id: component.id ?? i + 1, component: textInput(inner) };
    }
    return { type: component.type, id: component.id ?? i + 1 };
  });
  const extra = Object.keys(fields).filter((k) => !known.has(k));
  if (extra.length)
    throw new Error(
      `modal "${modal.customId}" has no field ${extra.join(', ')} (has: ${[...known].join(', ')})`,
    );
  return out;
}
