import { grade } from '../../src/quiz/grade.ts';
import { makeQuestionById, type Question } from '../../src/quiz/question.ts';
import { isQuizSession, type QuizSession } from '../../src/quiz/session.ts';
import type { ActorInput, FakeMessage, InteractionHandle } from '../fake-discord/index.ts';
import type { Harness } from './helpers.ts';
import { allComponents } from './v2-support.ts';

/** A button as the fake stores it (raw Discord JSON). */
export interface ButtonJson {
  custom_id: string;
  label: string;
  disabled?: boolean;
}

/** Every button of a message, in order (in action rows, or nested in a Components V2 container). */
export function buttonsOf(message: FakeMessage): ButtonJson[] {
  return allComponents(message).filter((c) => c.type === 2) as unknown as ButtonJson[];
}

/** The button whose custom_id ends with `suffix` (e.g. `:next`), or throws listing what there is. */
export function buttonEnding(message: FakeMessage, suffix: string): ButtonJson {
  const found = buttonsOf(message).find((b) => b.custom_id.endsWith(suffix));
  if (!found) {
    throw new Error(
      `no button ending "${suffix}" in ${buttonsOf(message)
        .map((b) => b.custom_id)
        .join(', ')}`,
    );
  }
  return found;
}

/** The session id in a quiz button's custom_id `v1:quiz:<session>:…`. */
export function sessionIdOf(message: FakeMessage): string {
  // A button, or the select menu of a "Choose two" question with only one button row below it.
  const quiz = allComponents(message)
    .map((c) => (c as { custom_id?: string }).custom_id)
    .find((id) => id?.startsWith('v1:quiz:'));
  const id = quiz?.split(':')[2];
  if (!id) throw new Error('the message has no quiz button');
  return id;
}

/** The stored session, as the bot sees it. */
export async function storedSession(harness: Harness, sessionId: string): Promise<QuizSession> {
  const value = await harness.bot.ctx.store.sessions.get(`quiz:${sessionId}`);
  if (!isQuizSession(value)) throw new Error(`no session ${sessionId} in the store`);
  return value;
}

/** The question the bot asks at `index` of a session (rebuilt the way the bot does). */
export function questionOf(harness: Harness, session: QuizSession, index: number): Question {
  const planned = session.questions[index];
  if (!planned) throw new Error(`no question ${index}`);
  const question = makeQuestionById(harness.bot.ctx.bank.current, planned.itemId, planned);
  if (!question) throw new Error(`question ${index} cannot be made`);
  return question;
}

/** A misspelling of the answer that grading accepts as a near match (not exact): one letter dropped. */
export function nearMiss(question: Question): string {
  const answer = question.answer;
  for (let i = answer.length - 2; i > 0; i--) {
    if (!/[a-z]/i.test(answer.charAt(i))) continue;
    const typo = answer.slice(0, i) + answer.slice(i + 1);
    if (grade(question, { text: typo }).verdict === 'accepted') return typo;
  }
  throw new Error(`no accepted near miss for "${answer}"`);
}

/** A wrong option index of a choice or true/false question. */
export function wrongChoice(question: Question): number {
  return question.correct === 0 ? 1 : 0;
}

/** The options that answer a choice, true/false or multi question right, or wrong (a multi one swapped). */
export function choicesFor(question: Question, right: boolean): number[] {
  if (question.type !== 'multi') return [right ? (question.correct ?? 0) : wrongChoice(question)];
  const correct = [...(question.correctSet ?? [])];
  if (right) return correct;
  const other = question.options?.findIndex((_, i) => !correct.includes(i)) ?? -1;
  return [...correct.slice(1), other].sort((a, b) => a - b);
}

/** Sends the answer to question `index` by its buttons, or its select menu for a multi question, right or wrong. */
export function sendChoice(
  harness: Pick<Harness, 'fake'>,
  message: FakeMessage,
  sessionId: string,
  index: number,
  question: Question,
  right: boolean,
  user?: ActorInput['user'],
): Promise<InteractionHandle> {
  const choices = choicesFor(question, right);
  const base = `v1:quiz:${sessionId}:${index}`;
  const who = user ? { user } : {};
  return question.type === 'multi'
    ? harness.fake.select({ message, customId: `${base}:multi`, values: choices.map(String), ...who })
    : harness.fake.click({ message, customId: `${base}:${choices[0]}`, ...who });
}

/** Like `sendChoice`; resolves to the feedback message. */
export async function answerByChoice(
  harness: Pick<Harness, 'fake'>,
  message: FakeMessage,
  sessionId: string,
  index: number,
  question: Question,
  right: boolean,
  user?: ActorInput['user'],
): Promise<FakeMessage> {
  return (await sendChoice(harness, message, sessionId, index, question, right, user)).reply();
}
