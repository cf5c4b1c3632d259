import { describe, expect, it } from 'vitest';
import { fnv1a32 } from '../../src/core/hash.ts';
import { hashString } from '../../src/quiz/random.ts';
import { CARD_SHARDS, shardOf } from '../../src/review/layout.ts';
import { bucketOf, MEMBER_BUCKETS } from '../../src/store/keys.ts';

/** Outputs recorded before the three FNV-1a copies became one: stored keys depend on them. */
const RECORDED: [string, number, number, number, number][] = [
  ['', 1572119809, 4155468503, 5, 5],
  ['a', 1469464775, 3868506270, 12, 44],
  ['123456789012345678', 3784234721, 1749183299, 28, 28],
  ['aws/ami.md#q3', 2727289143, 3018280661, 16, 48],
  ['héllo ✓', 263504516, 2437378565, 26, 26],
];

describe('the one FNV-1a hash', () => {
  it.each(RECORDED)('keeps the outputs for %j unchanged', (text, seeded0, seeded42, shard, bucket) => {
    expect(hashString(text)).toBe(seeded0);
    expect(hashString(text, 42)).toBe(seeded42);
    expect(shardOf(text)).toBe(shard);
    expect(bucketOf(text)).toBe(bucket);
  });

  it('gives the member bucket and the card shard from the same FNV-1a value', () => {
    for (const [text] of RECORDED) {
      expect(fnv1a32(text) % MEMBER_BUCKETS).toBe(bucketOf(text));
      expect(fnv1a32(text) % CARD_SHARDS).toBe(shardOf(text));
    }
  });
});
