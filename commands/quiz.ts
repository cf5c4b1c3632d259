import {
  type AnySelectMenuInteraction,
  type ButtonInteraction,
  InteractionContextType,
  type ModalSubmitInteraction,
  SlashCommandBuilder,
} from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import { fitText, LIMITS, MAX_OPTION_TEXT } from '../src/core/fit.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { newSessionOf, soloDepsOf } from '../src/discord/quiz-deps.ts';
import { ANSWER_INPUT, answerModal, feedbackMessage, soloMessage } from '../src/discord/render/quiz.ts';
import { reviewSummaryMessage } from '../src/discord/render/review.ts';
import { replyPrivately, updateMessage } from '../src/discord/reply.ts';
import { EXPIRED_BUTTON } from '../src/discord/router.ts';
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
  const message = feedbackMessage(attempt.session, attempt.index, attempt.question, attempt.answer);
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
    ),
  guildOnly: true,

  async execute(interaction, ctx) {
    const topic = resolveTopic(
      ctx.banks.forGuild(interaction.guildId),
      interaction.options.getString('topic'),
    );
    const count = interaction.options.getInteger('questions') ?? DEFAULT_QUESTIONS;
    if (interaction.options.getString('mode') === 'race') {
      return startRace(interaction, ctx, { topic, questions: count });
    }
    const view = await startSolo(soloDepsOf(ctx, interaction.guildId), {
      ...newSessionOf(interaction.id),
      guildId: interaction.guildId ?? '',
      userId: interaction.user.id,
      topic,
      count,
    });
    await replyPrivately(interaction, soloMessage(view));
  },

  async autocomplete(interaction, ctx) {
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
    await interaction.respond(choices);
  },

  components: {
    ...raceComponents,
    quiz: {
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
          const open = await openQuestion(soloDepsOf(ctx, interaction.guildId), actor, sessionId, index);
          if (open === 'stale') return replyPrivately(interaction, ALREADY_ANSWERED);
          return interaction.showModal(answerModal(sessionId, index, open.session.questions.length));
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
