import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GlobalRateLimiter } from './rate-limit.ts';
import { guildIdForShard, SnowflakeFactory, shardOf, snowflakeTime } from './snowflake.ts';
import { checkCommandList } from './validate-commands.ts';
import { checkAutocomplete, checkMessage, checkModal, mentionParsingDisabled } from './validate-message.ts';

const NO_MENTIONS = { allowed_mentions: { parse: [] } };
const errorsOf = (body: Record<string, unknown>) =>
  checkMessage({ ...NO_MENTIONS, ...body }, [], 0).errors.summary();
const button = (id: string, label = 'ok') => ({ type: 2, style: 1, custom_id: id, label });
const row = (...components: unknown[]) => ({ type: 1, components });

describe('message limits', () => {
  it('accepts 2000 characters of content and refuses 2001', () => {
    expect(errorsOf({ content: 'x'.repeat(2000) })).toBe('');
    expect(errorsOf({ content: 'x'.repeat(2001) })).toBe('content: Must be 2000 or fewer in length.');
  });

  it('refuses an eleventh embed and embeds totalling more than 6000 characters', () => {
    expect(errorsOf({ embeds: Array.from({ length: 11 }, () => ({ title: 't' })) })).toContain(
      'embeds: Must be 10 or fewer',
    );
    const big = {
      description: 'd'.repeat(4000),
      fields: [
        { name: 'n', value: 'v'.repeat(1024) },
        { name: 'n', value: 'v'.repeat(1000) },
      ],
    };
    expect(errorsOf({ embeds: [big] })).toContain('Embed size exceeds maximum size of 6000');
  });

  it('names each embed field over its limit', () => {
    const summary = errorsOf({
      embeds: [
        {
          title: 't'.repeat(257),
          description: 'd'.repeat(4097),
          footer: { text: 'f'.repeat(2049) },
          author: { name: 'a'.repeat(257) },
          fields: [
            { name: 'n'.repeat(257), value: 'v'.repeat(1025) },
            { name: '', value: 'x' },
          ],
        },
      ],
    });
    for (const field of [
      'embeds[0].title',
      'embeds[0].description',
      'embeds[0].footer.text',
      'embeds[0].author.name',
      'embeds[0].fields[0].name',
      'embeds[0].fields[0].value',
      'embeds[0].fields[1].name',
    ]) {
      expect(summary).toContain(field);
    }
    expect(
      errorsOf({ embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] }),
    ).toContain('embeds[0].fields: Must be 25 or fewer');
  });

  it('allows five rows of five buttons and nothing more', () => {
    const rows = (n: number, per: number) =>
      Array.from({ length: n }, (_, r) =>
        row(...Array.from({ length: per }, (_, b) => button(`b${r}-${b}`))),
      );
    expect(errorsOf({ components: rows(5, 5) })).toBe('');
    expect(errorsOf({ components: rows(6, 1) })).toContain('components: Must be 5 or fewer');
    expect(errorsOf({ components: rows(1, 6) })).toContain('components[0].components: Must be 5 or fewer');
  });

  it('requires unique custom ids of 1–100 characters and labels of at most 80', () => {
    expect(errorsOf({ components: [row(button('a'), button('a'))] })).toContain(
      'custom id cannot be duplicated',
    );
    expect(errorsOf({ components: [row(button('x'.repeat(101)))] })).toContain(
      'custom_id: Must be between 1 and 100',
    );
    expect(errorsOf({ components: [row(button('a', 'l'.repeat(81)))] })).toContain(
      'label: Must be 80 or fewer',
    );
  });

  it('wants link buttons with a url and no custom id, other buttons the reverse', () => {
    expect(
      errorsOf({ components: [row({ type: 2, style: 5, label: 'Docs', url: 'https://example.com' })] }),
    ).toBe('');
    expect(errorsOf({ components: [row({ type: 2, style: 5, label: 'Docs', custom_id: 'x' })] })).toMatch(
      /url.*custom_id|custom_id.*url/s,
    );
    expect(errorsOf({ components: [row({ type: 2, style: 1, label: 'Go' })] })).toContain('custom_id');
  });

  it('keeps a select alone in its row with 1–25 options of labels and values up to 100', () => {
    const select = (options: number, label = 'l') => ({
      type: 3,
      custom_id: 's',
      options: Array.from({ length: options }, (_, i) => ({ label, value: `v${i}` })),
    });
    expect(errorsOf({ components: [row(select(25))] })).toBe('');
    expect(errorsOf({ components: [row(select(26))] })).toContain('options: Must be between 1 and 25');
    expect(errorsOf({ components: [row(select(2, 'l'.repeat(101)))] })).toContain('options[0].label');
    expect(errorsOf({ components: [row(select(2), button('b'))] })).toContain(
      'must be alone in its action row',
    );
  });

  it('refuses an empty message but accepts an edit that keeps existing content', () => {
    expect(checkMessage({ ...NO_MENTIONS }, [], 0).empty).toBe(true);
    expect(checkMessage({ ...NO_MENTIONS }, [], 1).empty).toBe(false);
    expect(checkMessage({ ...NO_MENTIONS, components: [] }, [], 0, { content: 'kept' }).empty).toBe(false);
    expect(checkMessage({ ...NO_MENTIONS, content: '' }, [], 0, { content: '' }).empty).toBe(true);
  });

  it('counts mention parsing as disabled only for parse: [] or no parse list', () => {
    expect(mentionParsingDisabled({ parse: [] })).toBe(true);
    expect(mentionParsingDisabled({ users: ['1'] })).toBe(true);
    expect(mentionParsingDisabled(undefined)).toBe(false);
    expect(mentionParsingDisabled({ parse: ['everyone'] })).toBe(false);
    expect(checkMessage({ content: 'hi' }, [], 0).mentionsNotDisabled).toBe(true);
  });
});

