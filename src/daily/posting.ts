import { randomUUID } from 'node:crypto';
import type { Bank } from '../bank/index.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../log.ts';
import type { CardUpdater } from '../quiz/answer.ts';
import {
  makeQuestion,
  makeQuestionById,
  pickType,
  type Question,
  type QuestionType,
} from '../quiz/question.ts';
import { mutedPredicate } from '../quiz/question-health.ts';
import { hashString } from '../quiz/random.ts';
import type { GuildQueue, QuestionHealthStore, ScoreStore, SettingsStore } from '../store/index.ts';
import { type ClaimBackend, type ClaimRecord, claimPost, markSent, releaseClaim } from './claims.ts';
import { type CycleState, nextInCycle } from './cycle.ts';
import { addDays, mondayOf } from './dates.ts';
import { claimKey } from './planner.ts';
import type { DailySettings } from './settings.ts';
import type { DailyPost, DailyState, DailyStateStore } from './state.ts';
import { type DailyChannel, PostFailure, viewOf } from './view.ts';
import { isWeekStart } from './week.ts';
import { zonedTimeToInstant } from './zoned.ts';

/** Everything the daily question needs; no Discord types (the channel hides them). */
export interface DailyDeps {
  settings: SettingsStore;
  scores: Pick<ScoreStore, 'leaderboard' | 'recordAnswer'>;
  /** Members' review cards: each daily answer updates the member's card for the item. */
  cards?: CardUpdater;
  queue: GuildQueue;
  state: DailyStateStore;
  claims: ClaimBackend;
  bank: { readonly current: Bank };
  /** Shared + own notes of a server; without it, every server gets the shared bank. */
  banks?: { forGuild(guildId: string): Bank };
  clock: Clock;
  log: Logger;
  channel: DailyChannel;
  limits: DailyLimits;
  /** The questions muted in a server (`/bank flags`); without it, none are. */
  muted?: (guildId: string) => Promise<ReadonlySet<string>>;
  /** Per-question answer statistics (`/bank flags`); each daily answer counts once. */
  health?: Pick<QuestionHealthStore, 'recordAnswer'>;
}

export interface DailyLimits {
  /** A claim this old and not marked sent belongs to a process that died: resend it (once). */
  staleClaimMs: number;
  /** Failed sends in a row before a server's daily is paused. */
  maxFailures: number;
}

export const DEFAULT_LIMITS: DailyLimits = { staleClaimMs: 60_000, maxFailures: 3 };

/** How one attempt to post went. */
export type PostResult =
  | { kind: 'posted'; localDate: string; messageId: string; resent: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'failed'; reason: string; paused: boolean };

/** The queue lane of a guild's daily records (apart from its scores' lane, so answering can score). */
export const laneOf = (guildId: string) => `daily:${guildId}`;

/** The stored daily settings of a guild, or undefined when never set. */
export function dailySettingsOf(daily: unknown): DailySettings | undefined {
  if (typeof daily !== 'object' || daily === null) return undefined;
  const d = daily as Partial<DailySettings>;
  return typeof d.channelId === 'string' && typeof d.time === 'string' && typeof d.timeZone === 'string'
    ? (daily as DailySettings)
    : undefined;
}

/** The types a daily post can take answers for: buttons and a typed form (no select menu yet). */
const DAILY_TYPES: readonly QuestionType[] = ['choice', 'truefalse', 'typed'];

/** The question of the day for a guild and what the cycle becomes; undefined when the topic is empty. */
export function chooseQuestion(
  bank: Bank,
  topic: string | undefined,
  cycle: CycleState,
  guildId: string,
  localDate: string,
  isMuted: (itemId: string) => boolean = () => false,
): { question: Question; topics: string[]; cycle: CycleState } | undefined {
  const ids = bank
    .itemsForTopic(topic)
    .map((item) => item.id)
    .filter((id) => !isMuted(id));
  const seed = hashString(`${guildId}\u0000${localDate}`);
  let state = cycle;
  // Items that cannot be asked any way are passed over (they count as asked for this cycle).
  for (let tries = 0; tries < Math.min(ids.length, 50); tries++) {
    const next = nextInCycle(state, ids, guildId);
    if (!next) return undefined;
    state = next.state;
    const item = bank.get(next.itemId);
    const type = item ? pickType(item, bank, seed, DAILY_TYPES) : null;
    const question = item && type ? makeQuestion(item, bank, { type, seed }) : null;
    if (item && question) return { question, topics: item.tags, cycle: state };
  }
  return undefined;
}

