import type { FSRS } from 'ts-fsrs';
import { type CardMap, retrievability } from '../review/card.ts';
import type { DomainMap } from './domains.ts';
import type { DomainResult } from './result.ts';

/** How ready a member is for one domain. */
export interface DomainReadiness {
  domain: string;
  name: string;
  weight: number;
  /** Items of the domain in the bank. */
  items: number;
  /** Items of the domain the member has a card for (has answered). */
  seen: number;
  /** Share of the domain's items seen (0–1). */
  coverage: number;
  /** Mean FSRS retrievability now of the seen items (0–1), null when none is seen. */
  retrievability: number | null;
  /** The domain's percent in the last exam (0–1), null without one. */
  lastExam: number | null;
  /**
   * 0–1: coverage × retrievability (what the member would recall of the whole domain today), averaged
   * with the last exam's percent when there is one.
   */
  readiness: number;
}

/** Readiness per domain of one profile, the weighted whole, and the weakest domain. */
export interface Readiness {
  profileId: string;
  profileName: string;
  domains: DomainReadiness[];
  /** Weighted by the domains' weights (0–1). */
  overall: number;
  weakest: DomainReadiness | null;
  /** "Weakest: Design Cost-Optimized Architectures, 54%" (or a prompt to start when nothing is known). */
  sentence: string;
}

export interface ReadinessInput {
  map: DomainMap;
  cards: CardMap;
  scheduler: FSRS;
  at: Date;
  /** Per-domain figures of the member's last exam on this profile, if any. */
  lastExam?: readonly Pick<DomainResult, 'domain' | 'percent' | 'total'>[];
}

/** A member's readiness by exam domain, from their review cards and their last exam. */
export function readinessOf(input: ReadinessInput): Readiness {
  const { map, cards, scheduler, at } = input;
  const domains = map.profile.domains.map((domain): DomainReadiness => {
    const items = map.byDomain.get(domain.id) ?? [];
    let seen = 0;
    let recall = 0;
    for (const item of items) {
      const card = cards.get(item.id);
      if (!card) continue;
      seen++;
      recall += retrievability(scheduler, card, at);
    }
    const coverage = items.length > 0 ? seen / items.length : 0;
    const meanRecall = seen > 0 ? recall / seen : null;
    const exam = input.lastExam?.find((d) => d.domain === domain.id && d.total > 0);
    const lastExam = exam ? exam.percent : null;
    const knowledge = coverage * (meanRecall ?? 0);
    return {
      domain: domain.id,
      name: domain.name,
      weight: domain.weight,
      items: items.length,
      seen,
      coverage,
      retrievability: meanRecall,
      lastExam,
      readiness: lastExam === null ? knowledge : (knowledge + lastExam) / 2,
    };
  });
  const totalWeight = domains.reduce((sum, d) => sum + d.weight, 0);
  const overall =
    totalWeight > 0 ? domains.reduce((sum, d) => sum + d.weight * d.readiness, 0) / totalWeight : 0;
  const known = domains.some((d) => d.seen > 0 || d.lastExam !== null);
  // The lowest readiness; among equals the heavier domain, which costs more points on the exam.
  const weakest = known
    ? ([...domains].sort((a, b) => a.readiness - b.readiness || b.weight - a.weight)[0] ?? null)
    : null;
  return {
    profileId: map.profile.id,
    profileName: map.profile.name,
    domains,
    overall,
    weakest,
    sentence: weakest
      ? `Weakest: ${weakest.name}, ${Math.round(weakest.readiness * 100)}%`
      : 'No answers yet in any domain: start with /exam start or /quiz.',
  };
}
