import {
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import type { Item } from '../../bank/types.ts';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import {
  FLAG_REASON_LABEL,
  FLAG_REASONS,
  FLAG_TEXT_MAX,
  type FlagQueueEntry,
  type FlagReason,
  reasonsLine,
  statsLine,
} from '../../quiz/question-health.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { type ButtonRow, button, buttonRow } from './buttons.ts';
import { fitLines, mention, plain, plural } from './text.ts';

/** The custom_id prefix of a member's Flag button and its form: `v1:flag:<itemId>`. */
export const FLAG_HANDLER = 'flag';
/** The custom_id prefix of the moderators' buttons in `/bank flags`. */
export const FLAGS_HANDLER = 'bank-flags';
/** The form's fields. */
export const FLAG_REASON_INPUT = 'reason';
export const FLAG_TEXT_INPUT = 'text';

const COLORS = { flagged: 0xed4245, suspicious: 0xfee75c, muted: 0x99aab5, thanks: 0x57f287 };
const REASON_HELP: Record<FlagReason, string> = {
  wrong: 'The answer marked right is wrong, or a wrong option is also right',
  unclear: 'The question or its options can be read more than one way',
  duplicate: 'The same question is asked elsewhere',
  other: 'Something else: say what below',
};
const FLAG_TEXTS_SHOWN = 5;

/** custom_id of the Flag button and of its form. */
export const flagId = (itemId: string) => encodeCustomId(FLAG_HANDLER, [itemId]);

/** The Flag button shown under a question once it has been answered. */
export function flagButton(itemId: string) {
  return button(flagId(itemId), '🚩 Flag question');
}

/** The form a member fills to flag a question: a reason from the list and what is wrong, in their words. */
export function flagModal(
  itemId: string,
  prompt: string | undefined,
): APIModalInteractionResponseCallbackData {
  return {
    custom_id: flagId(itemId),
    title: 'Flag this question',
    components: [
      {
        type: ComponentType.TextDisplay,
        content: fitText(
          prompt
            ? `**${plain(prompt)}**\nThe server's moderators see your flag in /bank flags.`
            : "The server's moderators see your flag in /bank flags.",
          1000,
        ),
      },
      {
        type: ComponentType.Label,
        label: 'What is wrong with it?',
        component: {
          type: ComponentType.StringSelect,
          custom_id: FLAG_REASON_INPUT,
          placeholder: 'Pick a reason',
          min_values: 1,
          max_values: 1,
          required: true,
          options: FLAG_REASONS.map((reason) => ({
            label: FLAG_REASON_LABEL[reason],
            value: reason,
            description: REASON_HELP[reason],
          })),
        },
      },
      {
        type: ComponentType.Label,
        label: 'Details (optional)',
        description: 'What should the answer be, or what is unclear?',
        component: {
          type: ComponentType.TextInput,
          custom_id: FLAG_TEXT_INPUT,
          style: TextInputStyle.Paragraph,
          required: false,
          max_length: FLAG_TEXT_MAX,
        },
      },
    ],
  };
}

/** The private thanks for a flag, or the note that this member flagged the question before. */
export function flagReplyMessage(outcome: 'flagged' | 'already-flagged', reason: FlagReason): Message {
  const description =
    outcome === 'flagged'
      ? `🚩 Thanks: flagged as **${FLAG_REASON_LABEL[reason]}**. The server's moderators will look at it in /bank flags; nothing else changes until they do.`
      : 'You have flagged this question already; one flag per member is enough. Thanks for keeping the questions fair.';
  return { embeds: [{ description, color: COLORS.thanks }] };
}

/** Which list `/bank flags` shows: the open queue, or the muted questions (to unmute). */
export type FlagsView = 'open' | 'muted';

/** custom_id of a moderator button: page moves (`page`, view, index) and actions (verb, view, index, item). */
export const flagsPageId = (view: FlagsView, index: number) =>
  encodeCustomId(FLAGS_HANDLER, ['page', view, String(index)]);
export const flagsActionId = (
  action: 'dismiss' | 'mute' | 'unmute',
  view: FlagsView,
  index: number,
  itemId: string,
) => encodeCustomId(FLAGS_HANDLER, [action, view, String(index), itemId]);

/** One page of `/bank flags`: a question of the queue (or a muted one) with what members said and did. */
export interface FlagsPage {
  view: FlagsView;
  index: number;
  total: number;
  entry?: FlagQueueEntry;
  /** The item as the notes give it now; undefined when it left the notes. */
  item?: Item;
  /** A line saying what the last button did, e.g. "Muted: it will not be asked in this server." */
  notice?: string;
}

/** The `/bank flags` message for one page. */
export function flagsPageMessage(page: FlagsPage): Message {
  const { view, index, total, entry, item, notice } = page;
  if (!entry) {
    const description =
      view === 'open'
        ? 'No open flags and no suspicious question. Members flag a question with 🚩 after answering it; a question most members get wrong the same way shows up here too.'
        : 'No question is muted in this server.';
    const switchRow = buttonRow([
      button(
        flagsPageId(view === 'open' ? 'muted' : 'open', 0),
        view === 'open' ? 'Muted questions' : 'Open flags',
      ),
    ]);
    return {
      embeds: [{ title: titleOf(view), description: [notice, description].filter(Boolean).join('\n\n') }],
      components: [switchRow],
    };
  }
  const lines: string[] = [];
  if (notice) lines.push(`*${notice}*`, '');
  lines.push(item ? `**${plain(item.prompt)}**` : '*This question has left the notes.*');
  if (item) lines.push(`Answer: ${plain(fitText(item.answer, 300))}`);
  const fields: NonNullable<APIEmbed['fields']> = [];
  if (item)
    fields.push({
      name: 'Source',
      value: `\`${item.note}:${item.line}\`${item.section ? ` · ${plain(item.section)}` : ''}`,
    });
  if (entry.flags.length > 0) {
    fields.push({ name: `${plural(entry.flags.length, 'flag')}`, value: reasonsLine(entry.flags) });
    const said = [...entry.flags]
      .sort((a, b) => b.at - a.at)
      .slice(0, FLAG_TEXTS_SHOWN)
      .map(
        (f) =>
          `${mention(f.userId)} <t:${Math.floor(f.at / 1000)}:R> · ${FLAG_REASON_LABEL[f.reason]}${f.text ? `: ${plain(f.text)}` : ''}`,
      );
    fields.push({ name: 'What members said', value: fitLines(said, LIMITS.embedFieldValue) });
  }
  fields.push({
    name: entry.suspicious ? '⚠️ Suspicious answers' : 'Answers in this server',
    value: `${statsLine(entry.stats)}${entry.suspicious ? '\nUnder 20% right, mostly the same wrong option: is that option right, or does the prompt point at it?' : ''}`,
  });
  const embed: APIEmbed = {
    title: `${titleOf(view)} · ${index + 1} of ${total}`,
    description: lines.join('\n'),
    color: view === 'muted' ? COLORS.muted : entry.flags.length > 0 ? COLORS.flagged : COLORS.suspicious,
    fields,
    footer: { text: `Question id ${entry.itemId}` },
  };
  return { embeds: [fitEmbed(embed)], components: rowsOf(page, entry) };
}

function titleOf(view: FlagsView): string {
  return view === 'open' ? 'Flagged questions' : 'Muted questions';
}

function rowsOf(page: FlagsPage, entry: FlagQueueEntry): ButtonRow[] {
  const { view, index, total } = page;
  const actions =
    view === 'open'
      ? [
          button(
            flagsActionId('mute', view, index, entry.itemId),
            'Mute: never ask it here',
            ButtonStyle.Primary,
          ),
          button(
            flagsActionId('dismiss', view, index, entry.itemId),
            entry.flags.length > 0 ? 'Dismiss the flags' : 'Keep it: it is fair',
          ),
        ]
      : [
          button(
            flagsActionId('unmute', view, index, entry.itemId),
            'Unmute: ask it again',
            ButtonStyle.Primary,
          ),
        ];
  const nav = [
    ...(index > 0 ? [button(flagsPageId(view, index - 1), '◀ Previous')] : []),
    ...(index + 1 < total ? [button(flagsPageId(view, index + 1), 'Next ▶')] : []),
    button(
      flagsPageId(view === 'open' ? 'muted' : 'open', 0),
      view === 'open' ? 'Muted questions' : 'Open flags',
    ),
  ];
  return [buttonRow(actions), buttonRow(nav)];
}
