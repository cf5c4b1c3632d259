import SearchableMap from 'minisearch/SearchableMap';
import { indexTerms, type QueryWord, queryWords } from './search-terms.ts';
import type { Item } from './types.ts';

/** Indexed fields and their weight: prompt first, then the section heading, then the answer. */
const FIELDS = [
  { name: 'prompt', boost: 2, typicalLength: 8 },
  { name: 'section', boost: 1.2, typicalLength: 3 },
  { name: 'answer', boost: 1, typicalLength: 16 },
] as const;

// BM25+ parameters (MiniSearch's defaults, so relevance stays what it was).
const K1 = 1.2;
const B = 0.7;
const DELTA = 0.5;
// How much a word matched only as a prefix or with a typo counts (MiniSearch's defaults).
const PREFIX_WEIGHT = 0.375;
const FUZZY_WEIGHT = 0.45;

/** Options of a search index (tests shrink the budget to see its effect on a small bank). */
export interface SearchIndexOptions {
  /**
   * Postings one query word may expand to through prefix and typo matches, closest matches first.
   * Bounds the work of a very common prefix ("s") on a large bank. The exact word is always searched.
   */
  expansionBudget?: number;
  /**
   * Postings from which a term also gets a bitset of its docs (default: 1/128 of the doc capacity,
   * so a bitset never takes more memory than the list it shadows; at least 64). Tests lower it to
   * exercise both paths on a small bank.
   */
  bitsetMinPostings?: number;
}

/** A search result: an item id and its relevance (higher is better). */
export interface IndexHit {
  id: string;
  score: number;
}

/** One index term a query word matches, and how much that match counts. */
interface Expansion {
  term: number;
  weight: number;
  /** The query word's own term, when indexed: a completion or typo never counts as rarer than it. */
  word?: number;
}

/**
 * Full-text index over items: exact, prefix (last word) and typo-tolerant matching, BM25+ ranking.
 * Built for large banks: postings are flat number arrays, a query only touches the postings of its
 * words, and results come out lazily from a heap, so asking for the top 10 of 50,000 matches does
 * not sort them all. Updatable item by item so a reload stays cheap.
 */
export class SearchIndex {
  /** term → term number */
  private readonly dictionary = new SearchableMap<number>();
  /** The same terms in a hash map: adding an item looks up every term, a radix tree is slower at that. */
  private readonly termNumbers = new Map<string, number>();
  /**
   * The same terms sorted, with their numbers: a prefix's completions are one binary search and a
   * run of neighbours, where the radix tree built a path array and an entry per completion.
   */
  private sortedTerms: string[] = [];
  private sortedNumbers: number[] = [];
  /** Terms added since `sortedTerms` was last merged. */
  private readonly newTerms: string[] = [];
  /** Per term number: `[doc, impact, doc, impact, …]`; impact is the item's weighted BM25 term part. */
  private postings: number[][] = [];
  /** Per doc number: the item id (docs are numbered in the order items were added). */
  private ids: string[] = [];
  private live = new Uint8Array(1024);
  private readonly docOf = new Map<string, number>();
  private deadDocs = 0;
  private readonly expansionBudget: number;
  private readonly bitsetMinPostings: number | undefined;
  /**
   * Expansions of recently asked words: radix-tree prefix and typo lookups cost more than the rest of
   * most queries, and autocomplete asks the same words again and again. Cleared on every change.
   */
  private readonly expansions = new Map<string, Expansion[]>();
  /**
   * Per term number with a long posting list, its docs by blocks of 32 (see `TermBlocks`): "does this
   * doc hold the word?" costs one load instead of a search of the list, and a block whose best
   * impacts cannot beat the held hits is skipped whole.
   */
  private blocks: (TermBlocks | undefined)[] = [];
  /** Reusable per-word scratch space for one query (see `WordScratch`). */
  private scratch: WordScratch[] = [];
  private scratchUsed = 0;
  private allScratch: { blocks: Int32Array; docs: Uint32Array; bounds: Float64Array } | undefined;
  /**
   * Per term number, its best live docs (see `TopList`), kept up to date by `add` and `discard` so a
   * one-word query never scans a posting list; built for every term as soon as it is added (building
   * the lists of a prefix's 40 completions on its first use cost milliseconds).
   */
  private tops: (TopList | undefined)[] = [];
  /** Per term number: the highest impact it was ever added with, an upper bound of its live impacts. */
  private maxImpacts: number[] = [];
  // Scratch space for one query, reused so a search allocates nothing per posting.
  private marks = new Int32Array(1024);
  private queryMarks = new Int32Array(1024);
  private wordScore = new Float64Array(1024);
  private total = new Float64Array(1024);
  private matched = new Uint8Array(1024);
  private stamp = 0;

  constructor(options: SearchIndexOptions = {}) {
    this.expansionBudget = options.expansionBudget ?? 40_000;
    this.bitsetMinPostings = options.bitsetMinPostings;
  }

  /** Indexes items; an item whose id is indexed already replaces the earlier one. */
  add(items: readonly Item[]): void {
    this.expansions.clear();
    this.ensureCapacity(this.ids.length + items.length);
    const grown = new Set<number>();
    let replaced = false;
    for (const item of items) {
      // The replaced item's terms are unknown here, so its entries in top lists cannot be found.
      if (this.discardId(item.id)) replaced = true;
      const doc = this.ids.length;
      this.ids.push(item.id);
      this.live[doc] = 1;
      this.docOf.set(item.id, doc);
      for (const [term, impact] of impacts(item)) {
        let number = this.termNumbers.get(term);
        if (number === undefined) {
          number = this.postings.length;
          this.termNumbers.set(term, number);
          this.dictionary.set(term, number);
          this.newTerms.push(term);
          this.postings.push([]);
          this.maxImpacts.push(0);
        }
        if (impact > (this.maxImpacts[number] as number)) this.maxImpacts[number] = impact;
        const postings = this.postings[number] as number[];
        postings.push(doc, impact);
        const blocks = this.blocks[number];
        if (blocks) addToBlocks(blocks, doc, impact);
        else if (postings.length >= 2 * this.bitsetMin()) this.blocks[number] = this.blocksOf(postings);
        const top = this.tops[number];
        if (top) this.offer(top, doc, impact);
        else grown.add(number);
      }
    }
    this.mergeNewTerms();
    if (replaced) this.rebuildTops();
    else for (const term of grown) this.tops[term] = this.buildTop(term);
  }

