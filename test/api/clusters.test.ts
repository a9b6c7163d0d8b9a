import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** The Clusters API's request/response contract (/api/2.0 and /api/2.1). */
let api: TestApp;
let workspace: TestWorkspace;

const CLUSTER_STATES = [
  'PENDING',
  'RUNNING',
  'RESTARTING',
  'RESIZING',
  'TERMINATING',
  'TERMINATED',
  'ERROR',
  'UNKNOWN',
];
const SPARK_VERSION = '19.3.x-no-spark-scala2.13';
const MISSING = '0101-000000-missing0';

interface Details {
  cluster_id: string;
  cluster_name?: string;
  spark_version: string;
  node_type_id: string;
  driver_node_type_id: string;
  num_workers?: number;
  autoscale?: { min_workers: number; max_workers: number };
  state: string;
  state_message: string;
  creator_user_name: string;
  cluster_source: string;
  default_tags: Record<string, string>;
  spec: Body;
}

/** One cluster for the whole file, terminated at once so that the operator starts little. */
let clusterId: string;

const create = (body: unknown) =>
  workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', { body });
const get = (id: string, version = '2.1') =>
  workspace.admin<Details>('GET', `/api/${version}/clusters/get`, { query: { cluster_id: id } });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-clusters');
  const created = await create({
    cluster_name: 'contract',
    spark_version: SPARK_VERSION,
    num_workers: 0,
    custom_tags: { team: 'lake' },
  });
  expect(created.status, created.text).toBe(200);
  clusterId = created.body.cluster_id;
  expect(
    (await workspace.admin('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } })).status,
  ).toBe(200);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('clusters/create', () => {
  it('answers a cluster id in the Databricks form', () => {
    expect(clusterId).toMatch(/^\d{4}-\d{6}-[a-z0-9]{8}$/);
  });

  it.each<[string, unknown, RegExp?]>([
    ['a missing spark_version', { cluster_name: 'x', num_workers: 0 }, /spark_version/],
    ['num_workers of the wrong type', { spark_version: SPARK_VERSION, num_workers: 'many' }, /num_workers/],
    ['a negative num_workers', { spark_version: SPARK_VERSION, num_workers: -1 }],
    ['an unknown runtime', { spark_version: '1.0.x-scala2.10' }, /Invalid spark version/],
    ['an unknown node type', { spark_version: SPARK_VERSION, node_type_id: 'z9.huge' }, /Node type z9.huge/],
    [
      'both a size and autoscale',
      { spark_version: SPARK_VERSION, num_workers: 1, autoscale: { min_workers: 1, max_workers: 2 } },
      /Only one of num_workers or autoscale/,
    ],
    [
      'autoscale without max_workers',
      { spark_version: SPARK_VERSION, autoscale: { min_workers: 1 } },
      /max_workers/,
    ],
    ['auto-termination under ten minutes', { spark_version: SPARK_VERSION, autotermination_minutes: 3 }],
    ['custom_tags that are not a map of strings', { spark_version: SPARK_VERSION, custom_tags: ['a'] }],
    ['an array for a body', [{ spark_version: SPARK_VERSION }]],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    expectDatabricksError(await create(body), 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it("refuses a cluster too large to store with 400, not the apiserver's 500", async () => {
    const response = await create({
      spark_version: SPARK_VERSION,
      custom_tags: { big: 'x'.repeat(2 * 1024 * 1024) },
    });
    expectDatabricksError(
      response,
      400,
      'INVALID_PARAMETER_VALUE',
      /The cluster is \d+ bytes as stored, over the limit/,
    );
  });

  it('refuses malformed JSON and an empty body with 400 MALFORMED_REQUEST', async () => {
    for (const rawBody of ['{"spark_version": ', '']) {
      const response = await workspace.admin('POST', '/api/2.1/clusters/create', { rawBody });
      expectDatabricksError(response, 400, 'MALFORMED_REQUEST', /Invalid JSON/);
    }
  });

  it('refuses a form body with 415', async () => {
    const response = await workspace.admin('POST', '/api/2.1/clusters/create', {
      rawBody: `spark_version=${SPARK_VERSION}`,
      contentType: 'application/x-www-form-urlencoded',
    });
    expectDatabricksError(response, 415, 'BAD_REQUEST');
  });
});

describe('clusters/get', () => {
  it('returns the details the SDK reads, with defaults filled in and Databricks tags', async () => {
    const response = await get(clusterId);
    expect(response.status).toBe(200);
    const details = response.body;
    expect(details).toMatchObject({
      cluster_id: clusterId,
      cluster_name: 'contract',
      spark_version: SPARK_VERSION,
      node_type_id: expect.any(String),
      driver_node_type_id: expect.any(String),
      num_workers: 0,
      custom_tags: { team: 'lake' },
      state_message: expect.any(String),
      creator_user_name: expect.any(String),
      cluster_source: 'API',
      default_tags: {
        Vendor: 'Databricks',
        Creator: details.creator_user_name,
        ClusterName: 'contract',
        ClusterId: clusterId,
      },
      spec: { cluster_name: 'contract', spark_version: SPARK_VERSION, num_workers: 0 },
    });
    expect(CLUSTER_STATES).toContain(details.state);
    // The API's own controls never show.
    for (const field of ['desired_state', 'restart_generation', 'pinned', 'desiredState']) {
      expect(details).not.toHaveProperty(field);
      expect(details.spec).not.toHaveProperty(field);
    }
  });

  it('answers the same under /api/2.0', async () => {
    expect((await get(clusterId, '2.0')).body).toEqual((await get(clusterId)).body);
  });

  it('answers a missing cluster with 400 INVALID_PARAMETER_VALUE, as Databricks does', async () => {
    expectDatabricksError(
      await get(MISSING),
      400,
      'INVALID_PARAMETER_VALUE',
      `Cluster ${MISSING} does not exist`,
    );
  });

  it('answers a cluster of another workspace as a missing one', async () => {
    const response = await api.as(api.env.workspaceToken)('GET', '/api/2.1/clusters/get', {
      query: { cluster_id: clusterId },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', `Cluster ${clusterId} does not exist`);
  });

  it('refuses a request without cluster_id with 400', async () => {
    expectDatabricksError(
      await workspace.admin('GET', '/api/2.1/clusters/get'),
      400,
      'INVALID_PARAMETER_VALUE',
      /cluster_id/,
    );
  });
});

describe('clusters/list', () => {
  it('lists the clusters of the workspace with their details', async () => {
    const response = await workspace.admin<{ clusters: Details[] }>('GET', '/api/2.1/clusters/list');
    expect(response.status).toBe(200);
    expect(response.body.clusters.map((cluster) => cluster.cluster_id)).toEqual([clusterId]);
    expect(response.body.clusters[0]).toEqual((await get(clusterId)).body);
  });

  it('filters by state and pages with tokens', async () => {
    const none = await workspace.admin<{ clusters: Details[] }>('GET', '/api/2.1/clusters/list', {
      query: { 'filter_by.cluster_states': ['RUNNING', 'PENDING'] },
    });
    expect(none.status).toBe(200);
    expect(none.body.clusters).toEqual([]);
    const page = await workspace.admin<{ clusters: Details[]; next_page_token?: string }>(
      'GET',
      '/api/2.1/clusters/list',
      { query: { page_size: 1 } },
    );
    expect(page.body.clusters).toHaveLength(1);
    expect(page.body.next_page_token).toBeUndefined();
  });

  it.each<[string, Record<string, string | number>]>([
    ['an unknown state', { 'filter_by.cluster_states': 'SLEEPING' }],
    ['a page size of 0', { page_size: 0 }],
    ['a page size that is no number', { page_size: 'ten' }],
    ['a page token it never gave', { page_token: 'not-a-token' }],
    ['an unknown sort field', { 'sort_by.field': 'COST' }],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, query) => {
    const response = await workspace.admin('GET', '/api/2.1/clusters/list', { query });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('the lifecycle actions', () => {
  it('answers {} to delete, pin and unpin', async () => {
    for (const action of ['delete', 'pin', 'unpin']) {
      const response = await workspace.admin('POST', `/api/2.1/clusters/${action}`, {
        body: { cluster_id: clusterId },
      });
      expect({ action, status: response.status, body: response.body }).toEqual({
        action,
        status: 200,
        body: {},
      });
    }
  });

  it('shows a terminated cluster as TERMINATING or TERMINATED at once', async () => {
    expect(['TERMINATING', 'TERMINATED']).toContain((await get(clusterId)).body.state);
  });

  it.each<[string, Body]>([
    ['resize', { num_workers: 2 }],
    ['restart', {}],
  ])('refuses to %s a terminated cluster with 400 INVALID_STATE', async (action, extra) => {
    const response = await workspace.admin('POST', `/api/2.1/clusters/${action}`, {
      body: { cluster_id: clusterId, ...extra },
    });
    expectDatabricksError(response, 400, 'INVALID_STATE', /unexpected state/);
  });

  it('refuses a resize that says neither num_workers nor autoscale, or both', async () => {
    for (const extra of [{}, { num_workers: 1, autoscale: { min_workers: 1, max_workers: 2 } }]) {
      const response = await workspace.admin('POST', '/api/2.1/clusters/resize', {
        body: { cluster_id: clusterId, ...extra },
      });
      expectDatabricksError(
        response,
        400,
        'INVALID_PARAMETER_VALUE',
        /Exactly one of num_workers or autoscale/,
      );
    }
  });

  it.each(['edit', 'start', 'restart', 'resize', 'delete', 'permanent-delete', 'pin', 'unpin', 'events'])(
    'answers %s of a missing cluster with 400 INVALID_PARAMETER_VALUE',
    async (action) => {
      const body: Body = { cluster_id: MISSING };
      if (action === 'edit') body.spark_version = SPARK_VERSION;
      if (action === 'resize') body.num_workers = 1;
      const response = await workspace.admin('POST', `/api/2.1/clusters/${action}`, { body });
      expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', `Cluster ${MISSING} does not exist`);
    },
  );

  it.each(['start', 'restart', 'delete', 'permanent-delete', 'pin', 'unpin', 'events'])(
    'refuses %s without a cluster_id with 400',
    async (action) => {
      const response = await workspace.admin('POST', `/api/2.1/clusters/${action}`, { body: {} });
      expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', /cluster_id/);
    },
  );
});

describe('clusters/events', () => {
  it('answers the events of a cluster, newest first, with a total count', async () => {
    const response = await workspace.admin<{
      events: { cluster_id: string; timestamp: number; type: string }[];
      total_count: number;
    }>('POST', '/api/2.1/clusters/events', { body: { cluster_id: clusterId } });
    expect(response.status).toBe(200);
    expect(response.body.total_count).toBe(response.body.events.length);
    const times = response.body.events.map((event) => event.timestamp);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.each<[string, Body]>([
    ['an unknown order', { order: 'SIDEWAYS' }],
    ['a page size over 500', { page_size: 501 }],
    ['a negative offset', { offset: -1 }],
    ['a page token it never gave', { page_token: '!!' }],
  ])('refuses %s with 400', async (_case, extra) => {
    const response = await workspace.admin('POST', '/api/2.1/clusters/events', {
      body: { cluster_id: clusterId, ...extra },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('the catalog', () => {
  it('lists node types with the fields the SDK selects on', async () => {
    const response = await workspace.admin<{ node_types: Body[] }>(
      'GET',
      '/api/2.1/clusters/list-node-types',
    );
    expect(response.status).toBe(200);
    expect(response.body.node_types.length).toBeGreaterThan(0);
    for (const type of response.body.node_types) {
      expect(type).toMatchObject({
        node_type_id: expect.any(String),
        memory_mb: expect.any(Number),
        num_cores: expect.any(Number),
        is_deprecated: false,
        node_instance_type: { instance_type_id: type.node_type_id },
      });
    }
  });

  it('lists the Spark runtime versions as key and name, never the no-Spark test runtime', async () => {
    const response = await workspace.admin<{ versions: { key: string; name: string }[] }>(
      'GET',
      '/api/2.1/clusters/spark-versions',
    );
    expect(response.status).toBe(200);
    const keys = response.body.versions.map((version) => version.key);
    expect(keys).toContain('19.3.x-scala2.13');
    expect(keys).not.toContain(SPARK_VERSION);
    for (const version of response.body.versions)
      expect(Object.keys(version).sort()).toEqual(['key', 'name']);
  });

  it('lists zones with a default among them', async () => {
    const response = await workspace.admin<{ zones: string[]; default_zone: string }>(
      'GET',
      '/api/2.1/clusters/list-zones',
    );
    expect(response.status).toBe(200);
    expect(response.body.zones).toContain(response.body.default_zone);
  });
});

describe('clusters/permanent-delete', () => {
  it('removes the cluster: {} and then it does not exist, a second delete neither', async () => {
    const removed = await workspace.admin('POST', '/api/2.1/clusters/permanent-delete', {
      body: { cluster_id: clusterId },
    });
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({});
    expectDatabricksError(await get(clusterId), 400, 'INVALID_PARAMETER_VALUE');
    const again = await workspace.admin('POST', '/api/2.1/clusters/permanent-delete', {
      body: { cluster_id: clusterId },
    });
    expectDatabricksError(again, 400, 'INVALID_PARAMETER_VALUE', `Cluster ${clusterId} does not exist`);
  });
});
