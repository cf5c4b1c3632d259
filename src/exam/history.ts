import type { DomainResult, ExamResult } from './result.ts';
import type { ExamSession } from './session.ts';

/** One attempt as the member's history keeps it: the figures, not the questions. */
export interface AttemptSummary {
  examId: string;
  profileId: string;
  profileName: string;
  startedAt: number;
  submittedAt: number;
  submittedBy: ExamResult['submittedBy'];
  correct: number;
  total: number;
  scaled: number;
  passScore: number;
  passed: boolean;
  usedMs: number;
  byDomain: DomainResult[];
}

/** The history entry of a submitted exam. */
export function attemptOf(session: ExamSession, result: ExamResult): AttemptSummary {
  return {
    examId: session.id,
    profileId: session.profile.id,
    profileName: session.profile.name,
    startedAt: session.startedAt,
    submittedAt: result.submittedAt,
    submittedBy: result.submittedBy,
    correct: result.correct,
    total: result.total,
    scaled: result.scaled,
    passScore: result.passScore,
    passed: result.passed,
    usedMs: result.usedMs,
    byDomain: result.byDomain,
  };
}

/** The member's latest attempt on a profile, if any (history is newest first). */
export function lastAttemptOn(
  history: readonly AttemptSummary[],
  profileId: string,
): AttemptSummary | undefined {
  return history.find((attempt) => attempt.profileId === profileId);
}
