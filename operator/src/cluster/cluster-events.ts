import { ConditionTypes } from '@brickyard/common/vocabulary';
import type { ClusterEvent, ClusterState, ClusterStatus } from './cluster-type.js';
import { isOff, isUp } from './cluster-type.js';
import type { ClusterDecision } from './lifecycle.js';
import { desiredSlots } from './pod-plan.js';

/**
 * Cluster events (the Databricks clusters/events feed) for the transitions one status makes.
 * They are derived from the previous status and the new one only, so a reconcile that is retried
 * after a failed status write adds each event exactly once, with the write that succeeds.
 */

export const ClusterEventTypes = {
  creating: 'CREATING',
  starting: 'STARTING',
  restarting: 'RESTARTING',
  running: 'RUNNING',
  resizing: 'RESIZING',
  upsizeCompleted: 'UPSIZE_COMPLETED',
  nodesLost: 'NODES_LOST',
  terminating: 'TERMINATING',
  driverHealthy: 'DRIVER_HEALTHY',
  driverNotResponding: 'DRIVER_NOT_RESPONDING',
} as const;

export interface EventContext {
  clusterId: string;
  now: number;
  /** The status before this reconcile. */
  previous: ClusterStatus;
  /** The state this reconcile arrives at. */
  state: ClusterState;
  decision: ClusterDecision;
  readyWorkers: number;
  /** The driver pod is Ready: its Spark driver accepts sessions (or, without Spark, its runtime runs). */
  driverReady: boolean;
  /** Uids of the cluster's pods that are neither finished nor being deleted. */
  livePodUids: ReadonlySet<string>;
  creator: string | undefined;
}

function clusterEvent(
  clusterId: string,
  timestamp: number,
  type: string,
  details?: Record<string, unknown>,
): ClusterEvent {
  return { clusterId, timestamp, type, ...(details ? { details } : {}) };
}

/** Event types after which an earlier RESIZING no longer waits for its UPSIZE_COMPLETED. */
const SETTLING: ReadonlySet<string> = new Set([
  ClusterEventTypes.resizing,
  ClusterEventTypes.upsizeCompleted,
  ClusterEventTypes.running,
  ClusterEventTypes.restarting,
  ClusterEventTypes.starting,
  ClusterEventTypes.creating,
  ClusterEventTypes.terminating,
]);

/** The RESIZING event of an upsize that has not completed yet, if the last resize was one. */
function openUpsize(events: readonly ClusterEvent[] | undefined): ClusterEvent | undefined {
  const last = [...(events ?? [])].reverse().find((event) => SETTLING.has(event.type));
  if (last?.type !== ClusterEventTypes.resizing) return undefined;
  const target = Number(last.details?.target_num_workers);
  const current = Number(last.details?.current_num_workers);
  return target > current ? last : undefined;
}

/** Nodes the previous status listed whose pod is gone or finished while the cluster still wants it. */
function lostNodes(context: EventContext): ClusterEvent[] {
  const { previous, decision, clusterId, now } = context;
  const before = previous.state;
  if (decision.mode.kind !== 'up' || before === undefined || isOff(before) || before === 'RESTARTING') {
    return [];
  }
  const wanted = new Set(desiredSlots(clusterId, decision.targetWorkers).map((slot) => slot.name));
  const nodes = [...(previous.driver ? [previous.driver] : []), ...(previous.executors ?? [])];
  return nodes
    .filter((node) => node.nodeId && node.instanceId && wanted.has(node.nodeId))
    .filter((node) => !context.livePodUids.has(node.instanceId ?? ''))
    .map((node) =>
      clusterEvent(clusterId, now, ClusterEventTypes.nodesLost, {
        node_id: node.nodeId,
        instance_id: node.instanceId,
        current_num_workers: context.readyWorkers,
        target_num_workers: decision.targetWorkers,
      }),
    );
}

/** Whether the previous status said the driver was Ready (its DriverReady condition). */
function driverWasReady(previous: ClusterStatus): boolean {
  return (previous.conditions ?? []).some(
    (condition) => condition.type === ConditionTypes.driverReady && condition.status === 'True',
  );
}

/**
 * DRIVER_HEALTHY when a cluster comes up, or when the driver of a running one is Ready again;
 * DRIVER_NOT_RESPONDING when the driver of a running cluster stops being Ready (its Spark driver
 * no longer accepts sessions). Judged against the previous status' DriverReady condition.
 */
function driverHealth(context: EventContext): ClusterEvent[] {
  const { previous, state, driverReady, clusterId, now } = context;
  const before = previous.state;
  const wasReady = driverWasReady(previous);
  if (driverReady && isUp(state) && (!isUp(before) || !wasReady))
    return [clusterEvent(clusterId, now, ClusterEventTypes.driverHealthy)];
  if (!driverReady && wasReady && isUp(before) && !isOff(state) && state !== 'RESTARTING')
    return [clusterEvent(clusterId, now, ClusterEventTypes.driverNotResponding)];
  return [];
}

export function transitionEvents(context: EventContext): ClusterEvent[] {
  const { clusterId, now, previous, state, decision, readyWorkers } = context;
  const before = previous.state;
  const target = decision.targetWorkers;
  const events: ClusterEvent[] = [];
  const add = (type: string, details?: Record<string, unknown>) =>
    events.push(clusterEvent(clusterId, now, type, details));
  const reason = decision.mode.kind === 'off' ? decision.mode.reason : undefined;

  if (before === undefined && !isOff(state) && state !== 'ERROR') {
    add(ClusterEventTypes.creating, {
      target_num_workers: target,
      ...(context.creator ? { user: context.creator } : {}),
    });
  }
  if (isOff(before) && !isOff(state)) add(ClusterEventTypes.starting, { target_num_workers: target });
  if (state === 'RESTARTING' && before !== 'RESTARTING') add(ClusterEventTypes.restarting);
  events.push(...lostNodes(context));
  events.push(...driverHealth(context));
  if (decision.resizeCause && isUp(before) && decision.mode.kind === 'up') {
    add(ClusterEventTypes.resizing, {
      current_num_workers: previous.readyWorkers ?? readyWorkers,
      target_num_workers: target,
      cause: decision.resizeCause,
    });
  }
  if (isUp(state) && !isUp(before)) {
    add(ClusterEventTypes.running, { current_num_workers: readyWorkers, target_num_workers: target });
  }
  const upsize = state === 'RUNNING' && isUp(before) ? openUpsize(previous.events) : undefined;
  if (upsize && Number(upsize.details?.target_num_workers) === target) {
    add(ClusterEventTypes.upsizeCompleted, {
      current_num_workers: readyWorkers,
      target_num_workers: target,
      ...(upsize.details?.cause ? { cause: upsize.details.cause } : {}),
    });
  }
  if (isOff(state) && !isOff(before) && before !== undefined) add(ClusterEventTypes.terminating, { reason });
  return events;
}