  /** Removes items from results at once; their postings are dropped when enough have piled up. */
  discard(items: readonly Item[]): void {
    this.expansions.clear();
    const shortened = new Set<number>();
    for (const item of items) {
      const doc = this.docOf.get(item.id);
      if (doc === undefined) continue;
      for (const term of impacts(item).keys()) {
        const number = this.termNumbers.get(term);
        const top = number === undefined ? undefined : this.tops[number];
        if (number !== undefined && top && removeFromTop(top, doc)) shortened.add(number);
      }
      this.discardId(item.id);
    }
    if (this.deadDocs > 1000 && this.deadDocs > this.docOf.size) {
      this.compact();
      return;
    }
    // Rebuilt here, on the reload path, rather than by the next query that needs them.
    for (const term of shortened) {
      const top = this.tops[term] as TopList;
      if (!top.complete && top.entries.length < 2 * FIRST_BATCH) this.tops[term] = this.buildTop(term);
    }
  }

  /**
   * Matches best first, ties in id order, produced lazily. Every word must match (the last one also
   * as a prefix, words of 4+ letters also with a typo) except stop words, which only add to the score;
   * when no item has every word, items matching any word, ranked by how many they match.
   */
  search(query: string): Iterable<IndexHit> {
    const words = queryWords(query);
    const required = words.filter((word) => !word.optional).map((word) => this.expand(word));
    const optional = words.filter((word) => word.optional).map((word) => this.expand(word));
    if (required.length === 0) return [];
    if (required.length === 1 && optional.length === 0) return this.oneWord(required[0] as Expansion[]);
    return this.several(required, optional);
  }

  /**
   * The same matches as `search`, found by scoring every matching item with no pruning and no top
   * lists: slower, kept as the reference the pruned search is checked against.
   */
  searchExhaustive(query: string): Iterable<IndexHit> {
    const words = queryWords(query);
    const required = words.filter((word) => !word.optional).map((word) => this.expand(word));
    const optional = words.filter((word) => word.optional).map((word) => this.expand(word));
    if (required.length === 0) return [];
    return this.evaluate(required, optional);
  }

  /**
   * A one-word query (most autocomplete calls). Its best items are among the best items of each term
   * it expands to, so the first batch comes from each term's cached top list, not from a scan of its
   * postings; a reader who goes past the batch gets the rest from the full search.
   */
  private *oneWord(expansions: Expansion[]): Generator<IndexHit> {
    const docs = this.topsOfWord(
      expansions.map(({ term }) => term),
      expansions.map((expansion) => this.factor(expansion)),
    );
    const { wordScore } = this;
    const scores = new Float64Array(docs.length);
    for (let at = 0; at < docs.length; at++) scores[at] = wordScore[docs[at] as number] as number;
    const scored = new Scored(docs, scores, this.ids);
    const first = scored.topIndexes(Math.min(FIRST_BATCH, docs.length));
    for (const index of first) yield scored.hit(index);
    // Fewer than a batch: every term had fewer postings than its top list holds, so that was all.
    if (first.length < FIRST_BATCH) return;
    let skip = first.length;
    for (const hit of this.evaluate([expansions], [])) {
      if (skip > 0) skip -= 1;
      else yield hit;
    }
  }

  /**
   * A term's best live docs by impact (ties in id order), as `[doc, impact, …]`: at least a batch of
   * them, or all. A list holding a doc discarded behind its back
   * (an item replaced by `add`, or discarded with other text than it was indexed with) is rebuilt.
   */
  private topOfTerm(term: number): number[] {
    let top = this.tops[term];
    if (top && !top.entries.every((value, i) => i % 2 === 1 || this.live[value] === 1)) top = undefined;
    if (!top) {
      top = this.buildTop(term);
      this.tops[term] = top;
    }
    return top.entries;
  }

  /** A term's top list from one scan of its postings. */
  private buildTop(term: number): TopList {
    const postings = this.postings[term] as number[];
    if (postings.length <= 2 * TOP_DEPTH) return this.sortedTop(postings);
    const top: TopList = { entries: [], complete: true };
    for (let i = 0; i < postings.length; i += 2) {
      const doc = postings[i] as number;
      if (this.live[doc] === 1) this.offer(top, doc, postings[i + 1] as number);
    }
    return top;
  }

  /** The top list of a short posting list: all its live postings, sorted (cheaper than offering each). */
  private sortedTop(postings: readonly number[]): TopList {
    const order: number[] = [];
    for (let i = 0; i < postings.length; i += 2) if (this.live[postings[i] as number] === 1) order.push(i);
    order.sort((a, b) =>
      this.ranksBefore(postings[a] as number, postings[a + 1] as number, postings, b) ? -1 : 1,
    );
    const entries: number[] = [];
    for (const at of order.slice(0, TOP_DEPTH))
      entries.push(postings[at] as number, postings[at + 1] as number);
    return { entries, complete: order.length <= TOP_DEPTH };
  }

  /** Top lists of every term, afresh (after doc numbers changed or a list may be stale). */
  private rebuildTops(): void {
    this.tops = [];
    for (let term = 0; term < this.postings.length; term++) this.tops[term] = this.buildTop(term);
  }

  /** Puts a new posting into a term's top list when it ranks there; the list keeps `TOP_DEPTH` at most. */
  private offer(top: TopList, doc: number, impact: number): void {
    const { entries } = top;
    let at = entries.length;
    const full = at >= 2 * TOP_DEPTH;
    if (at > 0 && (full || !top.complete) && !this.ranksBefore(doc, impact, entries, at - 2)) {
      // Outside a list that no longer holds every posting, a doc that does not beat its last may not be the next best.
      if (full) top.complete = false;
      return;
    }
    while (at > 0 && this.ranksBefore(doc, impact, entries, at - 2)) at -= 2;
    entries.splice(at, 0, doc, impact);
    if (entries.length > 2 * TOP_DEPTH) {
      entries.length = 2 * TOP_DEPTH;
      top.complete = false;
    }
  }

  /** Whether `doc` with `impact` ranks before the top-list entry at `at`. */
  private ranksBefore(doc: number, impact: number, entries: readonly number[], at: number): boolean {
    const other = entries[at + 1] as number;
    if (impact !== other) return impact > other;
    return (this.ids[doc] as string) < (this.ids[entries[at] as number] as string);
  }

  /** How much one posting's impact counts for this expansion: its weight times the term's rarity. */
  private factor({ term, weight, word }: Expansion): number {
    // Without the cap, "ami" would rank the few items saying "AMIs" above the many saying "AMI".
    const idf = word === undefined ? this.idf(term) : Math.min(this.idf(term), this.idf(word));
    return weight * idf;
  }

