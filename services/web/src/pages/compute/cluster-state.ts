import type { ClusterDetails, ClusterEvent } from './clusters-api';
import { plural } from './words';

/** States a cluster passes through on its own: the pages poll faster and show progress. */
const TRANSITIONAL = new Set(['PENDING', 'RESTARTING', 'RESIZING', 'TERMINATING']);

export function isTransitional(state: string): boolean {
  return TRANSITIONAL.has(state);
}

/** How often a page showing a cluster in this state asks again. */
export function pollInterval(state: string | undefined): number {
  return state !== undefined && isTransitional(state) ? 2_000 : 5_000;
}

export interface ClusterActions {
  start: boolean;
  restart: boolean;
  terminate: boolean;
  edit: boolean;
}

/** What the API accepts in each state (clusters/start, restart, edit; delete terminates any live one). */
export function actionsIn(state: string): ClusterActions {
  return {
    start: state === 'TERMINATED' || state === 'ERROR',
    restart: state === 'RUNNING' || state === 'RESIZING',
    terminate: state !== 'TERMINATED' && state !== 'TERMINATING',
    edit: ['RUNNING', 'RESIZING', 'TERMINATED', 'ERROR'].includes(state),
  };
}

/** The size as set: "2 workers", or "1–4 workers (autoscaling)". */
export function workersLabel(cluster: Pick<ClusterDetails, 'spec'>): string {
  const { autoscale, num_workers } = cluster.spec;
  if (autoscale) return `${autoscale.min_workers}–${autoscale.max_workers} workers (autoscaling)`;
  return plural(num_workers ?? 0, 'worker');
}

export interface ProgressStep {
  label: string;
  done: boolean;
}

/**
 * The way to RUNNING of a cluster that starts, restarts or resizes: instances first (the driver,
 * then the workers), each as it gets an address.
 */
export function startSteps(cluster: ClusterDetails): ProgressStep[] {
  const target = cluster.spec.autoscale?.min_workers ?? cluster.spec.num_workers ?? 0;
  const up = cluster.executors?.length ?? 0;
  const running = cluster.state === 'RUNNING';
  return [
    { label: 'Compute requested', done: true },
    { label: 'Driver instance up', done: running || cluster.driver !== undefined },
    {
      label: target === 0 ? 'No workers (single node)' : `Workers up: ${Math.min(up, target)} of ${target}`,
      done: running || up >= target,
    },
    { label: 'Running', done: running },
  ];
}

function numberIn(details: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = details?.[key];
  return typeof value === 'number' ? value : undefined;
}

/** One line of the event log, in words. */
export function describeEvent(event: ClusterEvent): string {
  const details = event.details;
  const target = numberIn(details, 'target_num_workers');
  const current = numberIn(details, 'current_num_workers');
  const workers = (count: number | undefined) => (count === undefined ? 'workers' : plural(count, 'worker'));
  switch (event.type) {
    case 'CREATING': {
      const by = typeof details?.user === 'string' ? ` by ${details.user}` : '';
      return `Creating the cluster with ${workers(target)}${by}`;
    }
    case 'STARTING':
      return `Starting the cluster with ${workers(target)}`;
    case 'RESTARTING':
      return 'Restarting the cluster';
    case 'RUNNING':
      return `The cluster is running with ${workers(current)}`;
    case 'RESIZING': {
      const cause = typeof details?.cause === 'string' ? ` (${details.cause.toLowerCase()})` : '';
      return `Resizing from ${workers(current)} to ${workers(target)}${cause}`;
    }
    case 'UPSIZE_COMPLETED':
      return `Upsize completed: ${workers(current)}`;
    case 'NODES_LOST':
      return `Lost instance ${String(details?.node_id ?? '')}`.trim();
    case 'TERMINATING': {
      const reason = details?.reason as { code?: string } | undefined;
      return reason?.code ? `Terminating the cluster: ${reason.code}` : 'Terminating the cluster';
    }
    case 'DRIVER_HEALTHY':
      return 'The driver is healthy';
    case 'DRIVER_NOT_RESPONDING':
      return 'The driver is not responding';
    default:
      return details ? JSON.stringify(details) : '';
  }
}
