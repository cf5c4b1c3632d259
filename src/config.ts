import { existsSync, readFileSync } from 'node:fs';
import { parse as parseDotenv } from 'dotenv';
import { z } from 'zod';
import { parseShardPlan, type ShardPlan, storeProblemForPlan } from './shard/plan.ts';
import { DEFAULT_STORE_TIMEOUT_MS } from './store/deadlines.ts';
import { storeUrlProblem } from './store/url.ts';

/** pino's level names, plus `silent` to switch logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];
/** `auto`: readable lines when stdout is a terminal, JSON lines otherwise. */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** The validated runtime configuration (DESIGN.md §6). */
export interface Config {
  discordToken: string;
  /** REST base without the version, e.g. `https://discord.com/api`; discord.js appends `/v10`. */
  discordApiUrl: string;
  /** Register commands in this guild only; global registration when absent. */
  devGuildId?: string;
  dataDir: string;
  /** Folder of the bank's parse cache (docs/bank.md); absent when switched off. */
  bankCacheDir?: string;
  storeUrl: string;
  logLevel: LogLevel;
  /**
   * How long a handler may take before the router acknowledges its interaction for it (a deferred
   * reply or update), in ms; Discord drops an interaction not acknowledged within 3 s.
   */
  ackBudgetMs: number;
  /**
   * Deadline of one store operation, in ms (STORE_TIMEOUT_MS): a slower one fails, so the member hears
   * "try again in a moment" instead of nothing; see docs/storage.md#deadlines.
   */
  storeTimeoutMs: number;
  logFormat: LogFormat;
  /** The shards this process runs (SHARD_IDS/SHARD_COUNT, or the sharding launcher); absent: one shard. */
  shards?: ShardPlan;
}

export type Env = Record<string, string | undefined>;

export type ConfigResult = { ok: true; config: Config } | { ok: false; problems: string[] };

const SNOWFLAKE = /^\d{17,20}$/;
/** The default ACK_BUDGET_MS: half of Discord's 3 s, so a deferral sent late still arrives in time. */
export const DEFAULT_ACK_BUDGET_MS = 1_500;

/** Treats blank values like unset ones: `.env.example` ships `DEV_GUILD_ID=` empty. */
const blankAsUnset = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/** A text variable; blank or unset takes `fallback`. */
const text = (fallback: string) => z.preprocess((v) => blankAsUnset(v) ?? fallback, z.string().trim());

/** Adds `problem(value)` as the issue message when it returns one. */
const check =
  <T>(problem: (value: T) => string | undefined) =>
  (value: T, ctx: z.core.$RefinementCtx<T>) => {
    const message = problem(value);
    if (message) ctx.addIssue({ code: 'custom', message });
  };

/** A case-insensitive choice among `values`; blank or unset takes `fallback`. */
const oneOf = (variable: string, fallback: string, values: readonly string[]) =>
  text(fallback)
    .transform((value) => value.toLowerCase())
    .superRefine(
      check((value) =>
        values.includes(value)
          ? undefined
          : `${variable} must be one of ${values.join(', ')}, got "${value}"`,
      ),
    );

// Messages never include the token's value: a config error is printed and may end up in a log.
const schema = z.object({
  DISCORD_TOKEN: z.preprocess(
    blankAsUnset,
    z
      .string({
        error: 'DISCORD_TOKEN is missing: copy .env.example to .env and set DISCORD_TOKEN to your bot token',
      })
      .trim()
      .superRefine(check(tokenProblem)),
  ),
  DISCORD_API_URL: text('https://discord.com/api').superRefine(check(apiUrlProblem)),
  DEV_GUILD_ID: z
    .preprocess(blankAsUnset, z.string().trim().optional())
    .superRefine(
      check((id) =>
        id === undefined || SNOWFLAKE.test(id)
          ? undefined
          : `DEV_GUILD_ID must be a server id (17–20 digits), got "${id}"`,
      ),
    ),
  DATA_DIR: text('data'),
  // Unlike the others, set-but-blank means off: clearing the line is the obvious way to disable it.
  BANK_CACHE_DIR: z
    .string()
    .trim()
    .optional()
    .transform((dir) =>
      dir === undefined ? 'var/cache' : dir === '' || dir.toLowerCase() === 'off' ? undefined : dir,
    ),
  STORE_URL: text('sqlite://var/flashcord.sqlite').superRefine(check(storeUrlProblem)),
  ACK_BUDGET_MS: z.preprocess(
    (v) => blankAsUnset(v) ?? String(DEFAULT_ACK_BUDGET_MS),
    z
      .string()
      .trim()
      .superRefine(
        check((raw) =>
          /^\d+$/.test(raw) && Number(raw) >= 100 && Number(raw) <= 2_500
            ? undefined
            : `ACK_BUDGET_MS must be a whole number of milliseconds from 100 to 2500 (Discord's deadline is 3000), got "${raw}"`,
        ),
      ),
  ),
  STORE_TIMEOUT_MS: z.preprocess(
    (v) => blankAsUnset(v) ?? String(DEFAULT_STORE_TIMEOUT_MS),
    z
      .string()
      .trim()
      .superRefine(
        check((raw) =>
          /^\d+$/.test(raw) && Number(raw) >= 50 && Number(raw) <= 10_000
            ? undefined
            : `STORE_TIMEOUT_MS must be a whole number of milliseconds from 50 to 10000, got "${raw}"`,
        ),
      ),
  ),
  LOG_LEVEL: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
  LOG_FORMAT: oneOf('LOG_FORMAT', 'auto', LOG_FORMATS),
});

