import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    // The AWS SDK's "releases after January 2027 need Node 22" notice, printed by every worker; the SDK is pinned.
    execArgv: ['--disable-warning=NodeVersionSupportWarning'],
  },
});
