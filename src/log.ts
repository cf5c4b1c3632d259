import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogLevel } from './config.ts';

export type { Logger } from 'pino';

/** Structured fields that may hold a secret; pino replaces them before serialising. */
const REDACT_PATHS = [
  'token',
  '*.token',
  'discordToken',
  '*.discordToken',
  'authorization',
  '*.authorization',
  'headers.authorization',
  '*.headers.authorization',
  'headers.Authorization',
  '*.headers.Authorization',
];

const CENSOR = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  /** Literal values that must never be written (the bot token); scrubbed from every line. */
  secrets?: string[];
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  destination?: DestinationStream;
}

/**
 * A pino logger that cannot leak the bot token or interaction tokens: field redaction for known
 * paths, plus a last-line scrub of each serialised line (messages, stacks and URLs included).
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const scrubbing: DestinationStream = { write: (line: string) => target.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
    },
    scrubbing,
  );
}

/**
 * Removes secrets from text: the given literals, `Bot <token>` headers, and the token segment of
 * interaction callback and webhook URLs (`/interactions/<id>/<token>`, `/webhooks/<app>/<token>`).
 */
export function secretScrubber(secrets: string[]): (text: string) => string {
  // Short strings would blank out ordinary words; real tokens are long.
  const literals = secrets.filter((s) => s.length >= 8);
  return (text) => {
    let out = text;
    for (const secret of literals) out = out.split(secret).join(CENSOR);
    return out
      .replace(/\b(Bot|Bearer)\s+[\w.-]{20,}/g, `$1 ${CENSOR}`)
      .replace(/(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"']+/g, `$1${CENSOR}`);
  };
}
