/** Turning yes/no questions into true/false statements, only where the grammar is unambiguous. */

const PRONOUNS = new Set(['you', 'we', 'they', 'it', 'i', 'he', 'she']);
const BE = new Set(['are', 'is', 'was', 'were']);
const MODALS = new Set(['can', 'could', 'should', 'will', 'would', 'must', 'may']);
const QUESTION = /^(\w+)\s+(\S+)\s+(.+?)\s*\?*$/;

/**
 * "Are AMIs region-specific?" → "AMIs are region-specific."; "Can you sell your own AMIs?" → "You can
 * sell your own AMIs."; null when the subject is not clearly one word (then the question is asked as is).
 */
export function questionToStatement(question: string): string | null {
  const match = QUESTION.exec(question.trim());
  if (!match) return null;
  const [, auxWord = '', subject = '', rest = ''] = match;
  const aux = auxWord.toLowerCase();
  const pronoun = PRONOUNS.has(subject.toLowerCase());
  let statement: string | null = null;
  if (pronoun && (BE.has(aux) || MODALS.has(aux))) statement = `${subject} ${aux} ${rest}`;
  else if (pronoun && aux === 'do') statement = `${subject} ${rest}`;
  // A one-word subject and a one-word complement leave no doubt where the subject ends.
  else if (BE.has(aux) && !/\s/.test(rest)) statement = `${subject} ${aux} ${rest}`;
  if (!statement) return null;
  return `${statement.charAt(0).toUpperCase()}${statement.slice(1)}.`;
}
