import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  AttachmentBuilder,
  ButtonStyle,
  ComponentType,
  ContainerBuilder,
  MediaGalleryBuilder,
  MediaGalleryItemBuilder,
  MessageFlags,
  TextDisplayBuilder,
} from 'discord.js';
import { type ExamResultView, examResultView, type RenderedCard } from '../../cards/index.ts';
import { fitText } from '../../core/fit.ts';
import type { AttemptSummary } from '../../exam/history.ts';
import type { Readiness } from '../../exam/readiness.ts';
import type { ExamResult, ReviewEntry } from '../../exam/result.ts';
import type { ExamSession } from '../../exam/session.ts';
import type { Message } from '../reply.ts';
import { button } from './buttons.ts';
import { examId } from './exam-ids.ts';
import { fitLines, formatDuration, highlightsToBold, percent, plain } from './text.ts';
import { cardMessage, textMessage, V2_LIMITS } from './v2.ts';

/** Review entries per page of the result's review. */
export const REVIEW_PAGE = 4;

const COLORS = { review: 0x5865f2, pass: 0x57f287, fail: 0xed4245 } as const;
/** Each review entry's share of a page's 4,000 characters, with room for the heading. */
const ENTRY_TEXT = Math.floor((V2_LIMITS.textTotal - 200) / REVIEW_PAGE);

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** What the result message shows besides the result: its words and, once drawn, its card. */
export interface ResultCard {
  view?: ExamResultView;
  card?: RenderedCard;
  notice?: string;
}

/**
 * The result as a Components V2 message: verdict and figures as text (for screen readers and
 * notifications), the result card (its alt text the same figures by domain), and the review button.
 * Without a card the figures by domain are shown as text.
 */
export function resultMessage(session: ExamSession, result: ExamResult, extras: ResultCard = {}): Message {
  const view =
    extras.view ?? examResultView({ profileName: session.profile.name, name: 'your result', result });
  const summary = [
    extras.notice ? `*${extras.notice}*` : '',
    result.submittedBy === 'deadline' ? '⏱ Time was up: the exam was submitted automatically.' : '',
    `**Raw score:** ${result.correct}/${result.total} (${percent(result.total ? result.correct / result.total : 0)}) · **Time used:** ${formatDuration(result.usedMs)}`,
    `**Scaled score:** ${result.scaled} on ${result.scale.min}–${result.scale.max} — an estimate (see docs/exam.md)`,
    'No leaderboard points; every answer updated your review cards.',
  ]
    .filter(Boolean)
    .join('\n');
  const rows: Row[] =
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
  return cardMessage({
    heading: `### ${result.passed ? '✅ Pass' : '❌ Fail'} — ${result.scaled} (pass mark ${result.passScore}) · ${plain(session.profile.name)}`,
    summary,
    ...(extras.card ? { card: extras.card } : {}),
    alt: view.text,
    accent: result.passed ? COLORS.pass : COLORS.fail,
    rows,
  });
}

/**
 * One page of the review: each missed or marked question with the answers, explanation and option
 * notes, as text displays. V2 like the result it comes from (Discord never removes the flag).
 */
export function reviewMessage(session: ExamSession, result: ExamResult, page: number): Message {
  const pages = Math.max(1, Math.ceil(result.review.length / REVIEW_PAGE));
  const at = Math.min(Math.max(0, page), pages - 1);
  const entries = result.review.slice(at * REVIEW_PAGE, (at + 1) * REVIEW_PAGE);
  const heading = `### Review — page ${at + 1} of ${pages}\n-# ${plain(session.profile.name)} · ${result.correct}/${result.total} right`;
  const row: Row = {
    type: ComponentType.ActionRow,
    components: [
      { ...button(examId(session.id, 'review', at - 1), '◀ Previous page'), disabled: at === 0 },
      { ...button(examId(session.id, 'review', at + 1), 'Next page ▶'), disabled: at >= pages - 1 },
      button(examId(session.id, 'result'), 'Back to the result', ButtonStyle.Primary),
    ],
  };
  return textMessage([heading, ...entries.map((entry) => reviewEntryText(session, entry))], COLORS.review, [
    row,
  ]);
}

