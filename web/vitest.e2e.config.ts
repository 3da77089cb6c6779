import { defineConfig } from 'vitest/config';

// Browser tests against a running suite (./suite up): one Chromium, the flows one after another.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    // the suite answers slowly on a busy machine (bcrypt at login, cold services); waits are bounded, not timed
    expect: { poll: { timeout: 20_000, interval: 100 } },
  },
});
