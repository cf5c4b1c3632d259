/**
 * Per-question health for a server: members' flags and answer statistics, and the rule that calls a
 * question "suspicious". Pure: the store keeps the records, Discord shows them (`/bank flags`).
 */

/** Why a member flagged a question. */
export type FlagReason = 'wrong' | 'unclear' | 'duplicate' | 'other';

export const FLAG_REASONS: readonly FlagReason[] = ['wrong', 'unclear', 'duplicate', 'other'];

/** How each reason reads to people. */
export const FLAG_REASON_LABEL: Record<FlagReason, string> = {
  wrong: 'Wrong answer',
  unclear: 'Unclear',
  duplicate: 'Duplicate',
  other: 'Other',
};

/** The longest free text a flag keeps. */
export const FLAG_TEXT_MAX = 500;

/** One member's flag on one question. */
export interface QuestionFlag {
  userId: string;
  /** Epoch milliseconds. */
  at: number;
  reason: FlagReason;
  text: string;
}

/** How a question has been answered in one server. */
export interface QuestionStats {
  asked: number;
  right: number;
  /** Times each wrong option (its label, or a typed answer) was chosen. */
  wrong: Record<string, number>;
}

export const EMPTY_STATS: QuestionStats = { asked: 0, right: 0, wrong: {} };

/** Fewer answers than this say nothing about a question. */
export const SUSPICIOUS_MIN_ANSWERS = 5;
/** A question answered right less often than this... */
export const SUSPICIOUS_RIGHT_RATE = 0.2;
/** ...whose most chosen wrong option takes at least this share of the wrong answers. */
export const SUSPICIOUS_DOMINANT_SHARE = 0.5;

/** Wrong options kept per question: a typed question's wrong answers must not grow the record forever. */
export const MAX_WRONG_KEYS = 20;
const WRONG_KEY_MAX = 80;

/** Parses a reason from a form field: a reason's name or its label, any case; null when unknown. */
export function parseFlagReason(raw: string): FlagReason | null {
  const text = raw.trim().toLowerCase();
  for (const reason of FLAG_REASONS) {
    if (text === reason || text === FLAG_REASON_LABEL[reason].toLowerCase()) return reason;
  }
  if (text === 'wrong answer' || text === 'incorrect') return 'wrong';
  return null;
}

/** The stats after one more graded answer; `chosen` is the wrong option picked (ignored when right). */
export function recordAnswer(stats: QuestionStats, correct: boolean, chosen?: string): QuestionStats {
  const next: QuestionStats = {
    asked: stats.asked + 1,
    right: stats.right + (correct ? 1 : 0),
    wrong: { ...stats.wrong },
  };
  const key = chosen?.trim().slice(0, WRONG_KEY_MAX);
  if (!correct && key) {
    if (key in next.wrong || Object.keys(next.wrong).length < MAX_WRONG_KEYS) {
      next.wrong[key] = (next.wrong[key] ?? 0) + 1;
    }
  }
  return next;
}

/** The most chosen wrong option and how often, or null when none was recorded. */
export function dominantWrong(stats: QuestionStats): { option: string; count: number } | null {
  let best: { option: string; count: number } | null = null;
  for (const [option, count] of Object.entries(stats.wrong)) {
    if (!best || count > best.count) best = { option, count };
  }
  return best;
}

/**
 * True for a question members mostly get wrong the same way: at least SUSPICIOUS_MIN_ANSWERS answers,
 * under 20% right, and one wrong option with at least half of the wrong answers (a sign that the
 * "wrong" option is in fact right, or the prompt points at it).
 */
export function isSuspicious(stats: QuestionStats): boolean {
  if (stats.asked < SUSPICIOUS_MIN_ANSWERS) return false;
  if (stats.right / stats.asked >= SUSPICIOUS_RIGHT_RATE) return false;
  const top = dominantWrong(stats);
  const wrongAnswers = stats.asked - stats.right;
  return top !== null && wrongAnswers > 0 && top.count / wrongAnswers >= SUSPICIOUS_DOMINANT_SHARE;
}

/** One line of statistics, e.g. "asked 12 · 8% right · most chosen wrong: “11 nines” (9)". */
export function statsLine(stats: QuestionStats): string {
  if (stats.asked === 0) return 'not answered yet';
  const rate = Math.round((stats.right / stats.asked) * 100);
  const top = dominantWrong(stats);
  return `asked ${stats.asked} · ${rate}% right${top ? ` · most chosen wrong: “${top.option}” (${top.count})` : ''}`;
}

/** A predicate for the draws: true for an item id muted in the server. */
export function mutedPredicate(muted: ReadonlySet<string> | undefined): (itemId: string) => boolean {
  if (!muted || muted.size === 0) return () => false;
  return (itemId) => muted.has(itemId);
}

/** One question in the moderators' queue of `/bank flags`: flagged, suspicious, or both. */
export interface FlagQueueEntry {
  itemId: string;
  flags: QuestionFlag[];
  stats: QuestionStats;
  suspicious: boolean;
}

/**
 * The questions a server's moderators should look at: every flagged question, most flags first, then
 * the suspicious ones nobody flagged, lowest right rate first. Muted questions are left out.
 */
export function flagQueue(
  flags: ReadonlyMap<string, QuestionFlag[]>,
  stats: ReadonlyMap<string, QuestionStats>,
  muted: ReadonlySet<string> = new Set(),
): FlagQueueEntry[] {
  const entryOf = (itemId: string): FlagQueueEntry => {
    const own = stats.get(itemId) ?? EMPTY_STATS;
    return { itemId, flags: flags.get(itemId) ?? [], stats: own, suspicious: isSuspicious(own) };
  };
  const flagged = [...flags.keys()]
    .filter((id) => !muted.has(id) && (flags.get(id)?.length ?? 0) > 0)
    .map(entryOf)
    .sort((a, b) => b.flags.length - a.flags.length || firstFlagAt(a) - firstFlagAt(b));
  const suspicious = [...stats.keys()]
    .filter((id) => !muted.has(id) && !flags.has(id))
    .map(entryOf)
    .filter((entry) => entry.suspicious)
    .sort((a, b) => a.stats.right / a.stats.asked - b.stats.right / b.stats.asked);
  return [...flagged, ...suspicious];
}

function firstFlagAt(entry: FlagQueueEntry): number {
  return Math.min(...entry.flags.map((f) => f.at));
}

/** The reasons of a question's flags with their counts, most given first, e.g. "Wrong answer ×2 · Unclear". */
export function reasonsLine(flags: readonly QuestionFlag[]): string {
  const counts = new Map<FlagReason, number>();
  for (const flag of flags) counts.set(flag.reason, (counts.get(flag.reason) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([reason, n]) => (n > 1 ? `${FLAG_REASON_LABEL[reason]} ×${n}` : FLAG_REASON_LABEL[reason]))
    .join(' · ');
}
