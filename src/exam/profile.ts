import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import { z } from 'zod';
import type { Diagnostic } from '../bank/types.ts';

/** One exam domain: its share of the questions and what maps a note to it. */
export interface ExamDomain {
  /** Short id, used in custom_ids, options and the store (`a-z`, `0-9`, `-`). */
  id: string;
  name: string;
  /** Share of the exam's questions, as given (percent in the shipped profile); normalized when drawing. */
  weight: number;
  /** Note tags (frontmatter tags, lower-cased) that put a note in this domain. */
  tags: string[];
  /** Folder paths below the bank root (`security`, `aws/iam`) whose notes belong to this domain. */
  folders: string[];
  /** Values of a note's frontmatter `domain:` that mean this domain (its id and name always do). */
  frontmatter: string[];
}

/** A mock exam's facts: size, time, scoring scale and its domains. */
export interface ExamProfile {
  /** The file name without extension (`saa-c03`). */
  id: string;
  name: string;
  /** Questions in a full exam. */
  questions: number;
  /** Of which scored on the real exam (informational: a mock scores every question). */
  scored?: number;
  minutes: number;
  scale: { min: number; max: number };
  passScore: number;
  /**
   * The raw share of right answers estimated to reach the pass mark; without it the scaled score is
   * linear in the raw share over the whole scale (see `scaledScore`).
   */
  passRaw?: number;
  /** Whether this profile is the one `/exam start` uses without a `profile` option. */
  default: boolean;
  domains: ExamDomain[];
}

/** Profiles found in a folder, and the problems of the files that failed. */
export interface ProfileSet {
  profiles: ExamProfile[];
  diagnostics: Diagnostic[];
}

/** Domain and profile ids: short, lower case, usable in a custom_id. */
const ID = /^[a-z0-9][a-z0-9-]{0,23}$/;
const lowerList = z
  .array(z.union([z.string(), z.number()]).transform((value) => String(value).trim().toLowerCase()))
  .default([]);

const domainSchema = z.object({
  id: z.string().regex(ID, 'must be 1–24 of a-z, 0-9 and -, starting with a letter or digit'),
  name: z.string().trim().min(1).max(100),
  weight: z.number().positive(),
  tags: lowerList,
  folders: lowerList,
  frontmatter: lowerList,
});

const profileSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    questions: z.number().int().min(10).max(200),
    scored: z.number().int().positive().optional(),
    minutes: z
      .number()
      .positive()
      .max(24 * 60),
    scale: z.object({ min: z.number(), max: z.number() }).default({ min: 0, max: 100 }),
    passScore: z.number(),
    passRaw: z.number().gt(0).lt(1).optional(),
    default: z.boolean().default(false),
    domains: z.array(domainSchema).min(1).max(25),
  })
  .strict()
  .superRefine((profile, issue) => {
    if (profile.scale.max <= profile.scale.min) {
      issue.addIssue({ code: 'custom', path: ['scale', 'max'], message: 'must be above scale.min' });
    }
    if (profile.passScore < profile.scale.min || profile.passScore > profile.scale.max) {
      issue.addIssue({ code: 'custom', path: ['passScore'], message: 'must lie on the scale' });
    }
    if (profile.scored !== undefined && profile.scored > profile.questions) {
      issue.addIssue({ code: 'custom', path: ['scored'], message: 'cannot exceed questions' });
    }
    const seen = new Set<string>();
    profile.domains.forEach((domain, index) => {
      if (seen.has(domain.id)) {
        issue.addIssue({ code: 'custom', path: ['domains', index, 'id'], message: 'is used twice' });
      }
      seen.add(domain.id);
    });
  });

/** Reads every `*.yaml`, `*.yml` and `*.json` in `dir`; a missing folder gives no profiles, not an error. */
export async function loadProfiles(dir: string): Promise<ProfileSet> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => /\.(ya?ml|json)$/i.test(name)).sort();
  } catch {
    return { profiles: [], diagnostics: [] };
  }
  const results = await Promise.all(
    names.map(async (name) => parseProfile(join(dir, name), await readFile(join(dir, name), 'utf8'))),
  );
  return combineProfiles(results);
}

/** Profiles from several parsed files: a second file with the same id is an error and is dropped. */
export function combineProfiles(results: readonly ProfileSet[]): ProfileSet {
  const profiles: ExamProfile[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const result of results) {
    diagnostics.push(...result.diagnostics);
    for (const profile of result.profiles) {
      if (profiles.some((p) => p.id === profile.id)) {
        diagnostics.push(problem('', 1, `profile ${profile.id} is defined twice; the second is ignored`));
      } else profiles.push(profile);
    }
  }
  return { profiles, diagnostics };
}

/**
 * Parses one profile file (YAML, of which JSON is a subset) and validates it; every problem comes
 * with the file and the line of the value it is about.
 */
export function parseProfile(file: string, text: string): ProfileSet {
  const id = (file.split(/[\\/]/).pop() ?? file).replace(/\.(ya?ml|json)$/i, '').toLowerCase();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? lines.linePos(error.pos[0]).line : 1;
    return { profiles: [], diagnostics: [problem(file, line, `not valid YAML: ${error?.message ?? ''}`)] };
  }
  if (!ID.test(id)) {
    return { profiles: [], diagnostics: [problem(file, 1, 'the file name must be a-z, 0-9 and - (the id)')] };
  }
  const parsed = profileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const diagnostics = parsed.error.issues.map((issue) => {
      const path = issue.path.filter((key): key is string | number => typeof key !== 'symbol');
      const where = path.length > 0 ? `${path.join('.')}: ` : '';
      return problem(file, lineOf(doc.contents, path, lines), `${where}${issue.message}`);
    });
    return { profiles: [], diagnostics };
  }
  const profile: ExamProfile = { id, ...parsed.data };
  const total = profile.domains.reduce((sum, domain) => sum + domain.weight, 0);
  const diagnostics: Diagnostic[] = [];
  if (Math.abs(total - 100) > 0.01 && Math.abs(total - 1) > 0.0001) {
    const line = lineOf(doc.contents, ['domains'], lines);
    diagnostics.push({
      ...problem(file, line, `domain weights add up to ${total}, not 100: they are used as proportions`),
      severity: 'warning',
    });
  }
  return { profiles: [profile], diagnostics };
}

/** The profile `/exam start` uses without a choice: the one marked `default`, else the first. */
export function defaultProfile(profiles: readonly ExamProfile[]): ExamProfile | undefined {
  return profiles.find((profile) => profile.default) ?? profiles[0];
}

/** The profile named `name` (its id or its name, any case), the default one when `name` is empty. */
export function findProfile(profiles: readonly ExamProfile[], name?: string | null): ExamProfile | undefined {
  const wanted = name?.trim().toLowerCase();
  if (!wanted) return defaultProfile(profiles);
  return profiles.find((p) => p.id === wanted || p.name.toLowerCase() === wanted);
}

/** The line of the deepest node of `path` that exists in the document (1 when none does). */
function lineOf(root: unknown, path: readonly (string | number)[], lines: LineCounter): number {
  let node = root as Node | null | undefined;
  let best = node?.range?.[0];
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(key));
      const keyStart = isScalar(pair?.key) ? pair?.key.range?.[0] : undefined;
      if (keyStart !== undefined) best = keyStart;
      node = pair?.value as Node | null | undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key] as Node | null | undefined;
    } else break;
    if (node?.range) best = node.range[0];
  }
  return best === undefined ? 1 : lines.linePos(best).line;
}

function problem(file: string, line: number, message: string): Diagnostic {
  return { file, line, column: 1, severity: 'error', message };
}
