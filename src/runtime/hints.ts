/**
 * One-line hints for the network and Discord errors a self-hoster meets: what it means and what to do.
 * `hintFor` looks through an error's causes (undici wraps DNS errors in "fetch failed"), discord.js's
 * error codes, Discord's JSON error codes and gateway close codes. Pure: no discord.js import.
 */

/** Gateway close codes (Discord: Opcodes and Status Codes). */
const GATEWAY_AUTH_FAILED = 4004;
const GATEWAY_DISALLOWED_INTENTS = 4014;
/** Discord JSON error codes. */
const MISSING_ACCESS = 50001;
const MISSING_PERMISSIONS = 50013;
const UNKNOWN_CHANNEL = 10003;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_SOCKET',
]);

export const HINTS = {
  dns: (host: string) =>
    `no network: the name ${host} cannot be resolved (DNS); check the internet connection, DNS or proxy of this machine (or DISCORD_API_URL)`,
  unreachable: (host: string, code: string) =>
    `cannot reach ${host} (${code}); check the network and firewall (outbound HTTPS and WebSocket to discord.com and gateway.discord.gg)`,
  invalidToken:
    'Discord refused DISCORD_TOKEN (401 / 4004): it is mistyped or was reset; Developer Portal → your application → Bot → Reset Token, then paste it into .env as DISCORD_TOKEN=…',
  disallowedIntents:
    'Discord refused the gateway intents (4014): flashcord asks only for Guilds, which needs no privileged intent; check that this is flashcord’s token',
  missingAccess:
    'Missing Access (50001): the bot cannot see that server or channel; invite it with the link it logs at start, give its role View Channel there, and check DEV_GUILD_ID names a server it is in',
  missingPermissions:
    'Missing Permissions (50013): the bot may not post in that channel; give its role View Channel, Send Messages and Embed Links there (for the daily question: the channel of /daily set; /daily status says what is missing)',
  unknownChannel: 'Unknown Channel (10003): the channel was deleted; choose another with /daily set',
} as const;

/** The hint for an error (or an error-like `{code}`), or undefined when there is none to give. */
export function hintFor(error: unknown): string | undefined {
  for (const link of causes(error)) {
    const hint = hintForOne(link);
    if (hint) return hint;
  }
  return undefined;
}

function hintForOne(error: Record<string, unknown>): string | undefined {
  const { code, status } = error;
  if (typeof code === 'string') {
    const host = typeof error.hostname === 'string' ? error.hostname : hostOf(error);
    if (DNS_CODES.has(code)) return HINTS.dns(host);
    if (UNREACHABLE_CODES.has(code)) return HINTS.unreachable(host, code);
    // discord.js: a 401 on GET /gateway/bot during login().
    if (code === 'TokenInvalid') return HINTS.invalidToken;
    if (code === 'DisallowedIntents') return HINTS.disallowedIntents;
  }
  if (code === GATEWAY_AUTH_FAILED || status === 401) return HINTS.invalidToken;
  if (code === GATEWAY_DISALLOWED_INTENTS) return HINTS.disallowedIntents;
  if (code === MISSING_ACCESS) return HINTS.missingAccess;
  if (code === MISSING_PERMISSIONS) return HINTS.missingPermissions;
  if (code === UNKNOWN_CHANNEL) return HINTS.unknownChannel;
  return undefined;
}

/** The error, then its `cause`s and an AggregateError's members, depth-first, at most 10. */
function causes(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown): void => {
    if (found.length >= 10 || typeof value !== 'object' || value === null || found.includes(value as never))
      return;
    const record = value as Record<string, unknown>;
    found.push(record);
    visit(record.cause);
    if (Array.isArray(record.errors)) for (const inner of record.errors) visit(inner);
  };
  visit(error);
  return found;
}

/** The host an error names: a URL in its fields or message, else "discord.com". */
function hostOf(error: Record<string, unknown>): string {
  for (const field of [error.url, error.message]) {
    if (typeof field !== 'string') continue;
    const match = /\bhttps?:\/\/([^/\s:]+)|\bgetaddrinfo \w+ ([^\s]+)/.exec(field);
    const host = match?.[1] ?? match?.[2];
    if (host) return host;
  }
  return 'discord.com';
}
