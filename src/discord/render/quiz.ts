import {
  type APIActionRowComponent,
  type APIEmbed,
  type APIModalInteractionResponseCallbackData,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
  TextInputStyle,
} from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import type { Question } from '../../quiz/question.ts';
import type { SessionAnswer } from '../../quiz/session.ts';
import type { SoloView } from '../../quiz/solo.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { button, buttonRow, buttonRows } from './buttons.ts';
import { flagButton } from './flags.ts';
import { fitLines, formatDuration, highlightsToBold, plain, plural } from './text.ts';
import { textMessage } from './v2.ts';

/** The custom_id prefix of every solo-quiz button and modal (`v1:quiz:…`). */
export const QUIZ_HANDLER = 'quiz';
/** The text input of the typed-answer modal. */
export const ANSWER_INPUT = 'answer';

const COLORS = { question: 0x5865f2, right: 0x57f287, wrong: 0xed4245, summary: 0xfee75c } as const;
const TYPED_ANSWER_MAX = 300;
/** The missed list's share of the 4,000 characters a V2 message may carry. */
const SUMMARY_MISSED_MAX = 3000;
const SELECT_LABEL_MAX = 100;

/** custom_id of an option button: `v1:quiz:<session>:<question>:<choice>`. */
export const answerId = (
  sessionId: string,
  index: number,
  choice: number | 'type' | 'skip' | 'next' | 'multi',
) => encodeCustomId(QUIZ_HANDLER, [sessionId, String(index), String(choice)]);
/** custom_id of the typed-answer modal: `v1:quiz:<session>:<question>`. */
export const modalId = (sessionId: string, index: number) =>
  encodeCustomId(QUIZ_HANDLER, [sessionId, String(index)]);
/** custom_id of "Retry missed": `v1:quiz:<session>:retry`. */
export const retryId = (sessionId: string) => encodeCustomId(QUIZ_HANDLER, [sessionId, 'retry']);

/** The message for what the member sees next: a question or the summary. */
export function soloMessage(view: SoloView): Message {
  return view.kind === 'summary' ? summaryMessage(view) : questionMessage(view);
}

function questionMessage(view: Extract<SoloView, { kind: 'question' }>): Message {
  const { session, index, question } = view;
  const title = `Question ${index + 1} of ${session.questions.length}`;
  if (!question) {
    const embed: APIEmbed = {
      title,
      description: 'This question was removed from the notes since the quiz started.',
      color: COLORS.question,
    };
    return {
      embeds: [fitEmbed(embed)],
      components: [buttonRow([button(answerId(session.id, index, 'skip'), 'Skip')])],
    };
  }
  const embed: APIEmbed = {
    title,
    description: `**${plain(question.prompt)}**`,
    color: COLORS.question,
    footer: { text: [session.topic, hintOf(question)].filter(Boolean).join(' · ') },
  };
  if (question.type === 'multi') {
    return {
      embeds: [fitEmbed(embed)],
      components: [multiSelect(answerId(session.id, index, 'multi'), question)],
    };
  }
  const buttons =
    question.type === 'typed'
      ? [button(answerId(session.id, index, 'type'), 'Answer', ButtonStyle.Primary)]
      : (question.options ?? []).map((option, choice) => button(answerId(session.id, index, choice), option));
  return { embeds: [fitEmbed(embed)], components: buttonRows(buttons) };
}

/** "Choose two.": a string select of the options, exactly as many picks as there are right answers. */
export function multiSelect(
  customId: string,
  question: Question,
): APIActionRowComponent<APIStringSelectComponent> {
  const count = question.answers?.length ?? 2;
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.StringSelect,
        custom_id: customId,
        placeholder: `Choose ${count}`,
        min_values: count,
        max_values: count,
        options: (question.options ?? []).slice(0, 25).map((option, i) => ({
          label: fitText(option, SELECT_LABEL_MAX),
          value: String(i),
        })),
      },
    ],
  };
}

function hintOf(question: Question): string {
  if (question.type === 'typed') return 'Press Answer and type it';
  if (question.type === 'multi')
    return `Choose ${question.answers?.length ?? 2} in the menu: all of them, and only them`;
  return question.type === 'truefalse' ? 'True or false' : 'Pick one';
}

