import type { Bank } from '../bank/index.ts';
import { mapDomains } from './domains.ts';
import { domainQuotas } from './draw.ts';
import type { ExamProfile } from './profile.ts';
import { examQuestionOf } from './questions.ts';

/** How well a bank covers a profile: notes in no domain, and domains too thin for a full exam. */
export interface ExamCoverage {
  profile: ExamProfile;
  unmapped: { note: string; items: number; unknownFrontmatter?: string }[];
  domains: { id: string; name: string; needed: number; available: number; thin: boolean }[];
}

/** Checks every item of the bank against `profile` (probes each item once: for `npm run bank`, not per request). */
export function examCoverage(bank: Bank, profile: ExamProfile): ExamCoverage {
  const map = mapDomains(bank.items, profile);
  const quotas = domainQuotas(profile, profile.questions);
  return {
    profile,
    unmapped: map.unmapped,
    domains: profile.domains.map((domain) => {
      const items = map.byDomain.get(domain.id) ?? [];
      const available = items.filter((item) => examQuestionOf(item, bank, 0) !== null).length;
      const needed = quotas.get(domain.id) ?? 0;
      return { id: domain.id, name: domain.name, needed, available, thin: available < needed };
    }),
  };
}

/** The readable report lines of a coverage check (empty problems give one "covered" line). */
export function coverageLines(coverage: ExamCoverage): string[] {
  const { profile } = coverage;
  const lines = [`exam ${profile.id} (${profile.name}):`];
  for (const note of coverage.unmapped) {
    const why = note.unknownFrontmatter
      ? ` (frontmatter domain "${note.unknownFrontmatter}" is not one of its domains)`
      : '';
    lines.push(`  ${note.note}: in no domain, ${note.items} items not asked in exams${why}`);
  }
  for (const d of coverage.domains) {
    const state = d.thin ? `too few for a full exam (needs ${d.needed})` : `enough (needs ${d.needed})`;
    lines.push(`  ${d.name}: ${d.available} exam questions, ${state}`);
  }
  return lines;
}
