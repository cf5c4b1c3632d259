/**
 * Why the answer is right and what each wrong option really is, from the note itself, so a member
 * learns from a miss: "30 days is the Minimum storage duration of S3 Standard-IA".
 */
import type { Item } from '../bank/types.ts';
import { fitText } from '../core/fit.ts';
import type { Distractor } from './distractors.ts';
import type { Candidate } from './pool.ts';
import { cleanPrompt } from './profile.ts';
import type { OptionNote } from './question.ts';

/** An option's note stays readable under a select menu or in a field: one or two lines. */
const NOTE_MAX = 200;
const QUOTED_MAX = 120;

/** "Note title › Section", the way a source is shown under every answer. */
export function sourceOf(item: Item): string {
  return [item.title, item.section].filter((part) => part.trim() !== '').join(' › ');
}

/**
 * Why the answer is right, quoting the note, ending with the heading it sits under. A practice
 * question's own answer text explains itself and is kept as written.
 */
export function explanationOf(item: Item): string {
  const heading = headingOf(item);
  const from = heading ? `\n— ${heading}` : '';
  if (item.kind === 'fact' && item.fact) {
    const { row, column, shape } = item.fact;
    const cell = item.answerMarkdown.trim() || item.answer;
    return shape === 'pair'
      ? `**${column}** beside “${row}”: ${cell}${from}`
      : `**${row}** — ${column}: ${cell}${from}`;
  }
  if (item.kind === 'cloze' && item.cloze)
    return `${item.answerMarkdown.trim() || item.cloze.sentence}${from}`;
  if (item.kind === 'choice') {
    const right = (item.choices ?? []).filter((choice) => choice.correct).map((choice) => choice.text);
    return `The note marks ${right.map((text) => `**${text}**`).join(', ')} as right.${from}`;
  }
  return `${item.answerMarkdown.trim() || item.answer}${from}`;
}

/** One note per wrong option, in option order. */
export function optionNotesOf(options: readonly string[], distractors: readonly Distractor[]): OptionNote[] {
  const byLabel = new Map(distractors.map((d) => [d.label, d.candidate]));
  const notes: OptionNote[] = [];
  for (const option of options) {
    const candidate = byLabel.get(option);
    if (candidate) notes.push({ option, note: optionNoteOf(option, candidate) });
  }
  return notes;
}

const notes = new WeakMap<Candidate, { option: string; note: string }>();

/** What a wrong option really is, said from where it comes in the notes (kept per candidate). */
export function optionNoteOf(option: string, candidate: Candidate): string {
  const known = notes.get(candidate);
  if (known?.option === option) return known.note;
  const note = describe(option, candidate);
  notes.set(candidate, { option, note });
  return note;
}

function describe(option: string, candidate: Candidate): string {
  const origin = candidate.origin;
  if (!origin) return fitText(`${option} is not what the note gives here.`, NOTE_MAX);
  const { item, role } = origin;
  const where = headingOf(item);
  let note: string;
  if (item.fact && (role === 'cell' || role === 'answer')) {
    note =
      item.fact.shape === 'pair'
        ? `${option} is the “${item.fact.column}” side of “${item.fact.row}”`
        : `${option} is what the table gives for ${item.fact.row} — ${item.fact.column}`;
  } else if (role === 'row' && item.fact) {
    note = `${option} is another row of the “${item.fact.table}” table`;
  } else if (role === 'column' && item.fact) {
    note = `${option} is another column of the “${item.fact.table}” table`;
  } else if (role === 'step' && item.steps) {
    const n = item.steps.findIndex((step) => step.trim() === candidate.text) + 1;
    note =
      n > 0
        ? `${option} is step ${n} of ${where || item.title}`
        : `${option} is a step of ${where || item.title}`;
  } else if (
    role === 'choice' &&
    item.kind === 'choice' &&
    item.choices?.some((c) => c.correct && c.text.trim() === candidate.text)
  ) {
    note = `${option} is a right answer to “${quoted(cleanPrompt(item.prompt))}”`;
  } else if (role === 'choice') {
    note = `${option} is one of the note's wrong options here`;
  } else if (item.kind === 'cloze' && item.cloze) {
    note = `${option} completes “${quoted(item.cloze.blanked)}”`;
  } else {
    note = `${option} answers “${quoted(cleanPrompt(item.prompt) || item.title)}”`;
  }
  const tail = role !== 'step' && where ? ` (${where})` : '';
  return fitText(`${note}${tail}.`, NOTE_MAX);
}

function headingOf(item: Item): string {
  return sourceOf(item);
}

function quoted(text: string): string {
  return fitText(text.trim(), QUOTED_MAX);
}
