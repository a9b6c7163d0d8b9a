/**
 * What the instance pool controller does with a pool's pods, computed from the pool's spec and
 * its observed pods alone (no I/O). A pod of the pool is idle (warm, running the runtime in
 * standby, no cluster) or used (adopted by a cluster: it has the cluster's label and is the
 * cluster's to end).
 */

/**
 * Pods a pool starts at once at most, as a cloud launches instances in batches: a pool with a
 * minimum in the thousands and no max_capacity grows as its pods start, never by thousands of pods.
 */
const MAX_STARTING = 10;
/** What idle instances beyond the minimum live for when no idle_instance_autotermination_minutes is set. */
const DEFAULT_IDLE_MINUTES = 60;

export interface PoolLimits {
  minIdleInstances?: number | undefined;
  maxCapacity?: number | undefined;
  idleInstanceAutoterminationMinutes?: number | undefined;
}

export interface PoolPod {
  name: string;
  uid: string;
  /** What a cluster's adoption is conditional on: nobody else changed the pod meanwhile. */
  resourceVersion: string;
  /** The cluster that adopted it; none while idle. */
  clusterId: string | undefined;
  ready: boolean;
  deleting: boolean;
  /** Since when it has been idle (its creation: a pod leaves the pool when a cluster adopts it). */
  idleSinceMs: number;
}

interface PoolStats {
  usedCount: number;
  idleCount: number;
  pendingUsedCount: number;
  pendingIdleCount: number;
}

export interface PoolPlan {
  /** How many idle pods to start. */
  create: number;
  /** Idle pods to end: idle too long beyond the minimum, or beyond max_capacity after an edit. */
  delete: string[];
  stats: PoolStats;
  /** When the next idle pod beyond the minimum is due to end, if one is idle beyond it. */
  wakeAtMs: number | undefined;
}

/** `minuteMs` is the length of one minute of idle_instance_autotermination_minutes (tests shorten it). */
export function planPool(
  limits: PoolLimits,
  pods: readonly PoolPod[],
  nowMs: number,
  minuteMs = 60_000,
): PoolPlan {
  const live = pods.filter((pod) => !pod.deleting);
  const used = live.filter((pod) => pod.clusterId !== undefined);
  // Oldest first: the first to have waited long enough, and the first a cluster takes.
  const idle = live
    .filter((pod) => pod.clusterId === undefined)
    .sort((a, b) => a.idleSinceMs - b.idleSinceMs);
  const capacity = limits.maxCapacity ?? Number.POSITIVE_INFINITY;
  const room = Math.max(0, capacity - used.length);
  const minIdle = Math.min(limits.minIdleInstances ?? 0, room);
  const idleMs = (limits.idleInstanceAutoterminationMinutes ?? DEFAULT_IDLE_MINUTES) * minuteMs;

  const starting = idle.filter((pod) => !pod.ready).length;
  const overCapacity = Math.max(0, idle.length - room);
  const expired = idle.filter((pod) => nowMs - pod.idleSinceMs >= idleMs).length;
  const removable = Math.max(overCapacity, Math.min(expired, Math.max(0, idle.length - minIdle)));
  // The longest idle go first: expiry is counted from the oldest.
  const toDelete = idle.slice(0, removable).map((pod) => pod.name);
  const staying = idle.slice(removable);
  const nextToExpire = staying.length > minIdle ? staying[0] : undefined;
  return {
    create: Math.max(0, Math.min(minIdle - idle.length, MAX_STARTING - starting)),
    delete: toDelete,
    stats: {
      usedCount: used.filter((pod) => pod.ready).length,
      pendingUsedCount: used.filter((pod) => !pod.ready).length,
      idleCount: idle.filter((pod) => pod.ready).length,
      pendingIdleCount: idle.filter((pod) => !pod.ready).length,
    },
    wakeAtMs: nextToExpire ? nextToExpire.idleSinceMs + idleMs : undefined,
  };
}

/**
 * The idle pods a cluster takes for `wanted` slots: Ready ones first (their runtime is warm),
 * then the oldest; fewer when the pool has fewer, and the cluster starts cold pods for the rest.
 */
export function podsToAdopt(pods: readonly PoolPod[], wanted: number): PoolPod[] {
  return pods
    .filter((pod) => !pod.deleting && pod.clusterId === undefined)
    .sort((a, b) => Number(b.ready) - Number(a.ready) || a.idleSinceMs - b.idleSinceMs)
    .slice(0, Math.max(0, wanted));
}
