import type { Bank, Topic } from '../bank/index.ts';
import { LIMITS } from '../core/fit.ts';
import { handleOf, isHandle } from '../core/handle.ts';

const ELLIPSIS = '…';

/**
 * The autocomplete value of a topic: its name, or for a note whose title is too long its path, or
 * else a handle. Always within Discord's 100 characters and always resolved by `resolveTopic`.
 */
export function topicChoiceValue(topic: Topic): string {
  if (topic.name.length <= LIMITS.autocompleteName) return topic.name;
  if (topic.note && topic.note.length <= LIMITS.autocompleteName) return topic.note;
  return handleOf(topic.name);
}

/**
 * The topic a member chose or typed: a handle becomes its topic's name; a name cut with "…" (from an
 * older list, or copied) becomes the one topic it starts; anything else is returned as typed, so an
 * unknown topic gets the usual "nothing to ask about" answer.
 */
export function resolveTopic(bank: Bank, input: string | null): string | null {
  const typed = input?.trim() ?? '';
  if (typed === '') return null;
  const topics = bank.topics();
  if (isHandle(typed)) return topics.find((t) => handleOf(t.name) === typed)?.name ?? typed;
  if (typed.endsWith(ELLIPSIS)) {
    const head = typed.slice(0, -ELLIPSIS.length).trimEnd().toLowerCase();
    const starting = topics.filter((t) => t.name.toLowerCase().startsWith(head));
    if (head !== '' && starting.length === 1) return starting[0]?.name ?? typed;
  }
  return typed;
}
