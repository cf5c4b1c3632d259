/**
 * What some tests need from the machine, and why they skip without it. A suite or test that skips
 * names its reason in its title (`… [skipped: reason]`); test/support/skip-reasons.ts prints the reasons
 * after every run, so a skip is never silent.
 */
import { existsSync } from 'node:fs';
import { CHROMIUM_PATH } from '../../src/play/browser.ts';

/** A condition some tests need, and the reason shown when it is not met. */
export interface Requirement {
  met: boolean;
  /** The title, with `[skipped: reason]` appended when the requirement is not met. */
  title(name: string): string;
}

/** Marks titles of tests that skip: the reporter groups skipped tests by what follows it. */
export const SKIP_MARK = ' [skipped: ';

/** A requirement that holds when `met`; otherwise `reason` says what is missing and how to get it. */
export function requirement(met: boolean, reason: string): Requirement {
  return { met, title: (name) => (met ? name : `${name}${SKIP_MARK}${reason}]`) };
}

export const REDIS = requirement(
  Boolean(process.env.REDIS_URL),
  'REDIS_URL is not set; run `REDIS_URL=redis://127.0.0.1:6379 npm test` with a Redis server to run the Redis store tests',
);

export const CHROMIUM = requirement(
  existsSync(CHROMIUM_PATH),
  `Chromium not found at ${CHROMIUM_PATH}; install it (Debian: apt-get install chromium) to run the browser tests`,
);
