import { resolve } from 'node:path';
import { type Bank, buildBank, loadBank, parseNote } from '../../src/bank/index.ts';
import { type ExamProfile, loadProfiles } from '../../src/exam/profile.ts';

export const ROOT = resolve(import.meta.dirname, '../..');
/** Notes for the four SAA-C03 domains (by folder, frontmatter and tags) plus one unmapped note. */
export const EXAM_NOTES = resolve(ROOT, 'test/fixtures/exam/notes');

/** The shipped SAA-C03 profile. */
export async function saaProfile(): Promise<ExamProfile> {
  const set = await loadProfiles(resolve(ROOT, 'data/exams'));
  const profile = set.profiles.find((p) => p.id === 'saa-c03');
  if (!profile) throw new Error(`no saa-c03 profile: ${JSON.stringify(set.diagnostics)}`);
  return profile;
}

/** The fixture bank of exam notes. */
export function examBank(): Promise<Bank> {
  return loadBank(EXAM_NOTES);
}

/** A bank of inline notes: `path → markdown`. */
export function bankOf(notes: Record<string, string>): Bank {
  return buildBank(Object.entries(notes).map(([path, text]) => parseNote(path, text)));
}

/** A table note with `rows` rows, which gives `rows` choice questions. */
export function tableNote(title: string, frontmatter: string, rows: number): string {
  const lines = Array.from(
    { length: rows },
    (_, i) => `| **${title} thing ${i + 1}** | ${title} detail number ${i + 1} of its kind |`,
  );
  return `---\ntitle: ${title}\n${frontmatter}\n---\n\n# ${title}\n\n## Facts\n\n| Term | Meaning |\n|---|---|\n${lines.join('\n')}\n`;
}
