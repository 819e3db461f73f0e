import { defineConfig } from 'vitest/config';

// Test layers (README "Tests"): unit has no network; integration talks to real SQLite, MariaDB, Redis and
// dynalite; e2e drives the built clients in Debian's Chromium against the local server. In CI a missing service fails the run; elsewhere its suites are skipped, loudly.
export default defineConfig({
  test: {
    reporters: ['default', './test/support/summary-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'clients/react/src/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 1 },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // Files share one MariaDB server and one Redis: two at a time keeps the 2-core machine responsive.
          maxWorkers: 2,
        },
      },
      {
        test: {
          // Hostile inputs and failing stores against real processes and services; each file prints what it
          // tried and how much survived.
          name: 'adversarial',
          include: ['test/adversarial/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 2 },
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          maxWorkers: 1,
        },
      },
      {
        test: {
          name: 'infra',
          include: ['infra/test/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 4 },
          testTimeout: 120_000,
          hookTimeout: 120_000,
          maxWorkers: 1,
        },
      },
      {
        test: {
          // `npm run start:aws` in its own process: the cloud assembly's bundles on this machine's stand-ins.
          name: 'rehearsal',
          include: ['test/rehearsal/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 5 },
          testTimeout: 120_000,
          hookTimeout: 240_000,
          maxWorkers: 1,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          sequence: { groupOrder: 3 },
          globalSetup: ['test/support/global-setup.ts', 'test/support/e2e-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One browser at a time on a 2-core machine keeps the 1-second expectations honest.
          maxWorkers: 1,
        },
      },
    ],
  },
});
