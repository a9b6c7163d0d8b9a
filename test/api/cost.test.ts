import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/support/wait-for.js';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** Cost emulation, Brickyard's extension under /api/2.0/brickyard. */
let api: TestApp;
let workspace: TestWorkspace;

const COST_FIELDS = [
  'as_of',
  'cluster_id',
  'cluster_name',
  'dbu_dollars',
  'dbus',
  'dollars_per_dbu',
  'ec2_dollars',
  'estimate',
  'hourly_dollars',
  'instances',
  'total_dollars',
  'workload',
];

interface ClusterCost {
  cluster_id: string;
  cluster_name?: string;
  workload: string;
  total_dollars: number;
  hourly_dollars: number;
  dollars_per_dbu: number;
  as_of: number;
  estimate: true;
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-cost');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('workspace/cost', () => {
  it('answers zero for a workspace without clusters or warehouses, marked as an estimate', async () => {
    const response = await workspace.admin('GET', '/api/2.0/brickyard/workspace/cost');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      total_dollars: 0,
      hourly_dollars: 0,
      clusters: [],
      warehouses: [],
      estimate: true,
    });
  });
});

describe('clusters/cost', () => {
  let clusterId: string;

  beforeAll(async () => {
    const created = await workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: { cluster_name: 'priced', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0 },
    });
    expect(created.status, created.text).toBe(200);
    clusterId = created.body.cluster_id;
    await workspace.admin('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } });
  });

  it("answers a cluster's cost with every figure, as all-purpose compute", async () => {
    const before = Date.now();
    const response = await workspace.admin<ClusterCost>('GET', '/api/2.0/brickyard/clusters/cost', {
      query: { cluster_id: clusterId },
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(COST_FIELDS);
    expect(response.body).toMatchObject({
      cluster_id: clusterId,
      cluster_name: 'priced',
      workload: 'ALL_PURPOSE',
      dollars_per_dbu: 0.55,
      estimate: true,
    });
    expect(response.body.total_dollars).toBeGreaterThanOrEqual(0);
    expect(response.body.as_of).toBeGreaterThanOrEqual(before - 60_000);
  });

  it('counts the cluster in the workspace total', async () => {
    const response = await workspace.admin<{ clusters: ClusterCost[]; total_dollars: number }>(
      'GET',
      '/api/2.0/brickyard/workspace/cost',
    );
    expect(response.body.clusters.map((cluster) => cluster.cluster_id)).toEqual([clusterId]);
    expect(response.body.total_dollars).toBeCloseTo(response.body.clusters[0]?.total_dollars ?? -1, 6);
  });

  it('answers a missing cluster as clusters/get does, and a missing cluster_id with 400', async () => {
    const missing = await workspace.admin('GET', '/api/2.0/brickyard/clusters/cost', {
      query: { cluster_id: '0101-000000-missing0' },
    });
    expectDatabricksError(
      missing,
      400,
      'INVALID_PARAMETER_VALUE',
      'Cluster 0101-000000-missing0 does not exist',
    );
    const none = await workspace.admin('GET', '/api/2.0/brickyard/clusters/cost');
    expectDatabricksError(none, 400, 'INVALID_PARAMETER_VALUE', /cluster_id/);
  });

  it('answers a cluster of another workspace as missing', async () => {
    const response = await api.as(api.env.workspaceToken)('GET', '/api/2.0/brickyard/clusters/cost', {
      query: { cluster_id: clusterId },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

interface CostHistory {
  points: { time: number; total_dollars: number }[];
  step_seconds: number;
  estimate: true;
}

describe('cost over time (…/cost/history, from Prometheus)', () => {
  let clusterId: string;
  const since = Date.now() - 60_000;

  beforeAll(async () => {
    const created = await workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: { cluster_name: 'priced over time', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0 },
    });
    expect(created.status, created.text).toBe(200);
    clusterId = created.body.cluster_id;
    await waitFor(
      `cluster ${clusterId} to be RUNNING`,
      async () => {
        const got = await workspace.admin<{ state: string }>('GET', '/api/2.1/clusters/get', {
          query: { cluster_id: clusterId },
        });
        return got.body.state === 'RUNNING' ? true : undefined;
      },
      { timeoutMs: 120_000 },
    );
  });

  afterAll(async () => {
    await workspace.admin('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } });
  });

  /** History points once Prometheus has scraped the cluster's cost (every 2 s here). */
  const scraped = (path: string, query: Record<string, string> = {}) =>
    waitFor(
      `${path} to have points`,
      async () => {
        const response = await workspace.admin<CostHistory>('GET', path, {
          query: { start_time: String(since), ...query },
        });
        expect(response.status, response.text).toBe(200);
        return response.body.points.length > 0 ? response.body : undefined;
      },
      { timeoutMs: 60_000, hint: 'is Prometheus scraping the operator? make -C /work/main status' },
    );

  it("answers the workspace's running total as ascending points, an estimate", async () => {
    const history = await scraped('/api/2.0/brickyard/workspace/cost/history');
    expect(history.estimate).toBe(true);
    expect(history.step_seconds).toBe(15);
    const times = history.points.map((point) => point.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    for (const point of history.points) {
      expect(point.time).toBeGreaterThanOrEqual(since);
      expect(point.total_dollars).toBeGreaterThanOrEqual(0);
    }
  });

  it("answers one cluster's history, and refuses a missing cluster or a reversed window", async () => {
    const history = await scraped('/api/2.0/brickyard/clusters/cost/history', { cluster_id: clusterId });
    expect(history.points.at(-1)?.total_dollars).toBeGreaterThanOrEqual(0);
    const missing = await workspace.admin('GET', '/api/2.0/brickyard/clusters/cost/history', {
      query: { cluster_id: '0101-000000-missing0' },
    });
    expectDatabricksError(
      missing,
      400,
      'INVALID_PARAMETER_VALUE',
      'Cluster 0101-000000-missing0 does not exist',
    );
    const reversed = await workspace.admin('GET', '/api/2.0/brickyard/workspace/cost/history', {
      query: { start_time: String(Date.now()), end_time: String(Date.now() - 60_000) },
    });
    expectDatabricksError(reversed, 400, 'INVALID_PARAMETER_VALUE', /before end_time/);
  });

  it("shows no workspace another workspace's cost", async () => {
    const other = await api.as(api.env.workspaceToken)<CostHistory>(
      'GET',
      '/api/2.0/brickyard/clusters/cost/history',
      {
        query: { cluster_id: clusterId },
      },
    );
    expectDatabricksError(other, 400, 'INVALID_PARAMETER_VALUE');
  });
});