describe('modal and autocomplete limits', () => {
  const input = (id: string, label = 'Answer') => row({ type: 4, custom_id: id, style: 1, label });

  it('accepts a modal of text-input rows or labels, and refuses long titles, labels and a sixth field', () => {
    expect(checkModal({ custom_id: 'm', title: 'Quiz', components: [input('a')] }, ['data']).summary()).toBe(
      '',
    );
    const labelled = { type: 18, label: 'Answer', component: { type: 4, custom_id: 'a', style: 2 } };
    expect(checkModal({ custom_id: 'm', title: 'Quiz', components: [labelled] }, ['data']).summary()).toBe(
      '',
    );
    expect(
      checkModal({ custom_id: 'm', title: 't'.repeat(46), components: [input('a')] }, ['data']).summary(),
    ).toContain('data.title');
    expect(
      checkModal({ custom_id: 'm', title: 'Q', components: [input('a', 'l'.repeat(46))] }, [
        'data',
      ]).summary(),
    ).toContain('label');
    const six = Array.from({ length: 6 }, (_, i) => input(`f${i}`));
    expect(checkModal({ custom_id: 'm', title: 'Q', components: six }, ['data']).summary()).toContain(
      'data.components: Must be between 1 and 5',
    );
  });

  it('accepts 25 autocomplete choices and refuses a 26th, empty names and long string values', () => {
    const choices = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `c${i}`, value: `v${i}` }));
    expect(checkAutocomplete({ choices: choices(25) }, ['data']).summary()).toBe('');
    expect(checkAutocomplete({ choices: choices(26) }, ['data']).summary()).toContain('Must be 25 or fewer');
    expect(checkAutocomplete({ choices: [{ name: '', value: 'x' }] }, ['data']).summary()).toContain(
      'choices[0].name',
    );
    expect(
      checkAutocomplete({ choices: [{ name: 'n', value: 'v'.repeat(101) }] }, ['data']).summary(),
    ).toContain('choices[0].value');
  });
});

