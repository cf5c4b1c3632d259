import { createHash } from 'node:crypto';

const BLOCK_ID = /\s*\^([A-Za-z0-9][\w-]*)\s*$/;

/** Lower-cases and collapses whitespace so cosmetic edits to a prompt keep its id. */
export function normalizePrompt(prompt: string): string {
  return prompt.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Short stable id from the note path and the normalized prompt (48 bits: collisions are negligible). */
export function hashId(notePath: string, prompt: string): string {
  return createHash('sha1')
    .update(`${notePath}\n${normalizePrompt(prompt)}`)
    .digest('hex')
    .slice(0, 12);
}

/** Splits a trailing Obsidian `^block-id` off a line of text. */
export function splitBlockId(text: string): { text: string; blockId?: string } {
  const match = BLOCK_ID.exec(text);
  if (!match) return { text };
  return { text: text.slice(0, match.index), blockId: match[1] as string };
}

/** True for a paragraph that holds nothing but `^block-id` (it names the block before it). */
export function isBlockIdOnly(text: string): string | undefined {
  const match = /^\s*\^([A-Za-z0-9][\w-]*)\s*$/.exec(text);
  return match?.[1];
}
