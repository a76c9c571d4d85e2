import { defineConfig } from 'vitest/config';

// One run for every level: unit, integration (real SQLite), security (static Electron checks) and e2e (real
// Chromium against browser mode). Forks, because several files start child processes and real servers.
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/bench/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    // One PostgreSQL server per run (see the file for TECHSTORE_TEST_PG_URL); test files inject its URL.
    globalSetup: ['./tests/support/postgres-global-setup.ts'],
  },
});
