import { handleShutdown, readConfigOrExit } from '@brickyard/common/lifecycle';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { buildApp } from './app.js';
import { readApiConfig } from './config.js';
import { createApiServices } from './services.js';
import { startWorkspaceHost } from './workspace-host/start.js';

/** How long closing (in-flight requests, informers, Redis) may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 20_000;

const NAME = 'brickyard-api';
const config = readConfigOrExit(NAME, () => readApiConfig());
const logger = pino({ name: NAME, level: config.logLevel });

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_api_' });

const runtime = createApiServices(config, logger, registry);
const app = await buildApp(runtime.services, logger);

// Serve at once (liveness, metrics); readiness waits for every cache's first list.
await runtime.start();
void runtime.synced().then(() => logger.info('Caches synced, ready'));
const workspaceHost = await startWorkspaceHost(config, runtime.services, app, logger);

handleShutdown({
  log: logger,
  graceMs: SHUTDOWN_GRACE_MS,
  stoppedMessage: 'Stopped API',
  stop: async () => {
    await workspaceHost.close();
    await app.close();
    await runtime.stop();
  },
});
