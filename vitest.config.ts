import { defineConfig } from 'vitest/config';

// Unit tests cover pure logic and need nothing running; integration tests talk to the real
// platform that `make up` starts (the Makefile sources .brickyard/env for them).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['services/**/*.test.ts', 'operator/**/*.test.ts', 'charts/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // The chart installed into the running platform: one release, its steps in order.
      { test: { name: 'helm', include: ['test/helm/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
