import { accrue, usageRate } from '@brickyard/common/cost';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { ClusterMetrics, scaleDirection, startDurationMs } from './cluster-metrics.js';
import type { ClusterEvent } from './cluster-type.js';

const event = (type: string, timestamp: number, details?: Record<string, unknown>): ClusterEvent => ({
  clusterId: 'c',
  timestamp,
  type,
  ...(details ? { details } : {}),
});

describe('scaleDirection', () => {
  it.each([
    {
      name: 'a resize to more workers is up',
      e: event('RESIZING', 1, { current_num_workers: 1, target_num_workers: 3 }),
      want: 'up',
    },
    {
      name: 'a resize to fewer workers is down',
      e: event('RESIZING', 1, { current_num_workers: 3, target_num_workers: 1 }),
      want: 'down',
    },
    {
      name: 'a resize to the same size is neither',
      e: event('RESIZING', 1, { current_num_workers: 2, target_num_workers: 2 }),
      want: undefined,
    },
    {
      name: 'another event is not a resize',
      e: event('RUNNING', 1, { current_num_workers: 1, target_num_workers: 3 }),
      want: undefined,
    },
  ])('$name', ({ e, want }) => {
    expect(scaleDirection(e)).toBe(want);
  });
});

describe('startDurationMs', () => {
  it.each([
    { name: 'creation to running', history: [event('CREATING', 100), event('RUNNING', 400)], want: 300 },
    {
      name: 'the latest start counts, not the creation',
      history: [
        event('CREATING', 100),
        event('RUNNING', 200),
        event('TERMINATING', 300),
        event('STARTING', 1_000),
        event('RUNNING', 1_250),
      ],
      want: 250,
    },
    {
      name: 'a restart to running',
      history: [event('RUNNING', 0), event('RESTARTING', 500), event('RUNNING', 900)],
      want: 400,
    },
    { name: 'no start in the history', history: [event('RUNNING', 900)], want: undefined },
  ])('$name', ({ history, want }) => {
    expect(startDurationMs(history, history.at(-1) as ClusterEvent)).toBe(want);
  });
});

async function sample(registry: Registry, name: string): Promise<Record<string, number>> {
  const metric = (await registry.getMetricsAsJSON()).find((m) => m.name === name);
  return Object.fromEntries(
    (metric?.values ?? []).map((value) => [JSON.stringify(value.labels), value.value] as [string, number]),
  );
}

describe('ClusterMetrics', () => {
  const hour = 3_600_000;
  let now = 0;
  const registry = new Registry();
  const metrics = new ClusterMetrics(registry, () => now);
  const usage = accrue(undefined, usageRate(['i3.xlarge'], 'JOBS'), 'JOBS', 0);
  metrics.observe('ns/a', {
    workspaceId: '7',
    clusterId: 'a',
    state: 'RUNNING',
    desiredWorkers: 2,
    readyWorkers: 1,
    usage,
  });
  metrics.observe('ns/b', {
    workspaceId: '7',
    clusterId: 'b',
    state: 'RUNNING',
    desiredWorkers: 0,
    readyWorkers: 0,
    usage,
  });

  it('counts clusters by state, every state present', async () => {
    const states = await sample(registry, 'brickyard_operator_clusters');
    expect(states['{"state":"RUNNING"}']).toBe(2);
    expect(states['{"state":"ERROR"}']).toBe(0);
    expect(states['{"state":"UNKNOWN"}']).toBeUndefined();
  });

  it('reports desired and running workers per cluster', async () => {
    expect(await sample(registry, 'brickyard_operator_cluster_workers_desired')).toMatchObject({
      '{"workspace_id":"7","cluster_id":"a"}': 2,
    });
    expect(await sample(registry, 'brickyard_operator_cluster_workers_running')).toMatchObject({
      '{"workspace_id":"7","cluster_id":"a"}': 1,
    });
  });

  it('grows the cost between reconciles at the recorded rate, per cluster and per workspace', async () => {
    now = 2 * hour;
    const clusters = await sample(registry, 'brickyard_cost_cluster_dbus');
    expect(clusters['{"workspace_id":"7","cluster_id":"a","workload":"JOBS"}']).toBeCloseTo(2, 10);
    const workspaces = await sample(registry, 'brickyard_cost_workspace_dollars');
    const perCluster = (await sample(registry, 'brickyard_cost_cluster_dollars'))[
      '{"workspace_id":"7","cluster_id":"a","workload":"JOBS"}'
    ];
    expect(workspaces['{"workspace_id":"7"}']).toBeCloseTo(2 * (perCluster ?? 0), 10);
  });

  it('counts resizes by direction and start durations from the events a reconcile adds', async () => {
    const history = [event('CREATING', 0), event('RUNNING', 1_500)];
    metrics.recordEvents(history, [event('RESIZING', 2, { current_num_workers: 1, target_num_workers: 2 })]);
    metrics.recordEvents(history, [history[1] as ClusterEvent]);
    expect(await sample(registry, 'brickyard_operator_cluster_scale_events_total')).toEqual({
      '{"direction":"up"}': 1,
      '{"direction":"down"}': 0,
    });
    const durations = await sample(registry, 'brickyard_operator_cluster_start_duration_seconds');
    expect(durations['{"le":2.5}']).toBe(1);
    expect(durations['{"le":1}']).toBe(0);
  });

  it('reports nothing of a cluster it forgot, and nothing at all once cleared', async () => {
    metrics.forget('ns/b');
    expect(Object.keys(await sample(registry, 'brickyard_operator_cluster_workers_desired'))).toHaveLength(1);
    metrics.clear();
    expect(await sample(registry, 'brickyard_operator_cluster_workers_desired')).toEqual({});
  });
});
