import {
  type APIButtonComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  ButtonStyle,
  ComponentType,
  type RESTPostAPIChannelMessageJSONBody,
  TextInputStyle,
} from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import type { DailyAnswerResult } from '../../daily/answers.ts';
import type { DailyStatus } from '../../daily/status.ts';
import type { DailyPostView } from '../../daily/view.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { type ButtonRow, button, buttonRow, buttonRows } from './buttons.ts';
import { flagButton } from './flags.ts';
import { fitLines, highlightsToBold, mention, percent, plain, plural } from './text.ts';

/** The custom_id prefix of daily buttons and the answer form (`v1:daily:<date>:<choice>`). */
export const DAILY_HANDLER = 'daily';
/** The text input of the typed-answer form. */
export const DAILY_ANSWER_INPUT = 'answer';

const COLORS = { open: 0x5865f2, revealed: 0x57f287, right: 0x57f287, wrong: 0xed4245, status: 0xfee75c };

/** custom_id of an option button (`<index>`) or of the "Answer" button that opens the form (`type`). */
export const dailyButtonId = (localDate: string, choice: number | 'type') =>
  encodeCustomId(DAILY_HANDLER, [localDate, String(choice)]);
/** custom_id of the typed-answer form. */
export const dailyModalId = (localDate: string) => encodeCustomId(DAILY_HANDLER, [localDate, 'text']);

/** The daily post as the REST body of a channel message (open with answer buttons, or revealed with Flag). */
export function dailyPostBody(
  view: DailyPostView,
): Omit<RESTPostAPIChannelMessageJSONBody, 'allowed_mentions'> {
  return { embeds: [view.reveal ? revealedEmbed(view) : openEmbed(view)], components: buttonsOf(view) };
}

function openEmbed(view: DailyPostView): APIEmbed {
  const embed: APIEmbed = {
    title: `Daily question · ${view.localDate}`,
    description: plain(view.question.prompt),
    color: COLORS.open,
    footer: {
      text: `${plural(view.answers, 'answer')} so far · one answer each · the answer is revealed with the next question`,
    },
  };
  if (view.weeklyTop) embed.fields = [weeklyField(view.weeklyTop)];
  return fitEmbed(embed);
}

function revealedEmbed(view: DailyPostView): APIEmbed {
  const reveal = view.reveal as NonNullable<DailyPostView['reveal']>;
  const answers = view.answers;
  const results =
    answers === 0
      ? 'Nobody answered.'
      : `${reveal.right} of ${plural(answers, 'answer')} right (${percent(reveal.right / answers)})`;
  const fields = [{ name: 'Answer', value: plain(reveal.answer) }];
  const explanation = highlightsToBold(reveal.explanation).trim();
  // An explanation that only repeats the answer adds nothing.
  if (explanation !== '' && explanation !== reveal.answer.trim())
    fields.push({ name: 'Explanation', value: explanation });
  const notes = (reveal.optionNotes ?? []).map((entry) => `• ${plain(entry.note)}`);
  if (notes.length > 0)
    fields.push({ name: 'The other options', value: fitLines(notes, LIMITS.embedFieldValue) });
  fields.push(
    { name: 'Results', value: results },
    {
      name: 'First right',
      value: reveal.firstRight.length > 0 ? reveal.firstRight.map(mention).join(', ') : 'Nobody this time.',
    },
  );
  if (view.weeklyTop) fields.push(weeklyField(view.weeklyTop));
  return fitEmbed({
    title: `Daily question · ${view.localDate} · answer`,
    description: plain(view.question.prompt),
    color: COLORS.revealed,
    fields,
    footer: { text: reveal.source },
  });
}

function weeklyField(top: NonNullable<DailyPostView['weeklyTop']>) {
  const medals = ['🥇', '🥈', '🥉'];
  return {
    name: "Last week's top 3",
    value: top
      .map((e, i) => `${medals[i] ?? ''} ${mention(e.userId)} · ${plural(e.points, 'point')}`)
      .join('\n'),
  };
}

