import type Keyv from 'keyv';
import type { Question } from '../quiz/question.ts';
import { guarded } from '../store/errors.ts';
import { assertId } from '../store/keys.ts';
import { type CycleState, newCycle } from './cycle.ts';

/** What the scheduler remembers about one guild's daily question (one JSON value). */
export interface DailyState {
  v: 1;
  cycle: CycleState;
  /** The latest local date a post was made for; the planner never posts for it or an earlier date again. */
  lastPostedLocalDate?: string;
  /** Sends that failed in a row (reset by a successful post or `/daily set`). */
  failures: number;
  /** The last failure: what went wrong, for `/daily status`. */
  lastFailure?: { at: string; reason: string; code?: number };
  /** Why posting is paused, with what to fix; set after repeated failures, cleared by `/daily set`. */
  pausedReason?: string;
}

/** One posted daily question and its running results (answers are one key each, see `answerKey`). */
export interface DailyPost {
  v: 1;
  localDate: string;
  channelId: string;
  messageId: string;
  question: Question;
  /** The item's tags, counted for per-topic accuracy. */
  topics: string[];
  postedAt: string;
  answers: number;
  right: number;
  /** The first three members who answered right, in order. */
  firstRight: string[];
  /** Last week's top 3, shown on the first post of a week. */
  weeklyTop?: { userId: string; points: number }[];
  /** Closed for answers and edited to show the answer (when the next one was posted). */
  revealed: boolean;
}

/** One member's answer to one daily post. */
export interface DailyAnswer {
  correct: boolean;
  at: string;
}

/** Posts and answers are needed for a few days only: the reveal happens at the next post. */
const POST_TTL_MS = 21 * 24 * 3_600_000;

export const dailyKeys = {
  state: (guildId: string) => `v1:guild:${guildId}:daily:state`,
  post: (guildId: string, localDate: string) => `v1:guild:${guildId}:daily:post:${localDate}`,
  answer: (guildId: string, localDate: string, userId: string) =>
    `v1:guild:${guildId}:daily:answer:${localDate}:${userId}`,
};

/** A state for a guild that has never had a daily question. */
export function newDailyState(): DailyState {
  return { v: 1, cycle: newCycle(), failures: 0 };
}

/** The daily question's own records on keyv; store failures become `StoreError`. */
export class DailyStateStore {
  readonly #keyv: Keyv;

  constructor(keyv: Keyv) {
    this.#keyv = keyv;
  }

  /** The guild's state, a fresh one when it has none. */
  async getState(guildId: string): Promise<DailyState> {
    assertId('guildId', guildId);
    const stored = await guarded(() => this.#keyv.get<DailyState>(dailyKeys.state(guildId)));
    return stored ?? newDailyState();
  }

  /** Replaces the guild's state. */
  async putState(guildId: string, state: DailyState): Promise<void> {
    assertId('guildId', guildId);
    await guarded(() => this.#keyv.set(dailyKeys.state(guildId), state));
  }

  /** The post for a local date, if one was made. */
  async getPost(guildId: string, localDate: string): Promise<DailyPost | undefined> {
    assertId('guildId', guildId);
    return guarded(() => this.#keyv.get<DailyPost>(dailyKeys.post(guildId, localDate)));
  }

  /** Stores a post record. */
  async putPost(guildId: string, post: DailyPost): Promise<void> {
    assertId('guildId', guildId);
    await guarded(() => this.#keyv.set(dailyKeys.post(guildId, post.localDate), post, POST_TTL_MS));
  }

  /** A member's answer to a post, if they answered. */
  async getAnswer(guildId: string, localDate: string, userId: string): Promise<DailyAnswer | undefined> {
    assertId('userId', userId);
    return guarded(() => this.#keyv.get<DailyAnswer>(dailyKeys.answer(guildId, localDate, userId)));
  }

  /** Records a member's answer. */
  async putAnswer(guildId: string, localDate: string, userId: string, answer: DailyAnswer): Promise<void> {
    assertId('userId', userId);
    await guarded(() => this.#keyv.set(dailyKeys.answer(guildId, localDate, userId), answer, POST_TTL_MS));
  }

  /** Forgets a member's answer (undoing one whose scoring failed). */
  async deleteAnswer(guildId: string, localDate: string, userId: string): Promise<void> {
    await guarded(() => this.#keyv.delete(dailyKeys.answer(guildId, localDate, userId)));
  }
}
