import type { Item } from '../bank/types.ts';
import type { ExamDomain, ExamProfile } from './profile.ts';

/** What a note offers for mapping: its path, tags and frontmatter `domain:` (an item carries all three). */
export type NoteFacts = Pick<Item, 'note' | 'tags' | 'domain'>;

/** Why a note is in its domain, for `npm run bank` and tests. */
export type MappedBy = 'frontmatter' | 'folder' | 'tag';

/** A note's domain, or why it has none. */
export type NoteDomain = { domain: ExamDomain; by: MappedBy } | { domain: null; unknownFrontmatter?: string };

/** A bank's items split by domain, for one profile. */
export interface DomainMap {
  profile: ExamProfile;
  /** Items per domain id (every domain of the profile has an entry, possibly empty). */
  byDomain: Map<string, Item[]>;
  /** The domain id of each mapped item. */
  domainOf: Map<string, string>;
  /** Notes mapped to no domain, with their item counts. */
  unmapped: { note: string; items: number; unknownFrontmatter?: string }[];
}

/**
 * The domain of a note: its frontmatter `domain:` when it names one of the profile's domains (id, name
 * or a listed value), else the domain whose `folders` contain the note's folder, else the domain most
 * of its tags name (ties: the tag that comes first in the note). Null when nothing matches.
 */
export function domainOfNote(note: NoteFacts, profile: ExamProfile): NoteDomain {
  const named = note.domain?.trim().toLowerCase();
  if (named) {
    const domain = profile.domains.find(
      (d) => d.id === named || d.name.toLowerCase() === named || d.frontmatter.includes(named),
    );
    if (domain) return { domain, by: 'frontmatter' };
  }
  const folder = `/${note.note.split('/').slice(0, -1).join('/').toLowerCase()}/`;
  const byFolder = profile.domains.find((d) => d.folders.some((f) => folder.includes(`/${f}/`)));
  if (byFolder) return { domain: byFolder, by: 'folder' };
  let best: { domain: ExamDomain; votes: number; first: number } | undefined;
  for (const domain of profile.domains) {
    let votes = 0;
    let first = Number.POSITIVE_INFINITY;
    note.tags.forEach((tag, index) => {
      if (domain.tags.includes(tag)) {
        votes++;
        first = Math.min(first, index);
      }
    });
    if (votes > 0 && (!best || votes > best.votes || (votes === best.votes && first < best.first))) {
      best = { domain, votes, first };
    }
  }
  if (best) return { domain: best.domain, by: 'tag' };
  return named ? { domain: null, unknownFrontmatter: note.domain ?? named } : { domain: null };
}

const maps = new WeakMap<readonly Item[], WeakMap<ExamProfile, DomainMap>>();

/** Splits `items` by domain (computed once per items array and profile: a bank never changes). */
export function mapDomains(items: readonly Item[], profile: ExamProfile): DomainMap {
  let byProfile = maps.get(items);
  if (!byProfile) {
    byProfile = new WeakMap();
    maps.set(items, byProfile);
  }
  let map = byProfile.get(profile);
  if (!map) {
    map = buildMap(items, profile);
    byProfile.set(profile, map);
  }
  return map;
}

function buildMap(items: readonly Item[], profile: ExamProfile): DomainMap {
  const byDomain = new Map<string, Item[]>(profile.domains.map((d) => [d.id, []]));
  const domainOf = new Map<string, string>();
  const unmapped = new Map<string, { note: string; items: number; unknownFrontmatter?: string }>();
  // Items of one note share path, tags and domain: map each note once.
  let lastNote: string | undefined;
  let last: NoteDomain = { domain: null };
  for (const item of items) {
    if (item.note !== lastNote) {
      last = domainOfNote(item, profile);
      lastNote = item.note;
    }
    if (last.domain) {
      byDomain.get(last.domain.id)?.push(item);
      domainOf.set(item.id, last.domain.id);
    } else {
      const entry = unmapped.get(item.note) ?? {
        note: item.note,
        items: 0,
        ...(last.unknownFrontmatter ? { unknownFrontmatter: last.unknownFrontmatter } : {}),
      };
      entry.items++;
      unmapped.set(item.note, entry);
    }
  }
  return { profile, byDomain, domainOf, unmapped: [...unmapped.values()] };
}

/** The domain of `profile` named `name` (id or name, any case), if any. */
export function findDomain(profile: ExamProfile, name: string | null | undefined): ExamDomain | undefined {
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return undefined;
  return profile.domains.find((d) => d.id === wanted || d.name.toLowerCase() === wanted);
}
