import { fitText, LIMITS } from '../core/fit.ts';
import { type AnswerClass, sameColumnKind, sameKind } from './answer-class.ts';
import {
  computeMeaning,
  contentWords,
  equivalent,
  type Meaning,
  meaningOf,
  onlyRepeats,
} from './equivalence.ts';
import { containsWords, looseNormalize } from './normalize.ts';
import type { Candidate } from './pool.ts';
import { type Random, shuffled } from './random.ts';

/**
 * How closely a tier's candidates must resemble the answer beyond being of its class: `column` (cells of
 * one table column: any length of text is one kind there), `any`, `related` (≤ 3× its length), `strict` (≤ 2×).
 */
export type Resemblance = 'column' | 'any' | 'related' | 'strict';

/** One source of wrong options, tried in order: same column, then siblings, then look-alikes. */
export interface DistractorTier {
  candidates: readonly Candidate[];
  resemblance: Resemblance;
  /** Candidates from the question's own item are allowed (other steps of a sequence, authored wrong choices). */
  ownItem?: boolean;
  /** The note wrote these as this item's alternatives (its wrong options, its other steps): any class will do. */
  authored?: boolean;
}

/** What the wrong options are chosen for. */
export interface DistractorRequest {
  itemId: string;
  /** The right option's label (already fitted). */
  answer: string;
  /** Every other right answer (a `multi` question's): wrong options keep apart from these too. */
  alsoRight?: readonly string[];
  /** Other forms of the right answer the note gives (the full cell, an alias): never a wrong option. */
  aliases?: readonly string[];
  kind: AnswerClass;
  /** The question as shown: a wrong option must not be a fragment of it, nor only repeat its words. */
  prompt: string;
  tiers: readonly DistractorTier[];
  need: number;
}

/** A chosen wrong option: its label and where it comes from (for the option's note). */
export interface Distractor {
  label: string;
  candidate: Candidate;
}

/** Small lists are shuffled whole; big ones are sampled, then scanned from a random start. */
const SHUFFLE_LIMIT = 64;
const RANDOM_TRIES_PER_NEED = 6;
const SCAN_LIMIT = 120;
const FILLER = /\b(all|none|both|neither) of the (above|below)\b/i;
const meanings = new WeakMap<Candidate, Meaning>();

/** The meaning of a candidate, computed on first use and kept with it. */
export function meaningOfCandidate(candidate: Candidate): Meaning {
  let meaning = meanings.get(candidate);
  if (!meaning) {
    meaning = computeMeaning(candidate.text, candidate.loose);
    meanings.set(candidate, meaning);
  }
  return meaning;
}

/**
 * Up to `need` distinct wrong options (labels ≤ 80 characters), best tiers first, in seeded order: of
 * the answer's class, never equivalent to a right answer, never a piece or a rewording of the question.
 */
export function pickDistractors(request: DistractorRequest, random: Random): Distractor[] {
  const rights = [request.answer, ...(request.alsoRight ?? []), ...(request.aliases ?? [])].map(meaningOf);
  const promptLoose = looseNormalize(request.prompt);
  const known = new Set<string>([...contentWords(promptLoose), ...rights.flatMap((right) => right.content)]);
  const taken = new Set<string>(rights.map((right) => right.loose));
  const picked: Distractor[] = [];
  const names = request.kind === 'name';
  const accept = (candidate: Candidate, tier: DistractorTier): boolean => {
    if (!tier.ownItem && candidate.itemId === request.itemId) return false;
    if (!tier.authored && !resembles(candidate, request, tier.resemblance)) return false;
    if (FILLER.test(candidate.text) || taken.has(candidate.loose)) return false;
    const meaning = meaningOfCandidate(candidate);
    if (rights.some((right) => equivalent(meaning, right, names && candidate.kind === 'name'))) return false;
    if (containsWords(promptLoose, candidate.loose) || onlyRepeats(meaning, known)) return false;
    const label = fitText(candidate.text, LIMITS.buttonLabel);
    const labelLoose = label === candidate.text ? candidate.loose : looseNormalize(label);
    if (labelLoose === '' || taken.has(labelLoose)) return false;
    taken.add(labelLoose);
    taken.add(candidate.loose);
    picked.push({ label, candidate });
    return true;
  };
  for (const tier of request.tiers) {
    if (picked.length >= request.need) break;
    drawFrom(
      tier,
      random,
      () => request.need - picked.length,
      (candidate) => accept(candidate, tier),
    );
  }
  return picked;
}

function drawFrom(
  tier: DistractorTier,
  random: Random,
  missing: () => number,
  accept: (candidate: Candidate) => boolean,
): void {
  const list = tier.candidates;
  if (list.length <= SHUFFLE_LIMIT) {
    for (const candidate of shuffled(list, random)) {
      if (missing() <= 0) return;
      accept(candidate);
    }
    return;
  }
  for (let tries = RANDOM_TRIES_PER_NEED * missing(); tries > 0 && missing() > 0; tries--) {
    const candidate = list[random.int(list.length)];
    if (candidate) accept(candidate);
  }
  const start = random.int(list.length);
  for (let step = 0; step < Math.min(list.length, SCAN_LIMIT) && missing() > 0; step++) {
    const candidate = list[(start + step) % list.length];
    if (candidate) accept(candidate);
  }
}

/** Same class always; siblings within 3× the answer's length, look-alikes from anywhere within 2×. */
function resembles(candidate: Candidate, request: DistractorRequest, resemblance: Resemblance): boolean {
  if (resemblance === 'column') return sameColumnKind(candidate.kind, request.kind);
  if (!sameKind(candidate.kind, request.kind)) return false;
  // Steps are steps whatever their length: "Open the console" is a fair rival to a three-part path.
  if (resemblance === 'any' || request.kind === 'step') return true;
  const ratio =
    Math.max(candidate.text.length, request.answer.length) /
    Math.max(1, Math.min(candidate.text.length, request.answer.length));
  return ratio <= (resemblance === 'strict' ? 2 : 3);
}
