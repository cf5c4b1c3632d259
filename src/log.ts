import { createRequire } from 'node:module';
import { type DestinationStream, type Logger, pino } from 'pino';
import type { LogFormat, LogLevel } from './config.ts';
import { hintFor } from './runtime/hints.ts';

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
  /** `pretty`: readable lines (pino-pretty); `auto` (default): pretty when writing to a terminal's stdout. */
  format?: LogFormat;
}

/**
 * A pino logger that cannot leak the bot token or interaction tokens: field redaction for known
 * paths, plus a last-line scrub of each serialised line (messages, stacks and URLs included).
 */
export function createLogger(options: LoggerOptions): Logger {
  const scrub = secretScrubber(options.secrets ?? []);
  const target = options.destination ?? pino.destination({ dest: 1, sync: true });
  const pretty = wantsPretty(options) ? prettyLines(!options.destination) : undefined;
  // Scrubbed as JSON, before pino-pretty reshapes the line: the patterns match either way, but only once.
  const scrubbing: DestinationStream = pretty
    ? { write: (line: string) => target.write(pretty(scrub(line))) }
    : { write: (line: string) => target.write(scrub(line)) };
  return pino(
    {
      level: options.level,
      base: undefined,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      // A network or Discord error logged anywhere carries a one-line hint of what to do about it.
      mixin: (fields: object) => {
        const { err, code } = fields as { err?: unknown; code?: unknown };
        const hint = hintFor(err ?? (typeof code === 'number' ? { code } : undefined));
        return hint ? { hint } : {};
      },
    },
    scrubbing,
  );
}

function wantsPretty(options: LoggerOptions): boolean {
  if (options.format === 'pretty') return true;
  if (options.format === 'json') return false;
  return !options.destination && process.stdout.isTTY === true;
}

/** pino-pretty's line formatter, loaded only when used; colours only on a terminal. */
function prettyLines(toStdout: boolean): (line: string) => string {
  const { prettyFactory } = createRequire(import.meta.url)('pino-pretty') as typeof import('pino-pretty');
  return prettyFactory({
    colorize: toStdout && process.stdout.isTTY === true,
    translateTime: 'SYS:HH:MM:ss.l',
    ignore: 'pid,hostname',
  });
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
