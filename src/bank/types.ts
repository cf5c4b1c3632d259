/** The kinds of item a note can yield (DESIGN.md §1). */
export type ItemKind = 'qa' | 'cloze' | 'fact' | 'sequence' | 'choice';

/** One answerable unit of the question bank, with where it came from. */
export interface Item {
  /** Stable id: an explicit `^block-id`, else a hash of note path + normalized prompt. */
  id: string;
  kind: ItemKind;
  /** Note path relative to the bank root, with `/` separators (e.g. `aws/ami.md`). */
  note: string;
  /** Note title: frontmatter `title`, else the first H1, else the file name. */
  title: string;
  /** Heading path below the title, joined with ` › ` (empty at the top of the note). */
  section: string;
  /** Frontmatter tags (lower-cased) plus the note's folder names. */
  tags: string[];
  /** The exam domain the note names in frontmatter (`domain:`), as written; see docs/exam.md. */
  domain?: string;
  /** The question side, plain text. */
  prompt: string;
  /** The canonical answer, plain text. */
  answer: string;
  /** The answer as Markdown, keeping lists, tables and `==highlights==`. */
  answerMarkdown: string;
  /** Highlighted phrases that are the gist of the answer. */
  keys: string[];
  /** 1-based line of the item's source in the note. */
  line: number;
  /** For `fact`: the table it came from, so distractors can come from the same column. */
  fact?: FactSource;
  /** For `sequence`: the steps in order. */
  steps?: string[];
  /** For `choice`: the written options, `correct` where the task list marks `[x]`. */
  choices?: { text: string; correct: boolean }[];
  /** For `cloze`: the full sentence, and the same sentence with the highlight replaced by `____`. */
  cloze?: { sentence: string; blanked: string };
}

/** Where a fact sits in its table. */
export interface FactSource {
  /** Section heading the table sits under (or the note title). */
  table: string;
  /** The row key (first column), plain text. */
  row: string;
  /** The column header of the cell. */
  column: string;
  /** Index of the column, so distractors can be drawn from the same column. */
  columnIndex: number;
  /** `pair` for two-column comparison tables (`Without AMI | With AMI`), else `cell`. */
  shape: 'cell' | 'pair';
}

export type Severity = 'error' | 'warning' | 'info';

/** A problem found in a note, with its position. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  message: string;
}