  /**
   * A query of several words (or with stop words). The first batch is ranked with dynamic pruning
   * (`bestOfAll`, then `anyBySubsets` when no item holds every word): the same hits and scores as
   * the full evaluation, without scoring items that cannot enter it; a reader who goes past the
   * batch gets the rest from the full evaluation.
   */
  private *several(required: Expansion[][], optional: Expansion[][]): Generator<IndexHit> {
    this.scratchUsed = 0;
    const probes = required.map((expansions) => this.probeOf(expansions));
    const extra = optional.map((expansions) => this.probeOf(expansions));
    const [driver, ...rest] = this.byCost(probes);
    let first = this.bestOfAll(driver as Probe, rest, extra).hits();
    if (first.length === 0 && required.length > 1) {
      if (probes.length <= MAX_SUBSET_WORDS) {
        first = this.anyBySubsets(probes, extra);
      } else if (optional.length > 0) {
        // Many words and stop words: the full evaluation ranks those.
        yield* this.evaluate(required, optional);
        return;
      } else {
        first = this.firstBatchOfAny(probes);
      }
    }
    yield* first;
    if (first.length < FIRST_BATCH) return;
    let skip = first.length;
    for (const hit of this.evaluate(required, optional)) {
      if (skip > 0) skip -= 1;
      else yield hit;
    }
  }

  /**
   * The best batch of items holding the driver word and every `rest` word. Candidates are the docs in
   * every word's bitset, read 32 at a time; once a batch is held, a block whose words' best scores
   * there (block maxima) cannot beat the worst held hit is skipped unread. The driver's best items
   * (its top list) are scored first so that bar is high at once. Scores are summed in `evaluate`'s
   * order, so they are equal to the bit.
   */
  private bestOfAll(driver: Probe, rest: readonly Probe[], extra: readonly Probe[]): BestHits {
    const best = new BestHits(FIRST_BATCH, this.ids);
    const scored = this.nextStamp();
    const { queryMarks, live } = this;
    // The worst held score once a batch is held, kept here: reading it from `best` on every block
    // and candidate boxed a double each time (tens of kilobytes of garbage per query).
    let bar = Number.NEGATIVE_INFINITY;
    const score = (doc: number): void => {
      queryMarks[doc] = scored;
      let total = scoreOfWord(driver, doc) ? (PART[0] as number) : -1;
      for (const probe of rest) if (scoreOfWord(probe, doc)) total += PART[0] as number;
      for (const probe of extra) if (scoreOfWord(probe, doc)) total += PART[0] as number;
      if (total < bar) return;
      best.offer(doc, total);
      if (best.full) bar = best.threshold;
    };
    const seeds = this.seedsOf(driver).sort((a, b) => a - b);
    for (const doc of seeds) {
      if (queryMarks[doc] !== scored && rest.every((probe) => holds(probe, doc))) score(doc);
    }
    const scoreBlock = (block: number, docs: number): void => {
      const base = block << 5;
      let left = docs;
      while (left !== 0) {
        const low = left & -left;
        left ^= low;
        const doc = base + (31 - Math.clz32(low));
        if (queryMarks[doc] !== scored && live[doc] === 1) score(doc);
      }
    };
    // First pass: the blocks holding every word, with their bounds.
    const words = [driver, ...rest];
    const bounded = [...words, ...extra];
    const { blocks: found, docs: foundDocs, bounds } = this.blockScratch();
    let count = 0;
    const blockList = driver.blockList;
    const blockCount = blockList ? blockList.length : driver.holds.length;
    for (let at = 0; at < blockCount; at++) {
      const block = blockList ? (blockList[at] as number) : at;
      let docs = driver.holds[block] as number;
      for (let word = 1; word < words.length && docs !== 0; word++) {
        docs &= (words[word] as Probe).holds[block] as number;
      }
      if (docs === 0) continue;
      let bound = 0;
      for (const probe of bounded) bound += blockBound(probe, block);
      found[count] = block;
      foundDocs[count] = docs;
      bounds[count] = bound;
      count += 1;
    }
    // The blocks with the highest bounds are scored first: the bar rises at once, and most other
    // blocks fall under it unread.
    for (const at of highestOf(bounds, count, PRIMING_BLOCKS)) {
      scoreBlock(found[at] as number, foundDocs[at] as number);
    }
    for (let at = 0; at < count; at++) {
      // The bound is summed in another order than the score: the slack covers the rounding.
      if ((bounds[at] as number) * BOUND_SLACK < bar) continue;
      scoreBlock(found[at] as number, foundDocs[at] as number);
    }
    return best;
  }

  /** Scratch space of `bestOfAll`'s candidate blocks (not cleared: only the first entries are read). */
  private blockScratch(): { blocks: Int32Array; docs: Uint32Array; bounds: Float64Array } {
    const blocks = this.live.length >>> 5;
    if (this.allScratch?.blocks.length !== blocks) {
      this.allScratch = {
        blocks: new Int32Array(blocks),
        docs: new Uint32Array(blocks),
        bounds: new Float64Array(blocks),
      };
    }
    return this.allScratch;
  }

  /**
   * A word's best live docs by its own score (a batch), from its terms' top lists: each term's best
   * are in its list, so the word's best are among them (as in `oneWord`).
   */
  private bestOfTops(probe: Probe): number[] {
    const best = new BestHits(FIRST_BATCH, this.ids);
    const docs = this.topsOfWord(probe.terms, probe.factors);
    for (const doc of docs) best.offer(doc, this.wordScore[doc] as number);
    return best.docs();
  }

  /**
   * The docs in a word's terms' top lists (each term's score times its factor); each doc's best
   * score across the terms is left in `wordScore` (shared scratch arrays: no Map per query).
   */
  private topsOfWord(terms: readonly number[], factors: readonly number[]): number[] {
    const seen = this.nextStamp();
    const { marks, wordScore } = this;
    const docs: number[] = [];
    terms.forEach((term, slot) => {
      const factor = factors[slot] as number;
      const top = this.topOfTerm(term);
      for (let i = 0; i < top.length; i += 2) {
        const doc = top[i] as number;
        const score = factor * (top[i + 1] as number);
        if (marks[doc] !== seen) {
          marks[doc] = seen;
          wordScore[doc] = score;
          docs.push(doc);
        } else if (score > (wordScore[doc] as number)) {
          wordScore[doc] = score;
        }
      }
    });
    return docs;
  }

  /** The best live docs of a word's strongest expansion: scored first, they set a high bar early. */
  private seedsOf(probe: Probe): number[] {
    let strongest = -1;
    let bound = -1;
    probe.terms.forEach((term, slot) => {
      const termBound = (probe.factors[slot] as number) * (this.maxImpacts[term] as number);
      if (termBound > bound) {
        bound = termBound;
        strongest = term;
      }
    });
    if (strongest < 0) return [];
    const top = this.topOfTerm(strongest);
    const docs: number[] = [];
    for (let i = 0; i < top.length && docs.length < FIRST_BATCH; i += 2) docs.push(top[i] as number);
    return docs;
  }

