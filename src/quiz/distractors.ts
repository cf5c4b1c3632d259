import { fitText, LIMITS } from '../core/fit.ts';
import { containsWords, looseNormalize } from './normalize.ts';
import type { Candidate } from './pool.ts';
import type { AnswerKind } from './profile.ts';
import { type Random, shuffled } from './random.ts';

/** How closely a tier's candidates must resemble the answer. */
export type Resemblance = 'any' | 'related' | 'strict';

/** One source of wrong options, tried in order: same column, then siblings, then look-alikes. */
export interface DistractorTier {
  candidates: readonly Candidate[];
  resemblance: Resemblance;
  /** Candidates from the question's own item are allowed (other steps of a sequence, authored wrong choices). */
  ownItem?: boolean;
}

/** What the wrong options are chosen for. */
export interface DistractorRequest {
  itemId: string;
  /** The right option's label (already fitted). */
  answer: string;
  /** Every other right answer (a `multi` question's): wrong options keep apart from these too. */
  alsoRight?: readonly string[];
  kind: AnswerKind;
  /** The question as shown: a wrong option must not be a fragment of it. */
  prompt: string;
  tiers: readonly DistractorTier[];
  need: number;
}

/** Small lists are shuffled whole; big ones are sampled, then scanned from a random start. */
const SHUFFLE_LIMIT = 64;
const RANDOM_TRIES_PER_NEED = 8;
const SCAN_LIMIT = 400;
const FILLER = /\b(all|none|both|neither) of the (above|below)\b/i;

/** Up to `need` distinct wrong-option labels (≤ 80 characters), best tiers first, in seeded order. */
export function pickDistractors(request: DistractorRequest, random: Random): string[] {
  const answerLoose = looseNormalize(request.answer);
  const promptLoose = looseNormalize(request.prompt);
  const rightLoose = [answerLoose, ...(request.alsoRight ?? []).map(looseNormalize)];
  const taken = new Set<string>(rightLoose);
  const labels: string[] = [];
  const accept = (candidate: Candidate, tier: DistractorTier): boolean => {
    if (!tier.ownItem && candidate.itemId === request.itemId) return false;
    if (!resembles(candidate, request, tier.resemblance)) return false;
    if (FILLER.test(candidate.text)) return false;
    for (const right of rightLoose) {
      if (containsWords(candidate.loose, right) || containsWords(right, candidate.loose)) return false;
    }
    if (containsWords(promptLoose, candidate.loose)) return false;
    const label = fitText(candidate.text, LIMITS.buttonLabel);
    const labelLoose = looseNormalize(label);
    if (labelLoose === '' || taken.has(labelLoose)) return false;
    taken.add(labelLoose);
    labels.push(label);
    return true;
  };
  for (const tier of request.tiers) {
    if (labels.length >= request.need) break;
    drawFrom(
      tier,
      random,
      () => request.need - labels.length,
      (candidate) => accept(candidate, tier),
    );
  }
  return labels;
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

function resembles(candidate: Candidate, request: DistractorRequest, resemblance: Resemblance): boolean {
  if (resemblance === 'any') return candidate.kind !== 'yesno' || request.kind === 'yesno';
  const ratio =
    Math.max(candidate.text.length, request.answer.length) /
    Math.max(1, Math.min(candidate.text.length, request.answer.length));
  if (resemblance === 'strict') return candidate.kind === request.kind && ratio <= 2;
  const wordy = new Set<AnswerKind>(['phrase', 'name']);
  const sameFamily =
    candidate.kind === request.kind || (wordy.has(candidate.kind) && wordy.has(request.kind));
  return sameFamily && ratio <= 3;
}
