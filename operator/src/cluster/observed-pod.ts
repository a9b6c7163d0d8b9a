import { timeMs } from '@brickyard/common/kube';
import {
  ClusterAnnotations,
  INSTANCE_CAPACITY_CONDITION,
  INSUFFICIENT_CAPACITY_REASON,
  PoolAnnotations,
} from '@brickyard/common/vocabulary';
import type { V1Pod } from '@kubernetes/client-node';
import { type PodSlot, slotOfPodName } from './naming.js';

/** The environment variable that tells a cluster pod its node type (and the operator, later). */
export const NODE_TYPE_VARIABLE = 'BRICKYARD_NODE_TYPE';

/** What the cluster controller needs to know of one of a cluster's pods. */
export interface ObservedPod {
  name: string;
  uid: string;
  /** The slot the name stands for; undefined for a pod with a name the operator never gives. */
  slot: PodSlot | undefined;
  /** The spec.restartGeneration it was created for. */
  restartGeneration: number;
  nodeTypeId: string | undefined;
  phase: string;
  ready: boolean;
  /** A pod an instance pool started, which the cluster adopted: its runtime is sent its slot. */
  fromPool: boolean;
  /** Being deleted: it has a deletionTimestamp. */
  deleting: boolean;
  podIP?: string;
  hostIP?: string;
  startMs?: number;
  /** Why it does not run yet, as soon as it is known: the scheduler's or a container's message. */
  problem?: string;
  /** Since when the scheduler has been failing to place it. */
  unschedulableSinceMs?: number;
  /** Why no instance could be launched for it (the host lacks the memory), while that holds. */
  insufficientCapacity?: string;
}

/** Container waiting reasons that mean trouble rather than progress. */
const TROUBLE = new Set([
  'CrashLoopBackOff',
  'ErrImagePull',
  'ImagePullBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
]);

/**
 * The slot a pod fills: the one its name stands for, or for a pod a cluster adopted from an
 * instance pool (named by the pool), the one the operator wrote on it (`driver`, `worker-<n>`).
 */
function slotOf(clusterId: string, pod: V1Pod): PodSlot | undefined {
  const adopted = pod.metadata?.annotations?.[PoolAnnotations.slot];
  return (
    slotOfPodName(clusterId, pod.metadata?.name ?? '') ??
    (adopted ? slotOfPodName(clusterId, `${clusterId}-${adopted}`) : undefined)
  );
}

export function observePod(clusterId: string, pod: V1Pod): ObservedPod {
  const metadata = pod.metadata ?? {};
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const scheduled = conditions.find((condition) => condition.type === 'PodScheduled');
  const unschedulable = scheduled?.status === 'False' && scheduled.reason === 'Unschedulable';
  const capacity = conditions.find((condition) => condition.type === INSTANCE_CAPACITY_CONDITION);
  const insufficientCapacity =
    !pod.spec?.nodeName && capacity?.status === 'False' && capacity.reason === INSUFFICIENT_CAPACITY_REASON
      ? (capacity.message ?? 'No instance capacity')
      : undefined;
  const waiting = (status.containerStatuses ?? [])
    .map((container) => container.state?.waiting)
    .find((state) => state?.reason !== undefined && TROUBLE.has(state.reason));
  const generation = Number(metadata.annotations?.[ClusterAnnotations.restartGeneration] ?? '0');
  const nodeTypeId = pod.spec?.containers?.[0]?.env?.find((env) => env.name === NODE_TYPE_VARIABLE)?.value;
  const startMs = timeMs(status.startTime);
  const unschedulableSinceMs = unschedulable
    ? (timeMs(scheduled.lastTransitionTime) ?? timeMs(metadata.creationTimestamp) ?? 0)
    : undefined;
  let problem: string | undefined;
  if (insufficientCapacity) problem = insufficientCapacity;
  else if (unschedulable) problem = scheduled.message ?? 'the pod cannot be scheduled';
  else if (waiting) problem = waiting.message ? `${waiting.reason}: ${waiting.message}` : waiting.reason;
  return {
    name: metadata.name ?? '',
    uid: metadata.uid ?? '',
    slot: slotOf(clusterId, pod),
    restartGeneration: Number.isInteger(generation) ? generation : 0,
    nodeTypeId,
    phase: status.phase ?? 'Pending',
    ready: conditions.some((condition) => condition.type === 'Ready' && condition.status === 'True'),
    fromPool: metadata.annotations?.[PoolAnnotations.slot] !== undefined,
    deleting: metadata.deletionTimestamp !== undefined && metadata.deletionTimestamp !== null,
    ...(status.podIP ? { podIP: status.podIP } : {}),
    ...(status.hostIP ? { hostIP: status.hostIP } : {}),
    ...(startMs !== undefined ? { startMs } : {}),
    ...(problem !== undefined ? { problem } : {}),
    ...(unschedulableSinceMs !== undefined ? { unschedulableSinceMs } : {}),
    ...(insufficientCapacity !== undefined ? { insufficientCapacity } : {}),
  };
}

/** Not being deleted and not finished: a pod that is, or will be, part of the cluster. */
export function isLive(pod: ObservedPod): boolean {
  return !pod.deleting && pod.phase !== 'Failed' && pod.phase !== 'Succeeded';
}
