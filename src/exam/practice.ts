import type { Bank } from '../bank/index.ts';
import type { Item } from '../bank/types.ts';
import { UserError } from '../core/errors.ts';
import { findDomain, mapDomains } from './domains.ts';
import { defaultProfile, type ExamDomain, type ExamProfile } from './profile.ts';

/** The option name `/quiz` and `/review` take to practise one exam domain. */
export const DOMAIN_OPTION = 'domain';

/**
 * The items of the default profile's domain `name` (id or name), narrowed to `within` when given (a
 * quiz topic). Throws `UserError` for an unknown domain, or one without notes.
 */
export function domainItems(
  bank: Bank,
  profiles: readonly ExamProfile[],
  name: string,
  within?: readonly Item[],
): { domain: ExamDomain; items: Item[] } {
  const profile = defaultProfile(profiles);
  const domain = profile && findDomain(profile, name);
  if (!profile || !domain) {
    const known = profile?.domains.map((d) => d.name).join(', ');
    throw new UserError(
      known ? `No exam domain "${name.slice(0, 60)}". Domains: ${known}.` : 'No exam profile is installed.',
    );
  }
  let items = mapDomains(bank.items, profile).byDomain.get(domain.id) ?? [];
  if (within) {
    const allowed = new Set(within.map((item) => item.id));
    items = items.filter((item) => allowed.has(item.id));
  }
  if (items.length === 0)
    throw new UserError(`No notes in ${domain.name} yet${within ? ' for that topic' : ''}.`);
  return { domain, items };
}

/** Autocomplete choices for a domain option: the default profile's domains matching `typed`. */
export function domainChoices(
  profiles: readonly ExamProfile[],
  typed: string,
): { name: string; value: string }[] {
  const wanted = typed.trim().toLowerCase();
  const profile = defaultProfile(profiles);
  return (profile?.domains ?? [])
    .filter((d) => d.id.includes(wanted) || d.name.toLowerCase().includes(wanted))
    .map((d) => ({ name: `${d.name} (${d.weight}%)`.slice(0, 100), value: d.id }));
}
