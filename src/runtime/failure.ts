/** What `npm start` prints when the bot cannot start: never a stack, always what to do. */
import type { Env } from '../config.ts';
import { missingTokenGuide } from './first-run.ts';
import { hintFor } from './hints.ts';

/** An error carrying one line per configuration problem (main.ts's `ConfigError`). */
interface ProblemList {
  problems: string[];
}

function isProblemList(error: unknown): error is ProblemList {
  return (
    error instanceof Error &&
    error.name === 'ConfigError' &&
    Array.isArray((error as Partial<ProblemList>).problems)
  );
}

/** The text for a failed start, ending in a newline: the token guide, the settings to fix, or the error and its hint. */
export function startupFailureText(error: unknown, env: Env): string {
  const lines: string[] = [];
  if (isProblemList(error)) {
    const others = error.problems.filter((problem) => !problem.startsWith('DISCORD_TOKEN is missing'));
    if (!env.DISCORD_TOKEN?.trim()) lines.push(missingTokenGuide());
    if (others.length > 0) {
      lines.push('flashcord cannot start; fix these settings (in .env or the environment):');
      for (const problem of others) lines.push(`  ${problem}`);
    }
    if (lines.length === 0) lines.push(...error.problems);
  } else {
    const message = error instanceof Error ? error.message : String(error);
    lines.push(`flashcord cannot start: ${message}`);
    const hint = hintFor(error);
    if (hint) lines.push(`  hint: ${hint}`);
  }
  return `${lines.join('\n')}\n`;
}
