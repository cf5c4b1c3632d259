import type { FSRS } from 'ts-fsrs';
import { State } from 'ts-fsrs';
import type { Item } from '../bank/types.ts';
import { isValidTimeZone, localDate } from '../core/localtime.ts';
import { zonedTimeToInstant } from '../daily/zoned.ts';
import { type CardMap, type ReviewCard, retrievability } from './card.ts';
import { checkedTime } from './due.ts';

/** A card counts as mastered once it is in review with a stability of at least this many days. */
export const MASTERED_STABILITY_DAYS = 21;
/** An item is "ready" when the member would recall it with at least this probability today. */
export const READY_RETRIEVABILITY = 0.9;

/** Review progress over one topic (or over all items). */
export interface TopicProgress {
  topic: string;
  /** Items of the topic in the bank. */
  items: number;
  /** Items the member has a card for. */
  seen: number;
  /** Cards that graduated from learning steps (state Review). */
  learned: number;
  /** Cards due now. */
  due: number;
  /** Cards in review with stability ≥ 21 days. */
  mastered: number;
  /** Share (0–1) of the topic's items learned with retrievability now ≥ 0.9; unseen items count as not ready. */
  readiness: number;
  /** The earliest due time after `at`, or null when no card is waiting. */
  nextDueAt: Date | null;
  /** Cards falling due during tomorrow (local date in the given time zone). */
  dueTomorrow: number;
}

export interface ReviewSummary {
  at: Date;
  timeZone: string;
  /** Every item of the bank, each counted once. */
  overall: TopicProgress;
  /** Per tag, least ready first. */
  topics: TopicProgress[];
}

interface Tally {
  items: number;
  seen: number;
  learned: number;
  due: number;
  mastered: number;
  ready: number;
  nextDue: number;
  dueTomorrow: number;
}

/**
 * Per-topic progress of a member over the bank's `items`. Cards of items no longer in the bank are
 * ignored; "tomorrow" is the next local date in `timeZone`.
 */
export function summarize(
  scheduler: FSRS,
  cards: CardMap,
  at: Date,
  items: readonly Pick<Item, 'id' | 'tags'>[],
  timeZone = 'UTC',
): ReviewSummary {
  const now = checkedTime(at);
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone ${JSON.stringify(timeZone)}`);
  const [tomorrowStart, tomorrowEnd] = tomorrowOf(at, timeZone);
  const overall = emptyTally();
  const byTopic = new Map<string, Tally>();
  const counted = new Set<string>();
  for (const item of items) {
    if (counted.has(item.id)) continue; // a duplicate id in the bank counts once
    counted.add(item.id);
    const card = cards.get(item.id);
    const facts = card ? factsOf(scheduler, card, at, now, tomorrowStart, tomorrowEnd) : undefined;
    add(overall, facts);
    for (const [index, topic] of item.tags.entries()) {
      if (item.tags.indexOf(topic) !== index) continue; // a repeated tag counts once
      let tally = byTopic.get(topic);
      if (!tally) {
        tally = emptyTally();
        byTopic.set(topic, tally);
      }
      add(tally, facts);
    }
  }
  const topics = [...byTopic]
    .map(([topic, tally]) => progressOf(topic, tally))
    .sort((a, b) => a.readiness - b.readiness || a.topic.localeCompare(b.topic));
  return { at, timeZone, overall: progressOf('all', overall), topics };
}

interface CardFacts {
  learned: boolean;
  due: boolean;
  mastered: boolean;
  ready: boolean;
  dueAt: number;
  dueTomorrow: boolean;
}

function factsOf(
  scheduler: FSRS,
  card: ReviewCard,
  at: Date,
  now: number,
  tomorrowStart: number,
  tomorrowEnd: number,
): CardFacts {
  const learned = card.state === State.Review;
  return {
    learned,
    due: card.due <= now,
    mastered: learned && card.stability >= MASTERED_STABILITY_DAYS,
    // ts-fsrs counts elapsed time in whole days, so a card failed an hour ago still reads R = 1;
    // only graduated cards can be ready.
    ready: learned && retrievability(scheduler, card, at) >= READY_RETRIEVABILITY,
    dueAt: card.due,
    dueTomorrow: card.due >= tomorrowStart && card.due < tomorrowEnd,
  };
}

function emptyTally(): Tally {
  return { items: 0, seen: 0, learned: 0, due: 0, mastered: 0, ready: 0, nextDue: Infinity, dueTomorrow: 0 };
}

function add(tally: Tally, facts: CardFacts | undefined): void {
  tally.items += 1;
  if (!facts) return;
  tally.seen += 1;
  if (facts.learned) tally.learned += 1;
  if (facts.due) tally.due += 1;
  else tally.nextDue = Math.min(tally.nextDue, facts.dueAt);
  if (facts.mastered) tally.mastered += 1;
  if (facts.ready) tally.ready += 1;
  if (facts.dueTomorrow) tally.dueTomorrow += 1;
}

function progressOf(topic: string, t: Tally): TopicProgress {
  return {
    topic,
    items: t.items,
    seen: t.seen,
    learned: t.learned,
    due: t.due,
    mastered: t.mastered,
    readiness: t.items === 0 ? 0 : t.ready / t.items,
    nextDueAt: Number.isFinite(t.nextDue) ? new Date(t.nextDue) : null,
    dueTomorrow: t.dueTomorrow,
  };
}

/** [start, end) in epoch ms of the local date after `at`'s in `timeZone` (DST days are 23 or 25 h). */
export function tomorrowOf(at: Date, timeZone: string): [number, number] {
  const today = localDate(at, timeZone);
  const tomorrow = addDays(today, 1);
  return [
    zonedTimeToInstant(tomorrow, '00:00', timeZone).getTime(),
    zonedTimeToInstant(addDays(today, 2), '00:00', timeZone).getTime(),
  ];
}

function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
