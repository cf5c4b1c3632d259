import type { ExamResultCardData } from './exam.ts';
import { formatDuration } from './words.ts';

/** An exam result as the card needs it: a structural subset of src/exam's ExamResult, so cards stay apart. */
export interface ExamResultInput {
  /** The exam profile's name ("SAA-C03 practice exam"). */
  profileName: string;
  /** The member's display name. */
  name: string;
  result: {
    correct: number;
    total: number;
    scaled: number;
    passScore: number;
    scale: { min: number; max: number };
    passed: boolean;
    usedMs: number;
    submittedBy: 'member' | 'deadline';
    byDomain: readonly { name: string; weight: number; correct: number; total: number; percent: number }[];
  };
}

/** The exam result in three forms: the card's data, a one-line summary, and the full text (alt text). */
export interface ExamResultView {
  card: ExamResultCardData;
  summary: string;
  text: string;
}

const pct = (ratio: number) => `${Math.round(Math.max(0, Math.min(1, ratio)) * 100)}%`;

/** Builds the exam result card, summary and plain text from a submitted exam (pure). */
export function examResultView(input: ExamResultInput): ExamResultView {
  const { result } = input;
  const used = formatDuration(result.usedMs);
  const right = `${result.correct}/${result.total} right`;
  const auto = result.submittedBy === 'deadline';
  const card: ExamResultCardData = {
    title: input.profileName,
    name: input.name,
    score: result.scaled,
    passMark: result.passScore,
    minScore: result.scale.min,
    maxScore: result.scale.max,
    detail: `${right} · ${used}${auto ? ' · time was up' : ''}`,
    domains: result.byDomain.map((d) => ({
      name: d.name,
      ratio: d.percent,
      weight: `${d.weight}% of the exam · ${d.correct}/${d.total} right`,
    })),
  };
  const verdict = result.passed ? 'Pass' : 'Not yet a pass';
  const summary = `${verdict}: ${result.scaled} of ${result.scale.max} (pass mark ${result.passScore}) · ${right} · ${used}`;
  const share = result.total > 0 ? result.correct / result.total : 0;
  const text = [
    `${input.profileName}, ${input.name}: ${verdict.toLowerCase()}, scaled score ${result.scaled} on ${result.scale.min}–${result.scale.max} (pass mark ${result.passScore}).`,
    `${result.correct} of ${result.total} right (${pct(share)}), time used ${used}${auto ? ', submitted automatically when the time was up' : ''}.`,
    ...(result.byDomain.length > 0
      ? [
          'By domain (weight):',
          ...result.byDomain.map(
            (d) => `• ${d.name} (${d.weight}%): ${pct(d.percent)}, ${d.correct}/${d.total} right`,
          ),
        ]
      : []),
  ].join('\n');
  return { card, summary, text };
}
