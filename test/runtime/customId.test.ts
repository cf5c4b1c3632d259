import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CUSTOM_ID_MAX, decodeCustomId, encodeCustomId } from '../../src/discord/customId.ts';

const handler = fc.stringMatching(/^[a-z][a-z0-9-]{0,31}$/);
const arg = fc.string({ maxLength: 30 }).filter((s) => !s.includes(':'));

describe('custom_id codec', () => {
  it('writes the versioned form v1:<handler>:<args>', () => {
    expect(encodeCustomId('quiz', ['s123', '2'])).toBe('v1:quiz:s123:2');
    expect(encodeCustomId('leaderboard')).toBe('v1:leaderboard');
  });

  it('decodes what it encodes, for any handler and args without the separator', () => {
    fc.assert(
      fc.property(handler, fc.array(arg, { maxLength: 6 }), (name, args) => {
        let id: string;
        try {
          id = encodeCustomId(name, args);
        } catch {
          // Too long for Discord: refusing is the contract, checked below.
          return [name, ...args].join(':').length + 3 > CUSTOM_ID_MAX;
        }
        expect(id.length).toBeLessThanOrEqual(CUSTOM_ID_MAX);
        expect(decodeCustomId(id)).toEqual({ handler: name, args });
        return true;
      }),
    );
  });

  it('throws at encode rather than produce an id Discord would reject', () => {
    expect(() => encodeCustomId('quiz', ['x'.repeat(100)])).toThrow(/100/);
    expect(() => encodeCustomId('quiz', ['a:b'])).toThrow(/must not contain/);
    expect(() => encodeCustomId('Quiz!')).toThrow(/handler/);
  });

  it('returns null for other versions, foreign and malformed ids', () => {
    for (const id of ['v2:quiz:1', 'quiz:1', '', 'v1', 'v1:', 'v1:Quiz:1', `v1:quiz:${'x'.repeat(100)}`]) {
      expect(decodeCustomId(id)).toBeNull();
    }
  });

  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (text) => {
        const decoded = decodeCustomId(text);
        if (decoded) expect(text.startsWith(`v1:${decoded.handler}`)).toBe(true);
      }),
    );
  });
});
