import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { UserError } from '../src/core/errors.ts';
import type { Command, Context } from '../src/discord/command.ts';
import { soloMessage } from '../src/discord/render/quiz.ts';
import { REVIEW_HANDLER, reviewStartMessage, WEAK_QUIZ_QUESTIONS } from '../src/discord/render/review.ts';
import { replyPrivately } from '../src/discord/reply.ts';
import { Cooldown } from '../src/quiz/cooldown.ts';
import { hashString } from '../src/quiz/random.ts';
import { reviewProgress, startReview } from '../src/quiz/review-session.ts';
import { type Actor, ANSWER_COOLDOWN_MS, type SoloDeps, startSolo } from '../src/quiz/solo.ts';

/**
 * The same dependencies as `/quiz` solo (the cooldown included): a review session is a solo session,
 * answered through the quiz's buttons.
 */
function depsOf(ctx: Context, guildId: string): SoloDeps {
  ctx.quiz ??= { cooldown: new Cooldown(ANSWER_COOLDOWN_MS) };
  return {
    store: ctx.store,
    bank: ctx.banks.forGuild(guildId),
    clock: ctx.clock,
    cooldown: ctx.quiz.cooldown,
  };
}

function actorOf(interaction: ChatInputCommandInteraction | ButtonInteraction): Actor {
  if (!interaction.guildId) throw new UserError('Reviews work in a server, not in direct messages.');
  return { guildId: interaction.guildId, userId: interaction.user.id };
}

/** A session id from the interaction's snowflake, as `/quiz` makes them (unique, short, no `:`). */
function sessionIdOf(interactionId: string): string {
  return /^\d+$/.test(interactionId) ? BigInt(interactionId).toString(36) : interactionId.replace(/:/g, '');
}

async function start(
  interaction: ChatInputCommandInteraction | ButtonInteraction,
  ctx: Context,
): Promise<void> {
  const actor = actorOf(interaction);
  const started = await startReview(depsOf(ctx, actor.guildId), {
    ...actor,
    id: sessionIdOf(interaction.id),
    seed: hashString(interaction.id),
  });
  await replyPrivately(interaction, reviewStartMessage(started));
}

/** The short solo quiz on the member's weakest topic, offered when nothing (more) is due. */
async function weakTopicQuiz(interaction: ButtonInteraction, ctx: Context): Promise<void> {
  const actor = actorOf(interaction);
  const deps = depsOf(ctx, actor.guildId);
  const { weakestTopic } = await reviewProgress(deps, actor);
  const view = await startSolo(deps, {
    ...actor,
    id: sessionIdOf(interaction.id),
    topic: weakestTopic,
    count: WEAK_QUIZ_QUESTIONS,
    seed: hashString(interaction.id),
  });
  await replyPrivately(interaction, soloMessage(view));
}

/** `/review`: the caller's due cards, privately, asked and answered like a solo quiz. */
export default {
  data: new SlashCommandBuilder()
    .setName('review')
    .setDescription('Review your due cards (spaced repetition), privately')
    .setContexts(InteractionContextType.Guild),
  guildOnly: true,

  execute: start,

  components: {
    [REVIEW_HANDLER]: {
      async button(interaction, args, ctx) {
        if (args[0] === 'weak') return weakTopicQuiz(interaction, ctx);
        return start(interaction, ctx);
      },
    },
  },
} satisfies Command;
