import { createScheduler } from '../review/card.ts';
import type { CardStore } from '../review/store.ts';
import { mapDomains } from './domains.ts';
import { type AttemptSummary, lastAttemptOn } from './history.ts';
import { defaultProfile, type ExamProfile } from './profile.ts';
import { type Readiness, readinessOf } from './readiness.ts';
import type { ExamActor, ExamDeps } from './service.ts';

/** The FSRS scheduler the card store uses by default: retrievability is read with the same curve. */
const scheduler = createScheduler();

/**
 * A member's readiness by domain of `profile` (the default profile when absent) over their server's
 * bank, from their cards and their last attempt on that profile; null when no profile is installed.
 */
export async function memberReadiness(
  deps: Pick<ExamDeps, 'bankOf' | 'profiles' | 'clock' | 'exams'>,
  cards: Pick<CardStore, 'cards'>,
  actor: ExamActor,
  history?: readonly AttemptSummary[],
  profile: ExamProfile | undefined = defaultProfile(deps.profiles()),
): Promise<Readiness | null> {
  if (!profile) return null;
  const attempts = history ?? (await deps.exams.history(actor.guildId, actor.userId));
  const last = lastAttemptOn(attempts, profile.id);
  return readinessOf({
    map: mapDomains(deps.bankOf(actor.guildId).items, profile),
    cards: await cards.cards(actor.guildId, actor.userId),
    scheduler,
    at: deps.clock.now(),
    ...(last ? { lastExam: last.byDomain } : {}),
  });
}

/** Readiness by domain as the /stats card's bars: readiness as the ratio, the parts as the detail. */
export function domainBars(readiness: Readiness): { label: string; ratio: number; detail: string }[] {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return readiness.domains.map((d) => ({
    label: `${d.name} (${d.weight}%)`,
    ratio: d.readiness,
    detail: [
      `recall ${d.retrievability === null ? '—' : pct(d.retrievability)}`,
      `seen ${pct(d.coverage)}`,
      `last exam ${d.lastExam === null ? '—' : pct(d.lastExam)}`,
    ].join(' · '),
  }));
}
