import { encodeCustomId } from '../customId.ts';

/** The custom_id prefix of every exam component (`v1:exam:<exam>:<action>:…`). */
export const EXAM_HANDLER = 'exam';

/** custom_id of an exam component: `v1:exam:<exam>:<action>[:<arg>…]`. */
export const examId = (exam: string, action: string, ...args: (string | number)[]) =>
  encodeCustomId(EXAM_HANDLER, [exam, action, ...args.map(String)]);
