import {
  type AnySelectMenuInteraction,
  type ButtonInteraction,
  InteractionContextType,
  type ModalSubmitInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { settleWithin } from '../src/core/deadline.ts';
import { UserError } from '../src/core/errors.ts';
import { fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { memberFlagHandlers } from '../src/discord/flags.ts';
import { newSessionOf, soloDepsOf } from '../src/discord/quiz-deps.ts';
import { FLAG_HANDLER } from '../src/discord/render/flags.ts';
import { ANSWER_INPUT, answerModal, feedbackMessage, soloMessage } from '../src/discord/render/quiz.ts';
import { reviewSummaryMessage } from '../src/discord/render/review.ts';
import { replyPrivately, showModal, suggest, updateMessage } from '../src/discord/reply.ts';
import { EXPIRED_BUTTON } from '../src/discord/router.ts';
import { DOMAIN_OPTION, domainChoices, domainItems } from '../src/exam/practice.ts';
import type { Response } from '../src/quiz/grade.ts';
import { reviewProgress } from '../src/quiz/review-session.ts';
import { MAX_QUESTIONS, MIN_QUESTIONS } from '../src/quiz/session.ts';
import {
  type Actor,
  ALREADY_ANSWERED,
  type AnswerAttempt,
  answerSolo,
  COOLDOWN,
  currentView,
  openQuestion,
  retryMissed,
  startSolo,
} from '../src/quiz/solo.ts';
import { resolveTopic, topicChoiceValue } from '../src/quiz/topic-choice.ts';
import { raceComponents, startRace } from '../src/race/index.ts';

const DEFAULT_QUESTIONS = 5;
/**
 * How long "Answer" may look the question up before its form opens anyway: a form must be Discord's
 * first answer within 3 s, and the submitted answer is checked again, so a slow store only costs the
 * form its "of N" and an early "already answered".
 */
const MODAL_LOOKUP_MS = 300;

type AnswerInteraction = ButtonInteraction | ModalSubmitInteraction | AnySelectMenuInteraction;

function actorOf(interaction: AnswerInteraction): Actor {
  if (!interaction.guildId) throw new UserError('Quizzes work in a server, not in direct messages.');
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

function questionIndex(raw: string | undefined): number {
  const index = Number(raw);
  if (!Number.isInteger(index) || index < 0 || index >= MAX_QUESTIONS) throw new UserError(EXPIRED_BUTTON);
  return index;
}

async function answer(
  interaction: AnswerInteraction,
  ctx: Context,
  sessionId: string,
  index: number,
  response: Response,
): Promise<void> {
  const attempt: AnswerAttempt = await answerSolo(
    soloDepsOf(ctx, interaction.guildId),
    actorOf(interaction),
    sessionId,
    index,
    response,
  );
  if (attempt.status !== 'answered') {
    return replyPrivately(interaction, attempt.status === 'cooldown' ? COOLDOWN : ALREADY_ANSWERED);
  }
  if (attempt.outcome?.cardError) {
    ctx.log.warn({ err: attempt.outcome.cardError, sessionId }, 'review card not updated');
  }
  const message = feedbackMessage(attempt.session, attempt.index, attempt.question, attempt.answer, {
    flag: interaction.inGuild(),
  });
  if (interaction.isButton() || interaction.isAnySelectMenu()) return updateMessage(interaction, message);
  if (interaction.isFromMessage()) return updateMessage(interaction, message);
  await replyPrivately(interaction, message);
}

export default {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription('Quiz yourself on the notes: privately, or as a race in the channel')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('topic')
        .setDescription('A tag or note (all notes when left out)')
        .setAutocomplete(true)
        .setMaxLength(MAX_OPTION_TEXT),
    )
    .addIntegerOption((o) =>
      o
        .setName('questions')
        .setDescription(`How many questions (default ${DEFAULT_QUESTIONS})`)
        .setMinValue(MIN_QUESTIONS)
        .setMaxValue(MAX_QUESTIONS),
    )
    .addStringOption((o) =>
      o
        .setName('mode')
        .setDescription('solo: private, at your pace (default); race: everyone in the channel')
        .addChoices({ name: 'solo', value: 'solo' }, { name: 'race', value: 'race' }),
    )
    .addStringOption((o) =>
      o
        .setName(DOMAIN_OPTION)
        .setDescription('An exam domain to practise (solo; see /exam history for your weakest)')
        .setAutocomplete(true)
        .setMaxLength(MAX_OPTION_TEXT),
    ),
  guildOnly: true,
  // A race is announced in the channel; a solo quiz is only for its member.
  ack: (interaction) => (interaction.options.getString('mode') === 'race' ? 'public' : 'private'),

  async execute(interaction, ctx) {
    const topic = resolveTopic(
      ctx.banks.forGuild(interaction.guildId),
      interaction.options.getString('topic'),
    );
    const count = interaction.options.getInteger('questions') ?? DEFAULT_QUESTIONS;
    const domainName = interaction.options.getString(DOMAIN_OPTION);
    if (interaction.options.getString('mode') === 'race') {
      if (domainName) throw new UserError('The domain option works with solo quizzes only.');
      return startRace(interaction, ctx, { topic, questions: count });
    }
    const bank = ctx.banks.forGuild(interaction.guildId);
    const practice = domainName
      ? domainItems(
          bank,
          ctx.exam?.profiles.profiles ?? [],
          domainName,
          topic ? bank.itemsForTopic(topic) : undefined,
        )
      : undefined;
    const view = await startSolo(soloDepsOf(ctx, interaction.guildId), {
      ...newSessionOf(interaction.id),
      guildId: interaction.guildId ?? '',
      userId: interaction.user.id,
      topic: practice ? [practice.domain.name, topic].filter(Boolean).join(' · ') : topic,
      count,
      ...(practice ? { items: practice.items } : {}),
      ...(interaction.guildId ? { muted: await ctx.store.health.muted(interaction.guildId) } : {}),
    });
    await replyPrivately(interaction, soloMessage(view));
  },

  async autocomplete(interaction, ctx) {
    if (interaction.options.getFocused(true).name === DOMAIN_OPTION) {
      return interaction.respond(
        domainChoices(ctx.exam?.profiles.profiles ?? [], interaction.options.getFocused()),
      );
    }
    const typed = interaction.options.getFocused().trim().toLowerCase();
    const choices = ctx.banks
      .forGuild(interaction.guildId)
      .topics()
      .filter((topic) => topic.name.toLowerCase().includes(typed))
      .slice(0, LIMITS.autocompleteChoices)
      .map((topic) => {
        const label = `${topic.name} (${topic.kind === 'note' ? 'note' : 'tag'}, ${topic.items} items)`;
        return { name: fitText(label, LIMITS.autocompleteName), value: topicChoiceValue(topic) };
      });
    await suggest(interaction, choices);
  },

  components: {
    ...raceComponents,
    [FLAG_HANDLER]: memberFlagHandlers,
    quiz: {
      opensModal: ([, , action]) => action === 'type',
      async button(interaction, args, ctx) {
        const [sessionId = '', second, action] = args;
        const actor = actorOf(interaction);
        if (second === 'retry') {
          const view = await retryMissed(
            soloDepsOf(ctx, interaction.guildId),
            actor,
            sessionId,
            newSessionOf(interaction.id),
          );
          return replyPrivately(interaction, soloMessage(view));
        }
        const index = questionIndex(second);
        if (action === 'next') {
          const deps = soloDepsOf(ctx, interaction.guildId);
          const view = await currentView(deps, actor, sessionId);
          // A /review session ends with when the next review is due instead of "Retry missed".
          if (view.kind === 'summary' && view.session.mode === 'review') {
            return updateMessage(interaction, reviewSummaryMessage(view, await reviewProgress(deps, actor)));
          }
          return updateMessage(interaction, soloMessage(view));
        }
        if (action === 'type') {
          const open = await settleWithin(
            openQuestion(soloDepsOf(ctx, interaction.guildId), actor, sessionId, index),
            MODAL_LOOKUP_MS,
          );
          if (open.kind === 'error' && open.error instanceof UserError) throw open.error;
          if (open.kind === 'value' && open.value === 'stale')
            return replyPrivately(interaction, ALREADY_ANSWERED);
          const total =
            open.kind === 'value' && open.value !== 'stale' ? open.value.session.questions.length : undefined;
          return showModal(interaction, answerModal(sessionId, index, total));
        }
        const choice = action === 'skip' ? -1 : Number(action);
        if (!Number.isInteger(choice)) throw new UserError(EXPIRED_BUTTON);
        return answer(interaction, ctx, sessionId, index, { choice });
      },
      async select(interaction, args, ctx) {
        const [sessionId = '', second, action] = args;
        if (action !== 'multi') throw new UserError(EXPIRED_BUTTON);
        const choices = interaction.values.map(Number);
        if (!choices.every(Number.isInteger)) throw new UserError(EXPIRED_BUTTON);
        return answer(interaction, ctx, sessionId, questionIndex(second), { choices });
      },
      async modal(interaction, args, ctx) {
        const [sessionId = '', second] = args;
        const text = interaction.fields.getTextInputValue(ANSWER_INPUT);
        return answer(interaction, ctx, sessionId, questionIndex(second), { text });
      },
    },
  },
} satisfies Command;