  /**
   * For more than `MAX_SUBSET_WORDS` words (no stop words): the best batch of items matching any of
   * the words, scored as `matchAny`: the sum
   * of the words matched times their number. Bounded: one pass over the postings counts each item's
   * words and sums its postings' scores (at least its score per word), without probing; then only two
   * kinds of items are scored exactly: those matching two words or more, highest bound first and only
   * while their bound can beat the worst held hit, and each word's own best batch. An item matching one
   * word and not in that batch is outranked by the batch, whose items each score at least as much.
   */
  private firstBatchOfAny(probes: readonly Probe[]): IndexHit[] {
    const seen = this.nextStamp();
    const { marks, queryMarks, matched, live, total: upper } = this;
    const several: number[] = [];
    for (const probe of probes) {
      const word = this.nextStamp();
      probe.lists.forEach((postings, slot) => {
        const factor = probe.factors[slot] as number;
        for (let i = 0; i < postings.length; i += 2) {
          const doc = postings[i] as number;
          if (live[doc] !== 1) continue;
          const part = factor * (postings[i + 1] as number);
          if (queryMarks[doc] !== seen) {
            queryMarks[doc] = seen;
            marks[doc] = word;
            matched[doc] = 1;
            upper[doc] = part;
            continue;
          }
          upper[doc] = (upper[doc] as number) + part;
          if (marks[doc] === word) continue;
          marks[doc] = word;
          matched[doc] = (matched[doc] as number) + 1;
          if (matched[doc] === 2) several.push(doc);
        }
      });
    }
    const bound = (doc: number) => (upper[doc] as number) * (matched[doc] as number) * BOUND_SLACK;
    const best = new BestHits(FIRST_BATCH, this.ids);
    const scored = this.nextStamp();
    const score = (doc: number): void => {
      queryMarks[doc] = scored;
      let sum = 0;
      let count = 0;
      for (const probe of probes) {
        if (!scoreOfWord(probe, doc)) continue;
        sum += PART[0] as number;
        count += 1;
      }
      if (best.admits(sum * count)) best.offer(doc, sum * count);
    };
    // The highest bounds and each word's best first: they set a high bar at once.
    const likely = new BestHits(FIRST_BATCH, this.ids);
    for (const doc of several) likely.offer(doc, bound(doc));
    const first = likely.docs();
    for (const probe of probes) first.push(...this.bestOfAll(probe, [], []).docs());
    first.sort((a, b) => a - b);
    for (const doc of first) if (queryMarks[doc] !== scored) score(doc);
    for (const doc of several) {
      if (queryMarks[doc] !== scored && !(best.full && bound(doc) < best.threshold)) score(doc);
    }
    return best.hits();
  }

  /**
   * The best batch of items holding any of a few words (`matchAny`'s ranking), when none hold them
   * all. An item holding exactly the words of a set S scores |S| × (its S score + its stop-word
   * score), so if it is not in the best batch of items holding all of S (ranked by that sum), that
   * batch outranks it. The union of those batches, over every set of words, is scored exactly: each
   * batch comes from the pruned `bestOfAll`, so no posting list is scanned whole.
   */
  private anyBySubsets(probes: readonly Probe[], extra: readonly Probe[]): IndexHit[] {
    const candidates: number[] = [];
    const everyWord = (1 << probes.length) - 1;
    for (let set = 1; set < everyWord; set++) {
      const words = probes.filter((_, word) => (set >> word) & 1);
      if (words.some((probe) => probe.lists.length === 0)) continue;
      if (words.length === 1 && extra.length === 0) {
        candidates.push(...this.bestOfTops(words[0] as Probe));
        continue;
      }
      const [driver, ...rest] = this.byCost(words);
      candidates.push(...this.bestOfAll(driver as Probe, rest, extra).docs());
    }
    candidates.sort((a, b) => a - b);
    const best = new BestHits(FIRST_BATCH, this.ids);
    const scored = this.nextStamp();
    const { queryMarks } = this;
    for (const doc of candidates) {
      if (queryMarks[doc] === scored) continue;
      queryMarks[doc] = scored;
      let sum = 0;
      let count = 0;
      for (const probe of probes) {
        if (!scoreOfWord(probe, doc)) continue;
        sum += PART[0] as number;
        count += 1;
      }
      // Stop words add to the sum of the words matched, as in `evaluate`.
      for (const probe of extra) if (scoreOfWord(probe, doc)) sum += PART[0] as number;
      if (best.admits(sum * count)) best.offer(doc, sum * count);
    }
    return best.hits();
  }

  /** A query word ready to be looked up doc by doc, with the highest score it can give. */
  private probeOf(expansions: Expansion[]): Probe {
    const lists: number[][] = [];
    const factors: number[] = [];
    const terms: number[] = [];
    const blocks: (TermBlocks | undefined)[] = [];
    let bound = 0;
    let size = 0;
    for (const expansion of expansions) {
      const factor = this.factor(expansion);
      const postings = this.postings[expansion.term] as number[];
      lists.push(postings);
      terms.push(expansion.term);
      factors.push(factor);
      blocks.push(this.blocks[expansion.term]);
      bound = Math.max(bound, factor * (this.maxImpacts[expansion.term] as number));
      size += postings.length / 2;
    }
    const cursors = new Int32Array(lists.length);
    const probe = { lists, factors, terms, blocks, cursors, bound, size };
    const longSlots = blocks.flatMap((termBlocks, slot) => (termBlocks === undefined ? [] : [slot]));
    // A common word with no typo or completion: its own blocks say it all.
    const only = blocks[0];
    if (lists.length === 1 && only !== undefined) {
      const shape = { holds: only.docs, blockMax: only.max, blockFactor: factors[0] as number };
      return { ...probe, ...shape, longMax: [], longSlots, short: undefined, blockList: undefined };
    }
    const scratch = this.wordScratch();
    const { docs, scores } = scratch.short;
    const { blockMax, touched } = scratch;
    let touchedCount = 0;
    // Short lists are read once here, so a probe finds their best score in one load instead of a
    // search of each of them (a prefix can expand to 50 terms).
    lists.forEach((postings, slot) => {
      if (blocks[slot] !== undefined) return;
      const factor = factors[slot] as number;
      for (let i = 0; i < postings.length; i += 2) {
        const doc = postings[i] as number;
        const score = factor * (postings[i + 1] as number);
        const block = doc >>> 5;
        const bit = 1 << (doc & 31);
        if (((docs[block] as number) & bit) === 0) {
          if (docs[block] === 0) touched[touchedCount++] = block;
          docs[block] = (docs[block] as number) | bit;
          scores[doc] = score;
        } else if (score > (scores[doc] as number)) {
          scores[doc] = score;
        }
        if (score > (blockMax[block] as number)) blockMax[block] = score;
      }
    });
    if (longSlots.length === 0) {
      // Only short lists: the word's docs are those, in the blocks listed (so a rare word's
      // candidates are read without a pass over every block, and cleared the same way).
      // In no particular order: candidates may come in any order (ties are broken by id).
      scratch.touchedCount = touchedCount;
      const blockList = touched.subarray(0, touchedCount);
      const shape = { holds: docs, blockMax, blockFactor: 1, longSlots, short: scratch.short };
      return { ...probe, ...shape, longMax: [], blockList };
    }
    // The short lists wrote only the touched blocks of `blockMax`; the long ones' maxima are read
    // per candidate block (`blockBound`) rather than merged here over every block.
    scratch.touchedCount = touchedCount;
    const { holds } = scratch;
    holds.set(docs);
    for (const slot of longSlots) {
      const termDocs = (blocks[slot] as TermBlocks).docs;
      for (let block = 0; block < holds.length; block++) {
        holds[block] = (holds[block] as number) | (termDocs[block] as number);
      }
    }
    const longMax = longSlots.map((slot) => ({
      max: (blocks[slot] as TermBlocks).max,
      factor: factors[slot] as number,
    }));
    const shape = { holds, blockMax, blockFactor: 1, longSlots, short: scratch.short };
    return { ...probe, ...shape, longMax, blockList: undefined };
  }