/** The modal asking for a typed answer. */
export function answerModal(
  sessionId: string,
  index: number,
  total?: number,
): APIModalInteractionResponseCallbackData {
  const title = total === undefined ? `Question ${index + 1}` : `Question ${index + 1} of ${total}`;
  return {
    custom_id: modalId(sessionId, index),
    title: fitText(title, LIMITS.modalTitle),
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: ANSWER_INPUT,
            label: 'Your answer',
            style: TextInputStyle.Short,
            required: true,
            min_length: 1,
            max_length: TYPED_ANSWER_MAX,
          },
        ],
      },
    ],
  };
}

/** Right or wrong, the canonical answer, the explanation and the source, with "Next" (and "Flag" in a server). */
export function feedbackMessage(
  session: { id: string; questions: unknown[]; answers: SessionAnswer[] },
  index: number,
  question: Question | null,
  answer: SessionAnswer,
  options: { flag?: boolean } = {},
): Message {
  const total = session.questions.length;
  const last = index + 1 >= total;
  const next = buttonRow([
    button(answerId(session.id, index, 'next'), last ? 'See results' : 'Next question', ButtonStyle.Primary),
    ...(options.flag && question ? [flagButton(question.itemId)] : []),
  ]);
  if (!question) {
    const embed: APIEmbed = { title: `Question ${index + 1} of ${total} — skipped`, color: COLORS.question };
    return { embeds: [fitEmbed(embed)], components: [next] };
  }
  const right = session.answers.filter((a) => a.correct).length;
  const points = session.answers.reduce((sum, a) => sum + a.awarded, 0);
  const fields: NonNullable<APIEmbed['fields']> = [
    { name: 'Your answer', value: plain(answer.given) || '—', inline: true },
    { name: 'Answer', value: plain(question.answer), inline: true },
  ];
  const explanation = highlightsToBold(question.explanation);
  if (explanation.trim() !== '' && explanation.trim() !== question.answer.trim()) {
    fields.push({ name: 'Explanation', value: explanation });
  }
  const notes = (question.optionNotes ?? []).map((entry) => `• ${plain(entry.note)}`);
  if (notes.length > 0)
    fields.push({ name: 'The other options', value: fitLines(notes, LIMITS.embedFieldValue) });
  fields.push({ name: 'Source', value: plain(question.source) || '—' });
  const embed: APIEmbed = {
    title: verdictTitle(answer),
    description: plain(question.prompt),
    color: answer.correct ? COLORS.right : COLORS.wrong,
    fields,
    footer: {
      text: `Question ${index + 1} of ${total} · ${right}/${session.answers.length} right · ${plural(points, 'point')}`,
    },
  };
  return { embeds: [fitEmbed(embed)], components: [next] };
}

function verdictTitle(answer: SessionAnswer): string {
  const earned = answer.awarded > 0 ? ` +${plural(answer.awarded, 'point')}` : '';
  if (answer.verdict === 'accepted') {
    return `✅ Accepted as “${answer.acceptedAs ?? ''}”${earned}`;
  }
  if (answer.correct) {
    return answer.awarded > 0
      ? `✅ Right!${earned}`
      : '✅ Right! (no points: already scored in the last 24 h)';
  }
  return '❌ Not quite';
}

/**
 * The end of a quiz as a Components V2 message: score and points first (what a notification shows),
 * then the missed questions, then "Retry missed".
 */
function summaryMessage(view: Extract<SoloView, { kind: 'summary' }>): Message {
  const { session, summary, missed } = view;
  const head = [
    `### Quiz finished — ${summary.correct}/${summary.total} right`,
    `**+${plural(summary.points, 'point')}** earned · Time: ${formatDuration(summary.durationMs)} · ${
      session.topic ? `Topic: ${plain(session.topic)}` : 'All topics'
    }`,
    missed.length === 0 ? 'No question missed. 🎉' : '',
  ]
    .filter(Boolean)
    .join('\n');
  const blocks = [head];
  if (missed.length > 0) {
    const lines = missed.map(
      (m) => `${m.index + 1}. ${plain(fitText(m.prompt, 200))} → **${plain(fitText(m.answer, 200))}**`,
    );
    blocks.push(`**Missed (${missed.length})**\n${fitLines(lines, SUMMARY_MISSED_MAX)}`);
  }
  const rows =
    missed.length > 0
      ? [buttonRow([button(retryId(session.id), `Retry missed (${missed.length})`, ButtonStyle.Primary)])]
      : [];
  return textMessage(blocks, COLORS.summary, rows);
}
