import { describe, expect, it } from 'vitest';
import { createLogger, secretScrubber } from '../../src/log.ts';

const TOKEN = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.RECOGNISABLE-bot-token-42';
const INTERACTION_TOKEN = 'aW50ZXJhY3Rpb246MTIzNDU2Nzg5MDEyMzQ1Njc4OnNlY3JldA';

function capture() {
  const lines: string[] = [];
  const log = createLogger({
    level: 'trace',
    secrets: [TOKEN],
    destination: { write: (line: string) => void lines.push(line) },
  });
  return { log, text: () => lines.join('') };
}

describe('logger', () => {
  it('never writes the bot token, whatever field or message carries it', () => {
    const { log, text } = capture();
    log.info({ token: TOKEN, config: { discordToken: TOKEN } }, `login with ${TOKEN}`);
    log.warn({ headers: { authorization: `Bot ${TOKEN}` } }, 'request');
    log.error({ err: new Error(`401 for token ${TOKEN}`) }, 'failed');
    log.debug({ nested: { deeper: { value: `x${TOKEN}y` } } }, 'nested');
    expect(text()).toContain('login with');
    expect(text()).not.toContain(TOKEN);
    expect(text()).not.toContain('RECOGNISABLE');
  });

  it('never writes an interaction token, nor a webhook or callback URL carrying it', () => {
    const { log, text } = capture();
    log.info({ interaction: { id: '1', token: INTERACTION_TOKEN } }, 'interaction');
    log.warn({ url: `http://127.0.0.1/api/v10/interactions/1234567/${INTERACTION_TOKEN}/callback` }, 'slow');
    log.error(
      { err: new Error(`PATCH /webhooks/987654/${INTERACTION_TOKEN}/messages/@original failed`) },
      'edit failed',
    );
    expect(text()).toContain('/interactions/1234567/[redacted]/callback');
    expect(text()).toContain('/webhooks/987654/[redacted]/messages');
    expect(text()).not.toContain(INTERACTION_TOKEN);
  });

  it('writes nothing below its level', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', destination: { write: (l: string) => void lines.push(l) } });
    log.info('hidden');
    log.warn('shown');
    expect(lines).toHaveLength(1);
  });
});

describe('secretScrubber', () => {
  it('leaves ordinary text alone', () => {
    expect(secretScrubber([TOKEN])('Bot online, 3 guilds')).toBe('Bot online, 3 guilds');
  });

  it('writes readable lines with LOG_FORMAT=pretty, still without the token', () => {
    const lines: string[] = [];
    const log = createLogger({
      level: 'info',
      format: 'pretty',
      secrets: [TOKEN],
      destination: { write: (line: string) => void lines.push(line) },
    });
    log.info({ guilds: 2 }, `connected with ${TOKEN}`);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: connected with \[redacted\]\n {4}guilds: 2\n$/,
    );
    expect(() => JSON.parse(lines[0] ?? '')).toThrow();
  });

  it('adds a one-line hint to a logged network or Discord error, in JSON too', () => {
    const { log, text } = capture();
    const refused = Object.assign(new Error('Missing Permissions'), { code: 50013, status: 403 });
    log.error({ err: refused, guildId: '1' }, 'daily post failed');
    log.warn({ shardId: 0, code: 4004 }, 'gateway closed');
    log.info({ guilds: 1 }, 'connected');
    const [posted, closed, plain] = text()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { hint?: string });
    expect(posted?.hint).toMatch(
      /^Missing Permissions \(50013\): .*View Channel, Send Messages and Embed Links/,
    );
    expect(closed?.hint).toMatch(/^Discord refused DISCORD_TOKEN/);
    expect(plain).not.toHaveProperty('hint');
  });
});