  /** The next unused scratch space of this query, cleared (allocated the first time). */
  private wordScratch(): WordScratch {
    const blocks = this.live.length >>> 5;
    let scratch = this.scratch[this.scratchUsed];
    if (scratch === undefined || scratch.holds.length !== blocks) {
      scratch = {
        holds: new Uint32Array(blocks),
        blockMax: new Float64Array(blocks),
        short: { docs: new Uint32Array(blocks), scores: new Float64Array(this.live.length) },
        touched: new Int32Array(blocks),
        touchedCount: 0,
      };
      // Each holds a doc-sized score array (2 MB at 250,000 items): a query of many words gets
      // throwaway ones past the first few, so one long query does not keep tens of MB alive.
      if (this.scratchUsed < KEPT_SCRATCH) this.scratch[this.scratchUsed] = scratch;
    } else {
      // The last use wrote only these blocks.
      for (let at = 0; at < scratch.touchedCount; at++) {
        const block = scratch.touched[at] as number;
        scratch.short.docs[block] = 0;
        scratch.blockMax[block] = 0;
      }
    }
    this.scratchUsed += 1;
    return scratch;
  }

  /** A term's docs by blocks of 32, from its posting list, sized to the doc capacity. */
  private blocksOf(postings: readonly number[]): TermBlocks {
    const blocks = this.live.length >>> 5;
    const termBlocks = { docs: new Uint32Array(blocks), max: new Float64Array(blocks) };
    for (let i = 0; i < postings.length; i += 2) {
      addToBlocks(termBlocks, postings[i] as number, postings[i + 1] as number);
    }
    return termBlocks;
  }

  /** Postings from which a term keeps a bitset (see `SearchIndexOptions.bitsetMinPostings`). */
  private bitsetMin(): number {
    return this.bitsetMinPostings ?? Math.max(64, this.live.length / 128);
  }

  /** Words cheapest first (fewest postings), the order `matchAll` scores them in. */
  private byCost<T extends Expansion[] | Probe>(words: readonly T[]): T[] {
    const cost = (word: T) =>
      Array.isArray(word) ? word.reduce((sum, { term }) => sum + this.postingsOf(term), 0) : word.size;
    return [...words].sort((a, b) => cost(a) - cost(b));
  }

  private evaluate(required: Expansion[][], optional: Expansion[][]): Iterable<IndexHit> {
    let found = this.matchAll(required);
    if (found.docs.length === 0 && required.length > 1) found = this.matchAny(required);
    if (found.docs.length === 0) return [];
    for (const expansions of optional) {
      for (const doc of this.scoreWord(expansions, found.docs)) {
        this.total[doc] = (this.total[doc] as number) + (this.wordScore[doc] as number);
      }
    }
    const scores = new Float64Array(found.docs.length);
    for (let index = 0; index < found.docs.length; index++) {
      const doc = found.docs[index] as number;
      scores[index] = (this.total[doc] as number) * found.quality(doc);
    }
    return new Scored(found.docs, scores, this.ids).best();
  }

  /** Marks the id's doc dead; whether it was indexed. */
  private discardId(id: string): boolean {
    const doc = this.docOf.get(id);
    if (doc === undefined) return false;
    this.docOf.delete(id);
    this.live[doc] = 0;
    this.deadDocs += 1;
    return true;
  }

  /** The index terms a query word matches, closest first, within the expansion budget. */
  private expand(word: QueryWord): Expansion[] {
    const key = `${Number(word.exact)}${Number(word.prefix)}${Number(word.optional)}${word.text}`;
    const cached = this.expansions.get(key);
    if (cached) return cached;
    const weights = new Map<number, number>();
    const offer = (term: number, weight: number) => {
      if (weight > (weights.get(term) ?? 0)) weights.set(term, weight);
    };
    const length = word.text.length;
    if (word.prefix && !word.optional) {
      const { sortedTerms, sortedNumbers } = this;
      for (let at = lowerBound(sortedTerms, word.text); at < sortedTerms.length; at++) {
        const term = sortedTerms[at] as string;
        if (!term.startsWith(word.text)) break;
        const distance = term.length - length;
        const number = sortedNumbers[at] as number;
        if (distance > 0) offer(number, (PREFIX_WEIGHT * term.length) / (term.length + 0.3 * distance));
      }
    }
    if (length >= 4 && !word.optional) {
      const maxDistance = Math.min(2, Math.round(length * 0.2));
      for (const [term, [number, distance]] of this.dictionary.fuzzyGet(word.text, maxDistance)) {
        if (distance > 0) offer(number, (FUZZY_WEIGHT * term.length) / (term.length + distance));
      }
    }
    const exact = word.exact ? this.termNumbers.get(word.text) : undefined;
    const closest = [...weights]
      .map(([term, weight]) => ({ term, weight }))
      .sort(
        (a, b) => b.weight - a.weight || this.postingsOf(b.term) - this.postingsOf(a.term) || a.term - b.term,
      );
    const expansions: Expansion[] = exact === undefined ? [] : [{ term: exact, weight: 1 }];
    let spent = 0;
    for (const expansion of closest) {
      const size = this.postingsOf(expansion.term);
      if (size === 0) continue;
      if (spent + size > this.expansionBudget && spent > 0) break;
      spent += size;
      expansions.push(exact === undefined ? expansion : { ...expansion, word: exact });
    }
    if (this.expansions.size >= EXPANSION_CACHE_SIZE) {
      this.expansions.delete(this.expansions.keys().next().value as string);
    }
    this.expansions.set(key, expansions);
    return expansions;
  }

  /** Merges the terms added since the last call into the sorted terms. */
  private mergeNewTerms(): void {
    if (this.newTerms.length === 0) return;
    const added = this.newTerms.splice(0).sort();
    const terms: string[] = [];
    const numbers: number[] = [];
    const take = (term: string) => {
      terms.push(term);
      numbers.push(this.termNumbers.get(term) as number);
    };
    let old = 0;
    for (const term of added) {
      while (old < this.sortedTerms.length && (this.sortedTerms[old] as string) < term) {
        take(this.sortedTerms[old++] as string);
      }
      take(term);
    }
    while (old < this.sortedTerms.length) take(this.sortedTerms[old++] as string);
    this.sortedTerms = terms;
    this.sortedNumbers = numbers;
  }