describe('command registration checks', () => {
  const summary = (commands: unknown) => checkCommandList(commands).summary();

  it('accepts the shape of the bot commands', () => {
    const daily = {
      name: 'daily',
      description: 'Daily question',
      default_member_permissions: '32',
      options: [
        {
          type: 1,
          name: 'set',
          description: 'Configure',
          options: [
            { type: 7, name: 'channel', description: 'Where', required: true, channel_types: [0] },
            { type: 3, name: 'time', description: 'HH:MM', required: true, min_length: 5, max_length: 5 },
            { type: 3, name: 'topic', description: 'Topic', autocomplete: true },
          ],
        },
        { type: 1, name: 'off', description: 'Stop' },
      ],
    };
    expect(summary([daily])).toBe('');
  });

  it('refuses upper-case or long names, long descriptions and duplicate commands', () => {
    expect(summary([{ name: 'Quiz', description: 'q' }])).toContain('lower case');
    expect(summary([{ name: 'q'.repeat(33), description: 'q' }])).toContain('0.name');
    expect(summary([{ name: 'quiz', description: '' }])).toContain('0.description');
    expect(
      summary([
        { name: 'quiz', description: 'a' },
        { name: 'quiz', description: 'b' },
      ]),
    ).toContain('unique');
  });

  it('refuses more than 25 options or choices, required after optional, and mixed subcommands', () => {
    const opt = (i: number, required = false) => ({ type: 3, name: `o${i}`, description: 'd', required });
    expect(
      summary([{ name: 'q', description: 'd', options: Array.from({ length: 26 }, (_, i) => opt(i)) }]),
    ).toContain('0.options: Must be 25 or fewer');
    expect(summary([{ name: 'q', description: 'd', options: [opt(0), opt(1, true)] }])).toContain(
      'Required options must be placed before',
    );
    expect(
      summary([{ name: 'q', description: 'd', options: [opt(0), { type: 1, name: 's', description: 'd' }] }]),
    ).toContain('cannot be mixed');
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `${i}`, value: i }));
    expect(
      summary([
        { name: 'q', description: 'd', options: [{ type: 4, name: 'n', description: 'd', choices }] },
      ]),
    ).toContain('choices: Must be 25 or fewer');
  });

  it('refuses groups holding anything but subcommands, and unknown option types', () => {
    const group = {
      type: 2,
      name: 'g',
      description: 'd',
      options: [{ type: 3, name: 'x', description: 'd' }],
    };
    expect(summary([{ name: 'q', description: 'd', options: [group] }])).toContain(
      'must contain only subcommands',
    );
    expect(
      summary([{ name: 'q', description: 'd', options: [{ type: 12, name: 'x', description: 'd' }] }]),
    ).toContain('0.options[0].type');
  });
});

describe('snowflakes and shards', () => {
  it('makes strictly increasing snowflakes that decode to their creation time', () => {
    const ids = new SnowflakeFactory();
    const at = Date.UTC(2026, 10, 27);
    const made = Array.from({ length: 5000 }, () => BigInt(ids.next(at)));
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort((a, b) => (a < b ? -1 : 1))).toEqual(made);
    expect(snowflakeTime(String(made[0])).getTime()).toBe(at);
  });

  it('places guildIdForShard(s, n) on shard s by the formula, for any shard count', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), fc.nat(), (shards, pick) => {
        const shard = pick % shards;
        expect(shardOf(guildIdForShard(shard, shards), shards)).toBe(shard);
      }),
    );
  });
});

describe('global rate limiter', () => {
  it('allows the cap per second, refuses the next, and flags a request during retry_after', () => {
    const limiter = new GlobalRateLimiter(2);
    expect(limiter.take(1000)).toMatchObject({ ok: true, remaining: 1 });
    expect(limiter.take(1100)).toMatchObject({ ok: true, remaining: 0 });
    expect(limiter.take(1200)).toEqual({ ok: false, retryAfterMs: 800, ignoredPrevious: false });
    expect(limiter.take(1300)).toMatchObject({ ok: false, ignoredPrevious: true });
    expect(limiter.take(2000)).toMatchObject({ ok: true, remaining: 1 });
  });

  it('refuses a cap that is not a positive integer', () => {
    expect(() => new GlobalRateLimiter(0)).toThrow(/positive integer/);
  });
});
