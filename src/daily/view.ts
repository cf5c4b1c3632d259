import type { OptionNote, Question } from '../quiz/question.ts';
import type { DailyPost } from './state.ts';

/** What a daily post shows, as plain data; `src/discord/render/daily.ts` turns it into a message. */
export interface DailyPostView {
  localDate: string;
  question: Pick<Question, 'itemId' | 'type' | 'prompt' | 'options'>;
  /** Answers so far (the live count). */
  answers: number;
  weeklyTop?: { userId: string; points: number }[];
  /** Present once the post is closed: the answer and the day's results. */
  reveal?: {
    answer: string;
    explanation: string;
    /** What each wrong option really is (choice and multi questions), so a member learns from a miss. */
    optionNotes?: OptionNote[];
    source: string;
    right: number;
    firstRight: string[];
  };
}

/** Why Discord refused a post or edit. `access`: 403 / 50013 / 50001; `missing-channel`: 10003. */
export type PostFailureKind = 'access' | 'missing-channel' | 'other';

/** Discord refused the request: nothing was posted (unlike a timeout, after which nobody knows). */
export class PostFailure extends Error {
  override readonly name = 'PostFailure';
  constructor(
    readonly kind: PostFailureKind,
    message: string,
    readonly code?: number,
  ) {
    super(message);
  }
}

/** Where daily posts go: Discord in production, a recorder in unit tests. */
export interface DailyChannel {
  /** Posts a new daily question; resolves to the message id. Rejects with `PostFailure` when refused. */
  post(channelId: string, view: DailyPostView): Promise<string>;
  /** Replaces an earlier post (live count, reveal). */
  edit(channelId: string, messageId: string, view: DailyPostView): Promise<void>;
}

/** The view of a stored post: open (with its count) or revealed. */
export function viewOf(post: DailyPost): DailyPostView {
  const view: DailyPostView = {
    localDate: post.localDate,
    question: {
      itemId: post.question.itemId,
      type: post.question.type,
      prompt: post.question.prompt,
      options: post.question.options,
    },
    answers: post.answers,
  };
  if (post.weeklyTop && post.weeklyTop.length > 0) view.weeklyTop = post.weeklyTop;
  if (post.revealed) {
    view.reveal = {
      answer: post.question.answer,
      explanation: post.question.explanation,
      source: post.question.source,
      right: post.right,
      firstRight: post.firstRight,
    };
    const notes = post.question.optionNotes ?? [];
    if (notes.length > 0) view.reveal.optionNotes = notes;
  }
  return view;
}

/**
 * A channel that keeps Discord's view of its requests under `perSecond` in any second (Discord allows 50/s
 * in all). A request counts from its start until a second after its response: whenever Discord handles it,
 * it falls inside that span, so no second at Discord can hold more, whatever the network or event loop does.
 */
export function pacedChannel(
  inner: DailyChannel,
  perSecond: number,
  now: () => number = () => performance.now(),
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): DailyChannel {
  if (!Number.isInteger(perSecond) || perSecond < 1) {
    throw new RangeError(`perSecond must be a positive integer, got ${perSecond}`);
  }
  let inFlight = 0;
  const finished: number[] = [];
  const waiters: (() => void)[] = [];
  let queue: Promise<void> = Promise.resolve();
  const waitForSlot = async () => {
    for (;;) {
      const t = now();
      while (finished.length > 0 && t - (finished[0] as number) >= 1000) finished.shift();
      if (inFlight + finished.length < perSecond) {
        inFlight++;
        return;
      }
      if (finished.length > 0) await sleep(1000 - (t - (finished[0] as number)) + 1);
      else await new Promise<void>((resolve) => waiters.push(resolve));
    }
  };
  // Callers take turns, so a burst is served in order.
  const run = async <T>(request: () => Promise<T>): Promise<T> => {
    const turn = queue.then(waitForSlot);
    queue = turn;
    await turn;
    try {
      return await request();
    } finally {
      inFlight--;
      finished.push(now());
      waiters.shift()?.();
    }
  };
  return {
    post: (channelId, view) => run(() => inner.post(channelId, view)),
    edit: (channelId, messageId, view) => run(() => inner.edit(channelId, messageId, view)),
  };
}
