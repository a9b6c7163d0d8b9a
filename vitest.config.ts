import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources (the `brickyard-source` export
// condition), so tests never need a build. Unit tests cover pure logic and need nothing running;
// integration and API tests talk to the real platform that `make up` starts (the Makefile sources
// .brickyard/env for them).
const sourceFirst = { resolve: { conditions: ['brickyard-source', 'node', 'import', 'default'] } };

export default defineConfig({
  ...sourceFirst,
  ssr: sourceFirst,
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['services/*/src/**/*.test.ts', 'operator/src/**/*.test.ts', 'charts/**/*.test.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      // The API's routes in-process (Fastify's inject) on the real platform's apiserver, Redis
      // and S3: the request/response contract of every route family. Runs with the integration tier.
      {
        extends: true,
        test: { name: 'api', include: ['test/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000 },
      },
      // The chart installed into the running platform: one release, its steps in order.
      { extends: true, test: { name: 'helm', include: ['test/helm/**/*.test.ts'], fileParallelism: false } },
    ],
  },
});
