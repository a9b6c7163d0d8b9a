import { handleShutdown, readConfigOrExit } from '@brickyard/common/lifecycle';
import { startHealthServer } from '@brickyard/common/observability';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { readConsumerConfig } from './consumer/consumer-config.js';
import { TaskConsumer } from './consumer/task-consumer.js';
import { createRuntimeMetrics } from './runtime-metrics.js';
import { ObjectStoreRuntimeStorage } from './storage/object-store-runtime-storage.js';

/**
 * The runtime process of a cluster pod (image brickyard/runtime), driver and workers alike: it
 * consumes the cluster's task queue (services/worker/src/consumer) until it is told to stop.
 */

const NAME = 'brickyard-runtime';
/** How long closing the queue and Redis may take once in-flight attempts are let go. */
const CLOSE_MS = 3_000;

const config = readConfigOrExit(NAME, () => readConsumerConfig());
const log = pino({ name: NAME, level: config.logLevel }).child({
  clusterId: config.clusterId,
  role: config.role,
});
const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_runtime_' });
const recordTask = createRuntimeMetrics(registry);

const s3 = createS3Client(config.s3);
const consumer = new TaskConsumer({
  config,
  storage: new ObjectStoreRuntimeStorage(new ObjectStore(s3, config.s3.bucket)),
  log,
  onFinish: recordTask,
});

const server =
  config.healthPort === undefined
    ? undefined
    : await startHealthServer({
        host: config.healthHost,
        port: config.healthPort,
        registry,
        // Consuming, with Redis connected.
        readiness: () => ({
          ready: consumer.running && consumer.redisReady,
          detail: { clusterId: config.clusterId, role: config.role },
        }),
      });
await consumer.start();

handleShutdown({
  log,
  // The consumer leaves attempts still running after its own grace to be handed over; closing
  // its connections gets a little more.
  graceMs: config.shutdownGraceMs + CLOSE_MS,
  stop: async () => {
    await consumer.close(config.shutdownGraceMs);
    server?.close();
    s3.destroy();
  },
});
