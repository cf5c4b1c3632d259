import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadProfiles, type ProfileSet } from './profile.ts';

/** The profiles shipped with flashcord (`data/exams`), found from the source tree or from `dist/`. */
export function shippedProfilesDir(): string {
  const candidates = [
    resolve(import.meta.dirname, '../../data/exams'),
    resolve(import.meta.dirname, '../../../data/exams'),
  ];
  return candidates.find((dir) => existsSync(dir)) ?? (candidates[0] as string);
}

/**
 * The profiles of a notes folder (`<dataDir>/exams`), or the shipped ones when that folder has none:
 * a server with its notes elsewhere still gets the default SAA-C03 profile.
 */
export async function profilesFor(dataDir: string): Promise<ProfileSet & { dir: string }> {
  const own = join(dataDir, 'exams');
  const found = await loadProfiles(own);
  if (found.profiles.length > 0 || found.diagnostics.length > 0) return { ...found, dir: own };
  const shipped = shippedProfilesDir();
  return { ...(await loadProfiles(shipped)), dir: shipped };
}
