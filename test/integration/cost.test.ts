import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, eventually, readApiEnv } from './support/api-client.js';
import { dedicatedWorkspace } from './support/workspaces.js';

/**
 * Cost emulation on the real platform: the operator accrues a running cluster's usage in its
 * status, the API answers what it has cost so far, and the operator's metrics say the same.
 */

interface Cost {
  cluster_id: string;
  workload: string;
  instances: number;
  dbus: number;
  total_dollars: number;
  hourly_dollars: number;
  estimate: boolean;
}

const operatorMetricsUrl = `http://127.0.0.1:${process.env.OPERATOR_PORT ?? '18081'}/metrics`;
const workspace = await dedicatedWorkspace('cost');
const env = readApiEnv();
const api = clientFor(env.host, workspace.token);

afterAll(async () => {
  await workspace.remove();
});

async function runningCluster(numWorkers: number): Promise<string> {
  const created = await api<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: {
      cluster_name: 'priced',
      spark_version: '19.3.x-no-spark-scala2.13',
      node_type_id: 'i3.xlarge',
      num_workers: numWorkers,
    },
  });
  expect(created.status).toBe(200);
  const clusterId = created.body.cluster_id;
  await eventually(async () => {
    const got = await api<{ state: string }>('GET', '/api/2.1/clusters/get', {
      query: { cluster_id: clusterId },
    });
    return got.body.state === 'RUNNING' ? true : undefined;
  }, 60_000);
  return clusterId;
}

const costOf = (clusterId: string) =>
  api<Cost>('GET', '/api/2.0/brickyard/clusters/cost', { query: { cluster_id: clusterId } });

describe('cost emulation', () => {
  it('charges a running cluster for each of its instances, and the total grows while it runs', async () => {
    const clusterId = await runningCluster(2);
    const first = await eventually(async () => {
      const cost = await costOf(clusterId);
      return cost.body.instances === 3 ? cost.body : undefined;
    });
    expect(first).toMatchObject({ cluster_id: clusterId, workload: 'ALL_PURPOSE', estimate: true });
    // Three i3.xlarge: 3 x ($0.312 EC2 + 1 DBU x $0.55) per hour.
    expect(first.hourly_dollars).toBeCloseTo(3 * (0.312 + 0.55), 6);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = (await costOf(clusterId)).body;
    expect(later.total_dollars).toBeGreaterThan(first.total_dollars);
    expect(later.dbus).toBeGreaterThan(first.dbus);

    const workspaceCost = await api<{ total_dollars: number; clusters: Cost[] }>(
      'GET',
      '/api/2.0/brickyard/workspace/cost',
    );
    expect(workspaceCost.body.clusters.map((cluster) => cluster.cluster_id)).toEqual([clusterId]);
    expect(workspaceCost.body.total_dollars).toBeGreaterThanOrEqual(later.total_dollars);

    const metrics = await (await fetch(operatorMetricsUrl)).text();
    const line = metrics
      .split('\n')
      .find((text) => text.startsWith('brickyard_cost_cluster_dollars{') && text.includes(clusterId));
    expect(line).toContain(`workspace_id="${workspace.workspaceId}"`);
    expect(Number(line?.split(' ').at(-1))).toBeGreaterThan(0);
  });

  it('stops charging once the cluster is terminated', async () => {
    const clusterId = await runningCluster(0);
    await api('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } });
    const stopped = await eventually(async () => {
      const cost = await costOf(clusterId);
      return cost.body.instances === 0 ? cost.body : undefined;
    });
    expect(stopped.total_dollars).toBeGreaterThan(0);
    expect(stopped.hourly_dollars).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await costOf(clusterId)).body.total_dollars).toBe(stopped.total_dollars);
  });

  it('answers a missing cluster in the Databricks error form', async () => {
    const missing = await costOf('0000-000000-missing0');
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error_code: 'INVALID_PARAMETER_VALUE' });
  });
});
