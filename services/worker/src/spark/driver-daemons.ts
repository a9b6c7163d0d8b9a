import { randomUUID } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DriverPorts } from '@brickyard/common/driver-ports';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { Logger } from 'pino';
import { startClusterLogDelivery } from '../cluster-logs/cluster-log-shipper.js';
import { driverLogFiles } from '../cluster-logs/log-files.js';
import { probeConnect } from './connect-probe.js';
import {
  type CommandContext,
  connectServerCommand,
  connectUrlOf,
  masterCommand,
  sparkSubmitCommand,
} from './daemon-commands.js';
import { DaemonGroup } from './daemon-group.js';
import { MasterUrlPublisher } from './master-url-registry.js';
import { checkPortOpen } from './port-open.js';
import { formatProperties } from './properties-file.js';
import { ReadinessPoller } from './readiness-poller.js';
import { type SparkConf, sparkConf, submittedAppConf } from './spark-conf.js';
import type { SparkDaemons } from './spark-daemons.js';
import { SparkDemandPublisher } from './spark-demand-publisher.js';
import type { SparkEngineConfig } from './spark-engine-config.js';
import { podScratchRoot, preparePodScratch, sparkLayout } from './spark-layout.js';
import { masterUrlOf, sparkMode } from './spark-mode.js';
import { WarmUp } from './warm-up.js';
import { workspaceCatalogs } from './workspace-catalogs.js';

/** Until ready, probed often: a cluster's start waits on each of these. */
const PENDING_PROBE_MS = 250;
const READY_PROBE_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;

/** The settings of the driver's application, with the workspace's catalogs when they are known. */
export function driverSparkConf(
  config: SparkEngineConfig,
  catalogs: readonly string[] | undefined,
): SparkConf {
  const mode = sparkMode(config.userConf, config.singleNode, config.nodeType.num_cores);
  // The layout's jars, Python and class-data archive.
  return sparkConf({ config, mode, ...sparkLayout(config.runtimeDir), catalogs });
}

/** Where the settings of the applications tasks submit are (rewritten when a pool pod is adopted). */
function submitPropertiesFile(podName: string): string {
  return join(podScratchRoot(podName), 'spark-submit.conf');
}

export async function writeSubmitProperties(
  config: SparkEngineConfig,
  conf: Readonly<Record<string, string>>,
): Promise<void> {
  const properties = formatProperties(submittedAppConf(conf, config.nodeType.num_cores));
  await writeFile(submitPropertiesFile(config.podName), properties, { mode: 0o600 });
}

/** How a driver starts ahead of its cluster (a pool pod's warm driver, services/worker/src/pool). */
export interface DriverLaunch {
  /** The catalogs to configure instead of asking the API (an idle pool pod acts for no cluster). */
  catalogs?: readonly string[];
  /** Settings beyond the cluster's. */
  extraConf?: Readonly<Record<string, string>>;
}

/**
 * The driver pod's JVMs: the standalone master (unless the cluster is single-node) and the
 * cluster's one Spark driver, the Spark Connect server. Once the master accepts connections its
 * URL is published for the worker pods. Ready when Connect serves a session (and the master
 * accepts connections).
 */
