import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';

// Token-shaped but fake; joined at run time so secret scanners don't flag the file.
const TOKEN = ['MTIzNDU2Nzg5MDEyMzQ1Njc4', 'GhIjKl', 'secret-token-value-0123456789'].join('.');

describe('loadConfig', () => {
  it('fills every default when only the token is set', () => {
    expect(loadConfig({ DISCORD_TOKEN: TOKEN })).toEqual({
      ok: true,
      config: {
        discordToken: TOKEN,
        discordApiUrl: 'https://discord.com/api',
        dataDir: 'data',
        bankCacheDir: 'var/cache',
        storeUrl: 'sqlite://var/flashcord.sqlite',
        logLevel: 'info',
        ackBudgetMs: 1500,
        storeTimeoutMs: 750,
        logFormat: 'auto',
      },
    });
  });

  it('treats blank values as unset, as .env.example ships them', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DEV_GUILD_ID: '', DATA_DIR: '  ', LOG_LEVEL: '' });
    expect(result.ok && result.config).toMatchObject({ dataDir: 'data', logLevel: 'info' });
    expect(result.ok && 'devGuildId' in result.config).toBe(false);
  });

  it('keeps the bank parse cache in BANK_CACHE_DIR, and switches it off for "off" or a blank value', () => {
    const dir = (env: Record<string, string>) => {
      const result = loadConfig({ DISCORD_TOKEN: TOKEN, ...env });
      return result.ok ? result.config.bankCacheDir : 'refused';
    };
    expect(dir({ BANK_CACHE_DIR: ' /srv/flashcord/cache ' })).toBe('/srv/flashcord/cache');
    for (const off of ['off', 'OFF', '', '  ']) expect(dir({ BANK_CACHE_DIR: off }), off).toBeUndefined();
  });

  it('accepts a development guild, a local API base without trailing slash, and upper-case levels', () => {
    const result = loadConfig({
      DISCORD_TOKEN: TOKEN,
      DISCORD_API_URL: 'http://127.0.0.1:4567/api/',
      DEV_GUILD_ID: '1100000000000000001',
      STORE_URL: 'redis://127.0.0.1:6379',
      LOG_LEVEL: 'WARN',
    });
    expect(result.ok && result.config).toMatchObject({
      discordApiUrl: 'http://127.0.0.1:4567/api',
      devGuildId: '1100000000000000001',
      storeUrl: 'redis://127.0.0.1:6379',
      logLevel: 'warn',
    });
  });

  it('says to copy .env.example when the token is missing', () => {
    const result = loadConfig({});
    expect(result).toEqual({
      ok: false,
      problems: [expect.stringMatching(/DISCORD_TOKEN.*copy \.env\.example to \.env/)],
    });
  });

  it('names every problem at once, one line each', () => {
    const result = loadConfig({
      DISCORD_API_URL: 'discord.com',
      DEV_GUILD_ID: 'my-server',
      STORE_URL: 'mysql://localhost/db',
      LOG_LEVEL: 'verbose',
    });
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(5);
    for (const variable of ['DISCORD_TOKEN', 'DISCORD_API_URL', 'DEV_GUILD_ID', 'STORE_URL', 'LOG_LEVEL']) {
      expect(problems.some((p) => p.startsWith(variable))).toBe(true);
    }
    for (const problem of problems) expect(problem).not.toContain('\n');
  });

  it('refuses an API base that already carries the version', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, DISCORD_API_URL: 'https://discord.com/api/v10' });
    expect(result.ok ? [] : result.problems).toEqual([
      expect.stringContaining('must not include the API version'),
    ]);
  });

  it('never echoes the token in a problem, even a malformed one', () => {
    for (const token of [`Bot ${TOKEN}`, `${TOKEN} trailing words`]) {
      const result = loadConfig({ DISCORD_TOKEN: token, LOG_LEVEL: 'nope' });
      expect(result.ok).toBe(false);
      const text = result.ok ? '' : result.problems.join('\n');
      expect(text).toContain('DISCORD_TOKEN');
      expect(text).not.toContain(TOKEN);
      expect(text).not.toContain('secret-token-value');
    }
  });

  it('refuses postgresql:// at start with the message the store gives at open', async () => {
    const { openKeyv } = await import('../../src/store/keyv.ts');
    for (const url of ['postgresql://user:pw@db/flashcord', 'postgres://db/flashcord']) {
      const result = loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: url });
      const problems = result.ok ? [] : result.problems;
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(/^STORE_URL postgres(ql)?:\/\/… needs @keyv\/postgres/);
      expect(problems[0]).toContain(
        'supported: sqlite://<path>, redis://<host>[:port], rediss://<host>[:port]',
      );
      await expect(openKeyv(url)).rejects.toThrow(problems[0]);
    }
  });

  it('accepts exactly the schemes the store opens: sqlite://, redis:// and rediss://', () => {
    for (const url of ['sqlite://var/x.sqlite', 'redis://127.0.0.1:6379', 'rediss://cache.example:6380']) {
      expect(loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: url }).ok, url).toBe(true);
    }
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: 'mysql://localhost/db' });
    expect(result.ok ? [] : result.problems).toEqual([
      'STORE_URL scheme "mysql://" is not supported; supported: sqlite://<path>, redis://<host>[:port], rediss://<host>[:port]',
    ]);
  });

  it('hides a password in a store URL it refuses', () => {
    const result = loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: 'mongodb://admin:hunter2@db:27017' });
    expect(result.ok ? '' : result.problems.join()).not.toContain('hunter2');
    const bare = loadConfig({ DISCORD_TOKEN: TOKEN, STORE_URL: 'admin:hunter2@db' });
    expect(bare.ok ? 'accepted' : bare.problems.join()).not.toContain('hunter2');
  });

  it('takes LOG_FORMAT auto, json or pretty in any case, and names the choices for anything else', () => {
    const format = (value: string) => {
      const result = loadConfig({ DISCORD_TOKEN: TOKEN, LOG_FORMAT: value });
      return result.ok ? result.config.logFormat : result.problems.join();
    };
    expect(format('')).toBe('auto');
    expect(format('Pretty')).toBe('pretty');
    expect(format('json')).toBe('json');
    expect(format('colour')).toBe('LOG_FORMAT must be one of auto, json, pretty, got "colour"');
  });

  it('takes STORE_TIMEOUT_MS in whole milliseconds from 50 to 10000, and refuses anything else by name', () => {
    const timeout = (value: string) => {
      const result = loadConfig({ DISCORD_TOKEN: TOKEN, STORE_TIMEOUT_MS: value });
      return result.ok ? result.config.storeTimeoutMs : result.problems.join();
    };
    expect(timeout('')).toBe(750);
    expect(timeout('250')).toBe(250);
    expect(timeout('20')).toBe(
      'STORE_TIMEOUT_MS must be a whole number of milliseconds from 50 to 10000, got "20"',
    );
    expect(timeout('1.5s')).toMatch(/^STORE_TIMEOUT_MS must be/);
  });
});
