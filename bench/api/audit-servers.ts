/**
 * The API twice in one process for bench/api, on the same services: with the audit log and
 * without it, so that the two differ by the audit plugin alone. Prints "<audited port> <unaudited
 * port>" on stdout once both listen and the caches are synced.
 */
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { buildApp } from '../../services/api/src/app.js';
import { readApiConfig } from '../../services/api/src/config.js';
import { createApiServices } from '../../services/api/src/services.js';

const env = process.env;
const config = readApiConfig({
  ...env,
  BRICKYARD_ACCOUNT_ID: env.BRICKYARD_ACCOUNT_ID ?? env.DATABRICKS_ACCOUNT_ID,
});
const logger = pino({ name: 'bench-api', level: 'warn' });
const runtime = createApiServices(config, logger);
const audited = await buildApp(runtime.services, logger);
// Its own registry: the metrics plugin registers the same metric names again.
const unaudited = await buildApp({ ...runtime.services, registry: new Registry() }, logger, { audit: false });
await runtime.start();
await runtime.synced();
const ports = [];
for (const app of [audited, unaudited]) {
  await app.listen({ host: '127.0.0.1', port: 0 });
  ports.push((app.server.address() as AddressInfo).port);
}
process.stdout.write(`${ports.join(' ')}\n`);
