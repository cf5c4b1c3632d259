/**
 * True/false questions, only from facts that leave no doubt: a yes/no Q&A, or a table cell shown as
 * it is or replaced by one that contradicts it (never a near-paraphrase from a neighbouring row).
 */
import type { Item } from '../bank/types.ts';
import { fitText, LIMITS } from '../core/fit.ts';
import { sameKind } from './answer-class.ts';
import { meaningOfCandidate } from './distractors.ts';
import { contentWords, equivalent, meaningOf } from './equivalence.ts';
import { explanationOf } from './explanation.ts';
import type { Base } from './options.ts';
import { type Candidate, columnKey, type ItemPool, indexOf, tableKey } from './pool.ts';
import { cleanPrompt } from './profile.ts';
import type { Question } from './question.ts';
import { type Random, shuffled } from './random.ts';
import { questionToStatement } from './statement.ts';

const TRUE_FALSE = ['True', 'False'];
const YES_NO = ['Yes', 'No'];

/** "Are AMIs region-specific?" → "True or false: AMIs are region-specific." (or Yes/No when it cannot be a statement). */
export function yesNoQuestion(item: Item, yes: boolean, base: Base): Question {
  const question = cleanPrompt(item.prompt);
  const statement = questionToStatement(question);
  const options = statement ? TRUE_FALSE : YES_NO;
  const correct = yes ? 0 : 1;
  return {
    ...base,
    prompt: statement ? `True or false: ${statement}` : question,
    options: [...options],
    correct,
    answer: options[correct] ?? '',
    explanation: explanationOf(item),
  };
}

/**
 * A table fact as a statement: the true cell, or (for some seeds) a false one. In a table of many
 * columns the false cell comes from the same column of another row and shares no meaningful word
 * with the true one; in a two-column comparison ("Without AMI | With AMI") it is the other side of
 * the same row, since every cell of one side is true of that side. Null when no false cell is sound:
 * then only the true statement is not asked either (a question that is always True teaches nothing).
 */
export function factStatementQuestion(
  item: Item,
  pool: ItemPool,
  random: Random,
  base: Base,
): Question | null {
  const fact = item.fact;
  const cell = item.answer.trim();
  if (!fact || !cell) return null;
  const falseCell = contradictingCell(item, pool, random);
  if (falseCell === null) return null;
  const truthful = random.next() < 0.5;
  const shown = truthful ? cell : falseCell;
  const index = indexOf(pool);
  const manyColumns = (index.columnCount.get(tableKey(item.note, fact.table)) ?? 2) > 2;
  const subject =
    fact.shape === 'pair' ? `${fact.column}` : `${fact.row}${manyColumns ? ` (${fact.column})` : ''}`;
  return {
    ...base,
    prompt: `True or false? ${fact.table} › ${subject} — ${shown}`,
    options: [...TRUE_FALSE],
    correct: truthful ? 0 : 1,
    answer: truthful ? 'True' : 'False',
    explanation: explanationOf(item),
  };
}

/** A full cell (never one cut to fit a button: that would be a different claim) that contradicts the fact. */
function contradictingCell(item: Item, pool: ItemPool, random: Random): string | null {
  const fact = item.fact;
  if (!fact) return null;
  const index = indexOf(pool);
  if (fact.shape === 'pair') {
    // The row's other side: "With AMI — Run User Data (install HTTPD, etc.)" is false by the table itself.
    return pairSide(item);
  }
  const column = index.byColumn.get(columnKey(item.note, fact.table, fact.columnIndex)) ?? [];
  const own = column.find((candidate) => candidate.itemId === item.id);
  if (!own) return null;
  const truth = meaningOfCandidate(own);
  const truthWords = new Set(truth.content);
  const sameValue = (candidate: Candidate) => equivalent(meaningOfCandidate(candidate), truth);
  for (const candidate of shuffled(column, random)) {
    if (candidate.itemId === item.id || !sameKind(candidate.kind, own.kind)) continue;
    if (fitText(candidate.text, LIMITS.buttonLabel) !== candidate.text) continue;
    if (sameValue(candidate)) continue;
    // "Infrequent access, rapid retrieval" against "Re-creatable infrequent data": near enough to be read as true.
    if (meaningOfCandidate(candidate).content.some((word) => truthWords.has(word))) continue;
    return candidate.text;
  }
  return null;
}

/** The other column's cell of the same row in a two-column comparison table. */
function pairSide(item: Item): string | null {
  const fact = item.fact;
  if (!fact) return null;
  const row = meaningOf(fact.row);
  const cell = meaningOf(item.answer);
  if (equivalent(row, cell) || contentWords(row.loose).length === 0) return null;
  if (fitText(fact.row, LIMITS.buttonLabel) !== fact.row) return null;
  return fact.row;
}
