import { type UsageLedger, usageAt } from '@brickyard/common/cost';
import { CLUSTER_STATES } from '@brickyard/common/schema';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { ClusterEventTypes } from './cluster-events.js';
import type { ClusterEvent, ClusterState } from './cluster-type.js';

/** What the metrics know of one cluster, as of its last reconcile. */
export interface ClusterObservation {
  workspaceId: string;
  clusterId: string;
  state: ClusterState | undefined;
  desiredWorkers: number;
  readyWorkers: number;
  usage: UsageLedger | undefined;
}

export type ScaleDirection = 'up' | 'down';

/** Events that begin bringing a cluster up; the RUNNING after one ends the wait. */
const START_EVENTS: ReadonlySet<string> = new Set([
  ClusterEventTypes.creating,
  ClusterEventTypes.starting,
  ClusterEventTypes.restarting,
]);

/** A RESIZING event's direction: its target against the workers it had. */
export function scaleDirection(event: ClusterEvent): ScaleDirection | undefined {
  if (event.type !== ClusterEventTypes.resizing) return undefined;
  const target = Number(event.details?.target_num_workers);
  const current = Number(event.details?.current_num_workers);
  if (!Number.isFinite(target) || !Number.isFinite(current) || target === current) return undefined;
  return target > current ? 'up' : 'down';
}

/** For a RUNNING event, how long ago the cluster began to come up (events oldest first). */
export function startDurationMs(history: readonly ClusterEvent[], running: ClusterEvent): number | undefined {
  if (running.type !== ClusterEventTypes.running) return undefined;
  const began = history.findLast(
    (event) => START_EVENTS.has(event.type) && event.timestamp <= running.timestamp,
  );
  return began ? running.timestamp - began.timestamp : undefined;
}

/** The gauges' states: UNKNOWN is never reported by this operator. */
const REPORTED_STATES = CLUSTER_STATES.filter((state) => state !== 'UNKNOWN');

/**
 * Clusters as Prometheus sees them (brickyard_operator_cluster*, brickyard_cost_*): gauges are
 * computed at scrape time from the last observation of each cluster the leader serves (so a
 * standby reports none, and cost grows between reconciles at the recorded rate); counters and the
 * histogram count the transitions reconciles make. Label sets are bounded by the live clusters.
 */
export class ClusterMetrics {
  private readonly observed = new Map<string, ClusterObservation>();
  private readonly scaleEvents: Counter<'direction'>;
  private readonly startDuration: Histogram;

  constructor(registry: Registry, clock: () => number = Date.now) {
    const registers = [registry];
    registerClusterGauges(registers, this.observed);
    registerCostGauges(registers, this.observed, clock);
    this.scaleEvents = new Counter({
      name: 'brickyard_operator_cluster_scale_events_total',
      help: 'Resizes started, by direction (up, down)',
      labelNames: ['direction'],
      registers,
    });
    for (const direction of ['up', 'down'] as const) this.scaleEvents.inc({ direction }, 0);
    this.startDuration = new Histogram({
      name: 'brickyard_operator_cluster_start_duration_seconds',
      help: 'From a cluster being created, started or restarted to it running',
      buckets: [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300],
      registers,
    });
  }

  observe(key: string, cluster: ClusterObservation): void {
    this.observed.set(key, cluster);
  }

  forget(key: string): void {
    this.observed.delete(key);
  }

  /** Leadership lost: another replica reports from now on. */
  clear(): void {
    this.observed.clear();
  }

  /** Counts what the events a reconcile added say: resizes and start durations. */
  recordEvents(history: readonly ClusterEvent[], added: readonly ClusterEvent[]): void {
    for (const event of added) {
      const direction = scaleDirection(event);
      if (direction) this.scaleEvents.inc({ direction });
      const duration = startDurationMs(history, event);
      if (duration !== undefined) this.startDuration.observe(duration / 1000);
    }
  }
}

type Observations = ReadonlyMap<string, ClusterObservation>;

/** Clusters by state, and the workers each wants and has ready. */
function registerClusterGauges(registers: Registry[], observed: Observations): void {
  const clusterLabels = ['workspace_id', 'cluster_id'] as const;
  new Gauge({
    name: 'brickyard_operator_clusters',
    help: 'Clusters by state',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      for (const state of REPORTED_STATES) this.set({ state }, 0);
      for (const cluster of observed.values()) if (cluster.state) this.inc({ state: cluster.state });
    },
  });
  new Gauge({
    name: 'brickyard_operator_cluster_workers_desired',
    help: 'Workers each cluster wants (its autoscaling target or num_workers)',
    labelNames: clusterLabels,
    registers,
    collect() {
      this.reset();
      for (const { workspaceId, clusterId, desiredWorkers } of observed.values())
        this.set({ workspace_id: workspaceId, cluster_id: clusterId }, desiredWorkers);
    },
  });
  new Gauge({
    name: 'brickyard_operator_cluster_workers_running',
    help: 'Workers of each cluster that run and are ready',
    labelNames: clusterLabels,
    registers,
    collect() {
      this.reset();
      for (const { workspaceId, clusterId, readyWorkers } of observed.values())
        this.set({ workspace_id: workspaceId, cluster_id: clusterId }, readyWorkers);
    },
  });
}

/** What each cluster and workspace has cost, at scrape time from the recorded usage. */
function registerCostGauges(registers: Registry[], observed: Observations, clock: () => number): void {
  const costLabels = ['workspace_id', 'cluster_id', 'workload'] as const;
  const costGauge = (name: string, help: string, value: (totals: ReturnType<typeof usageAt>) => number) =>
    new Gauge({
      name,
      help: `${help} (an estimate from list prices)`,
      labelNames: costLabels,
      registers,
      collect() {
        this.reset();
        const now = clock();
        for (const { workspaceId, clusterId, usage } of observed.values()) {
          if (!usage) continue;
          const totals = usageAt(usage, now);
          this.set(
            { workspace_id: workspaceId, cluster_id: clusterId, workload: totals.workload },
            value(totals),
          );
        }
      },
    });
  costGauge(
    'brickyard_cost_cluster_dollars',
    'Dollars each cluster has cost, EC2 and DBUs',
    (t) => t.totalDollars,
  );
  costGauge('brickyard_cost_cluster_dbus', 'DBUs each cluster has consumed', (t) => t.dbus);
  costGauge(
    'brickyard_cost_cluster_hourly_dollars',
    'Dollars per hour each cluster costs now',
    (t) => t.hourlyDollars,
  );
  new Gauge({
    name: 'brickyard_cost_workspace_dollars',
    help: 'Dollars the clusters of each workspace have cost (an estimate from list prices)',
    labelNames: ['workspace_id'],
    registers,
    collect() {
      this.reset();
      const now = clock();
      for (const { workspaceId, usage } of observed.values())
        if (usage) this.inc({ workspace_id: workspaceId }, usageAt(usage, now).totalDollars);
    },
  });
}
