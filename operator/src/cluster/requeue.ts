import type { ClusterResource } from '@brickyard/common/crd';
import type { ClusterState } from './cluster-type.js';
import type { ClusterDecision } from './lifecycle.js';
import type { ClusterSettings } from './settings.js';

/** A steady cluster is looked at again this often, to repair drift nothing would tell us about. */
export const RESYNC_MS = 5 * 60_000;
/** While pods come and go, pod events drive the reconciles; this is the safety net. */
export const TRANSITION_RESYNC_MS = 5_000;

export interface RequeueInput {
  cluster: ClusterResource;
  decision: ClusterDecision;
  state: ClusterState;
  /** When the status changes by itself (an unschedulable pod's timeout). */
  wakeAtMs: number | undefined;
  /** When a finished job cluster is due for removal (retention.ts). */
  removeAtMs?: number | undefined;
  settings: Pick<ClusterSettings, 'demandPollMs' | 'minuteMs'>;
  now: number;
}

/**
 * When to reconcile a cluster again with nothing else happening: the demand of a running
 * autoscaled cluster is polled (demandPollMs); one with autotermination is looked at every few
 * polls (the demand hash's updated_at covers activity in between) and at its inactivity deadline;
 * a finished job cluster at the end of its retention period.
 */
export function requeueAfterMs(input: RequeueInput): number {
  const { cluster, decision, state, wakeAtMs, removeAtMs, settings, now } = input;
  const candidates = [RESYNC_MS];
  const running = decision.mode.kind === 'up' || decision.mode.kind === 'restarting';
  if (running && cluster.spec.autoscale) candidates.push(settings.demandPollMs);
  if (running && (cluster.spec.autoterminationMinutes ?? 0) > 0) {
    candidates.push(Math.min(settings.demandPollMs * 5, settings.minuteMs));
    if (decision.inactivityDeadlineMs !== undefined) candidates.push(decision.inactivityDeadlineMs - now);
  }
  if (wakeAtMs !== undefined) candidates.push(wakeAtMs - now);
  if (removeAtMs !== undefined) candidates.push(removeAtMs - now);
  if (state !== 'RUNNING' && state !== 'TERMINATED' && state !== 'ERROR')
    candidates.push(TRANSITION_RESYNC_MS);
  return Math.max(Math.min(...candidates), 10);
}
