import type { NodeType } from '@brickyard/common/catalog';
import type { SparkMode } from './spark-mode.js';

/**
 * How a pod's memory (its node type's memory_mb, the pod's memory limit) is shared among its JVM
 * heaps. 70% goes to heaps; the other 30% is what a heap does not count: JVM metaspace, code
 * cache and direct buffers, the Python workers of UDFs and tasks, and the runtime process.
 *
 * - master and Worker daemons: 256 MB heaps (measured at ~220 MB RSS each when idle);
 * - a worker pod: the Worker offers the rest of the 70% to executors, and the application asks
 *   for all of it (spark.executor.memory), so each worker pod runs one executor with all cores;
 * - the driver of a multi-node cluster only plans and collects: 25% of its node, at least 512 MB
 *   (Spark refuses heaps under ~450 MB);
 * - the driver of a single-node cluster does the work as well: the 70% of its node.
 */
const HEAP_SHARE = 0.7;
const DRIVER_SHARE = 0.25;
export const DAEMON_HEAP_MB = 256;
const MIN_DRIVER_HEAP_MB = 512;

/** Memory a worker pod's Worker offers to executors (its --memory), in MB. */
export function workerOfferMb(nodeType: NodeType): number {
  return Math.floor(nodeType.memory_mb * HEAP_SHARE) - DAEMON_HEAP_MB;
}

/** The heap of the driver (the Spark Connect server), in MB. */
export function driverHeapMb(nodeType: NodeType, mode: SparkMode): number {
  const share = mode.kind === 'local' ? HEAP_SHARE : DRIVER_SHARE;
  return Math.max(MIN_DRIVER_HEAP_MB, Math.floor(nodeType.memory_mb * share));
}
