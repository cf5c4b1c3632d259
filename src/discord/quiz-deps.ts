import type { Feature } from '../features.ts';
import { Cooldown } from '../quiz/cooldown.ts';
import { hashString } from '../quiz/random.ts';
import { ANSWER_COOLDOWN_MS, type SoloDeps } from '../quiz/solo.ts';
import type { Context } from './command.ts';

declare module './command.ts' {
  interface Context {
    /** The solo quiz's per-process state, added at start by `quizFeature()`: the answer cooldown. */
    quiz?: { cooldown: Cooldown };
  }
}

/** Adds `ctx.quiz` at start: `/quiz` solo and `/review` share one answer cooldown for the bot's life. */
export function quizFeature(): Feature {
  return {
    extendContext(ctx) {
      ctx.quiz = { cooldown: new Cooldown(ANSWER_COOLDOWN_MS) };
    },
  };
}

/**
 * What a solo session (`/quiz` solo and `/review`, answered through the same buttons) needs. The bank is
 * read once per interaction (a reload swaps it). Throws when `quizFeature()` was not installed at start.
 */
export function soloDepsOf(ctx: Context, guildId: string | null): SoloDeps {
  if (!ctx.quiz) {
    throw new Error('the solo quiz needs ctx.quiz: install quizFeature() at start (see defaultFeatures())');
  }
  return {
    store: ctx.store,
    bank: ctx.banks.forGuild(guildId),
    clock: ctx.clock,
    cooldown: ctx.quiz.cooldown,
  };
}

/** A session id from the interaction's snowflake: unique, short, and free of `:`. */
export function sessionIdOf(interactionId: string): string {
  return /^\d+$/.test(interactionId) ? BigInt(interactionId).toString(36) : interactionId.replace(/:/g, '');
}

/** The id and question-order seed of a session started by the interaction `interactionId`. */
export function newSessionOf(interactionId: string): { id: string; seed: number } {
  return { id: sessionIdOf(interactionId), seed: hashString(interactionId) };
}
