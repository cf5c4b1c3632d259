import type { Bank, SearchHit } from '../bank/index.ts';
import type { Item } from '../bank/types.ts';
import { LIMITS } from '../core/fit.ts';
import { handleOf, isHandle, valueOrHandle } from '../core/handle.ts';
import { basicNormalize, boundedEditDistance } from '../quiz/normalize.ts';
import { cleanPrompt } from '../quiz/profile.ts';

/** The result of a `/fact` lookup: the best item and a few related ones, or the nearest labels. */
export type FactLookup =
  | { found: true; item: Item; related: Item[] }
  | { found: false; suggestions: string[] };

const RELATED = 3;
const SUGGESTIONS = 3;
const SEARCH_DEPTH = 10;

/** How an item is named in autocomplete and as the title of a fact: "Region", "What is an AMI?". */
export function itemLabel(item: Item): string {
  if (item.fact) {
    return item.fact.shape === 'pair' ? `${item.fact.row} → ${item.fact.column}` : item.fact.row;
  }
  if (item.kind === 'cloze') return item.section || item.title;
  return cleanPrompt(item.prompt) || item.section || item.title;
}

/**
 * Finds the fact for a query: an item id (picked from autocomplete) first, then full-text search
 * where an item whose label is exactly the query wins ("region" → the Region row, not a question
 * that mentions regions). Nothing found → the three nearest labels by edit distance.
 */
export function lookupFact(bank: Bank, query: string): FactLookup {
  const trimmed = query.trim();
  const byId = bank.get(trimmed) ?? (isHandle(trimmed) ? itemByHandle(bank, trimmed) : undefined);
  const hits = trimmed === '' ? [] : bank.search(trimmed, { limit: SEARCH_DEPTH });
  const best = byId ?? exactLabel(hits, trimmed) ?? hits[0]?.item;
  if (!best) return { found: false, suggestions: nearestLabels(bank, trimmed, SUGGESTIONS) };
  const related = (byId ? bank.search(itemLabel(byId), { limit: SEARCH_DEPTH }) : hits)
    .map((hit) => hit.item)
    .filter((item) => item.id !== best.id)
    .slice(0, RELATED);
  return { found: true, item: best, related };
}

function exactLabel(hits: readonly SearchHit[], query: string): Item | undefined {
  const wanted = basicNormalize(query);
  return hits.find((hit) => basicNormalize(itemLabel(hit.item)) === wanted)?.item;
}

/**
 * The autocomplete value of an item: its id, or a handle when the id is longer than Discord's 100
 * characters (an explicit `^block-id` has no length limit); `lookupFact` resolves both.
 */
export function factChoiceValue(item: Item): string {
  return valueOrHandle(item.id, LIMITS.autocompleteName);
}

function itemByHandle(bank: Bank, handle: string): Item | undefined {
  return bank.items.find((item) => item.id.length > LIMITS.autocompleteName && handleOf(item.id) === handle);
}

/** Autocomplete for `/fact`: the top matches as `{name: "Label — answer", value: item id}`. */
export function factChoices(bank: Bank, query: string, limit: number): { label: string; item: Item }[] {
  const trimmed = query.trim();
  const items =
    trimmed === '' ? bank.items.slice(0, limit) : bank.search(trimmed, { limit }).map((h) => h.item);
  return items.map((item) => ({ label: `${itemLabel(item)} — ${item.answer}`, item }));
}

/** The labels closest to `query` (whole label or one of its words), for "did you mean". */
export function nearestLabels(bank: Bank, query: string, count: number): string[] {
  const wanted = basicNormalize(query);
  if (wanted === '') return [];
  const max = Math.max(2, Math.ceil(wanted.length / 2));
  const scored = new Map<string, number>();
  for (const item of bank.items) {
    const label = itemLabel(item);
    if (scored.has(label)) continue;
    const normal = basicNormalize(label);
    const parts = [normal, ...normal.split(' ')];
    let distance = max + 1;
    for (const part of parts) distance = Math.min(distance, boundedEditDistance(wanted, part, max));
    if (distance <= max) scored.set(label, distance + normal.length / 1000);
  }
  return [...scored]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, count)
    .map(([label]) => label);
}
