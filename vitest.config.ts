import { defineConfig } from 'vitest/config';

// The workspace packages export their TypeScript sources under the `source` condition (compiled JS
// otherwise), so tests run the code as it is, without a build first. The other entries are Vite's
// defaults for server code, which a custom list replaces.
const conditions = ['source', 'module', 'node', 'development|production'];

export default defineConfig({
  ssr: { resolve: { conditions } },
  test: {
    include: ['test/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    // Integration tests start real servers; two cores make wider parallelism slower, not faster.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // A condition polled for is waited on, not timed: a busy machine may take seconds to reach it.
    expect: { poll: { timeout: 15_000 } },
    env: { WEBEX_LOG_LEVEL: 'error' },
  },
});
