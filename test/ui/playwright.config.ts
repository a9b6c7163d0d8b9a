import { defineConfig } from '@playwright/test';

// The web workspace in Debian's chromium (no browser download) against the running platform that
// `make up` starts: `make test-ui`. Screenshots of every page land in test-results/ui/screens.
export default defineConfig({
  testDir: '.',
  outputDir: '../../test-results/ui/artifacts',
  timeout: 180_000,
  expect: { timeout: 15_000 },
  // One browser at a time: the machine's two cores also run the platform the pages drive.
  workers: 1,
  reporter: [['list'], ['html', { open: 'never', outputFolder: '../../test-results/ui/report' }]],
  use: {
    baseURL: process.env.DATABRICKS_HOST ?? 'http://127.0.0.1:18080',
    browserName: 'chromium',
    launchOptions: { executablePath: process.env.BRICKYARD_CHROMIUM ?? '/usr/bin/chromium' },
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    // An action that cannot happen fails in half a minute, not at the test's timeout.
    actionTimeout: 30_000,
  },
});
