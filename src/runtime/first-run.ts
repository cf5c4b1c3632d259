/**
 * What a new self-hoster reads: the steps when there is no token yet, and once logged in, the invite
 * link and the servers the bot is in. The steps are those of docs/setup.md.
 */
import { resolve } from 'node:path';
import type { Client } from 'discord.js';
import type { Logger } from '../log.ts';
import { FEATURE_PERMISSIONS, invitePermissions, inviteUrl, permissionNames } from './invite.ts';

/** How many servers the start log names; the count is always complete. */
const LISTED_GUILDS = 10;

/** The guide `npm start` prints instead of a stack when DISCORD_TOKEN is not set. */
export function missingTokenGuide(dotenvPath = '.env'): string {
  const permissions = permissionNames(invitePermissions()).join(', ');
  const features = FEATURE_PERMISSIONS.map((f) => f.feature).join(' and ');
  return [
    'flashcord needs a Discord bot token to start (DISCORD_TOKEN is not set). Three steps, in docs/setup.md too:',
    '  1. https://discord.com/developers/applications → New Application → give it a name.',
    '  2. Bot → Reset Token → copy the token. No privileged intent needs switching on.',
    `  3. Paste it into ${resolve(dotenvPath)} as DISCORD_TOKEN=<token>`,
    '     (first `cp .env.example .env` if that file does not exist), then `npm start` again.',
    'Then invite the bot (the application id is on the General Information page; once logged in, flashcord',
    'logs this link with its id filled in):',
    `  ${inviteUrl('<APPLICATION_ID>')}`,
    `  permissions: ${permissions}, for ${features}; slash commands need no more.`,
    'To try flashcord without Discord first: npm run play',
  ].join('\n');
}

/** Logs, once connected, the invite link and the servers the bot is in (a warning when none). */
export function logInvite(log: Logger, client: Client): void {
  const applicationId = client.application?.id ?? client.user?.id;
  const invite = applicationId ? inviteUrl(applicationId) : undefined;
  const guilds = [...client.guilds.cache.values()];
  const listed = guilds.slice(0, LISTED_GUILDS).map((guild) => `${guild.name} (${guild.id})`);
  if (guilds.length === 0) {
    log.warn({ invite }, 'the bot is in no server yet: open the invite link to add it to one');
    return;
  }
  const more = guilds.length > listed.length ? ` and ${guilds.length - listed.length} more` : '';
  log.info(
    { invite, servers: guilds.length },
    `in ${listed.join(', ')}${more}; invite link to add it elsewhere`,
  );
}
