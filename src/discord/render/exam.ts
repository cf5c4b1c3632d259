import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import { picksOf } from '../../exam/questions.ts';
import type { ExamView } from '../../exam/service.ts';
import { type ExamSession, navigatorOf } from '../../exam/session.ts';
import type { Message } from '../reply.ts';
import { button } from './buttons.ts';
import { examId } from './exam-ids.ts';
import { type ResultCard, resultMessage } from './exam-result.ts';
import { fitLines, plain } from './text.ts';

export { EXAM_HANDLER, examId } from './exam-ids.ts';
export { historyMessage, REVIEW_PAGE, type ResultCard, resultMessage, reviewMessage } from './exam-result.ts';

const COLORS = { question: 0x5865f2, confirm: 0xfee75c } as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXY';
const NAV_WINDOW = 25;

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/**
 * The message for an exam view: a question, the submit confirmation, or the result (a Components V2
 * message; `result` brings its card, drawn by the caller after acknowledging).
 */
export function examMessage(view: ExamView, notice?: string, result?: ResultCard): Message {
  switch (view.kind) {
    case 'question':
      return questionMessage(view, notice);
    case 'confirm':
      return confirmMessage(view);
    case 'result':
      return resultMessage(view.session, view.result, { ...result, ...(notice ? { notice } : {}) });
  }
}

function questionMessage(view: Extract<ExamView, { kind: 'question' }>, notice?: string): Message {
  const { session, index, question } = view;
  const total = session.questions.length;
  const chosen = session.answers[index] ?? [];
  const domain = session.profile.domains.find((d) => d.id === session.questions[index]?.domain);
  const marked = session.marked[index] === true;
  const lines = question
    ? [
        `**${plain(question.prompt)}**`,
        '',
        ...(question.options ?? []).map(
          (option, i) => `${chosen.includes(i) ? '➤ ' : ''}**${LETTERS[i]}.** ${plain(option)}`,
        ),
      ]
    : ['This question was removed from the notes since the exam started; it counts as wrong.'];
  const embed: APIEmbed = {
    title: `${session.profile.name} — question ${index + 1} of ${total}${marked ? ' 🚩' : ''}`,
    description: [...(notice ? [`*${notice}*`, ''] : []), ...lines].join('\n'),
    color: COLORS.question,
    fields: [{ name: 'Questions', value: navigatorText(session) }],
    footer: {
      text: [domain?.name, `⏱ ${clock(view.remainingMs)} left`, progressText(session)]
        .filter(Boolean)
        .join(' · '),
    },
  };
  const rows: Row[] = [];
  if (question?.options && picksOf(question) > 1) {
    rows.push(multiSelect(session.id, index, question.options, chosen, picksOf(question)));
  } else if (question?.options) {
    rows.push({
      type: ComponentType.ActionRow,
      components: question.options.slice(0, 5).map((_, i) => ({
        ...button(examId(session.id, 'a', index, i), LETTERS[i] ?? '?'),
        style: chosen.includes(i) ? ButtonStyle.Primary : ButtonStyle.Secondary,
      })),
    });
  }
  rows.push({
    type: ComponentType.ActionRow,
    components: [
      { ...button(examId(session.id, 'prev', index), '◀ Previous'), disabled: index === 0 },
      { ...button(examId(session.id, 'next', index), 'Next ▶'), disabled: index >= total - 1 },
      button(examId(session.id, 'mark', index), marked ? 'Unmark' : '🚩 Mark for review'),
      button(examId(session.id, 'submit'), 'Submit exam…', ButtonStyle.Primary),
    ],
  });
  rows.push(navigatorSelect(session, index));
  return { embeds: [fitEmbed(embed)], components: rows };
}

/** "Choose two": a select menu taking exactly as many options as there are right answers. */
function multiSelect(
  exam: string,
  index: number,
  options: readonly string[],
  chosen: readonly number[],
  picks: number,
): Row {
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: examId(exam, 'pick', index),
    placeholder: `Choose ${picks}`,
    min_values: picks,
    max_values: picks,
    options: options.slice(0, 25).map((option, i) => ({
      label: fitText(`${LETTERS[i]}. ${option}`, LIMITS.selectOptionLabel),
      value: String(i),
      default: chosen.includes(i),
    })),
  };
  return { type: ComponentType.ActionRow, components: [select] };
}

function navigatorSelect(session: ExamSession, index: number): Row {
  const statuses = navigatorOf(session);
  const start = Math.max(0, Math.min(index - Math.floor(NAV_WINDOW / 2), statuses.length - NAV_WINDOW));
  const select: APIStringSelectComponent = {
    type: ComponentType.StringSelect,
    custom_id: examId(session.id, 'nav'),
    placeholder: 'Go to question…',
    min_values: 1,
    max_values: 1,
    options: statuses.slice(start, start + NAV_WINDOW).map((status, offset) => {
      const i = start + offset;
      const state = status.answered ? 'answered' : 'unanswered';
      return {
        label: `${i + 1} — ${state}${status.marked ? ', marked' : ''}${i === index ? ' (here)' : ''}`,
        value: String(i),
        emoji: { name: status.marked ? '🚩' : status.answered ? '✅' : '⬜' },
      };
    }),
  };
  return { type: ComponentType.ActionRow, components: [select] };
}

/** "1✅ 2✅ 3🚩 4⬜ …": every question's state at a glance. */
export function navigatorText(session: ExamSession): string {
  const cells = navigatorOf(session).map(
    (s, i) => `\`${String(i + 1).padStart(2, ' ')}\`${s.marked ? '🚩' : s.answered ? '✅' : '⬜'}`,
  );
  const lines: string[] = [];
  for (let i = 0; i < cells.length; i += 10) lines.push(cells.slice(i, i + 10).join(' '));
  return `${fitLines(lines, LIMITS.embedFieldValue - 60)}\n✅ answered · 🚩 marked · ⬜ unanswered`;
}

function progressText(session: ExamSession): string {
  const statuses = navigatorOf(session);
  const answered = statuses.filter((s) => s.answered).length;
  const marked = statuses.filter((s) => s.marked).length;
  return `${answered}/${statuses.length} answered${marked > 0 ? ` · ${marked} marked` : ''}`;
}

function confirmMessage(view: Extract<ExamView, { kind: 'confirm' }>): Message {
  const { session, progress } = view;
  const warnings = [
    progress.unanswered > 0 ? `**${progress.unanswered}** unanswered (they count as wrong)` : '',
    progress.marked > 0 ? `**${progress.marked}** marked for review` : '',
  ].filter(Boolean);
  const embed: APIEmbed = {
    title: 'Submit the exam?',
    description: [
      `${progress.answered} of ${session.questions.length} answered, ⏱ ${clock(view.remainingMs)} left.`,
      ...warnings,
    ].join('\n'),
    color: COLORS.confirm,
  };
  return {
    embeds: [fitEmbed(embed)],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          button(examId(session.id, 'confirm'), 'Submit now', ButtonStyle.Primary),
          button(examId(session.id, 'back', session.current), 'Back to the exam'),
        ],
      },
    ],
  };
}

/** "1:42:07" or "12:05": a countdown. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