function buttonsOf(view: DailyPostView): ButtonRow[] {
  // Once the answer is out, anyone who disagrees with it can flag the question.
  if (view.reveal) return [buttonRow([flagButton(view.question.itemId)])];
  const { question } = view;
  const buttons: APIButtonComponent[] =
    question.type === 'typed' || !question.options
      ? [button(dailyButtonId(view.localDate, 'type'), 'Answer', ButtonStyle.Primary)]
      : question.options.map((label, i) => button(dailyButtonId(view.localDate, i), label));
  return buttonRows(buttons);
}

/** The typed-answer form of a daily post. */
export function dailyAnswerModal(localDate: string, prompt: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: dailyModalId(localDate),
    title: fitText(`Daily question · ${localDate}`, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: DAILY_ANSWER_INPUT,
            label: fitText(prompt, LIMITS.textInputLabel),
            style: TextInputStyle.Short,
            required: true,
            max_length: 300,
          },
        ],
      },
    ],
  };
}

/** The private acknowledgement of a daily answer: right or wrong, points, streak; the answer comes later. */
export function dailyAnswerMessage(result: DailyAnswerResult): Message {
  const { grade } = result;
  const lines = [
    grade.correct
      ? `✅ Right${grade.acceptedAs ? ` (accepted as “${plain(grade.acceptedAs)}”)` : ''}!`
      : `❌ Not quite: you answered “${plain(fitText(grade.given, 200))}”.`,
  ];
  if (result.awarded > 0)
    lines.push(`+${plural(result.awarded, 'point')} · ${plural(result.totalPoints, 'point')} in all`);
  if (grade.correct) lines.push(`Daily streak: ${plural(result.streak, 'day')}`);
  lines.push('The answer and the results are revealed when the next daily question is posted.');
  return {
    embeds: [{ description: lines.join('\n'), color: grade.correct ? COLORS.right : COLORS.wrong }],
  };
}

/** `/daily status`: configuration, next and last post, cycle, and any problem with how to fix it. */
export function dailyStatusMessage(status: DailyStatus): Message {
  const { settings } = status;
  if (!settings) {
    return {
      content:
        'The daily question is not set up. Use `/daily set channel time timezone [topic]`, e.g. `/daily set #study 08:30 Europe/London`.',
    };
  }
  const state = !settings.enabled ? 'Off (`/daily set` turns it on)' : settings.paused ? '⏸️ Paused' : 'On';
  const fields = [
    { name: 'Status', value: state, inline: true },
    { name: 'Channel', value: `<#${settings.channelId}>`, inline: true },
    { name: 'Time', value: `${settings.time} ${settings.timeZone}`, inline: true },
    { name: 'Topic', value: settings.topic ? plain(settings.topic) : 'All questions', inline: true },
    {
      name: 'Questions left in this cycle',
      value: `${status.remaining} of ${status.total}`,
      inline: true,
    },
  ];
  if (status.next) {
    const unix = Math.floor(status.next.at.getTime() / 1000);
    fields.push({
      name: 'Next post',
      value: `${status.next.localDate} ${settings.time} (${settings.timeZone}) · <t:${unix}:F> · <t:${unix}:R>`,
      inline: false,
    });
  }
  if (status.lastPost) {
    const last = status.lastPost;
    const unix = Math.floor(Date.parse(last.postedAt) / 1000);
    fields.push({
      name: 'Last post',
      value: `${last.localDate} in <#${last.channelId}> · <t:${unix}:R> · ${plural(last.answers, 'answer')}, ${last.right} right`,
      inline: false,
    });
  }
  if (status.pausedReason || status.problem) {
    fields.push({
      name: status.pausedReason ? 'Paused because' : 'Problem',
      value: status.pausedReason ?? status.problem ?? '',
      inline: false,
    });
  }
  return { embeds: [fitEmbed({ title: 'Daily question', color: COLORS.status, fields })] };
}
