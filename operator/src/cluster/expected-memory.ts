import type { SparkEngine } from '@brickyard/common/catalog';
import { ClusterRoles } from '@brickyard/common/vocabulary';

/**
 * The host memory a cluster pod is expected to take, in MiB: what the instance agent admits an
 * instance against (the host's real free memory), so a cluster that would not fit fails at once
 * instead of pushing another cluster into the kernel's OOM killer.
 *
 * Measured on an idle cluster (bench/spark): the driver's JVMs (Spark Connect server and master)
 * take about 700 MB, a worker's (Worker and executor) about 500 MB, a pod without Spark about 80 MB.
 * The baselines leave room for a first job. A heap set explicitly in spark_conf is taken at its
 * word: the JVM may grow to it.
 */
const BASELINE_MI = { driver: 1200, worker: 1024, none: 128 } as const;
/** What a JVM takes beyond its heap: metaspace, code cache, threads, direct buffers. */
const JVM_OVERHEAD_MI = 512;

const UNITS_MI: Record<string, number> = { k: 1 / 1024, m: 1, g: 1024, t: 1024 * 1024, p: 1024 ** 3 };

/** A JVM memory setting ("4g", "512m", "2048" is MiB as Spark reads it) in MiB. */
export function jvmMemoryMi(text: string): number | undefined {
  const match = /^(\d+)([kmgtp]?)b?$/i.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * (UNITS_MI[(match[2] || 'm').toLowerCase()] ?? 1);
}

export function expectedMemoryMi(
  engine: SparkEngine,
  role: string,
  sparkConf: Readonly<Record<string, string>>,
): number {
  if (engine === 'none') return BASELINE_MI.none;
  const driver = role === ClusterRoles.driver;
  const heapSetting = sparkConf[driver ? 'spark.driver.memory' : 'spark.executor.memory'];
  const heap = heapSetting === undefined ? undefined : jvmMemoryMi(heapSetting);
  const baseline = driver ? BASELINE_MI.driver : BASELINE_MI.worker;
  return heap === undefined ? baseline : Math.max(baseline, Math.ceil(heap) + JVM_OVERHEAD_MI);
}
