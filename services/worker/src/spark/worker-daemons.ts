import { rm } from 'node:fs/promises';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import type { Logger } from 'pino';
import { startClusterLogDelivery } from '../cluster-logs/cluster-log-shipper.js';
import { executorLogFiles } from '../cluster-logs/log-files.js';
import { type CommandContext, workerCommand } from './daemon-commands.js';
import { DaemonGroup } from './daemon-group.js';
import type { DaemonProcess } from './daemon-process.js';
import { checkWorkerRegistered } from './master-status.js';
import { readMasterUrl } from './master-url-registry.js';
import { workerOfferMb } from './memory-plan.js';
import { ReadinessPoller } from './readiness-poller.js';
import type { SparkDaemons } from './spark-daemons.js';
import type { SparkEngineConfig } from './spark-engine-config.js';
import { preparePodScratch, sparkLayout } from './spark-layout.js';
import { sparkMode } from './spark-mode.js';
import { coresInUse, workerStatusUrl } from './worker-status.js';

/** The master URL is polled often until there (a cluster's start waits on it), then to follow a new one. */
const MASTER_URL_FIRST_POLL_MS = 250;
const MASTER_URL_POLL_MS = 2_000;
/** Until registered, probed often: a cluster's start waits on it. */
const PENDING_PROBE_MS = 250;
const READY_PROBE_MS = 10_000;
const PROBE_TIMEOUT_MS = 5_000;
/** How long a Worker replaced for a new master gets to stop its executors. */
const RESTART_GRACE_MS = 5_000;
/**
 * How long a removed worker pod waits for its decommissioned executors to finish their tasks and
 * move their blocks (within the pod's termination grace period, which desired.ts sets above it).
 */
const DECOMMISSION_DRAIN_MS = 15_000;
const DRAIN_POLL_MS = 500;

/** A worker pod of a single-node cluster: it has nothing to run, and is ready as it is. */
function idle(log: Logger): SparkDaemons {
  log.warn('The cluster runs Spark in local mode on its driver: this worker pod stays idle');
  return {
    ready: true,
    detail: { sparkMaster: 'local' },
    firstReady: Promise.resolve(),
    failed: new Promise(() => {}),
    sparkRemote: undefined,
    sparkSubmit: undefined,
    drainMs: 0,
    stop: async () => {},
  };
}

/**
 * Spark's graceful decommissioning of a Worker: SIGPWR makes it tell the master, which has the
 * driver decommission its executors (no new tasks; shuffle and cached blocks move to the other
 * executors, which then exit). Done when the Worker says its executors hold no cores (the master
 * keeps counting them), or after `drainMs`.
 */
async function decommission(
  daemon: DaemonProcess,
  podIp: string,
  drainMs: number,
  log: Logger,
): Promise<void> {
  const started = Date.now();
  daemon.signalLeader('SIGPWR');
  log.info({ drainMs }, 'Decommissioning the Spark worker');
  while (Date.now() - started < drainMs) {
    const status = await fetch(workerStatusUrl(podIp), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      .then((response) => (response.ok ? response.json() : undefined))
      .catch(() => undefined);
    if (coresInUse(status) === 0) {
      log.info({ ms: Date.now() - started }, 'Spark worker decommissioned: its executors are gone');
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
  }
  log.warn({ drainMs }, 'Spark worker still had executors after the drain time; stopping it');
}

/**
 * The worker pod's JVM: a standalone Worker registered with the master its driver published in
 * Redis (polled until there), with the cores of the node type and the memory of memory-plan.ts.
 * When the published URL changes (the driver pod was replaced), the Worker is restarted against
 * the new master. Ready while the master lists the Worker ALIVE.
 */
export async function startWorkerDaemons(config: SparkEngineConfig, log: Logger): Promise<SparkDaemons> {
  if (sparkMode(config.userConf, config.singleNode, config.nodeType.num_cores).kind === 'local')
    return idle(log);
  const layout = sparkLayout(config.runtimeDir);
  const scratch = await preparePodScratch(config.podName);
  const context: CommandContext = { layout, scratch, podIp: config.podIp, baseEnv: process.env };
  const redis = createRedisConnection(config.redisUrl);
  redis.on('error', (error: unknown) => log.debug({ err: error }, 'Redis connection failed'));
  const group = new DaemonGroup();
  let worker: { masterUrl: string; daemon: DaemonProcess } | undefined;
  let stopped = false;

  const registered = new ReadinessPoller({
    what: 'Spark worker',
    probe: () =>
      worker
        ? checkWorkerRegistered(worker.masterUrl, config.podIp, PROBE_TIMEOUT_MS)
        : Promise.reject(new Error('waiting for the driver to publish the Spark master URL')),
    log,
    pendingMs: PENDING_PROBE_MS,
    readyMs: READY_PROBE_MS,
  });

  const follow = async (masterUrl: string) => {
    if (worker) {
      log.info({ from: worker.masterUrl, to: masterUrl }, 'Spark master changed; restarting the worker');
      await group.stop(worker.daemon, RESTART_GRACE_MS);
      if (stopped) return;
    }
    const resources = {
      masterUrl,
      cores: config.nodeType.num_cores,
      memoryMb: workerOfferMb(config.nodeType),
    };
    worker = { masterUrl, daemon: group.start(workerCommand(context, resources)) };
    registered.reset(`registering with ${masterUrl}`);
    log.info({ ...resources, pid: worker.daemon.pid }, 'Started Spark worker');
  };

  let timer: NodeJS.Timeout | undefined;
  const poll = async () => {
    const url = await readMasterUrl(redis, config.clusterId).catch(() => undefined);
    if (!stopped && url && url !== worker?.masterUrl) await follow(url);
    if (!stopped)
      timer = setTimeout(() => void poll(), worker ? MASTER_URL_POLL_MS : MASTER_URL_FIRST_POLL_MS);
  };
  registered.start();
  void poll();
  const delivery = startClusterLogDelivery(config, () => executorLogFiles(scratch.workDir), log);

  return {
    get ready() {
      return registered.ready;
    },
    get detail() {
      const reason = registered.reason;
      return { sparkMaster: worker?.masterUrl, ...(reason ? { sparkWaiting: [reason] } : {}) };
    },
    firstReady: registered.firstReady,
    failed: group.failed,
    sparkRemote: undefined,
    sparkSubmit: undefined,
    drainMs: DECOMMISSION_DRAIN_MS,
    async stop(graceMs) {
      stopped = true;
      clearTimeout(timer);
      registered.stop();
      redis.disconnect();
      if (worker && registered.ready)
        await decommission(worker.daemon, config.podIp, DECOMMISSION_DRAIN_MS, log);
      await group.stopAll(graceMs);
      await delivery?.close();
      await rm(scratch.root, { recursive: true, force: true });
    },
  };
}