/**
 * Posts the daily question of `localDate` for a guild, exactly once across restarts and processes:
 * claim (see claims.ts) → send → mark sent → record → reveal the previous post. A send Discord refuses
 * releases the claim and counts a failure (pausing after `maxFailures` in a row); any other error (a
 * timeout: was it posted?) keeps the claim, which is resent once when it becomes stale.
 */
export async function postDaily(deps: DailyDeps, guildId: string, localDate: string): Promise<PostResult> {
  const settings = dailySettingsOf((await deps.settings.get(guildId)).daily);
  if (!settings?.enabled) return { kind: 'skipped', reason: 'the daily question is off' };
  const state = await deps.state.getState(guildId);
  if (state.lastPostedLocalDate !== undefined && state.lastPostedLocalDate >= localDate) {
    return { kind: 'skipped', reason: `already posted for ${state.lastPostedLocalDate}` };
  }
  const now = deps.clock.now();
  const muted = mutedPredicate(deps.muted ? await deps.muted(guildId) : undefined);
  const chosen = chooseQuestion(
    bankOf(deps, guildId),
    settings.topic,
    state.cycle,
    guildId,
    localDate,
    muted,
  );
  if (!chosen) return noQuestion(deps, guildId, settings);

  const key = claimKey(guildId, localDate);
  const { question } = chosen;
  const claim: ClaimRecord = {
    token: randomUUID(),
    state: 'claimed',
    at: now.getTime(),
    pick: { itemId: question.itemId, type: question.type, seed: question.seed },
  };
  const outcome = await claimPost(deps.claims, key, claim, deps.limits.staleClaimMs);
  if (outcome.kind === 'held') return { kind: 'skipped', reason: 'claimed by another process' };
  if (outcome.kind === 'sent') {
    await syncPosted(deps, guildId, localDate);
    return { kind: 'skipped', reason: 'posted by another process' };
  }
  const resent = outcome.kind === 'resend';
  const asked = (resent && questionOfPick(bankOf(deps, guildId), outcome.claim.pick)) || question;
  const topics = asked === question ? chosen.topics : (bankOf(deps, guildId).get(asked.itemId)?.tags ?? []);

  const post: DailyPost = {
    v: 1,
    localDate,
    channelId: settings.channelId,
    messageId: '',
    question: asked,
    topics,
    postedAt: now.toISOString(),
    answers: 0,
    right: 0,
    firstRight: [],
    revealed: false,
  };
  if (isWeekStart(localDate, state.lastPostedLocalDate)) {
    const top = await lastWeekTop(deps, guildId, localDate, settings.timeZone);
    if (top.length > 0) post.weeklyTop = top;
  }

  let messageId: string;
  try {
    messageId = await deps.channel.post(settings.channelId, viewOf(post));
  } catch (error) {
    if (!(error instanceof PostFailure)) throw error;
    await releaseClaim(deps.claims, key);
    return recordFailure(deps, guildId, error);
  }
  await markSent(deps.claims, key, resent ? { ...claim, at: outcome.claim.at } : claim, messageId);
  post.messageId = messageId;

  // One lane for the records and the reveal edit, so a batched count edit cannot overwrite the reveal.
  await deps.queue.run(laneOf(guildId), async () => {
    await deps.state.putPost(guildId, post);
    const current = await deps.state.getState(guildId);
    const next: DailyState = {
      ...current,
      cycle: asked === question ? chosen.cycle : current.cycle,
      lastPostedLocalDate: localDate,
      failures: 0,
    };
    delete next.lastFailure;
    delete next.pausedReason;
    await deps.state.putState(guildId, next);
    const previous = current.lastPostedLocalDate;
    const closed =
      previous !== undefined && previous < localDate ? await closePost(deps, guildId, previous) : undefined;
    if (closed) await editQuietly(deps, guildId, closed);
  });
  deps.log.info({ guildId, localDate, messageId, resent }, 'daily question posted');
  return { kind: 'posted', localDate, messageId, resent };
}

/** Closes a post for answers (inside the guild's daily lane); the post to edit, or undefined. */
export async function closePost(
  deps: DailyDeps,
  guildId: string,
  localDate: string,
): Promise<DailyPost | undefined> {
  const post = await deps.state.getPost(guildId, localDate);
  if (!post || post.revealed || !post.messageId) return undefined;
  const closed = { ...post, revealed: true };
  await deps.state.putPost(guildId, closed);
  return closed;
}

