import { WorkspaceKind } from '@brickyard/common/crd';
import { loadKubeConfig, mergePatch } from '@brickyard/common/kube';
import { GROUP, VERSION, workspaceResourceName } from '@brickyard/common/vocabulary';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { afterEach, describe, expect, it } from 'vitest';
import { clientFor, eventually, readApiEnv } from './support/api-client.js';
import { waitFor } from './support/wait-for.js';
import { dedicatedWorkspace } from './support/workspaces.js';

const env = readApiEnv();
const admin = clientFor(env.host, env.workspaceToken);
const created: string[] = [];

interface Details {
  cluster_id: string;
  cluster_name: string;
  state: string;
  num_workers?: number;
  autoscale?: { min_workers: number; max_workers: number };
  spec: Record<string, unknown>;
}

async function createCluster(body: Record<string, unknown>): Promise<string> {
  const response = await admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: { spark_version: '19.3.x-no-spark-scala2.13', ...body },
  });
  expect(response.status).toBe(200);
  created.push(response.body.cluster_id);
  return response.body.cluster_id;
}

const get = (clusterId: string) =>
  admin<Details>('GET', '/api/2.1/clusters/get', { query: { cluster_id: clusterId } });

// Each test removes its clusters, so that a later test's cluster finds instances free.
afterEach(async () => {
  for (const clusterId of created.splice(0)) {
    await admin('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } });
  }
});

describe('clusters through the REST API', () => {
  it('reads its own writes: a get and a list right after each create see the cluster', async () => {
    for (let i = 0; i < 10; i++) {
      const clusterId = await createCluster({ cluster_name: `ryw-${i}`, num_workers: 0 });
      const got = await get(clusterId);
      expect(got.status).toBe(200);
      expect(got.body.cluster_name).toBe(`ryw-${i}`);
      const listed = await admin<{ clusters: Details[] }>('GET', '/api/2.1/clusters/list');
      expect(listed.body.clusters.map((c) => c.cluster_id)).toContain(clusterId);
    }
  });

  it('serves the same handlers under /api/2.0 and /api/2.1', async () => {
    const clusterId = await createCluster({ cluster_name: 'versions', num_workers: 1 });
    const old = await admin<Details>('GET', '/api/2.0/clusters/get', { query: { cluster_id: clusterId } });
    expect(old.body).toEqual((await get(clusterId)).body);
  });

  it('returns the attributes it was given, with defaults and Databricks tags', async () => {
    const clusterId = await createCluster({
      cluster_name: 'details',
      autoscale: { min_workers: 1, max_workers: 4 },
      custom_tags: { cost_center: 'lake' },
      spark_conf: { 'spark.sql.shuffle.partitions': '8' },
      aws_attributes: { availability: 'SPOT_WITH_FALLBACK', first_on_demand: 1 },
    });
    const { body } = await get(clusterId);
    expect(body).toMatchObject({
      cluster_id: clusterId,
      node_type_id: 'm5d.large',
      autoscale: { min_workers: 1, max_workers: 4 },
      custom_tags: { cost_center: 'lake' },
      spark_conf: { 'spark.sql.shuffle.partitions': '8' },
      aws_attributes: { availability: 'SPOT_WITH_FALLBACK', first_on_demand: 1 },
      cluster_source: 'API',
      creator_user_name: 'admin@brickyard.local',
      default_tags: { Vendor: 'Databricks', ClusterId: clusterId, ClusterName: 'details' },
    });
    expect(['PENDING', 'RUNNING']).toContain(body.state);
  });

  it('filters and pages the list', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await createCluster({ cluster_name: `page-${i}`, num_workers: 0 }));
    await admin('POST', '/api/2.1/clusters/pin', { body: { cluster_id: ids[0] } });
    const pinned = await admin<{ clusters: Details[] }>('GET', '/api/2.1/clusters/list', {
      query: { 'filter_by.is_pinned': true },
    });
    expect(pinned.body.clusters.map((c) => c.cluster_id)).toEqual([ids[0]]);
    const seen = new Set<string>();
    let token: string | undefined;
    do {
      const page = await admin<{ clusters: Details[]; next_page_token?: string }>(
        'GET',
        '/api/2.1/clusters/list',
        {
          query: { page_size: 2, ...(token ? { page_token: token } : {}) },
        },
      );
      expect(page.body.clusters.length).toBeLessThanOrEqual(2);
      for (const cluster of page.body.clusters) seen.add(cluster.cluster_id);
      token = page.body.next_page_token;
    } while (token);
    for (const id of ids) expect(seen).toContain(id);
  });

  it('terminates with delete, keeping the configuration, and removes with permanent-delete', async () => {
    const clusterId = await createCluster({ cluster_name: 'doomed', num_workers: 0 });
    expect(
      (await admin('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } })).status,
    ).toBe(200);
    expect((await get(clusterId)).body.cluster_name).toBe('doomed');
    await admin('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } });
    const gone = await get(clusterId);
    expect(gone.status).toBe(400);
    expect(gone.body).toMatchObject({ message: `Cluster ${clusterId} does not exist` });
  });

  it('refuses to start a cluster that is not terminated with INVALID_STATE', async () => {
    const clusterId = await createCluster({ cluster_name: 'already-on', num_workers: 0 });
    const started = await admin('POST', '/api/2.1/clusters/start', { body: { cluster_id: clusterId } });
    expect(started.status).toBe(400);
    expect(started.body.error_code).toBe('INVALID_STATE');
    expect(String(started.body.message)).toMatch(/unexpected state (PENDING|RUNNING)/);
  });

  it('answers a lifecycle call once the operator has published the transition it asked for', async () => {
    const clusterId = await createCluster({ cluster_name: 'transitions', num_workers: 0 });
    expect(['PENDING', 'RUNNING']).toContain((await get(clusterId)).body.state);
    const stateIs = (wanted: string) => () =>
      waitFor(`cluster ${clusterId} ${wanted}`, async () =>
        (await get(clusterId)).body.state === wanted ? true : undefined,
      );
    await stateIs('RUNNING')();
    // The state is the operator's: each answer comes after it has published the transition.
    const call = (action: string) =>
      admin('POST', `/api/2.1/clusters/${action}`, { body: { cluster_id: clusterId } });
    expect((await call('restart')).status).toBe(200);
    expect((await get(clusterId)).body.state).toBe('RESTARTING');
    await stateIs('RUNNING')();
    expect((await call('delete')).status).toBe(200);
    expect(['TERMINATING', 'TERMINATED']).toContain((await get(clusterId)).body.state);
    await stateIs('TERMINATED')();
    expect((await call('start')).status).toBe(200);
    expect((await get(clusterId)).body.state).toBe('PENDING');
  });

  it('refuses autoscale bounds that are equal, as Databricks does', async () => {
    const response = await admin('POST', '/api/2.1/clusters/create', {
      body: { spark_version: '19.3.x-no-spark-scala2.13', autoscale: { min_workers: 2, max_workers: 2 } },
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'autoscale.max_workers must be greater than autoscale.min_workers',
    });
  });

  it('lists node types and runtimes the SDK helpers can choose from', async () => {
    const types = await admin<{
      node_types: { node_type_id: string; num_cores: number; memory_mb: number }[];
    }>('GET', '/api/2.1/clusters/list-node-types');
    expect(types.body.node_types.find((t) => t.node_type_id === 'm5d.large')).toMatchObject({
      num_cores: 2,
      memory_mb: 8192,
    });
    const versions = await admin<{ versions: { key: string; name: string }[] }>(
      'GET',
      '/api/2.1/clusters/spark-versions',
    );
    expect(versions.body.versions).toContainEqual({
      key: '19.3.x-scala2.13',
      name: '19.3 (includes Apache Spark 4.2.0, Scala 2.13)',
    });
    // The runtime without Spark is for the control plane's own tests: users never see it.
    expect(versions.body.versions.map((version) => version.key)).not.toContain('19.3.x-no-spark-scala2.13');
  });

  it('pages cluster events', async () => {
    const clusterId = await createCluster({ cluster_name: 'events', num_workers: 0 });
    const events = await admin<{ events: unknown[]; total_count: number }>(
      'POST',
      '/api/2.1/clusters/events',
      {
        body: { cluster_id: clusterId, order: 'ASC', limit: 10 },
      },
    );
    expect(events.status).toBe(200);
    expect(events.body.total_count).toBe(events.body.events.length);
  });
});

describe("a workspace's max_clusters", () => {
  it('lets exactly the allowed number of concurrent creates through and refuses the rest with QUOTA_EXCEEDED', async () => {
    const workspace = await dedicatedWorkspace('it-cluster-limit');
    try {
      const kube = loadKubeConfig().makeApiClient(CustomObjectsApi);
      const limitTo = (maxClusters: number) =>
        kube.patchClusterCustomObject(
          {
            group: GROUP,
            version: VERSION,
            plural: WorkspaceKind.plural,
            name: workspaceResourceName(workspace.workspaceId),
            body: { spec: { limits: { maxClusters } } },
          },
          mergePatch,
        );
      const api = clientFor(env.host, workspace.token);
      const create = () =>
        api<{ cluster_id?: string; error_code?: string; message?: string }>(
          'POST',
          '/api/2.1/clusters/create',
          {
            body: { cluster_name: 'limited', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0 },
          },
        );
      const count = async () =>
        (await api<{ clusters?: unknown[] }>('GET', '/api/2.1/clusters/list')).body.clusters?.length ?? 0;

      // The API reads limits from its Workspace cache. A limit of 0 refuses everything once seen;
      // creates that passed before that are counted in.
      await limitTo(0);
      await eventually(async () => ((await create()).status === 400 ? true : undefined), 30_000);
      const allowed = (await count()) + 2;
      await limitTo(allowed);
      // Bursts of 8 concurrent creates: refused while the old limit is cached, then exactly
      // enough of them pass to reach the new one, never more.
      await eventually(async () => {
        await Promise.all(Array.from({ length: 8 }, create));
        const now = await count();
        expect(now).toBeLessThanOrEqual(allowed);
        return now === allowed ? true : undefined;
      }, 30_000);
      const refused = await Promise.all(Array.from({ length: 8 }, create));
      expect(refused.map((answer) => answer.status)).toEqual(Array(8).fill(400));
      expect(refused[0]?.body).toEqual({
        error_code: 'QUOTA_EXCEEDED',
        message: `The workspace allows at most ${allowed} clusters`,
      });
      expect(await count()).toBe(allowed);
    } finally {
      await workspace.remove();
    }
  });
});
