import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  type APIStringSelectComponent,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import type { AttemptSummary } from '../../exam/history.ts';
import { picksOf } from '../../exam/questions.ts';
import type { Readiness } from '../../exam/readiness.ts';
import type { ExamResult, ReviewEntry } from '../../exam/result.ts';
import type { ExamView } from '../../exam/service.ts';
import { type ExamSession, navigatorOf } from '../../exam/session.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { button } from './buttons.ts';
import { fitLines, formatDuration, highlightsToBold, percent, plain } from './text.ts';

/** The custom_id prefix of every exam component (`v1:exam:<exam>:<action>:…`). */
export const EXAM_HANDLER = 'exam';
/** Review entries per page of the result's review. */
export const REVIEW_PAGE = 4;

const COLORS = { question: 0x5865f2, pass: 0x57f287, fail: 0xed4245, confirm: 0xfee75c } as const;
const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXY';
const NAV_WINDOW = 25;

/** custom_id of an exam component: `v1:exam:<exam>:<action>[:<arg>…]`. */
export const examId = (exam: string, action: string, ...args: (string | number)[]) =>
  encodeCustomId(EXAM_HANDLER, [exam, action, ...args.map(String)]);

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The message for an exam view: a question, the submit confirmation, or the result. */
export function examMessage(view: ExamView, notice?: string): Message {
  switch (view.kind) {
    case 'question':
      return questionMessage(view, notice);
    case 'confirm':
      return confirmMessage(view);
    case 'result':
      return resultMessage(view.session, view.result, notice);
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

/** The result: scores, pass/fail, per-domain figures, and a button to the review of missed and marked questions. */
export function resultMessage(session: ExamSession, result: ExamResult, notice?: string): Message {
  const embed: APIEmbed = {
    title: `${result.passed ? '✅ Pass' : '❌ Fail'} — ${result.scaled} (pass mark ${result.passScore})`,
    description: [
      notice ? `*${notice}*` : '',
      result.submittedBy === 'deadline' ? '⏱ Time was up: the exam was submitted automatically.' : '',
      `**Raw score:** ${result.correct}/${result.total} (${percent(result.total ? result.correct / result.total : 0)})`,
      `**Scaled score:** ${result.scaled} on ${result.scale.min}–${result.scale.max} — an estimate (see docs/exam.md)`,
      `**Time used:** ${formatDuration(result.usedMs)}`,
      'No leaderboard points; every answer updated your review cards.',
    ]
      .filter(Boolean)
      .join('\n'),
    color: result.passed ? COLORS.pass : COLORS.fail,
    fields: [{ name: 'By domain (weight)', value: domainLines(result.byDomain).join('\n') || '—' }],
    footer: { text: session.profile.name },
  };
  const components: Row[] =
    result.review.length > 0
      ? [
          {
            type: ComponentType.ActionRow,
            components: [
              button(
                examId(session.id, 'review', 0),
                `Review missed & marked (${result.review.length})`,
                ButtonStyle.Primary,
              ),
            ],
          },
        ]
      : [];
  return { embeds: [fitEmbed(embed)], components };
}

function domainLines(byDomain: ExamResult['byDomain']): string[] {
  return byDomain.map(
    (d) => `${plain(d.name)} (${d.weight}%): **${percent(d.percent)}** — ${d.correct}/${d.total}`,
  );
}

/** One page of the review: each missed or marked question with the answers, explanation and option notes. */
export function reviewMessage(session: ExamSession, result: ExamResult, page: number): Message {
  const pages = Math.max(1, Math.ceil(result.review.length / REVIEW_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  const entries = result.review.slice(at * REVIEW_PAGE, (at + 1) * REVIEW_PAGE);
  const fields: APIEmbedField[] = entries.map((entry) => reviewField(session, entry));
  const embed: APIEmbed = {
    title: `Review — page ${at + 1} of ${pages}`,
    color: COLORS.question,
    fields,
    footer: { text: `${session.profile.name} · ${result.correct}/${result.total} right` },
  };
  return {
    embeds: [fitEmbed(embed)],
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          { ...button(examId(session.id, 'review', at - 1), '◀ Previous page'), disabled: at === 0 },
          { ...button(examId(session.id, 'review', at + 1), 'Next page ▶'), disabled: at >= pages - 1 },
          button(examId(session.id, 'result'), 'Back to the result', ButtonStyle.Primary),
        ],
      },
    ],
  };
}

function reviewField(session: ExamSession, entry: ReviewEntry): APIEmbedField {
  const domain = session.profile.domains.find((d) => d.id === entry.domain)?.name ?? entry.domain;
  const verdict = entry.correct ? '✅' : entry.given ? '❌' : '⬜ unanswered';
  const lines = [
    plain(fitText(entry.prompt, 300)),
    `Your answer: ${entry.given ? plain(fitText(entry.given, 160)) : '—'}`,
    `Answer: **${plain(fitText(entry.answer, 160))}**`,
    entry.explanation && entry.explanation.trim() !== entry.answer.trim()
      ? `Why: ${fitText(highlightsToBold(entry.explanation), 300)}`
      : '',
    ...(entry.optionNotes ?? []).slice(0, 4).map((note) => `• ${plain(fitText(note, 120))}`),
    entry.source ? `Source: ${plain(entry.source)}` : '',
  ].filter(Boolean);
  return {
    name: fitText(
      `${entry.index + 1}. ${verdict}${entry.marked ? ' 🚩' : ''} · ${domain}`,
      LIMITS.embedFieldName,
    ),
    value: fitText(lines.join('\n'), LIMITS.embedFieldValue),
  };
}

/** Readiness by domain as embed fields: one line per domain, the weighted whole and the weakest domain. */
export function readinessFields(readiness: Readiness): APIEmbedField[] {
  const lines = readiness.domains.map((d) => {
    const recall = d.retrievability === null ? '—' : percent(d.retrievability);
    const exam = d.lastExam === null ? '—' : percent(d.lastExam);
    return `${plain(d.name)} (${d.weight}%): **${percent(d.readiness)}** · recall ${recall} · seen ${percent(d.coverage)} · last exam ${exam}`;
  });
  return [
    {
      name: `Exam readiness — ${fitText(readiness.profileName, 150)}`,
      value: fitText(
        [...lines, `Overall (weighted): **${percent(readiness.overall)}**`, readiness.sentence].join('\n'),
        LIMITS.embedFieldValue,
      ),
    },
  ];
}

/** `/exam history`: the latest attempts and the readiness by domain. */
export function historyMessage(attempts: readonly AttemptSummary[], readiness: Readiness | null): Message {
  const lines = attempts.slice(0, 10).map((a) => {
    const date = new Date(a.submittedAt).toISOString().slice(0, 16).replace('T', ' ');
    const auto = a.submittedBy === 'deadline' ? ' · at the deadline' : '';
    return `${date} UTC — ${a.passed ? 'pass' : 'fail'} **${a.scaled}** (${a.correct}/${a.total}, ${formatDuration(a.usedMs)}${auto})`;
  });
  const embed: APIEmbed = {
    title: 'Exam history',
    description: lines.length > 0 ? fitLines(lines, 2000) : 'No exam yet — `/exam start` begins one.',
    color: COLORS.question,
    fields: readiness ? readinessFields(readiness) : [],
  };
  return { embeds: [fitEmbed(embed)] };
}

/** "1:42:07" or "12:05": a countdown. */
function clock(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
