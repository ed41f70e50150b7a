import { defineConfig } from 'vitest/config';

// One runner for unit, integration (PGlite + PostgreSQL) and browser tests.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/tests/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './scripts/summary-reporter.ts'],
  },
});
