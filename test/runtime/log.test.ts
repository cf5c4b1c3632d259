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
});
