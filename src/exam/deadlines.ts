/** An open exam as the deadline index knows it. */
export interface OpenExamRef {
  guildId: string;
  userId: string;
  examId: string;
  /** Epoch ms. */
  deadline: number;
}

/** The open exams due for submission at `now`, and the others by deadline (soonest first). */
export function planDeadlines(
  open: readonly OpenExamRef[],
  now: number,
): { overdue: OpenExamRef[]; upcoming: OpenExamRef[] } {
  const sorted = [...open].sort((a, b) => a.deadline - b.deadline);
  return {
    overdue: sorted.filter((ref) => ref.deadline <= now),
    upcoming: sorted.filter((ref) => ref.deadline > now),
  };
}