/** One review entry: "**2. ❌ 🚩 · domain**" and its lines, within its share of the page. */
export function reviewEntryText(session: ExamSession, entry: ReviewEntry): string {
  const domain = session.profile.domains.find((d) => d.id === entry.domain)?.name ?? entry.domain;
  const verdict = entry.correct ? '✅' : entry.given ? '❌' : '⬜ unanswered';
  const lines = [
    `**${entry.index + 1}. ${verdict}${entry.marked ? ' 🚩' : ''} · ${plain(domain)}**`,
    plain(fitText(entry.prompt, 300)),
    `Your answer: ${entry.given ? plain(fitText(entry.given, 160)) : '—'}`,
    `Answer: **${plain(fitText(entry.answer, 160))}**`,
    entry.explanation && entry.explanation.trim() !== entry.answer.trim()
      ? `Why: ${fitText(highlightsToBold(entry.explanation), 300)}`
      : '',
    ...(entry.optionNotes ?? []).slice(0, 4).map((note) => `• ${plain(fitText(note, 120))}`),
    entry.source ? `Source: ${plain(entry.source)}` : '',
  ].filter(Boolean);
  return fitText(lines.join('\n'), ENTRY_TEXT);
}

/** Readiness by domain as text: one line per domain, the weighted whole and the weakest domain. */
export function readinessText(readiness: Readiness): string {
  const lines = readiness.domains.map((d) => {
    const recall = d.retrievability === null ? '—' : percent(d.retrievability);
    const exam = d.lastExam === null ? '—' : percent(d.lastExam);
    return `${plain(d.name)} (${d.weight}%): **${percent(d.readiness)}** · recall ${recall} · seen ${percent(d.coverage)} · last exam ${exam}`;
  });
  return fitText(
    [
      `**Exam readiness — ${plain(fitText(readiness.profileName, 150))}**`,
      ...lines,
      `Overall (weighted): **${percent(readiness.overall)}**`,
      readiness.sentence,
    ].join('\n'),
    1500,
  );
}

/**
 * `/exam history` as a Components V2 message: the latest attempts, readiness by domain, and the last
 * attempt's result card when one is given (its alt text that attempt's figures).
 */
export function historyMessage(
  attempts: readonly AttemptSummary[],
  readiness: Readiness | null,
  last?: { view: ExamResultView; card?: RenderedCard },
): Message {
  const lines = attempts.slice(0, 10).map((a) => {
    const date = new Date(a.submittedAt).toISOString().slice(0, 16).replace('T', ' ');
    const auto = a.submittedBy === 'deadline' ? ' · at the deadline' : '';
    return `${date} UTC — ${a.passed ? 'pass' : 'fail'} **${a.scaled}** (${a.correct}/${a.total}, ${formatDuration(a.usedMs)}${auto})`;
  });
  const container = new ContainerBuilder()
    .setAccentColor(COLORS.review)
    .addTextDisplayComponents(
      new TextDisplayBuilder().setContent(
        `### Exam history\n${lines.length > 0 ? fitLines(lines, 1800) : 'No exam yet — `/exam start` begins one.'}`,
      ),
    );
  if (readiness)
    container.addTextDisplayComponents(new TextDisplayBuilder().setContent(readinessText(readiness)));
  const files: AttachmentBuilder[] = [];
  if (last?.card) {
    const alt = fitText(last.view.text, V2_LIMITS.mediaDescription);
    container.addMediaGalleryComponents(
      new MediaGalleryBuilder().addItems(
        new MediaGalleryItemBuilder().setURL(`attachment://${last.card.file}`).setDescription(alt),
      ),
    );
    files.push(new AttachmentBuilder(last.card.png, { name: last.card.file, description: alt }));
  }
  return { components: [container.toJSON()], files, flags: MessageFlags.IsComponentsV2 };
}