  private postingsOf(term: number): number {
    return (this.postings[term]?.length ?? 0) / 2;
  }

  /** Inverse document frequency (BM25), from the postings including not yet dropped ones. */
  private idf(term: number): number {
    const docs = this.docOf.size;
    const frequency = Math.min(this.postingsOf(term), docs);
    return Math.log(1 + (docs - frequency + 0.5) / (frequency + 0.5));
  }

  /**
   * Scores one word into `wordScore` (per doc, the best of its expansions) and returns the docs it
   * matched; with `among`, only those docs are considered. A long posting list is then probed by
   * binary search instead of scanned, so confirming a few candidates against a common word is cheap.
   */
  private scoreWord(expansions: Expansion[], among?: readonly number[]): number[] {
    const stamp = this.nextStamp();
    const { marks, wordScore, live } = this;
    let allowed = 0;
    if (among) {
      allowed = this.nextStamp();
      for (const doc of among) marks[doc] = allowed;
    }
    const docs: number[] = [];
    const take = (doc: number, score: number): void => {
      if (marks[doc] === stamp) {
        if (score > (wordScore[doc] as number)) wordScore[doc] = score;
      } else if (!among || marks[doc] === allowed) {
        marks[doc] = stamp;
        wordScore[doc] = score;
        docs.push(doc);
      }
    };
    for (const expansion of expansions) {
      const postings = this.postings[expansion.term] as number[];
      const factor = this.factor(expansion);
      const size = postings.length / 2;
      if (among && among.length * Math.log2(size + 1) < size) {
        for (const doc of among) {
          const at = findPosting(postings, doc);
          if (at >= 0 && live[doc] === 1) take(doc, factor * (postings[at + 1] as number));
        }
        continue;
      }
      for (let i = 0; i < postings.length; i += 2) {
        const doc = postings[i] as number;
        if (live[doc] === 1) take(doc, factor * (postings[i + 1] as number));
      }
    }
    return docs;
  }

  /** Docs matching every word, rarest word first so later words only confirm candidates. */
  private matchAll(words: Expansion[][]): Found {
    const order = this.byCost(words);
    let docs: number[] | undefined;
    for (const expansions of order) {
      const first = docs === undefined;
      docs = this.scoreWord(expansions, docs);
      if (docs.length === 0) break;
      for (const doc of docs) {
        this.total[doc] = (first ? 0 : (this.total[doc] as number)) + (this.wordScore[doc] as number);
      }
    }
    return { docs: docs ?? [], quality: () => 1 };
  }

  /** Docs matching any word; the score is multiplied by how many words matched. */
  private matchAny(words: Expansion[][]): Found {
    const queryStamp = this.nextStamp();
    const seen: number[] = [];
    for (const expansions of words) {
      for (const doc of this.scoreWord(expansions)) {
        if (this.queryMarks[doc] !== queryStamp) {
          this.queryMarks[doc] = queryStamp;
          this.total[doc] = 0;
          this.matched[doc] = 0;
          seen.push(doc);
        }
        this.total[doc] = (this.total[doc] as number) + (this.wordScore[doc] as number);
        this.matched[doc] = (this.matched[doc] as number) + 1;
      }
    }
    return { docs: seen, quality: (doc) => this.matched[doc] as number };
  }

  /** A number no doc is marked with yet; marks restart long before the Int32 range runs out. */
  private nextStamp(): number {
    return this.nextStamps(1);
  }

  /** `count` consecutive numbers no doc is marked with yet; returns the first. */
  private nextStamps(count: number): number {
    if (this.stamp + count >= 2 ** 30) {
      this.stamp = 0;
      this.marks.fill(0);
      this.queryMarks.fill(0);
    }
    const first = this.stamp + 1;
    this.stamp += count;
    return first;
  }

  private ensureCapacity(size: number): void {
    if (size <= this.live.length) return;
    let capacity = this.live.length;
    while (capacity < size) capacity *= 2;
    const grow = <T extends Uint8Array | Int32Array | Float64Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.live = grow(this.live, (n) => new Uint8Array(n));
    this.matched = grow(this.matched, (n) => new Uint8Array(n));
    this.marks = grow(this.marks, (n) => new Int32Array(n));
    this.queryMarks = grow(this.queryMarks, (n) => new Int32Array(n));
    this.wordScore = grow(this.wordScore, (n) => new Float64Array(n));
    this.total = grow(this.total, (n) => new Float64Array(n));
    this.blocks = this.blocks.map((termBlocks) => {
      if (termBlocks === undefined) return undefined;
      const docs = new Uint32Array(capacity >>> 5);
      const max = new Float64Array(capacity >>> 5);
      docs.set(termBlocks.docs);
      max.set(termBlocks.max);
      return { docs, max };
    });
    this.scratch = [];
  }

  /** Drops discarded docs from every posting list and renumbers the live ones. */
  private compact(): void {
    const renumber = new Int32Array(this.ids.length).fill(-1);
    const ids: string[] = [];
    for (let doc = 0; doc < this.ids.length; doc++) {
      if (this.live[doc] === 0) continue;
      renumber[doc] = ids.length;
      ids.push(this.ids[doc] as string);
    }
    this.postings = this.postings.map((postings) => {
      const kept: number[] = [];
      for (let i = 0; i < postings.length; i += 2) {
        const doc = renumber[postings[i] as number] as number;
        if (doc >= 0) kept.push(doc, postings[i + 1] as number);
      }
      return kept;
    });
    // A new array: lazily consumed results of earlier searches keep reading the old one.
    this.ids = ids;
    this.live.fill(0);
    this.live.fill(1, 0, ids.length);
    this.docOf.clear();
    for (let doc = 0; doc < ids.length; doc++) this.docOf.set(ids[doc] as string, doc);
    this.deadDocs = 0;
    this.rebuildTops();
    const min = this.bitsetMin();
    this.blocks = this.postings.map((postings) =>
      postings.length >= 2 * min ? this.blocksOf(postings) : undefined,
    );
  }
}

