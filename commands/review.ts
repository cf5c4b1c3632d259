import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { newSessionOf, soloDepsOf } from '../src/discord/quiz-deps.ts';
import { soloMessage } from '../src/discord/render/quiz.ts';
import { REVIEW_HANDLER, reviewStartMessage, WEAK_QUIZ_QUESTIONS } from '../src/discord/render/review.ts';
import { replyPrivately } from '../src/discord/reply.ts';
import { DOMAIN_OPTION, domainChoices, domainItems } from '../src/exam/practice.ts';
import { reviewProgress, startReview } from '../src/quiz/review-session.ts';
import { type Actor, startSolo } from '../src/quiz/solo.ts';

function actorOf(interaction: ChatInputCommandInteraction | ButtonInteraction): Actor {
  if (!interaction.guildId) throw new UserError('Reviews work in a server, not in direct messages.');
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

async function start(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: Context,
): Promise<void> {
  const actor = actorOf(interaction);
  const domain = interaction.isChatInputCommand() ? interaction.options.getString(DOMAIN_OPTION) : null;
  const deps = soloDepsOf(ctx, actor.guildId);
  const practice = domain ? domainItems(deps.bank, ctx.exam?.profiles.profiles ?? [], domain) : undefined;
  const started = await startReview(deps, {
    ...actor,
    ...newSessionOf(interaction.id),
    ...(practice ? { items: practice.items } : {}),
  });
  await replyPrivately(interaction, reviewStartMessage(started));
}

/** The short solo quiz on the member's weakest topic, offered when nothing (more) is due. */
async function weakTopicQuiz(interaction: ButtonInteraction, ctx: Context): Promise<void> {
  const actor = actorOf(interaction);
  const deps = soloDepsOf(ctx, actor.guildId);
  const { weakestTopic } = await reviewProgress(deps, actor);
  const view = await startSolo(deps, {
    ...actor,
    ...newSessionOf(interaction.id),
    topic: weakestTopic,
    count: WEAK_QUIZ_QUESTIONS,
  });
  await replyPrivately(interaction, soloMessage(view));
}

/** `/review`: the caller's due cards, privately, asked and answered like a solo quiz. */
export default {
  data: new SlashCommandBuilder()
    .setName('review')
    .setDescription('Review your due cards (spaced repetition), privately')
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName(DOMAIN_OPTION)
        .setDescription('Only the due cards of one exam domain')
        .setAutocomplete(true)
        .setMaxLength(100),
    ),
  guildOnly: true,

  execute: start,

  async autocomplete(interaction, ctx) {
    await interaction.respond(
      domainChoices(ctx.exam?.profiles.profiles ?? [], interaction.options.getFocused()),
    );
  },

  components: {
    [REVIEW_HANDLER]: {
      async button(interaction, args, ctx) {
        if (args[0] === 'weak') return weakTopicQuiz(interaction, ctx);
        return start(interaction, ctx);
      },
    },
  },
} satisfies Command;
