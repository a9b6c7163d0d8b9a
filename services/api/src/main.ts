import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { buildApp } from './app.js';
import { readApiConfig } from './config.js';
import { createApiServices } from './services.js';

const config = readApiConfig();
const logger = pino({ name: 'brickyard-api', level: config.logLevel });

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_api_' });

const runtime = createApiServices(config, logger, registry);
const app = await buildApp(runtime.services, logger);

// Serve at once (liveness, metrics); readiness waits for every cache's first list.
await runtime.start();
void runtime.synced().then(() => logger.info('Caches synced, ready'));
await app.listen({ host: config.host, port: config.port });

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'Shutting down');
  await app.close();
  await runtime.stop();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
