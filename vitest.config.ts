import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The default output, then why any test was skipped (.ci/run names the same reporters).
    reporters: ['default', './test/support/skip-reasons.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // End-to-end tests start servers and bots; two cores on CI machines.
    pool: 'forks',
  },
});