/** A query word's posting lists (one per expansion) with their factors, read in ascending doc order. */
interface Probe {
  lists: number[][];
  terms: number[];
  factors: number[];
  /** Per list, the term's blocks when it has them: a doc missing from them needs no search. */
  blocks: (TermBlocks | undefined)[];
  /** The docs holding the word (any of its terms, dead docs included). */
  holds: Uint32Array;
  /**
   * Per block of 32 docs, the word's best score there is at most `blockFactor` × `blockMax` and
   * each of `longMax`'s factor × max (see `blockBound`).
   */
  blockMax: Float64Array;
  blockFactor: number;
  longMax: { max: Float64Array; factor: number }[];
  /** When known, the only blocks (ascending) holding the word: a rare word's candidates. */
  blockList: Int32Array | undefined;
  /** The lists with blocks, searched doc by doc. */
  longSlots: number[];
  /** The docs of the other lists with their best score, read once when the probe was made. */
  short: ShortLists | undefined;
  /** Postings in all its lists. */
  size: number;
  /** Per list, where the last lookup ended: lookups of ascending docs resume there. */
  cursors: Int32Array;
  /** No doc scores more for this word (per-term highest impacts times factors). */
  bound: number;
}

/**
 * Where `scoreOfWord` leaves its result: a typed array slot, because a returned double is boxed in a
 * heap object when the call is not inlined, and scoring a query makes thousands of these calls.
 */
const PART = new Float64Array(1);

/** Whether a live doc holds the word; if so its score (best expansion) is left in `PART[0]`. */
function scoreOfWord(probe: Probe, doc: number): boolean {
  if (!holds(probe, doc)) return false;
  const word = doc >>> 5;
  const bit = 1 << (doc & 31);
  const { short } = probe;
  let best = short && ((short.docs[word] as number) & bit) !== 0 ? (short.scores[doc] as number) : -1;
  for (const slot of probe.longSlots) {
    if ((((probe.blocks[slot] as TermBlocks).docs[word] as number) & bit) === 0) continue;
    const postings = probe.lists[slot] as number[];
    const at = seek(postings, doc, probe.cursors, slot);
    if (at < 0) continue;
    const score = (probe.factors[slot] as number) * (postings[at + 1] as number);
    if (score > best) best = score;
  }
  PART[0] = best;
  return best >= 0;
}

/** A word's short posting lists read into doc-indexed form: which docs, and each one's best score. */
interface ShortLists {
  docs: Uint32Array;
  /** Valid only for the docs set in `docs`. */
  scores: Float64Array;
}

/** Scratch space for one word of a query. */
interface WordScratch {
  holds: Uint32Array;
  blockMax: Float64Array;
  short: ShortLists;
  /** The blocks of `short.docs` and `blockMax` the last use wrote. */
  touched: Int32Array;
  touchedCount: number;
}

/** A term's docs as a bitset (dead ones included: doc numbers are never reused) and each block's highest impact. */
interface TermBlocks {
  docs: Uint32Array;
  max: Float64Array;
}

/** Records a posting in a term's blocks. */
function addToBlocks(blocks: TermBlocks, doc: number, impact: number): void {
  const block = doc >>> 5;
  blocks.docs[block] = (blocks.docs[block] as number) | (1 << (doc & 31));
  if (impact > (blocks.max[block] as number)) blocks.max[block] = impact;
}

/** The highest score the probe's word can give a doc of this block. */
function blockBound(probe: Probe, block: number): number {
  let bound = probe.blockFactor * (probe.blockMax[block] as number);
  for (const { max, factor } of probe.longMax) {
    const long = factor * (max[block] as number);
    if (long > bound) bound = long;
  }
  return bound;
}

/** Whether the doc holds the probe's word (one bit test). */
function holds(probe: Probe, doc: number): boolean {
  return ((probe.holds[doc >>> 5] as number) & (1 << (doc & 31))) !== 0;
}

/**
 * The index in `postings` of `doc`'s entry, or -1, galloping forward from where the previous lookup
 * ended, so looking up ascending docs costs a merge, not a binary search each.
 */
function seek(postings: readonly number[], doc: number, cursors: Int32Array, slot: number): number {
  const count = postings.length >> 1;
  let low = cursors[slot] as number;
  // A doc before the previous one: search from the start.
  if (low > 0 && (postings[2 * (low - 1)] as number) >= doc) low = 0;
  let high = low;
  let step = 1;
  while (high < count && (postings[2 * high] as number) < doc) {
    low = high + 1;
    high += step;
    step *= 2;
  }
  if (high >= count) high = count - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    if ((postings[2 * mid] as number) < doc) low = mid + 1;
    else high = mid - 1;
  }
  cursors[slot] = low;
  return low < count && postings[2 * low] === doc ? 2 * low : -1;
}

/** The best few docs by score (ties in id order), kept in a heap whose root is the worst held. */
class BestHits {
  private readonly heldDocs: number[] = [];
  private readonly scores: number[] = [];

  constructor(
    private readonly size: number,
    private readonly ids: readonly string[],
  ) {}

  get full(): boolean {
    return this.heldDocs.length >= this.size;
  }

  /** Whether a doc with this score may enter (a cheap check before `offer`). */
  admits(score: number): boolean {
    return this.heldDocs.length < this.size || score >= (this.scores[0] as number);
  }

  /** The worst held score: a doc scoring less cannot enter. */
  get threshold(): number {
    return this.scores[0] ?? Number.NEGATIVE_INFINITY;
  }

  private before(docA: number, scoreA: number, docB: number, scoreB: number): boolean {
    if (scoreA !== scoreB) return scoreA > scoreB;
    return (this.ids[docA] as string) < (this.ids[docB] as string);
  }

  offer(doc: number, score: number): void {
    const { heldDocs: docs, scores } = this;
    if (!this.full) {
      // Sift up: parents are worse than their children.
      let at = docs.length;
      docs.push(doc);
      scores.push(score);
      while (at > 0) {
        const parent = (at - 1) >> 1;
        if (!this.before(docs[parent] as number, scores[parent] as number, doc, score)) break;
        docs[at] = docs[parent] as number;
        scores[at] = scores[parent] as number;
        at = parent;
      }
      docs[at] = doc;
      scores[at] = score;
      return;
    }
    if (!this.before(doc, score, docs[0] as number, scores[0] as number)) return;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      if (left >= docs.length) break;
      const right = left + 1;
      let worse = left;
      if (
        right < docs.length &&
        this.before(
          docs[left] as number,
          scores[left] as number,
          docs[right] as number,
          scores[right] as number,
        )
      ) {
        worse = right;
      }
      // The new doc is worse than both children: it belongs here.
      if (this.before(docs[worse] as number, scores[worse] as number, doc, score)) break;
      docs[at] = docs[worse] as number;
      scores[at] = scores[worse] as number;
      at = worse;
    }
    docs[at] = doc;
    scores[at] = score;
  }

  /** The held docs, in no particular order. */
  docs(): number[] {
    return [...this.heldDocs];
  }

  /** The held docs as hits, best first. */
  hits(): IndexHit[] {
    const order = this.heldDocs.map((_, index) => index);
    order.sort((a, b) =>
      this.before(
        this.heldDocs[a] as number,
        this.scores[a] as number,
        this.heldDocs[b] as number,
        this.scores[b] as number,
      )
        ? -1
        : 1,
    );
    return order.map((index) => ({
      id: this.ids[this.heldDocs[index] as number] as string,
      score: this.scores[index] as number,
    }));
  }
}

