import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { assertTimeZone } from '../../src/core/localtime.ts';

describe('assertTimeZone', () => {
  it('accepts IANA zone names the runtime knows', () => {
    expect(() => assertTimeZone('Europe/London')).not.toThrow();
    expect(() => assertTimeZone('UTC')).not.toThrow();
  });

  it('refuses an unknown zone with a UserError a member can read, naming examples', () => {
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(UserError);
    expect(() => assertTimeZone('Mars/Olympus')).toThrow(
      '"Mars/Olympus" is not a known time zone. Use an IANA name such as Europe/London',
    );
  });

  it('quotes a long input cut short instead of repeating it whole', () => {
    const long = `Europe/${'x'.repeat(500)}`;
    let message = '';
    try {
      assertTimeZone(long);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('is not a known time zone');
    expect(message.length).toBeLessThan(200);
  });

  it('refuses an empty or non-string zone instead of crashing', () => {
    expect(() => assertTimeZone('')).toThrow(UserError);
    expect(() => assertTimeZone(undefined as unknown as string)).toThrow(UserError);
  });
});
