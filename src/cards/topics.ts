/** What is known about one tag: the member's answers on it and their review readiness. */
export interface TagFacts {
  tag: string;
  answers: number;
  correct: number;
  /** 0–1, or null when the tag has no item in the bank any more. */
  readiness: number | null;
  /** Cards the member has on the tag's items. */
  seen: number;
}

/** Tags that always occur together, shown as one topic. */
export interface TopicGroup {
  tags: string[];
  /** "ami · aws · ec2 · image · saa-c03". */
  label: string;
  answers: number;
  correct: number;
  /** answers > 0 ? correct / answers : null. */
  accuracy: number | null;
  readiness: number;
}

/**
 * Groups tags that always occur together in the bank (the same items carry them all): a note tagged
 * `ami, aws, ec2, image, saa-c03` is one topic, not five identical lines. Tags the member never met
 * are left out; tags gone from the bank stay alone. Weakest (least ready, then least accurate) first.
 */
export function groupTopics(
  items: readonly { id: string; tags: readonly string[] }[],
  facts: readonly TagFacts[],
): TopicGroup[] {
  const itemsOfTag = new Map<string, string[]>();
  for (const item of items) {
    for (const tag of new Set(item.tags)) {
      const ids = itemsOfTag.get(tag) ?? [];
      ids.push(item.id);
      itemsOfTag.set(tag, ids);
    }
  }
  const groups = new Map<string, TagFacts[]>();
  for (const fact of facts) {
    if (fact.answers === 0 && fact.seen === 0) continue;
    const ids = itemsOfTag.get(fact.tag);
    const signature = ids ? [...new Set(ids)].sort().join('\n') : `\0${fact.tag}`;
    const group = groups.get(signature) ?? [];
    group.push(fact);
    groups.set(signature, group);
  }
  return [...groups.values()]
    .map((members): TopicGroup => {
      const tags = members.map((m) => m.tag).sort((a, b) => a.localeCompare(b));
      // The tags of a group are counted on the same answers; the one with most answers speaks for all.
      const best = members.reduce((a, b) => (b.answers > a.answers ? b : a));
      return {
        tags,
        label: tags.join(' · '),
        answers: best.answers,
        correct: best.correct,
        accuracy: best.answers > 0 ? best.correct / best.answers : null,
        readiness: Math.max(0, ...members.map((m) => m.readiness ?? 0)),
      };
    })
    .sort(
      (a, b) =>
        a.readiness - b.readiness ||
        (a.accuracy ?? 1) - (b.accuracy ?? 1) ||
        b.answers - a.answers ||
        a.label.localeCompare(b.label),
    );
}
