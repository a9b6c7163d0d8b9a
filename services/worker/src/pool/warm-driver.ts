import { access, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PoolAssignment } from '@brickyard/common/pool-assignment';
import type { Logger } from 'pino';
import { driverSparkConf, startDriverDaemons, writeSubmitProperties } from '../spark/driver-daemons.js';
import { formatProperties } from '../spark/properties-file.js';
import type { SparkDaemons } from '../spark/spark-daemons.js';
import type { SparkEngineConfig } from '../spark/spark-engine-config.js';
import { podScratchRoot } from '../spark/spark-layout.js';
import { workspaceCatalogs } from '../spark/workspace-catalogs.js';
import { lateSettings } from './late-settings.js';

/**
 * A pool pod's Spark driver, started before any cluster adopts the pod: the Spark Connect server
 * of a single-node cluster of the pool's node type with no spark_conf, warmed up. A cluster it
 * fits takes it as it is; the runtime's Spark plugin (services/worker/jvm, dev.brickyard.pool)
 * then gives it the cluster's id and the workspace's catalogs.
 */

/** The runtime's driver plugin that applies the adoption file's settings. */
const ADOPTION_PLUGIN = 'dev.brickyard.pool.PoolAdoption';
const ADOPTION_FILE_SETTING = 'spark.brickyard.pool.adoptionFile';
/** The plugin polls every 50 ms; a JVM that has not answered in this long is not used. */
const APPLY_TIMEOUT_MS = 10_000;
const APPLY_POLL_MS = 25;

export interface WarmDriver {
  daemons: SparkDaemons;
  /** The settings it started with (without the plugin's own). */
  conf: Record<string, string>;
  adoptionFile: string;
}

export async function startWarmDriver(config: SparkEngineConfig, log: Logger): Promise<WarmDriver> {
  const adoptionFile = join(podScratchRoot(config.podName), 'adoption.properties');
  // Only the default catalog: the pod acts for no cluster yet, so it may not list the workspace's.
  const catalogs: string[] = [];
  const daemons = await startDriverDaemons(config, log, {
    catalogs,
    extraConf: { 'spark.plugins': ADOPTION_PLUGIN, [ADOPTION_FILE_SETTING]: adoptionFile },
  });
  return { daemons, conf: driverSparkConf(config, catalogs).conf, adoptionFile };
}

/**
 * The warm driver as the cluster's, when the cluster's driver would have started with the same
 * settings but those a running driver can take (late-settings.ts); undefined when it would not,
 * and the caller starts the cluster's own.
 */
export async function adoptWarmDriver(
  warm: WarmDriver,
  config: SparkEngineConfig,
  log: Logger,
): Promise<SparkDaemons | undefined> {
  // Cluster log delivery captures the Connect server's output from its start.
  if (config.role !== 'driver' || config.clusterLogDestination) return undefined;
  const catalogs = config.api ? await workspaceCatalogs(config.api, log) : undefined;
  const { conf } = driverSparkConf(config, catalogs);
  const late = lateSettings(warm.conf, conf, config.nodeType.num_cores);
  if (!late) return undefined;
  await writeSubmitProperties(config, conf);
  // Written whole, then renamed: the plugin never reads half a file.
  const partial = `${warm.adoptionFile}.partial`;
  await writeFile(partial, formatProperties(late), { mode: 0o600 });
  await rename(partial, warm.adoptionFile);
  if (!(await applied(`${warm.adoptionFile}.applied`))) {
    log.warn({ timeoutMs: APPLY_TIMEOUT_MS }, 'The warm driver did not take the cluster settings');
    return undefined;
  }
  log.info({ settings: Object.keys(late) }, 'Took the warm Spark driver');
  return warm.daemons;
}

async function applied(marker: string): Promise<boolean> {
  const deadline = Date.now() + APPLY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (
      await access(marker).then(
        () => true,
        () => false,
      )
    )
      return true;
    await new Promise((resolve) => setTimeout(resolve, APPLY_POLL_MS));
  }
  return false;
}

/**
 * Whether the adopted pod's environment keeps a warm driver's: the cluster's spark_env_vars reach
 * the JVMs only through the environment they start with, so a cluster that sets any (every
 * variable not Brickyard's own) gets its driver started afresh.
 */
export function envKeepsWarmDriver(assignment: PoolAssignment): boolean {
  return Object.keys(assignment.env).every((name) => name.startsWith('BRICKYARD_'));
}
