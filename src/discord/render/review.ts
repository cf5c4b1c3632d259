import { type APIButtonComponent, type APIEmbed, type APIEmbedField, ButtonStyle } from 'discord.js';
import { fitEmbed, fitText, LIMITS } from '../../core/fit.ts';
import { DUE_READ, type ReviewProgress, type ReviewStart } from '../../quiz/review-session.ts';
import type { SoloView } from '../../quiz/solo.ts';
import { encodeCustomId } from '../customId.ts';
import type { Message } from '../reply.ts';
import { button, buttonRow } from './buttons.ts';
import { soloMessage } from './quiz.ts';
import { fitLines, formatDuration, plain, plural } from './text.ts';

/** The custom_id prefix of `/review`'s own buttons (`v1:review:…`); its questions use the quiz's buttons. */
export const REVIEW_HANDLER = 'review';
/** "Review more": starts the next review session. */
export const REVIEW_MORE_ID = encodeCustomId(REVIEW_HANDLER, ['start']);
/** "Quiz on <weakest topic>": a short solo quiz on the topic, recomputed at the click. */
export const WEAK_QUIZ_ID = encodeCustomId(REVIEW_HANDLER, ['weak']);
/** Questions of the short quiz offered when nothing is due. */
export const WEAK_QUIZ_QUESTIONS = 5;

const COLORS = { idle: 0x5865f2, summary: 0xfee75c } as const;

/** The first message of `/review`: the first due card, or "nothing due" with a quiz on the weakest topic. */
export function reviewStartMessage(start: ReviewStart): Message {
  if (start.kind === 'session') {
    const { progress, view } = start;
    const asked = view.session.questions.length;
    const waiting = progress.dueNow > asked ? ` (${dueCount(progress)} due, the oldest first)` : '';
    return { ...soloMessage(view), content: `🔁 **Review** — ${plural(asked, 'card')}${waiting}` };
  }
  const embed: APIEmbed = {
    title: 'Nothing to review right now',
    description: [nextDueLine(start.progress), tomorrowLine(start.progress)].join('\n'),
    color: COLORS.idle,
  };
  return {
    embeds: [fitEmbed(embed)],
    components: [buttonRow([weakQuizButton(start.progress.weakestTopic)])],
  };
}

/** The end of a review session: score, missed cards, when the next review is due and what comes tomorrow. */
export function reviewSummaryMessage(
  view: Extract<SoloView, { kind: 'summary' }>,
  progress: ReviewProgress,
): Message {
  const { summary, missed } = view;
  const fields: APIEmbedField[] = [];
  if (missed.length > 0) {
    const lines = missed.map(
      (m) => `${m.index + 1}. ${plain(fitText(m.prompt, 200))} → **${plain(fitText(m.answer, 200))}**`,
    );
    fields.push({
      name: `Missed (${missed.length}) — back at your next review`,
      value: fitLines(lines, LIMITS.embedFieldValue),
    });
  }
  const embed: APIEmbed = {
    title: `Review finished — ${summary.correct}/${summary.total} right`,
    description: [
      `**+${plural(summary.points, 'point')}** earned · ${formatDuration(summary.durationMs)}`,
      progress.dueNow > 0 ? `Still due now: ${dueCount(progress)}` : nextDueLine(progress),
      tomorrowLine(progress),
    ].join('\n'),
    color: COLORS.summary,
    fields,
  };
  const next =
    progress.dueNow > 0
      ? button(REVIEW_MORE_ID, `Review more (${dueCount(progress)} due)`, ButtonStyle.Primary)
      : weakQuizButton(progress.weakestTopic);
  return { embeds: [fitEmbed(embed)], components: [buttonRow([next])] };
}

function dueCount(progress: ReviewProgress): string {
  return progress.dueNow >= DUE_READ ? `${DUE_READ}+` : String(progress.dueNow);
}

function nextDueLine(progress: ReviewProgress): string {
  if (!progress.nextDueAt) return 'No card is waiting: answer quiz, race or daily questions to start some.';
  return `Next review due <t:${Math.floor(progress.nextDueAt.getTime() / 1000)}:R>`;
}

function tomorrowLine(progress: ReviewProgress): string {
  return `${plural(progress.dueTomorrow, 'card')} due tomorrow`;
}

function weakQuizButton(topic: string | null): APIButtonComponent {
  return button(WEAK_QUIZ_ID, topic ? `Quick quiz: ${topic}` : 'Quick quiz', ButtonStyle.Secondary);
}
