import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIButtonComponentWithCustomId,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { fitText, LIMITS } from '../../core/fit.ts';

/** A row of buttons, as Discord's message components take them. */
export type ButtonRow = APIActionRowComponent<APIButtonComponent>;

/** Discord's limits: five buttons in a row, five rows in a message. */
const BUTTONS_PER_ROW = 5;
const MAX_ROWS = 5;

/** A button with a custom_id; the label is fitted to Discord's 80 characters and never blank (Discord refuses one). */
export function button(
  customId: string,
  label: string,
  style: ButtonStyle.Primary | ButtonStyle.Secondary = ButtonStyle.Secondary,
): APIButtonComponentWithCustomId {
  return {
    type: ComponentType.Button,
    custom_id: customId,
    label: fitText(label.trim() || '…', LIMITS.buttonLabel),
    style,
  };
}

/** One action row holding `buttons` (at most five). */
export function buttonRow(buttons: APIButtonComponent[]): ButtonRow {
  return { type: ComponentType.ActionRow, components: buttons };
}

/** `buttons` laid out five to a row, in at most five rows; buttons past the 25th are dropped. */
export function buttonRows(buttons: APIButtonComponent[]): ButtonRow[] {
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < MAX_ROWS; i += BUTTONS_PER_ROW) {
    rows.push(buttonRow(buttons.slice(i, i + BUTTONS_PER_ROW)));
  }
  return rows;
}
