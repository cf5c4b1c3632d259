import type { Question } from '../quiz/question.ts';
import type { ExamProfile } from './profile.ts';
import { isRightAnswer, optionTexts, rightOptions } from './questions.ts';
import type { ExamSession } from './session.ts';

/** Per-domain figures of one attempt. */
export interface DomainResult {
  domain: string;
  name: string;
  /** The profile's weight, as given. */
  weight: number;
  correct: number;
  total: number;
  /** 0–1; 0 for a domain without questions. */
  percent: number;
}

/** A missed or marked question, kept with the attempt so the review outlives edits to the notes. */
export interface ReviewEntry {
  /** 0-based position in the exam. */
  index: number;
  domain: string;
  prompt: string;
  /** What the member chose; empty when unanswered. */
  given: string;
  answer: string;
  explanation: string;
  /** For each wrong option, what it is (when the question engine says). */
  optionNotes?: string[];
  source: string;
  correct: boolean;
  marked: boolean;
}

/** The outcome of a submitted exam. */
export interface ExamResult {
  correct: number;
  total: number;
  /** Scaled score on the profile's scale (an estimate, see `scaledScore`). */
  scaled: number;
  passScore: number;
  scale: { min: number; max: number };
  passed: boolean;
  byDomain: DomainResult[];
  /** From the start to the submission, in ms (at most the exam's minutes). */
  usedMs: number;
  submittedAt: number;
  /** `deadline` when the time ran out and the bot submitted it. */
  submittedBy: 'member' | 'deadline';
  review: ReviewEntry[];
}

/**
 * The scaled score of `correct` out of `total` on the profile's scale. Real exams equate scores
 * across forms and do not publish the mapping, so this is an estimate: linear in the raw share over
 * the whole scale, or — when the profile gives `passRaw`, the raw share believed to reach the pass
 * mark — linear from the scale's minimum to the pass mark at `passRaw`, and from there to the maximum.
 */
export function scaledScore(
  profile: Pick<ExamProfile, 'scale' | 'passScore' | 'passRaw'>,
  correct: number,
  total: number,
): number {
  const { min, max } = profile.scale;
  const raw = total > 0 ? Math.min(1, Math.max(0, correct / total)) : 0;
  const pass = profile.passRaw;
  let score: number;
  if (pass === undefined) score = min + (max - min) * raw;
  else if (raw <= pass) score = min + (profile.passScore - min) * (raw / pass);
  else score = profile.passScore + (max - profile.passScore) * ((raw - pass) / (1 - pass));
  return Math.round(score);
}

/**
 * Grades an exam as it stands at `at` on the profile it started with: unanswered questions are wrong,
 * and so is a question whose item left the bank (it cannot be checked). `questions[i]` is the rebuilt
 * question of `session.questions[i]`.
 */
export function gradeExam(
  session: ExamSession,
  questions: readonly (Question | null)[],
  at: number,
  submittedBy: ExamResult['submittedBy'],
): ExamResult {
  const { profile } = session;
  const byDomain = new Map<string, DomainResult>(
    profile.domains.map((d) => [
      d.id,
      { domain: d.id, name: d.name, weight: d.weight, correct: 0, total: 0, percent: 0 },
    ]),
  );
  const review: ReviewEntry[] = [];
  let correct = 0;
  session.questions.forEach((planned, index) => {
    const question = questions[index] ?? null;
    const chosen = session.answers[index] ?? null;
    const right = question !== null && isRightAnswer(question, chosen);
    const tally = byDomain.get(planned.domain);
    if (tally) {
      tally.total++;
      if (right) tally.correct++;
    }
    if (right) correct++;
    const marked = session.marked[index] === true;
    if (!right || marked) review.push(reviewEntry(index, planned.domain, question, chosen, right, marked));
  });
  for (const tally of byDomain.values()) tally.percent = tally.total > 0 ? tally.correct / tally.total : 0;
  const total = session.questions.length;
  const scaled = scaledScore(profile, correct, total);
  const submittedAt = Math.min(at, session.deadline);
  return {
    correct,
    total,
    scaled,
    passScore: profile.passScore,
    scale: { ...profile.scale },
    passed: scaled >= profile.passScore,
    byDomain: [...byDomain.values()],
    usedMs: Math.max(0, submittedAt - session.startedAt),
    submittedAt,
    submittedBy,
    review,
  };
}

function reviewEntry(
  index: number,
  domain: string,
  question: Question | null,
  chosen: readonly number[] | null,
  correct: boolean,
  marked: boolean,
): ReviewEntry {
  if (!question) {
    return {
      index,
      domain,
      prompt: '(removed from the notes since the exam started)',
      given: '',
      answer: '',
      explanation: '',
      source: '',
      correct,
      marked,
    };
  }
  const notes = optionNotesOf(question);
  return {
    index,
    domain,
    prompt: question.prompt,
    given: optionTexts(question, chosen),
    answer: optionTexts(question, rightOptions(question)) || question.answer,
    explanation: question.explanation,
    ...(notes ? { optionNotes: notes } : {}),
    source: question.source,
    correct,
    marked,
  };
}

/** Notes on the wrong options ("30 days: the minimum storage duration of Standard-IA"), when the question has them. */
function optionNotesOf(question: Question): string[] | undefined {
  const notes = (question.optionNotes ?? []).map((n) => `${n.option}: ${n.note}`);
  return notes.length > 0 ? notes : undefined;
}
