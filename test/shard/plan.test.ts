import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { parseLaunchPlan } from '../../src/shard/launch-plan.ts';
import { clientShardOptions, parseShardPlan } from '../../src/shard/plan.ts';

const BASE = { DISCORD_TOKEN: 'a-valid-looking-token-123456' };
const REDIS = 'redis://127.0.0.1:6379';

describe('the shard plan of a bot process', () => {
  it('runs one shard, unsharded, when nothing is set', () => {
    expect(parseShardPlan({})).toEqual({ problems: [] });
    expect(clientShardOptions(undefined)).toEqual({ shards: [0], shardCount: 1 });
  });

  it('reads a range from SHARD_IDS ("0,1", "2-4", or both) with SHARD_COUNT', () => {
    expect(parseShardPlan({ SHARD_IDS: '0,1', SHARD_COUNT: '4' }).plan).toEqual({
      ids: [0, 1],
      count: 4,
      managed: false,
    });
    expect(parseShardPlan({ SHARD_IDS: ' 5, 2-4 ,2', SHARD_COUNT: '8' }).plan?.ids).toEqual([2, 3, 4, 5]);
  });

  it('runs every shard in this process when only SHARD_COUNT is set', () => {
    expect(parseShardPlan({ SHARD_COUNT: '3' }).plan).toEqual({ ids: [0, 1, 2], count: 3, managed: false });
  });

  it('names each mistake in SHARD_IDS and SHARD_COUNT', () => {
    expect(parseShardPlan({ SHARD_IDS: '0,1' }).problems).toEqual([
      expect.stringMatching(/^SHARD_IDS needs SHARD_COUNT/),
    ]);
    expect(parseShardPlan({ SHARD_IDS: '1,4', SHARD_COUNT: '4' }).problems).toEqual([
      'SHARD_IDS 4 is not below SHARD_COUNT=4 (ids run from 0 to 3)',
    ]);
    expect(parseShardPlan({ SHARD_IDS: 'one', SHARD_COUNT: '0' }).problems).toEqual([
      'SHARD_COUNT must be a whole number from 1 to 4096, got "0"',
      'SHARD_IDS must list shard ids like "0,1" or "0-3", got "one"',
    ]);
    expect(parseShardPlan({ SHARD_IDS: '3-1', SHARD_COUNT: '4' }).problems).toEqual([
      'SHARD_IDS range "3-1" must go upwards, like 0-3',
    ]);
  });

  it('takes the shard id the sharding launcher gives its child, ignoring SHARD_IDS', () => {
    const env = { SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2', SHARD_IDS: '0-7' };
    expect(parseShardPlan(env).plan).toEqual({ ids: [1], count: 2, managed: true });
    expect(parseShardPlan({ ...env, SHARDS: '[0,1]' }).plan?.ids).toEqual([0, 1]);
    expect(parseShardPlan({ ...env, SHARDS: 'auto' }).problems).toEqual([
      'SHARDS (set by the sharding launcher) must be a shard id, got "auto"',
    ]);
  });

  it('gives discord.js explicit shards, so stray SHARDS variables in the environment are never read', () => {
    expect(clientShardOptions({ ids: [2, 3], count: 4, managed: false })).toEqual({
      shards: [2, 3],
      shardCount: 4,
    });
  });
});

describe('the configuration with shards', () => {
  it('refuses SQLite when other processes run the other shards, saying why', () => {
    const result = loadConfig({ ...BASE, SHARD_IDS: '0', SHARD_COUNT: '2' });
    expect(result).toEqual({
      ok: false,
      problems: [
        expect.stringMatching(
          /^STORE_URL must be redis:\/\/ or rediss:\/\/ when running with SHARD_IDS=0 of SHARD_COUNT=2: .*SQLite cannot be shared safely between processes/,
        ),
      ],
    });
    const managed = loadConfig({ ...BASE, SHARDING_MANAGER: 'true', SHARDS: '0', SHARD_COUNT: '1' });
    expect(managed.ok ? [] : managed.problems).toEqual([
      expect.stringMatching(/under the sharding launcher/),
    ]);
  });

  it('allows SQLite when one process runs every shard', () => {
    const result = loadConfig({ ...BASE, SHARD_COUNT: '2' });
    expect(result.ok && result.config.shards).toEqual({ ids: [0, 1], count: 2, managed: false });
  });

  it('accepts a range of shards on Redis', () => {
    const result = loadConfig({ ...BASE, STORE_URL: REDIS, SHARD_IDS: '2,3', SHARD_COUNT: '4' });
    expect(result.ok && result.config.shards).toEqual({ ids: [2, 3], count: 4, managed: false });
  });

  it('names shard problems together with the other configuration problems', () => {
    const result = loadConfig({ SHARD_IDS: '9', SHARD_COUNT: '2' });
    const problems = result.ok ? [] : result.problems;
    expect(problems.some((p) => p.startsWith('DISCORD_TOKEN is missing'))).toBe(true);
    expect(problems).toContain('SHARD_IDS 9 is not below SHARD_COUNT=2 (ids run from 0 to 1)');
  });
});

describe('the launcher plan', () => {
  it('asks Discord for the shard count by default or with SHARDS=auto', () => {
    expect(parseLaunchPlan({})).toEqual({ ok: true, plan: { total: 'auto', ids: 'all' } });
    expect(parseLaunchPlan({ SHARDS: 'AUTO' })).toEqual({ ok: true, plan: { total: 'auto', ids: 'all' } });
  });

  it('spawns n shards with SHARDS=n, or a range of them with SHARD_IDS and SHARD_COUNT', () => {
    expect(parseLaunchPlan({ SHARDS: '4' })).toEqual({ ok: true, plan: { total: 4, ids: 'all' } });
    expect(parseLaunchPlan({ SHARD_IDS: '2-3', SHARD_COUNT: '4' })).toEqual({
      ok: true,
      plan: { total: 4, ids: [2, 3] },
    });
  });

  it('refuses a SHARDS value that is not auto or a count, and SHARDS mixed with a range', () => {
    expect(parseLaunchPlan({ SHARDS: 'two' })).toEqual({
      ok: false,
      problems: ['SHARDS must be "auto" or a whole number from 1 to 4096, got "two"'],
    });
    expect(parseLaunchPlan({ SHARDS: '2', SHARD_COUNT: '2' })).toEqual({
      ok: false,
      problems: ['set either SHARDS or SHARD_IDS with SHARD_COUNT, not both'],
    });
  });
});
