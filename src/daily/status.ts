import type { Bank } from '../bank/index.ts';
import { remainingInCycle } from './cycle.ts';
import { nextPost, type PlannedPost } from './planner.ts';
import type { DailySettings } from './settings.ts';
import type { DailyPost, DailyState } from './state.ts';

/** Everything `/daily status` shows. */
export interface DailyStatus {
  /** The server's time zone (UTC until `/daily set`). */
  timeZone: string;
  settings?: DailySettings;
  /** The next post; absent when off, paused or never set. */
  next?: PlannedPost;
  lastPost?: Pick<DailyPost, 'localDate' | 'channelId' | 'messageId' | 'postedAt' | 'answers' | 'right'>;
  /** Questions of the topic not asked yet in the current cycle, of `total`. */
  remaining: number;
  total: number;
  /** What went wrong last, and how to fix it; absent when the last post went well. */
  problem?: string;
  failures: number;
  pausedReason?: string;
}

/** Assembles the status of a guild's daily question (pure). */
export function dailyStatus(input: {
  timeZone: string;
  settings: DailySettings | undefined;
  state: DailyState;
  lastPost: DailyPost | undefined;
  bank: Bank;
  now: Date;
}): DailyStatus {
  const { settings, state } = input;
  const ids = input.bank.itemsForTopic(settings?.topic).map((item) => item.id);
  const status: DailyStatus = {
    timeZone: input.timeZone,
    remaining: remainingInCycle(state.cycle, ids),
    total: new Set(ids).size,
    failures: state.failures,
  };
  if (settings) {
    status.settings = settings;
    const next = nextPost(settings, input.now, state.lastPostedLocalDate);
    if (next) status.next = next;
  }
  if (input.lastPost) {
    const { localDate, channelId, messageId, postedAt, answers, right } = input.lastPost;
    status.lastPost = { localDate, channelId, messageId, postedAt, answers, right };
  }
  if (state.lastFailure) status.problem = state.lastFailure.reason;
  if (state.pausedReason) status.pausedReason = state.pausedReason;
  return status;
}
