import {
  type AnySelectMenuInteraction,
  type ButtonInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { cardOfView, examResultCard } from '../src/discord/exam-card.ts';
import { examDepsOf } from '../src/discord/exam-deps.ts';
import { newSessionOf } from '../src/discord/quiz-deps.ts';
import { EXAM_HANDLER, examMessage, historyMessage, reviewMessage } from '../src/discord/render/exam.ts';
import {
  deferMessageUpdate,
  deferPrivately,
  type MessageInteraction,
  type RepliableInteraction,
  replyPrivately,
  updateMessage,
} from '../src/discord/reply.ts';
import { EXPIRED_BUTTON } from '../src/discord/router.ts';
import { MIN_EXAM_QUESTIONS } from '../src/exam/draw.ts';
import { memberReadiness } from '../src/exam/member.ts';
import {
  actOnExam,
  confirmSubmit,
  type ExamActor,
  type ExamView,
  MAX_EXAM_QUESTIONS,
  resumeExam,
  startExam,
  submitExam,
  viewExam,
} from '../src/exam/service.ts';
import type { ExamAction } from '../src/exam/session.ts';

/** Shows a view on the exam's message; a result is acknowledged first, then drawn (its card). */
async function showOnMessage(
  interaction: ButtonInteraction | AnySelectMenuInteraction,
  ctx: Context,
  view: ExamView,
): Promise<void> {
  if (view.kind === 'result') await deferMessageUpdate(interaction as MessageInteraction);
  await updateMessage(interaction, examMessage(view, undefined, await cardOfView(ctx, interaction, view)));
}

/** Answers a slash command privately with a view; a result is acknowledged first, then drawn. */
async function replyWithView(
  interaction: RepliableInteraction & { user: { id: string; displayName: string } },
  ctx: Context,
  view: ExamView,
  notice?: string,
): Promise<void> {
  if (view.kind === 'result') await deferPrivately(interaction);
  await replyPrivately(interaction, examMessage(view, notice, await cardOfView(ctx, interaction, view)));
}

function actorOf(interaction: { guildId: string | null; user: { id: string } }): ExamActor {
  if (!interaction.guildId) throw new UserError('Exams work in a server, not in direct messages.');
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

function indexArg(raw: string | undefined): number {
  const index = Number(raw);
  if (!Number.isInteger(index) || index < 0 || index >= MAX_EXAM_QUESTIONS)
    throw new UserError(EXPIRED_BUTTON);
  return index;
}

/** Runs an exam action and shows the exam as it now stands on the same message. */
async function act(
  interaction: ButtonInteraction | AnySelectMenuInteraction,
  ctx: Context,
  examId: string,
  action: ExamAction,
): Promise<void> {
  const view = await actOnExam(examDepsOf(ctx), actorOf(interaction), examId, action);
  await showOnMessage(interaction, ctx, view);
}

async function showResultPart(
  interaction: ButtonInteraction,
  ctx: Context,
  examId: string,
  page: number | null,
): Promise<void> {
  const view = await viewExam(examDepsOf(ctx), actorOf(interaction), examId);
  if (view.kind === 'result' && page !== null) {
    return updateMessage(interaction, reviewMessage(view.session, view.result, page));
  }
  await showOnMessage(interaction, ctx, view);
}

/** `/exam`: a private, timed mock exam by domain weight, its history and readiness by domain. */
export default {
  data: new SlashCommandBuilder()
    .setName('exam')
    .setDescription('A timed mock exam, drawn by exam domain, privately')
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('start')
        .setDescription('Start a timed mock exam (one at a time)')
        .addStringOption((o) =>
          o
            .setName('profile')
            .setDescription('Which exam (the default one when left out)')
            .setAutocomplete(true)
            .setMaxLength(MAX_OPTION_TEXT),
        )
        .addIntegerOption((o) =>
          o
            .setName('questions')
            .setDescription("How many questions (the exam's full count when left out)")
            .setMinValue(MIN_EXAM_QUESTIONS)
            .setMaxValue(MAX_EXAM_QUESTIONS),
        )
        .addIntegerOption((o) =>
          o
            .setName('minutes')
            .setDescription("Time allowed (the exam's, scaled to the question count, when left out)")
            .setMinValue(1)
            .setMaxValue(24 * 60),
        ),
    )
    .addSubcommand((s) => s.setName('resume').setDescription('Reopen your running exam'))
    .addSubcommand((s) => s.setName('history').setDescription('Your past attempts and readiness by domain')),
  guildOnly: true,

  async execute(interaction, ctx) {
    const actor = actorOf(interaction);
    const deps = examDepsOf(ctx);
    switch (interaction.options.getSubcommand()) {
      case 'start': {
        const view = await startExam(deps, {
          ...actor,
          ...newSessionOf(interaction.id),
          profile: interaction.options.getString('profile'),
          questions: interaction.options.getInteger('questions'),
          minutes: interaction.options.getInteger('minutes'),
        });
        return replyWithView(interaction, ctx, view);
      }
      case 'resume': {
        const view = await resumeExam(deps, actor);
        if (view) return replyWithView(interaction, ctx, view);
        const [last] = await deps.exams.history(actor.guildId, actor.userId);
        const closed = last ? await deps.exams.get(actor.guildId, last.examId) : undefined;
        if (closed?.result) {
          return replyWithView(
            interaction,
            ctx,
            { kind: 'result', session: closed, result: closed.result },
            'No exam running. Your last one:',
          );
        }
        return replyPrivately(interaction, 'You have no exam running — `/exam start` begins one.');
      }
      default: {
        // Acknowledge first: readiness reads every card, and the last result's card is drawn.
        await deferPrivately(interaction);
        const history = await deps.exams.history(actor.guildId, actor.userId);
        const [readiness, closed] = await Promise.all([
          memberReadiness(deps, ctx.store.cards, actor, history),
          history[0] ? deps.exams.get(actor.guildId, history[0].examId) : undefined,
        ]);
        const last = closed?.result
          ? await examResultCard(ctx, interaction, closed, closed.result)
          : undefined;
        return replyPrivately(interaction, historyMessage(history, readiness, last));
      }
    }
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().trim().toLowerCase();
    const profiles = ctx.exam?.profiles.profiles ?? [];
    await interaction.respond(
      profiles
        .filter((p) => p.id.includes(typed) || p.name.toLowerCase().includes(typed))
        .slice(0, LIMITS.autocompleteChoices)
        .map((p) => ({
          name: fitText(`${p.name} (${p.questions} questions, ${p.minutes} min)`, 100),
          value: p.id,
        })),
    );
  },

  components: {
    [EXAM_HANDLER]: {
      async button(interaction, args, ctx) {
        const [examId = '', action, first, second] = args;
        switch (action) {
          case 'a':
            return act(interaction, ctx, examId, {
              type: 'answer',
              index: indexArg(first),
              options: [indexArg(second)],
            });
          case 'prev':
            return act(interaction, ctx, examId, { type: 'go', index: Math.max(0, indexArg(first) - 1) });
          case 'next':
            return act(interaction, ctx, examId, { type: 'go', index: indexArg(first) + 1 });
          case 'back':
            return act(interaction, ctx, examId, { type: 'go', index: indexArg(first) });
          case 'mark':
            return act(interaction, ctx, examId, { type: 'mark', index: indexArg(first) });
          case 'submit':
            return showOnMessage(
              interaction,
              ctx,
              await confirmSubmit(examDepsOf(ctx), actorOf(interaction), examId),
            );
          case 'confirm':
            return showOnMessage(
              interaction,
              ctx,
              await submitExam(examDepsOf(ctx), actorOf(interaction), examId),
            );
          case 'review':
            return showResultPart(interaction, ctx, examId, indexArg(first));
          case 'result':
            return showResultPart(interaction, ctx, examId, null);
          default:
            throw new UserError(EXPIRED_BUTTON);
        }
      },
      async select(interaction, args, ctx) {
        const [examId = '', action, first] = args;
        const values = interaction.values.map((value) => indexArg(value));
        if (action === 'nav') return act(interaction, ctx, examId, { type: 'go', index: values[0] ?? 0 });
        if (action === 'pick') {
          return act(interaction, ctx, examId, { type: 'answer', index: indexArg(first), options: values });
        }
        throw new UserError(EXPIRED_BUTTON);
      },
    },
  },
} satisfies Command;
