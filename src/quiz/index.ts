/** The question engine: questions from bank items, and grading of replies. No Discord types. */
export { correctResponse, type Grade, grade, type Response } from './grade.ts';
export { alternativesOf, matchTyped, type TypedAnswerSpec, type TypedMatch } from './match.ts';
export { basicNormalize, boundedEditDistance, looseNormalize, typoAllowance } from './normalize.ts';
export { type ItemPool, indexOf } from './pool.ts';
export {
  applicableTypes,
  makeQuestion,
  makeQuestionById,
  type OptionNote,
  pickType,
  QUESTION_TYPES,
  type Question,
  type QuestionRequest,
  type QuestionType,
} from './question.ts';
export { createRandom, hashString, type Random, shuffled } from './random.ts';
