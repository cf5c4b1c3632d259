import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicNormalize, boundedEditDistance, looseNormalize, typoAllowance } from '../../src/quiz/index.ts';
import { containsWords } from '../../src/quiz/normalize.ts';
import { createRandom, hashString, shuffled } from '../../src/quiz/random.ts';

/** Plain Levenshtein distance, the reference the bounded version must agree with. */
function levenshtein(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(
        (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

describe('boundedEditDistance', () => {
  it('agrees with plain Levenshtein up to the bound, and reports max + 1 beyond it', () => {
    const short = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
    fc.assert(
      fc.property(short, short, fc.integer({ min: 0, max: 6 }), (a, b, max) => {
        const exact = levenshtein(a, b);
        expect(boundedEditDistance(a, b, max)).toBe(exact <= max ? exact : max + 1);
      }),
      { numRuns: 500 },
    );
  });

  it('gives up early on very different lengths', () => {
    expect(boundedEditDistance('a'.repeat(5000), 'abc', 2)).toBe(3);
  });
});

describe('normalization', () => {
  it('ignores case, punctuation, accents and spacing', () => {
    expect(basicNormalize('  Café — EBS, Snapshots!  ')).toBe('cafe ebs snapshots');
  });

  it('reads & as and', () => {
    expect(basicNormalize('Images & Templates')).toBe(basicNormalize('images and templates'));
  });

  it('drops articles and a trailing plural s only in the loose form', () => {
    expect(looseNormalize('The EBS snapshots')).toBe('ebs snapshot');
    expect(basicNormalize('The EBS snapshots')).toBe('the ebs snapshots');
  });

  it('tolerates no typo up to three characters, then more as answers grow', () => {
    expect([3, 5, 10, 30, 300].map(typoAllowance)).toEqual([0, 1, 2, 5, 5]);
  });
});

describe('the seeded random source', () => {
  it('repeats its sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => Array.from({ length: 5 }, createRandom(seed).next);
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('shuffles into a permutation of the input', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect(shuffled(items, createRandom(1)).sort()).toEqual(items);
  });

  it('hashes strings stably', () => {
    expect(hashString('aws/ami.md')).toBe(hashString('aws/ami.md'));
    expect(hashString('aws/ami.md', 1)).not.toBe(hashString('aws/ami.md', 2));
  });
});

describe('the fast ASCII normalization', () => {
  /** The general Unicode path, which the ASCII shortcut must agree with. */
  const reference = (text: string) =>
    text
      .normalize('NFKD')
      .replace(/\p{M}+/gu, '')
      .toLowerCase()
      .replace(/['’`]/g, '')
      .replace(/&/g, ' and ')
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim();

  it('agrees with the Unicode path on any ASCII text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary-ascii', maxLength: 40 }), (text) => {
        expect(basicNormalize(text)).toBe(reference(text));
      }),
      { numRuns: 1000 },
    );
  });

  it('drops articles and plurals word by word', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'an', 'the', 'as', 'bus', 'class', 'ebs', 'snapshots', 'x'), {
          maxLength: 8,
        }),
        (words) => {
          const expected = words
            .filter((word) => !['a', 'an', 'the'].includes(word))
            .map((word) =>
              word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word,
            )
            .join(' ');
          expect(looseNormalize(words.join(' '))).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('containsWords', () => {
  it('finds a phrase only on word boundaries', () => {
    expect(containsWords('it gives faster boot times', 'faster boot')).toBe(true);
    expect(containsWords('faster boot times', 'boot times')).toBe(true);
    expect(containsWords('rebooting fast', 'boot')).toBe(false);
    expect(containsWords('boot boots', 'boots')).toBe(true);
    expect(containsWords('a', '')).toBe(false);
  });
});
