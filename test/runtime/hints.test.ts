import { describe, expect, it } from 'vitest';
import { HINTS, hintFor } from '../../src/runtime/hints.ts';

/** How undici reports a DNS failure: "fetch failed", the real error as its cause. */
function fetchFailed(code: string, hostname: string): Error {
  const cause = Object.assign(new Error(`getaddrinfo ${code} ${hostname}`), { code, hostname });
  return new TypeError('fetch failed', { cause });
}

describe('hints for network and Discord errors', () => {
  it('says there is no network when a name cannot be resolved, naming the host', () => {
    expect(hintFor(fetchFailed('ENOTFOUND', 'discord.com'))).toBe(HINTS.dns('discord.com'));
    expect(hintFor(fetchFailed('EAI_AGAIN', 'gateway.discord.gg'))).toBe(HINTS.dns('gateway.discord.gg'));
    expect(hintFor(new Error('getaddrinfo ENOTFOUND discord.com'))).toBeUndefined();
    expect(hintFor(Object.assign(new Error('getaddrinfo ENOTFOUND x.test'), { code: 'ENOTFOUND' }))).toBe(
      HINTS.dns('x.test'),
    );
  });

  it('says a connection failed for refused, reset and timed-out connections', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
      url: 'http://127.0.0.1:9/api',
    });
    expect(hintFor(new AggregateError([refused]))).toBe(HINTS.unreachable('127.0.0.1', 'ECONNREFUSED'));
  });

  it('says to reset the token on a 401, discord.js TokenInvalid, or a 4004 gateway close', () => {
    expect(hintFor({ status: 401, code: 0 })).toBe(HINTS.invalidToken);
    expect(
      hintFor(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' })),
    ).toBe(HINTS.invalidToken);
    expect(hintFor({ code: 4004 })).toBe(HINTS.invalidToken);
  });

  it('explains Missing Access and Missing Permissions, the daily channel included', () => {
    expect(hintFor({ code: 50001, status: 403 })).toBe(HINTS.missingAccess);
    expect(hintFor({ code: 50013, status: 403 })).toContain('/daily status');
  });

  it('gives nothing for errors it knows nothing about, and survives odd values', () => {
    expect(hintFor(new Error('boom'))).toBeUndefined();
    expect(hintFor(undefined)).toBeUndefined();
    expect(hintFor('text')).toBeUndefined();
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(hintFor(loop)).toBeUndefined();
  });
});