export async function startDriverDaemons(
  config: SparkEngineConfig,
  log: Logger,
  launch: DriverLaunch = {},
): Promise<SparkDaemons> {
  const mode = sparkMode(config.userConf, config.singleNode, config.nodeType.num_cores);
  const layout = sparkLayout(config.runtimeDir);
  const scratch = await preparePodScratch(config.podName);
  const catalogs = launch.catalogs ?? (config.api ? await workspaceCatalogs(config.api, log) : undefined);
  const { conf, ignored } = driverSparkConf(config, catalogs);
  if (ignored.length > 0) log.warn({ ignored }, 'Ignored spark_conf settings that Brickyard owns');
  await writeFile(scratch.propertiesFile, formatProperties({ ...conf, ...launch.extraConf }), {
    mode: 0o600,
  });
  await writeSubmitProperties(config, conf);
  const submitProperties = submitPropertiesFile(config.podName);
  const context: CommandContext = { layout, scratch, podIp: config.podIp, baseEnv: process.env };

  // Its Python starts now, beside the JVMs: importing pyspark alone takes seconds.
  const warmUp = new WarmUp(layout.python, connectUrlOf(config.podIp), log);
  const group = new DaemonGroup();
  const pollers: ReadinessPoller[] = [];
  let publisher: MasterUrlPublisher | undefined;
  let demand: SparkDemandPublisher | undefined;
  const redis = mode.kind === 'standalone' ? createRedisConnection(config.redisUrl) : undefined;
  redis?.on('error', (error: unknown) => log.debug({ err: error }, 'Redis connection failed'));
  if (redis) {
    group.start(masterCommand(context));
    const master = new ReadinessPoller({
      what: 'Spark master',
      probe: () => checkPortOpen(config.podIp, DriverPorts.master, PROBE_TIMEOUT_MS),
      log,
      pendingMs: PENDING_PROBE_MS,
      readyMs: READY_PROBE_MS,
    });
    const url = masterUrlOf(config.podIp);
    publisher = new MasterUrlPublisher(redis, config.clusterId, url, log);
    void master.firstReady.then(() => publisher?.start());
    pollers.push(master);
    // Workers are what autoscaling adds: a single-node cluster has none, so no demand to report.
    const ui = `http://${config.podIp}:${DriverPorts.sparkUi}`;
    demand = new SparkDemandPublisher(redis, config.clusterId, ui, config.workerNodeType.num_cores, log);
    demand.start();
  }
  // The driver's output is what cluster log delivery sends as driver/stdout and driver/stderr.
  const logDir = config.clusterLogDestination ? join(scratch.root, 'logs') : undefined;
  if (logDir) await mkdir(logDir, { recursive: true });
  const delivery = logDir
    ? startClusterLogDelivery(config, async () => driverLogFiles(logDir), log)
    : undefined;
  // Started beside the master: its registration retries cover the master's first seconds.
  group.start(connectServerCommand(context, logDir));
  pollers.push(connectPoller(config.podIp, log));
  for (const poller of pollers) poller.start();
  log.info({ master: conf['spark.master'], pids: group.pids() }, 'Started Spark daemons');
  // The first queries run before the pod reports ready; they need an executor, so a multi-node
  // driver is ready once a worker has one too (its pods start with the driver's).
  const firstReady = Promise.all(pollers.map((poller) => poller.firstReady)).then(() => warmUp.run());

  return {
    get ready() {
      return warmUp.done && pollers.every((poller) => poller.ready);
    },
    get detail() {
      const waiting = pollers.filter((poller) => !poller.ready).map((poller) => poller.reason);
      if (!warmUp.done && waiting.length === 0) waiting.push('running the first queries (warm-up)');
      return { sparkMaster: conf['spark.master'], ...(waiting.length > 0 ? { sparkWaiting: waiting } : {}) };
    },
    firstReady,
    failed: group.failed,
    sparkRemote: connectUrlOf(config.podIp),
    sparkSubmit: sparkSubmitCommand(context, submitProperties),
    drainMs: 0,
    async stop(graceMs) {
      for (const poller of pollers) poller.stop();
      warmUp.stop();
      await publisher?.stop();
      await demand?.stop();
      redis?.disconnect();
      await group.stopAll(graceMs);
      await delivery?.close();
      await rm(scratch.root, { recursive: true, force: true });
    },
  };
}

/** Ready once Spark Connect answers a session's first call, not only accepts connections. */
function connectPoller(podIp: string, log: Logger): ReadinessPoller {
  const sessionId = randomUUID();
  const target = { host: podIp, port: DriverPorts.sparkConnect, sessionId, timeoutMs: PROBE_TIMEOUT_MS };
  return new ReadinessPoller({
    what: 'Spark Connect',
    probe: () => probeConnect(target),
    log,
    pendingMs: PENDING_PROBE_MS,
    readyMs: READY_PROBE_MS,
  });
}