function tokenProblem(token: string): string | undefined {
  if (/^Bot\s/i.test(token)) return 'DISCORD_TOKEN must be the bare token, without the "Bot " prefix';
  if (/\s/.test(token)) return 'DISCORD_TOKEN must not contain spaces or line breaks';
  return undefined;
}

function apiUrlProblem(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `DISCORD_API_URL must be a URL like https://discord.com/api, got "${url}"`;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    return `DISCORD_API_URL must start with http:// or https://, got "${url}"`;
  }
  if (/\/v\d+\/?$/.test(parsed.pathname)) {
    return `DISCORD_API_URL must not include the API version (discord.js adds /v10), got "${url}"`;
  }
  return undefined;
}

/**
 * Validates the environment; pure. Names every problem at once, one line each, never the token.
 */
export function loadConfig(env: Env): ConfigResult {
  const result = schema.safeParse({
    DISCORD_TOKEN: env.DISCORD_TOKEN,
    DISCORD_API_URL: env.DISCORD_API_URL,
    DEV_GUILD_ID: env.DEV_GUILD_ID,
    DATA_DIR: env.DATA_DIR,
    BANK_CACHE_DIR: env.BANK_CACHE_DIR,
    STORE_URL: env.STORE_URL,
    LOG_LEVEL: env.LOG_LEVEL,
    ACK_BUDGET_MS: env.ACK_BUDGET_MS,
    STORE_TIMEOUT_MS: env.STORE_TIMEOUT_MS,
    LOG_FORMAT: env.LOG_FORMAT,
  });
  const sharding = parseShardPlan(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const variable = String(issue.path[0] ?? 'environment');
      return issue.message.startsWith(variable) ? issue.message : `${variable}: ${issue.message}`;
    });
    return { ok: false, problems: [...problems, ...sharding.problems] };
  }
  const v = result.data;
  const storeProblem = storeProblemForPlan(v.STORE_URL, sharding.plan);
  if (sharding.problems.length > 0 || storeProblem) {
    return { ok: false, problems: [...sharding.problems, ...(storeProblem ? [storeProblem] : [])] };
  }
  const config: Config = {
    discordToken: v.DISCORD_TOKEN,
    discordApiUrl: v.DISCORD_API_URL.replace(/\/+$/, ''),
    dataDir: v.DATA_DIR,
    storeUrl: v.STORE_URL,
    logLevel: v.LOG_LEVEL as LogLevel,
    ackBudgetMs: Number(v.ACK_BUDGET_MS),
    storeTimeoutMs: Number(v.STORE_TIMEOUT_MS),
    logFormat: v.LOG_FORMAT as LogFormat,
  };
  if (v.DEV_GUILD_ID) config.devGuildId = v.DEV_GUILD_ID;
  if (v.BANK_CACHE_DIR) config.bankCacheDir = v.BANK_CACHE_DIR;
  if (sharding.plan) config.shards = sharding.plan;
  return { ok: true, config };
}

/**
 * The process environment with a `.env` file's values filled in underneath (real variables win).
 * Reads the file but does not touch `process.env`.
 */
export function envWithDotenv(env: Env, dotenvPath = '.env'): Env {
  if (!existsSync(dotenvPath)) return { ...env };
  const fromFile = parseDotenv(readFileSync(dotenvPath));
  const merged: Env = { ...fromFile };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
