import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guildOwnership, ownsGuild, shardOfGuild } from '../../src/shard/ownership.ts';
import { guildIdForShard, shardOf } from '../fake-discord/index.ts';

describe('guild ownership', () => {
  it('puts a guild on shard (id >> 22) % count, as Discord does', () => {
    expect(shardOfGuild('41771983423143937', 1)).toBe(0);
    expect(shardOfGuild(guildIdForShard(3, 4), 4)).toBe(3);
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n << 22n, max: (1n << 63n) - 1n }),
        fc.integer({ min: 1, max: 64 }),
        (id, n) => {
          expect(shardOfGuild(String(id), n)).toBe(shardOf(String(id), n));
        },
      ),
    );
  });

  it('gives every guild to exactly one of the processes that share the shards', () => {
    const processes = [
      { shards: [0, 1], shardCount: 4 },
      { shards: [2], shardCount: 4 },
      { shards: 3, shardCount: 4 },
    ];
    fc.assert(
      fc.property(fc.bigInt({ min: 1n << 22n, max: (1n << 63n) - 1n }), (id) => {
        const owners = processes.filter((view) => guildOwnership(view)(String(id)));
        expect(owners).toHaveLength(1);
      }),
    );
  });

  it('owns every guild without sharding', () => {
    expect(ownsGuild({ options: {} }, guildIdForShard(1, 2))).toBe(true);
    expect(ownsGuild({ options: { shards: [0], shardCount: 1 } }, guildIdForShard(1, 2))).toBe(true);
  });

  it('answers for a running client from its options', () => {
    const client = { options: { shards: [1], shardCount: 2 } };
    expect(ownsGuild(client, guildIdForShard(1, 2))).toBe(true);
    expect(ownsGuild(client, guildIdForShard(0, 2))).toBe(false);
  });

  it('refuses ids that are not snowflakes and shards still unresolved', () => {
    expect(() => shardOfGuild('guild-1', 2)).toThrow(/snowflake/);
    expect(() => shardOfGuild('1', 0)).toThrow(/positive integer/);
    expect(() => guildOwnership({ shards: 'auto', shardCount: 2 })).toThrow(/after login/);
  });
});
