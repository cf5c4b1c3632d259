import type { Bank } from '../bank/index.ts';
import type { Item } from '../bank/types.ts';
import type { ReviewSummary } from '../review/summary.ts';
import { memberStats } from '../scoring/member.ts';
import { applicableTypes } from './question.ts';
import { createSession, planQuestions, type SessionQuestion } from './session.ts';
import { type Actor, questionAt, SESSION_TTL_MS, type SoloDeps, type SoloView, sessionKey } from './solo.ts';

/** A review session asks at most this many due cards; the rest wait for the next `/review`. */
export const REVIEW_QUESTIONS = 10;
/** Due cards read per `/review`: enough to skip items that can no longer be asked and still fill a session. */
export const DUE_READ = 50;

/** Where the member stands after (or instead of) a review. */
export interface ReviewProgress {
  /** Cards due now whose item is still in the bank (at most `DUE_READ` counted). */
  dueNow: number;
  /** The earliest due time after now, or null when no card is waiting. */
  nextDueAt: Date | null;
  /** Cards falling due during tomorrow's local date in the server's time zone. */
  dueTomorrow: number;
  /** The topic a short quiz should be offered on: the lowest accuracy, else the least ready; null for the whole bank. */
  weakestTopic: string | null;
}

/** What `/review` starts: a session of due cards, or nothing due with where the member stands. */
export type ReviewStart =
  | { kind: 'session'; view: Extract<SoloView, { kind: 'question' }>; progress: ReviewProgress }
  | { kind: 'nothing-due'; progress: ReviewProgress };

/**
 * Starts a `/review`: the member's due cards, oldest due first, asked like a solo quiz (same session,
 * buttons and feedback; answers score as kind `review` under the 24 h rule). Cards of items no longer
 * in the bank, or no longer askable, are skipped.
 */
export async function startReview(
  deps: SoloDeps,
  init: Actor & {
    id: string;
    seed: number;
    /** Review only the due cards of these items (an exam domain's); default the whole bank. */
    items?: readonly Item[];
  },
): Promise<ReviewStart> {
  const { timeZone } = await deps.store.settings.get(init.guildId);
  const at = deps.clock.now();
  const items = init.items ?? deps.bank.items;
  const { due, summary } = await deps.store.cards.overview(init.guildId, init.userId, at, items, {
    limit: DUE_READ,
    timeZone,
  });
  const progress = await progressOf(deps, init, summary, due.length);
  const dueItems = due.flatMap(({ itemId }) => {
    const item = deps.bank.get(itemId);
    return item && applicableTypes(item, deps.bank).length > 0 ? [item] : [];
  });
  const questions = planInDueOrder(deps.bank, dueItems.slice(0, REVIEW_QUESTIONS), init.seed);
  if (questions.length === 0) return { kind: 'nothing-due', progress };
  const session = createSession({
    id: init.id,
    guildId: init.guildId,
    userId: init.userId,
    topic: null,
    questions,
    startedAt: at.getTime(),
    timeZone,
    mode: 'review',
  });
  await deps.store.sessions.put(sessionKey(session.id), session, SESSION_TTL_MS);
  return {
    kind: 'session',
    view: { kind: 'question', session, index: 0, question: questionAt(deps.bank, session, 0) },
    progress,
  };
}

/** The member's review standing now (for the end of a review session). */
export async function reviewProgress(deps: SoloDeps, actor: Actor): Promise<ReviewProgress> {
  const { timeZone } = await deps.store.settings.get(actor.guildId);
  const { due, summary } = await deps.store.cards.overview(
    actor.guildId,
    actor.userId,
    deps.clock.now(),
    deps.bank.items,
    { limit: DUE_READ, timeZone },
  );
  return progressOf(deps, actor, summary, due.length);
}

/** The same type mix as a quiz of these items, asked in the order given (oldest due first). */
function planInDueOrder(bank: Bank, items: readonly Item[], seed: number): SessionQuestion[] {
  if (items.length === 0) return [];
  const planned = new Map(
    planQuestions({ items, pool: bank, count: items.length, seed }).map((q) => [q.itemId, q]),
  );
  return items.flatMap((item) => {
    const question = planned.get(item.id);
    return question ? [question] : [];
  });
}

async function progressOf(
  deps: SoloDeps,
  actor: Actor,
  summary: ReviewSummary,
  dueNow: number,
): Promise<ReviewProgress> {
  return {
    dueNow,
    nextDueAt: summary.overall.nextDueAt,
    dueTomorrow: summary.overall.dueTomorrow,
    weakestTopic: await weakestTopic(deps, actor, summary),
  };
}

/** Lowest accuracy among topics still in the bank (answered, below 100 %); else the least ready topic seen. */
export async function weakestTopic(
  deps: SoloDeps,
  actor: Actor,
  summary: ReviewSummary,
): Promise<string | null> {
  const inBank = (topic: string) => deps.bank.itemsForTopic(topic).length > 0;
  const record = await deps.store.scores.getMember(actor.guildId, actor.userId);
  if (record) {
    const { topics } = memberStats(record, deps.clock.now(), summary.timeZone);
    const weak = topics.find((t) => t.answers > 0 && t.accuracy < 1 && inBank(t.topic));
    if (weak) return weak.topic;
  }
  return summary.topics.find((t) => t.seen > 0 && t.readiness < 1 && inBank(t.topic))?.topic ?? null;
}
