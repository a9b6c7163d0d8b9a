import { loadKubeConfig } from '@brickyard/common/kube';
import { handleShutdown, readConfigOrExit } from '@brickyard/common/lifecycle';
import { startHealthServer } from '@brickyard/common/observability';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { readSchedulerConfig } from './config.js';
import { Scheduler } from './scheduler.js';

/** How long draining may take before the process exits anyway. */
const SHUTDOWN_GRACE_MS = 20_000;
const NAME = 'brickyard-scheduler';

const config = readConfigOrExit(NAME, () => readSchedulerConfig());
const log = pino({ name: NAME, level: config.logLevel });
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_scheduler_' });
const scheduler = new Scheduler(config, { log, kubeConfig: loadKubeConfig(config.kubeconfig), registry });

const server = await startHealthServer({
  host: config.host,
  port: config.port,
  registry,
  readiness: () => ({
    ready: scheduler.ready,
    detail: {
      role: scheduler.isLeader ? 'leader' : 'standby',
      identity: scheduler.identity,
      shard: config.shard,
      activeRuns: scheduler.activeRuns,
    },
  }),
});
try {
  await scheduler.start();
} catch (error) {
  log.fatal({ err: error }, 'Failed to start the scheduler');
  process.exit(1);
}
log.info(
  { identity: scheduler.identity, shard: config.shard, address: `${config.host}:${config.port}` },
  'Started scheduler',
);

handleShutdown({
  log,
  graceMs: SHUTDOWN_GRACE_MS,
  stoppedMessage: 'Stopped scheduler',
  stop: async () => {
    await scheduler.stop();
    await new Promise((resolve) => server.close(resolve));
  },
});
