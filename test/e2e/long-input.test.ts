import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_OPTION_TEXT } from '../../src/core/fit.ts';
import { raceFeature } from '../../src/race/index.ts';
import { DEFAULT_MEMBERS } from '../fake-discord/index.ts';
import { type Harness, startHarness } from './helpers.ts';

const alice = DEFAULT_MEMBERS[0] ?? { id: '0', username: 'alice' };
const LONG_TOPIC = `kubernetes ${'orchestration '.repeat(20)}`.slice(0, MAX_OPTION_TEXT);

type OptionJson = { name: string; max_length?: number; options?: OptionJson[] };

/** Every string option of the registered commands, as `command/sub/option` → max_length. */
function stringOptionLimits(commands: { name: string; options?: OptionJson[] }[]): Map<string, unknown> {
  const limits = new Map<string, unknown>();
  const walk = (path: string, options: OptionJson[] | undefined) => {
    for (const option of options ?? []) {
      const at = `${path}/${option.name}`;
      if ((option as { type?: number }).type === 3 && !('choices' in option))
        limits.set(at, option.max_length);
      walk(at, option.options);
    }
  };
  for (const command of commands) walk(command.name, command.options);
  return limits;
}

describe('long free-text options', () => {
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({ start: { extendContext: raceFeature().extendContext } });
  });
  afterAll(async () => harness?.close());

  it('registers every free-text string option with a maximum length of at most 100', () => {
    const limits = stringOptionLimits(harness.fake.registeredCommands(harness.fake.guild().id) as never);
    expect([...limits.keys()]).toEqual(
      expect.arrayContaining(['quiz/topic', 'daily/set/time', 'daily/set/timezone']),
    );
    for (const [option, max] of limits) {
      expect({ option, max }).toEqual({ option, max: expect.any(Number) });
      expect(max).toBeLessThanOrEqual(MAX_OPTION_TEXT);
    }
  });

  it('refuses a topic longer than 100 characters before it reaches the bot, as Discord does', async () => {
    await expect(
      harness.fake.slash({ name: 'quiz', user: alice, options: { topic: 'x'.repeat(MAX_OPTION_TEXT + 1) } }),
    ).rejects.toThrow(/too long/);
  });

  it('answers an unknown topic of the maximum length with a clear private refusal quoting it short', async () => {
    const ix = await harness.fake.slash({ name: 'quiz', user: alice, options: { topic: LONG_TOPIC } });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^Nothing to ask about "kubernetes orchestration[^"]*…"\. Try one of: /);
    expect(reply.content).not.toContain(LONG_TOPIC);
    expect(harness.fake.violations).toEqual([]);
  });

  it('answers a race on an unknown topic of the maximum length with a private refusal quoting it short', async () => {
    const ix = await harness.fake.slash({
      name: 'quiz',
      user: alice,
      options: { topic: LONG_TOPIC, mode: 'race' },
    });
    const reply = await ix.reply();
    expect(ix.ephemeral).toBe(true);
    expect(reply.content).toMatch(/^There is nothing a race can ask about "kubernetes[^"]*…"/);
    expect(harness.fake.violations).toEqual([]);
  });
});