/** Docs that matched the required words, and the factor their score gets. */
interface Found {
  docs: number[];
  quality: (doc: number) => number;
}

/** The first index of a sorted array whose value is not below `value`. */
function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((sorted[mid] as string) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The index in `postings` (`[doc, impact, …]`, docs ascending) of `doc`'s entry, or -1. */
function findPosting(postings: readonly number[], doc: number): number {
  let low = 0;
  let high = postings.length / 2 - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const found = postings[mid * 2] as number;
    if (found === doc) return mid * 2;
    if (found < doc) low = mid + 1;
    else high = mid - 1;
  }
  return -1;
}

/** 1 + a margin far above the rounding error of summing a query's few word scores in another order. */
const BOUND_SLACK = 1 + 1e-9;

/** Words up to which the any-word fallback ranks by sets of words (2^n − n − 1 pruned searches). */
const MAX_SUBSET_WORDS = 4;

/** Per-word scratch spaces kept between queries (see `wordScratch`). */
const KEPT_SCRATCH = 8;

/** Candidate blocks `bestOfAll` scores first, those with the highest bounds. */
const PRIMING_BLOCKS = 8;

/** Indexes (below `count`) of the `size` highest values, in no particular order. */
function highestOf(values: Float64Array, count: number, size: number): number[] {
  if (count <= size) return Array.from({ length: count }, (_, at) => at);
  const chosen = Array.from({ length: size }, (_, at) => at);
  let lowest = 0;
  const findLowest = () => {
    lowest = 0;
    for (let slot = 1; slot < size; slot++) {
      if ((values[chosen[slot] as number] as number) < (values[chosen[lowest] as number] as number)) {
        lowest = slot;
      }
    }
  };
  findLowest();
  for (let at = size; at < count; at++) {
    if ((values[at] as number) <= (values[chosen[lowest] as number] as number)) continue;
    chosen[lowest] = at;
    findLowest();
  }
  return chosen;
}

/** Query words whose expansions are remembered. */
const EXPANSION_CACHE_SIZE = 4096;

/** Hits a search computes up front; a consumer that filters many out pays for the rest. */
const FIRST_BATCH = 32;

/**
 * Entries a term's top list keeps: twice a batch, so discarding up to a batch of its docs (a reload)
 * still leaves the true best batch without rescanning the postings.
 */
const TOP_DEPTH = 2 * FIRST_BATCH;

/**
 * A term's best live docs, `[doc, impact, …]` best first (ties in id order). Whatever it leaves out
 * ranks below all it holds; `complete` says it holds every live posting of the term.
 */
interface TopList {
  entries: number[];
  complete: boolean;
}

/** Takes a doc out of a top list; whether it was there. */
function removeFromTop(top: TopList, doc: number): boolean {
  for (let at = 0; at < top.entries.length; at += 2) {
    if (top.entries[at] === doc) {
      top.entries.splice(at, 2);
      return true;
    }
  }
  return false;
}

/** Matched docs with their scores, handed out best first, ties in id order. */
class Scored {
  constructor(
    private readonly docs: number[],
    private readonly scores: Float64Array,
    private readonly ids: readonly string[],
  ) {}

  /** Whether the match at index `a` ranks before the one at index `b`. */
  private readonly before = (a: number, b: number): boolean => {
    const diff = (this.scores[a] as number) - (this.scores[b] as number);
    if (diff !== 0) return diff > 0;
    return (this.ids[this.docs[a] as number] as string) < (this.ids[this.docs[b] as number] as string);
  };

  /**
   * The first batch comes from one pass that keeps the best few in a small heap (O(n log k)), so a
   * query matching 50,000 items costs a scan, not a sort; only a consumer that reads past the batch
   * pays for a heap of everything (O(n + k log n)).
   */
  *best(): Generator<IndexHit> {
    const count = this.docs.length;
    const first = this.topIndexes(Math.min(FIRST_BATCH, count));
    for (const index of first) yield this.hit(index);
    if (first.length === count) return;
    const heap = new Int32Array(count);
    for (let index = 0; index < count; index++) heap[index] = index;
    let size = count;
    for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(heap, size, at, this.before);
    for (let popped = 0; size > 0; popped++) {
      const index = heap[0] as number;
      size -= 1;
      heap[0] = heap[size] as number;
      siftDown(heap, size, 0, this.before);
      if (popped >= first.length) yield this.hit(index);
    }
  }

  /** Indexes (into the matches) of the best `size`, best first. */
  topIndexes(size: number): number[] {
    const worstFirst = (a: number, b: number) => this.before(b, a);
    const { scores } = this;
    const heap = new Int32Array(size);
    for (let index = 0; index < size; index++) heap[index] = index;
    for (let at = (size >> 1) - 1; at >= 0; at--) siftDown(heap, size, at, worstFirst);
    // Most matches score below the worst kept one: a plain number comparison skips them.
    let threshold = size > 0 ? (scores[heap[0] as number] as number) : 0;
    for (let index = size; index < this.docs.length; index++) {
      if ((scores[index] as number) < threshold || !this.before(index, heap[0] as number)) continue;
      heap[0] = index;
      siftDown(heap, size, 0, worstFirst);
      threshold = scores[heap[0] as number] as number;
    }
    return [...heap].sort((a, b) => (this.before(a, b) ? -1 : 1));
  }

  /** The hit at an index into the matches. */
  hit(index: number): IndexHit {
    return { id: this.ids[this.docs[index] as number] as string, score: this.scores[index] as number };
  }
}

/** Restores the heap order below `start`: every parent `first` relative to its children. */
function siftDown(
  heap: Int32Array,
  size: number,
  start: number,
  first: (a: number, b: number) => boolean,
): void {
  let at = start;
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let top = at;
    if (left < size && first(heap[left] as number, heap[top] as number)) top = left;
    if (right < size && first(heap[right] as number, heap[top] as number)) top = right;
    if (top === at) return;
    const swap = heap[at] as number;
    heap[at] = heap[top] as number;
    heap[top] = swap;
    at = top;
  }
}

/** An item's terms with their impact: the field-weighted BM25+ term-frequency part of its score. */
function impacts(item: Item): Map<string, number> {
  const result = new Map<string, number>();
  for (const field of FIELDS) {
    const terms = indexTerms(item[field.name]);
    if (terms.length === 0) continue;
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    // Lengths are normalized by a fixed typical length, not the bank's average, so an item's score
    // never depends on which other notes happen to be loaded (a reload changes no other ranking).
    const norm = K1 * (1 - B + (B * terms.length) / field.typicalLength);
    for (const [term, tf] of frequencies) {
      const part = field.boost * ((tf * (K1 + 1)) / (tf + norm) + DELTA);
      result.set(term, (result.get(term) ?? 0) + part);
    }
  }
  return result;
}
