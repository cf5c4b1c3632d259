import { UserError } from '../core/errors.ts';
import { recordGrade } from '../quiz/answer.ts';
import { type Grade, grade, type Response } from '../quiz/grade.ts';
import { type DailyDeps, editQuietly, laneOf } from './posting.ts';

export const ALREADY_ANSWERED = "You already answered today's question.";
export const DAILY_CLOSED =
  'This daily question is closed: its answer was revealed when the next one was posted.';
export const DAILY_UNKNOWN = 'This daily question is no longer available.';

/** One member's answer to a daily post. */
export interface DailyAnswerRequest {
  guildId: string;
  userId: string;
  localDate: string;
  response: Response;
}

/** What the member is told privately. */
export interface DailyAnswerResult {
  grade: Grade;
  awarded: number;
  streak: number;
  totalPoints: number;
}

/**
 * Records a member's one answer to a daily post: refuses a second answer, an unknown or closed post
 * (as `UserError`); grades and scores through the shared answer pipeline; updates the post's count and
 * first right answerers. A store failure while scoring undoes the answer, so the member may try again.
 */
export async function answerDaily(deps: DailyDeps, request: DailyAnswerRequest): Promise<DailyAnswerResult> {
  const { guildId, userId, localDate } = request;
  const { timeZone } = await deps.settings.get(guildId);
  return deps.queue.run(laneOf(guildId), async () => {
    const post = await deps.state.getPost(guildId, localDate);
    if (!post) throw new UserError(DAILY_UNKNOWN);
    if (post.revealed) throw new UserError(DAILY_CLOSED);
    if (await deps.state.getAnswer(guildId, localDate, userId)) throw new UserError(ALREADY_ANSWERED);
    const verdict = grade(post.question, request.response);
    const at = deps.clock.now();
    // The answer is stored first: with the daily exempt from the 24 h rule, it is what stops a second score.
    await deps.state.putAnswer(guildId, localDate, userId, {
      correct: verdict.correct,
      at: at.toISOString(),
    });
    let outcome: Awaited<ReturnType<typeof recordGrade>>;
    try {
      outcome = await recordGrade(
        deps.scores,
        {
          guildId,
          userId,
          question: post.question,
          topics: post.topics,
          kind: 'daily',
          at,
          timeZone,
          // No elapsedMs: a daily post is read whenever the member comes by, so the card follows correctness.
          ...(deps.cards ? { cards: deps.cards } : {}),
        },
        verdict,
      );
    } catch (error) {
      await deps.state.deleteAnswer(guildId, localDate, userId).catch(() => undefined);
      throw error;
    }
    if (outcome.cardError) {
      deps.log.warn({ err: outcome.cardError, guildId, userId }, 'review card not updated');
    }
    const firstRight =
      verdict.correct && post.firstRight.length < 3 ? [...post.firstRight, userId] : post.firstRight;
    await deps.state.putPost(guildId, {
      ...post,
      answers: post.answers + 1,
      right: post.right + (verdict.correct ? 1 : 0),
      firstRight,
    });
    // Best effort and not awaited: a statistic is not worth the member's answer waiting or failing.
    deps.health
      ?.recordAnswer(
        guildId,
        post.question.itemId,
        verdict.correct,
        verdict.correct ? undefined : verdict.given,
      )
      .catch(() => undefined);
    return {
      grade: verdict,
      awarded: outcome.awarded,
      streak: outcome.streak,
      totalPoints: outcome.totals.points,
    };
  });
}

/** Whether a member may still answer a post (for showing the typed-answer form). Throws like `answerDaily`. */
export async function assertCanAnswer(deps: DailyDeps, guildId: string, localDate: string, userId: string) {
  const post = await deps.state.getPost(guildId, localDate);
  if (!post) throw new UserError(DAILY_UNKNOWN);
  if (post.revealed) throw new UserError(DAILY_CLOSED);
  if (await deps.state.getAnswer(guildId, localDate, userId)) throw new UserError(ALREADY_ANSWERED);
}

/**
 * Edits open posts' live answer count at most once per `intervalMs` each, however many answers arrive:
 * the first answer schedules an edit, later ones within the interval ride along with it.
 */
export class CountEditor {
  readonly #pending = new Map<string, NodeJS.Timeout>();
  readonly #running = new Set<Promise<void>>();

  constructor(
    private readonly deps: DailyDeps,
    private readonly intervalMs: number,
  ) {}

  /** Notes that a post's count changed. */
  touch(guildId: string, localDate: string): void {
    const key = `${guildId}:${localDate}`;
    if (this.#pending.has(key)) return;
    const timer = setTimeout(() => {
      this.#pending.delete(key);
      const run = this.#edit(guildId, localDate).finally(() => this.#running.delete(run));
      this.#running.add(run);
    }, this.intervalMs);
    timer.unref?.();
    this.#pending.set(key, timer);
  }

  /** Cancels scheduled edits and waits for running ones. */
  async stop(): Promise<void> {
    for (const timer of this.#pending.values()) clearTimeout(timer);
    this.#pending.clear();
    await Promise.allSettled([...this.#running]);
  }

  async #edit(guildId: string, localDate: string): Promise<void> {
    try {
      await this.deps.queue.run(laneOf(guildId), async () => {
        const post = await this.deps.state.getPost(guildId, localDate);
        // A revealed post was already edited with its results; a count edit must not undo that.
        if (post && !post.revealed && post.messageId) await editQuietly(this.deps, guildId, post);
      });
    } catch (error) {
      this.deps.log.warn({ err: error, guildId, localDate }, 'could not update the daily answer count');
    }
  }
}
