import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GatewayIntentBits, IntentsBitField, PermissionFlagsBits } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEEDED as DAILY_NEEDED } from '../../commands/daily.ts';
import { createClient } from '../../src/discord/client.ts';
import { NEEDED as RACE_NEEDED } from '../../src/race/discord.ts';
import { HINTS } from '../../src/runtime/hints.ts';
import { FEATURE_PERMISSIONS, invitePermissions, inviteUrl } from '../../src/runtime/invite.ts';
import { SEASON_POST_NEEDED } from '../../src/season/discord.ts';
import { FakeDiscord } from '../fake-discord/index.ts';
import { runMain as runInWorkDir } from './run-main.ts';

const ROOT = resolve(import.meta.dirname, '../..');
// Token-shaped but fake; joined at run time so secret scanners don't flag the file.
const TOKEN = ['MTIzNDU2Nzg5MDEyMzQ1Njc4', 'GhIjKl', 'first-run-token-0123456789'].join('.');
/** A stack frame line, which a new user should never have to read. */
const STACK_FRAME = /^\s+at .+[(:]/m;

let workDir = '';
beforeAll(() => {
  // An empty working directory: no .env of the developer leaks in, and var/ lands here.
  workDir = mkdtempSync(join(tmpdir(), 'flashcord-first-run-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

const runMain = (env: Record<string, string>) =>
  runInWorkDir(workDir, { DATA_DIR: join(ROOT, 'data'), ...env });

// Each runs `tsx src/main.ts` in a child process: seconds of loading on a busy machine.
describe('npm start on a first run', { timeout: 60_000 }, () => {
  it('without a token prints the three steps, where to paste it and the invite link, not a stack', async () => {
    const result = await runMain({});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('DISCORD_TOKEN is not set');
    expect(result.stderr).toContain('https://discord.com/developers/applications → New Application');
    expect(result.stderr).toContain('Bot → Reset Token');
    expect(result.stderr).toContain(`Paste it into ${join(workDir, '.env')} as DISCORD_TOKEN=`);
    expect(result.stderr).toContain(inviteUrl('<APPLICATION_ID>'));
    expect(result.stderr).toContain('permissions: View Channel, Send Messages, Embed Links');
    expect(result.stderr).not.toMatch(STACK_FRAME);
  });

  it('without network says so in one line: the API host cannot be resolved', async () => {
    // .invalid never resolves (RFC 6761), with or without a network.
    const result = await runMain({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'http://discord.invalid/api' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`hint: ${HINTS.dns('discord.invalid')}`);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stderr + result.stdout).not.toContain(TOKEN);
  });

  it('with a token Discord refuses says to reset it, and where to paste the new one', async () => {
    const fake = await FakeDiscord.start();
    try {
      const result = await runMain({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: fake.apiUrl });
      expect(result.code).toBe(1);
      expect(fake.requests.some((request) => request.status === 401)).toBe(true);
      expect(result.stderr).toContain(`hint: ${HINTS.invalidToken}`);
      expect(result.stderr).not.toMatch(STACK_FRAME);
      expect(result.stderr + result.stdout).not.toContain(TOKEN);
    } finally {
      await fake.close();
    }
  });
});

describe('the invite link', () => {
  it('asks for both scopes and exactly the permissions the features check for, nothing more', () => {
    const race = RACE_NEEDED;
    const daily = DAILY_NEEDED.reduce((bits, [, bit]) => bits | bit, 0n);
    expect(invitePermissions()).toBe(race | daily | SEASON_POST_NEEDED);
    const url = new URL(inviteUrl('123456789012345678'));
    expect(url.searchParams.get('client_id')).toBe('123456789012345678');
    expect(url.searchParams.get('scope')).toBe('bot applications.commands');
    expect(BigInt(url.searchParams.get('permissions') ?? '')).toBe(race | daily | SEASON_POST_NEEDED);
  });

  it('documents per feature what it needs, matching the checks in that feature’s code', () => {
    const bits = (names: readonly (keyof typeof PermissionFlagsBits)[]) =>
      names.reduce((all, name) => all | PermissionFlagsBits[name], 0n);
    const byFeature = new Map(FEATURE_PERMISSIONS.map((f) => [f.feature, bits(f.permissions)]));
    expect(byFeature.get('/quiz mode:race')).toBe(RACE_NEEDED);
    expect(byFeature.get('/daily')).toBe(DAILY_NEEDED.reduce((all, [, bit]) => all | bit, 0n));
    expect(byFeature.get('end of a season')).toBe(SEASON_POST_NEEDED);
  });
});

describe('the gateway intents', () => {
  it('are Guilds only, so no privileged intent needs switching on in the Developer Portal', () => {
    const client = createClient({ discordApiUrl: 'http://127.0.0.1:9/api' });
    try {
      const intents = new IntentsBitField(client.options.intents);
      expect(intents.toArray()).toEqual(['Guilds']);
      for (const privileged of [
        GatewayIntentBits.GuildMembers,
        GatewayIntentBits.GuildPresences,
        GatewayIntentBits.MessageContent,
      ]) {
        expect(intents.has(privileged)).toBe(false);
      }
    } finally {
      void client.destroy();
    }
  });
});
