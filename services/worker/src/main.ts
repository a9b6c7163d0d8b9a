import { DriverPorts } from '@brickyard/common/driver-ports';
import { handleShutdown, readConfigOrExit } from '@brickyard/common/lifecycle';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { pino } from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { type CommandServer, startCommandServer } from './commands/command-server.js';
import { readConsumerConfig } from './consumer/consumer-config.js';
import { TaskConsumer } from './consumer/task-consumer.js';
import { startPodLibraries } from './libraries/start-libraries.js';
import { type Adopted, poolPodUid, standBy } from './pool/stand-by.js';
import { adoptWarmDriver, envKeepsWarmDriver } from './pool/warm-driver.js';
import { pythonExecutable } from './python/python-environment.js';
import { RuntimeHealth } from './runtime-health.js';
import { createRuntimeMetrics } from './runtime-metrics.js';
import { startDriverDaemons } from './spark/driver-daemons.js';
import type { SparkDaemons } from './spark/spark-daemons.js';
import { readSparkEngineConfig } from './spark/spark-engine-config.js';
import { startWorkerDaemons } from './spark/worker-daemons.js';
import { Dbfs } from './storage/dbfs.js';
import { ObjectStoreRuntimeStorage } from './storage/object-store-runtime-storage.js';

/**
 * The runtime process of a cluster pod (image brickyard/runtime). On a Spark cluster it runs the
 * pod's Spark daemons (services/worker/src/spark): the driver pod's master and Spark Connect
 * server, a worker pod's Worker; tasks run on the driver only, as on Databricks, and Spark spreads
 * their work to the executors. With BRICKYARD_SPARK_ENGINE=none there are no JVMs and every pod
 * consumes the cluster's task queue (services/worker/src/consumer). The driver pod also serves the
 * cluster's execution contexts (services/worker/src/commands), with or without Spark. It runs
 * until told to stop, or until one of its JVMs exits, which ends it with status 1 so that the pod
 * restarts. A pod of an instance pool waits in standby for a cluster first (services/worker/src/pool).
 */

const NAME = 'brickyard-runtime';
/** How long closing the queue and Redis may take once in-flight attempts are let go. */
const CLOSE_MS = 3_000;

const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'brickyard_runtime_' });
const recordTask = createRuntimeMetrics(registry);
const health = new RuntimeHealth(registry);

const podUid = poolPodUid(process.env);
const pooled: Adopted | undefined = podUid
  ? await standBy({
      env: process.env,
      podUid,
      health,
      log: pino({ name: NAME, level: process.env.LOG_LEVEL || 'info' }).child({ poolPod: podUid }),
    }).catch((error: unknown) => {
      console.error(`${NAME}: the pool pod's standby failed: ${String(error)}`);
      process.exit(1);
    })
  : undefined;

const config = readConfigOrExit(NAME, () => readConsumerConfig());
const sparkConfig = readConfigOrExit(NAME, () => readSparkEngineConfig(process.env, config));
const log = pino({ name: NAME, level: config.logLevel }).child({
  clusterId: config.clusterId,
  role: config.role,
});

const s3 = createS3Client(config.s3);
const storage = new ObjectStoreRuntimeStorage(new ObjectStore(s3, config.s3.bucket));
// Before Spark, tasks and contexts: they find the libraries directory in the environment.
const libraries = await startPodLibraries({
  config,
  storage,
  python: pythonExecutable(undefined, sparkConfig !== undefined),
  jvm: sparkConfig ? (config.role === 'driver' ? 'driver' : 'executors') : 'none',
  log,
  // The directories a warm driver's JVM and Python were started with.
  ...(pooled?.libraries && sparkConfig && config.role === 'driver' ? { prepared: pooled.libraries } : {}),
});

/** A pool pod's warm driver, when the cluster would have started the same one; it is stopped otherwise. */
async function takeWarmDriver(adopted: Adopted | undefined): Promise<SparkDaemons | undefined> {
  if (!adopted?.warm) return undefined;
  const kept =
    sparkConfig && envKeepsWarmDriver(adopted.assignment)
      ? await adoptWarmDriver(adopted.warm, sparkConfig, log)
      : undefined;
  if (!kept) {
    log.info('The cluster differs from the warm driver; starting its own');
    await adopted.warm.daemons.stop(config.shutdownGraceMs);
  }
  return kept;
}

const startSpark = config.role === 'driver' ? startDriverDaemons : startWorkerDaemons;
const spark =
  (await takeWarmDriver(pooled)) ??
  (sparkConfig
    ? await startSpark(sparkConfig, log).catch((error: unknown) => {
        log.fatal({ err: error }, 'Failed to start the Spark daemons');
        process.exit(1);
      })
    : undefined);
const consumer =
  spark && config.role === 'worker'
    ? undefined
    : new TaskConsumer({
        config,
        storage,
        log,
        onFinish: recordTask,
        libraries: libraries.installer,
        ...(spark?.sparkRemote ? { sparkRemote: spark.sparkRemote } : {}),
        ...(spark?.sparkSubmit ? { sparkSubmit: spark.sparkSubmit } : {}),
      });

// Consuming, with Redis connected (if this pod consumes), and the pod's Spark side up.
health.setReadiness(() => ({
  ready: (consumer ? consumer.running && consumer.redisReady : true) && (spark?.ready ?? true),
  detail: { clusterId: config.clusterId, role: config.role, ...spark?.detail },
}));
health.markStarted();
const server =
  pooled?.server ??
  (config.healthPort === undefined ? undefined : await health.serve(config.healthHost, config.healthPort));

let commandServer: CommandServer | undefined;
let daemonFailed = false;
const shutdown = handleShutdown({
  log,
  // The consumer leaves attempts still running after its own grace to be handed over; closing
  // its connections gets a little more. The JVMs stop meanwhile, within the consumer's grace.
  graceMs: config.shutdownGraceMs + CLOSE_MS + (spark?.drainMs ?? 0),
  exit: (code) => process.exit(daemonFailed ? 1 : code),
  stop: async () => {
    await Promise.all([
      consumer?.close(config.shutdownGraceMs),
      spark?.stop(config.shutdownGraceMs),
      commandServer?.close(),
      libraries.stop(),
    ]);
    server?.close();
    s3.destroy();
  },
});

void spark?.failed.then(({ name, ...exit }) => {
  log.error(
    { daemon: name, ...exit },
    'A Spark daemon exited; stopping the runtime so that the pod restarts',
  );
  daemonFailed = true;
  void shutdown.run(`${name} exited`);
});

// A driver takes tasks and contexts only once Spark Connect serves sessions: they need it.
await spark?.firstReady;
if (config.role === 'driver' && !shutdown.requested) {
  // Without it the cluster still runs its tasks: the Command Execution API is what fails.
  commandServer = await startCommandServer({
    host: config.healthHost,
    port: DriverPorts.commands,
    workspaceId: config.workspaceId,
    dbfs: new Dbfs(storage, config.workspaceId),
    sparkRemote: spark?.sparkRemote,
    log,
  }).catch((error: unknown) => {
    log.error({ err: error, port: DriverPorts.commands }, 'Failed to serve execution contexts');
    return undefined;
  });
  // A stop that came while it started did not see it.
  if (shutdown.requested) await commandServer?.close();
}
if (consumer && !shutdown.requested) await consumer.start();