/** Edits a post to its current view; a refusal (deleted message, lost access) is logged, not thrown. */
export async function editQuietly(deps: DailyDeps, guildId: string, post: DailyPost): Promise<void> {
  try {
    await deps.channel.edit(post.channelId, post.messageId, viewOf(post));
  } catch (error) {
    deps.log.warn({ err: error, guildId, localDate: post.localDate }, 'could not edit a daily post');
  }
}

/** Last ISO week's top 3 (local), read at Thursday noon of that week so DST cannot shift the week. */
async function lastWeekTop(deps: DailyDeps, guildId: string, localDate: string, timeZone: string) {
  const thursday = addDays(mondayOf(localDate), -4);
  const at = zonedTimeToInstant(thursday, '12:00', timeZone);
  const board = await deps.scores.leaderboard(guildId, 'week', at, timeZone, { limit: 3 });
  return board.top.map(({ userId, points }) => ({ userId, points }));
}

/** The bank a server's daily question is drawn from. */
export function bankOf(deps: Pick<DailyDeps, 'bank' | 'banks'>, guildId: string): Bank {
  return deps.banks?.forGuild(guildId) ?? deps.bank.current;
}

function questionOfPick(bank: Bank, pick: ClaimRecord['pick']): Question | null {
  if (!pick) return null;
  return makeQuestionById(bank, pick.itemId, { type: pick.type as QuestionType, seed: pick.seed });
}

/** Another process posted this date: remember it, so the planner stops offering it. */
async function syncPosted(deps: DailyDeps, guildId: string, localDate: string): Promise<void> {
  await deps.queue.run(laneOf(guildId), async () => {
    const current = await deps.state.getState(guildId);
    if (current.lastPostedLocalDate !== undefined && current.lastPostedLocalDate >= localDate) return;
    await deps.state.putState(guildId, { ...current, lastPostedLocalDate: localDate });
  });
}

const FIX_ACCESS =
  'Give the bot View Channel, Send Messages and Embed Links in that channel, or choose another one, then run /daily set to resume.';

/** Counts a refused send; pauses the guild's daily after `maxFailures` in a row. */
async function recordFailure(deps: DailyDeps, guildId: string, failure: PostFailure): Promise<PostResult> {
  const reason = describeFailure(failure);
  const paused = await deps.queue.run(laneOf(guildId), async () => {
    const current = await deps.state.getState(guildId);
    const failures = current.failures + 1;
    const pause = failures >= deps.limits.maxFailures;
    const next: DailyState = {
      ...current,
      failures,
      lastFailure: {
        at: deps.clock.now().toISOString(),
        reason,
        ...(failure.code !== undefined ? { code: failure.code } : {}),
      },
    };
    if (pause) next.pausedReason = `${failures} posts in a row failed: ${reason}`;
    await deps.state.putState(guildId, next);
    return pause;
  });
  if (paused) {
    await deps.settings.update(guildId, (current) => {
      const daily = dailySettingsOf(current.daily);
      return daily ? { ...current, daily: { ...daily, paused: true } } : current;
    });
  }
  deps.log.warn({ guildId, code: failure.code, reason, paused }, 'daily post refused');
  return { kind: 'failed', reason, paused };
}

function describeFailure(failure: PostFailure): string {
  if (failure.kind === 'access') return `the bot may not post in the daily channel. ${FIX_ACCESS}`;
  if (failure.kind === 'missing-channel')
    return 'the daily channel no longer exists. Choose another one with /daily set.';
  return `Discord refused the post (${failure.message}).`;
}

/** The topic has nothing to ask: say so in /daily status, without counting it as a failed send. */
async function noQuestion(deps: DailyDeps, guildId: string, settings: DailySettings): Promise<PostResult> {
  const reason = settings.topic
    ? `there are no questions about "${settings.topic}". Choose another topic with /daily set.`
    : 'the question bank is empty. Add notes, then /bank reload.';
  await deps.queue.run(laneOf(guildId), async () => {
    const current = await deps.state.getState(guildId);
    if (current.lastFailure?.reason === reason) return;
    await deps.state.putState(guildId, {
      ...current,
      lastFailure: { at: deps.clock.now().toISOString(), reason },
    });
  });
  return { kind: 'skipped', reason };
}
