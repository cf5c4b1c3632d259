import type { Item } from '../bank/types.ts';
import type { ItemPool } from '../quiz/pool.ts';
import type { Question } from '../quiz/question.ts';
import { createRandom, hashString, type Random, shuffled } from '../quiz/random.ts';
import { mapDomains } from './domains.ts';
import type { ExamProfile } from './profile.ts';
import { type ExamQuestion, examQuestionOf } from './questions.ts';

/** The fewest questions an exam asks (the floor: fewer says nothing per domain). */
export const MIN_EXAM_QUESTIONS = 10;

/** A domain that cannot supply its share. */
export interface Shortfall {
  domain: string;
  name: string;
  needed: number;
  available: number;
}

/** A drawn exam: the planned questions (shuffled), the questions they make, and the count per domain. */
export type DrawResult =
  | { ok: true; planned: ExamQuestion[]; questions: Question[]; byDomain: Record<string, number> }
  | { ok: false; message: string; shortfall: Shortfall[] };

export interface DrawRequest {
  /** The whole bank: items to draw from, and distractors. */
  pool: ItemPool;
  profile: ExamProfile;
  count: number;
  seed: number;
  /** Questions muted in the server (`/bank flags`): never drawn. */
  isMuted?: (itemId: string) => boolean;
}

/**
 * How many questions each domain gets in an exam of `count`: weight × count rounded by largest
 * remainder, so every count is within 1 of its exact share and they add up to `count`.
 */
export function domainQuotas(profile: ExamProfile, count: number): Map<string, number> {
  const total = profile.domains.reduce((sum, domain) => sum + domain.weight, 0);
  const exact = profile.domains.map((domain) => ({ id: domain.id, share: (domain.weight / total) * count }));
  const quotas = new Map(exact.map((e) => [e.id, Math.floor(e.share)]));
  let left = count - [...quotas.values()].reduce((sum, n) => sum + n, 0);
  // Largest remainders first; ties go to the domain listed first (a stable sort keeps file order).
  const byRemainder = [...exact].sort(
    (a, b) => b.share - Math.floor(b.share) - (a.share - Math.floor(a.share)),
  );
  for (const entry of byRemainder) {
    if (left <= 0) break;
    quotas.set(entry.id, (quotas.get(entry.id) ?? 0) + 1);
    left--;
  }
  return quotas;
}

/**
 * Draws an exam: per domain its quota of different items (seeded), each asked as the first exam type
 * it allows (choice, multi-response), no prompt twice; then all of them shuffled together. Fails with
 * a message naming every domain that has too few askable items, rather than bend the weights.
 */
export function drawExam(request: DrawRequest): DrawResult {
  const { pool, profile, count, seed } = request;
  const isMuted = request.isMuted ?? (() => false);
  if (!Number.isInteger(count) || count < MIN_EXAM_QUESTIONS) {
    throw new RangeError(`an exam has at least ${MIN_EXAM_QUESTIONS} questions; got ${count}`);
  }
  const map = mapDomains(pool.items, profile);
  const quotas = domainQuotas(profile, count);
  const random = createRandom(seed >>> 0);
  const prompts = new Set<string>();
  const drawn: { planned: ExamQuestion; question: Question }[] = [];
  const shortfall: Shortfall[] = [];
  const byDomain: Record<string, number> = {};
  for (const domain of profile.domains) {
    const needed = quotas.get(domain.id) ?? 0;
    const items = (map.byDomain.get(domain.id) ?? []).filter((item) => !isMuted(item.id));
    const picked = pickAskable(items, needed, pool, random, seed, prompts);
    byDomain[domain.id] = picked.length;
    if (picked.length < needed) {
      shortfall.push({ domain: domain.id, name: domain.name, needed, available: picked.length });
    }
    for (const entry of picked) drawn.push({ ...entry, planned: { ...entry.planned, domain: domain.id } });
  }
  if (shortfall.length > 0)
    return { ok: false, message: shortfallMessage(profile, count, shortfall), shortfall };
  const order = shuffled(drawn, random);
  return {
    ok: true,
    planned: order.map((entry) => entry.planned),
    questions: order.map((entry) => entry.question),
    byDomain,
  };
}

/**
 * Up to `needed` items of `items` in a seeded order that can be asked in an exam. A partial
 * Fisher–Yates: only the items looked at are probed, so a 10,000-note bank costs what it asks.
 */
function pickAskable(
  items: readonly Item[],
  needed: number,
  pool: ItemPool,
  random: Random,
  seed: number,
  prompts: Set<string>,
): { planned: ExamQuestion; question: Question }[] {
  const picked: { planned: ExamQuestion; question: Question }[] = [];
  if (needed <= 0) return picked;
  const order = items.slice();
  for (let i = 0; i < order.length && picked.length < needed; i++) {
    const j = i + random.int(order.length - i);
    const item = order[j] as Item;
    order[j] = order[i] as Item;
    order[i] = item;
    const questionSeed = hashString(item.id, seed);
    const asked = examQuestionOf(item, pool, questionSeed);
    if (!asked) continue;
    const prompt = asked.question.prompt.trim().toLowerCase();
    if (prompts.has(prompt)) continue;
    prompts.add(prompt);
    picked.push({
      planned: { itemId: item.id, type: asked.type, seed: questionSeed, domain: '' },
      question: asked.question,
    });
  }
  return picked;
}

function shortfallMessage(profile: ExamProfile, count: number, shortfall: readonly Shortfall[]): string {
  const lines = shortfall.map((s) => `${s.name}: needs ${s.needed}, the notes give ${s.available}`);
  return [
    `The notes cannot fill a ${count}-question ${profile.name} exam by domain weight:`,
    ...lines.map((line) => `• ${line}`),
    'Add notes for these domains (tags, folders or `domain:` in frontmatter — see docs/exam.md), or ask for fewer questions.',
  ].join('\n');
}
