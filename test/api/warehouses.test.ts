import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DatabricksError } from '../../services/api/src/errors/databricks-error.js';
import { warehouseDriver } from '../../services/api/src/routes/sql/warehouses/warehouse-driver.js';
import { waitFor } from '../integration/support/wait-for.js';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The SQL Warehouses API's request/response contract (/api/2.0/sql/warehouses), on the platform's
 * operator. One warehouse for the whole file, stopped at once so that its Spark starts little.
 */
let api: TestApp;
let workspace: TestWorkspace;
let warehouseId: string;

const STATES = ['STARTING', 'RUNNING', 'STOPPING', 'STOPPED', 'DELETING', 'DELETED'];
const MISSING = 'ffffffffffffffff';
const BASE = '/api/2.0/sql/warehouses';

interface Info {
  id: string;
  name: string;
  cluster_size: string;
  state: string;
  num_clusters: number;
  odbc_params: Body;
  jdbc_url: string;
  health: Body;
  [field: string]: unknown;
}

const create = (body: unknown) => workspace.admin<{ id: string }>('POST', BASE, { body });
const get = (id: string) => workspace.admin<Info>('GET', `${BASE}/${id}`);
const action = (id: string, verb: 'start' | 'stop') =>
  workspace.admin('POST', `${BASE}/${id}/${verb}`, { body: {} });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-warehouses');
  const created = await create({
    name: 'contract',
    cluster_size: '2X-Small',
    auto_stop_mins: 10,
    tags: { custom_tags: [{ key: 'team', value: 'lake' }] },
  });
  expect(created.status, created.text).toBe(200);
  warehouseId = created.body.id;
  expect((await action(warehouseId, 'stop')).status).toBe(200);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('create', () => {
  it('answers an id in the Databricks form', () => {
    expect(warehouseId).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each<[string, unknown, RegExp | string]>([
    ['no name', { cluster_size: 'Small' }, 'Missing required field: name'],
    ['no cluster_size', { name: 'x' }, 'Missing required field: cluster_size'],
    [
      'an unknown cluster_size',
      { name: 'x', cluster_size: 'Huge' },
      /^Invalid cluster_size Huge; supported values are 2X-Small, /,
    ],
    [
      'more clusters at least than at most',
      { name: 'x', cluster_size: 'Small', min_num_clusters: 3, max_num_clusters: 2 },
      'max_num_clusters must be greater than or equal to min_num_clusters',
    ],
    [
      'an auto stop under ten minutes',
      { name: 'x', cluster_size: 'Small', auto_stop_mins: 5 },
      'auto_stop_mins must be 0 (no auto stop) or at least 10 minutes',
    ],
    [
      'a serverless CLASSIC warehouse',
      { name: 'x', cluster_size: 'Small', enable_serverless_compute: true, warehouse_type: 'CLASSIC' },
      'Invalid warehouseType: Serverless is only available for PRO warehouses.',
    ],
    ['more than 40 clusters', { name: 'x', cluster_size: 'Small', max_num_clusters: 41 }, /max_num_clusters/],
    [
      'an unknown warehouse_type',
      { name: 'x', cluster_size: 'Small', warehouse_type: 'GOLD' },
      /warehouse_type/,
    ],
    [
      'auto_stop_mins that is no number',
      { name: 'x', cluster_size: 'Small', auto_stop_mins: 'soon' },
      /auto_stop_mins/,
    ],
    [
      'a name of another warehouse',
      { name: 'contract', cluster_size: 'Small' },
      'SQL warehouse with name `contract` already exists',
    ],
    ['an array for a body', [{ name: 'x', cluster_size: 'Small' }], /body/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    expectDatabricksError(await create(body), 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('refuses malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const response = await workspace.admin('POST', BASE, { rawBody: '{"name": ' });
    expectDatabricksError(response, 400, 'MALFORMED_REQUEST', /Invalid JSON/);
  });
});

describe('get', () => {
  it('answers what the SDK reads: the definition with defaults, the state, and where to connect', async () => {
    const response = await get(warehouseId);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toMatchObject({
      id: warehouseId,
      name: 'contract',
      cluster_size: '2X-Small',
      min_num_clusters: 1,
      max_num_clusters: 1,
      auto_stop_mins: 10,
      enable_photon: true,
      enable_serverless_compute: false,
      warehouse_type: 'CLASSIC',
      spot_instance_policy: 'COST_OPTIMIZED',
      channel: { name: 'CHANNEL_NAME_CURRENT' },
      tags: { custom_tags: [{ key: 'team', value: 'lake' }] },
      creator_name: expect.any(String),
      num_active_sessions: 0,
      health: { status: expect.stringMatching(/^(HEALTHY|DEGRADED|FAILED)$/) },
      odbc_params: {
        hostname: 'localhost',
        port: 80,
        protocol: 'http',
        path: `/sql/1.0/warehouses/${warehouseId}`,
      },
      jdbc_url: `jdbc:databricks://localhost:80/default;transportMode=http;ssl=0;AuthMech=3;httpPath=/sql/1.0/warehouses/${warehouseId};`,
    });
    expect(STATES).toContain(response.body.state);
    for (const field of ['desired_state', 'start_generation', 'desiredState']) {
      expect(response.body).not.toHaveProperty(field);
    }
  });

  it('shows a stopped warehouse STOPPING or STOPPED at once, then STOPPED', async () => {
    expect(['STOPPING', 'STOPPED']).toContain((await get(warehouseId)).body.state);
    await waitFor(
      'the warehouse to be STOPPED',
      async () => ((await get(warehouseId)).body.state === 'STOPPED' ? true : undefined),
      { timeoutMs: 60_000 },
    );
    expect((await get(warehouseId)).body.num_clusters).toBe(0);
  });

  it('answers a missing warehouse, or one of another workspace, with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    expectDatabricksError(
      await get(MISSING),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Warehouse ${MISSING} does not exist`,
    );
    const other = await api.as(api.env.workspaceToken)('GET', `${BASE}/${warehouseId}`);
    expectDatabricksError(other, 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('list', () => {
  it('lists the warehouses of the workspace as get answers them, and pages with tokens', async () => {
    const response = await workspace.admin<{ warehouses: Info[]; next_page_token?: string }>('GET', BASE);
    expect(response.status).toBe(200);
    expect(response.body.warehouses).toEqual([(await get(warehouseId)).body]);
    const page = await workspace.admin<{ warehouses: Info[]; next_page_token?: string }>('GET', BASE, {
      query: { page_size: 1 },
    });
    expect(page.body.warehouses).toHaveLength(1);
    expect(page.body.next_page_token).toBeUndefined();
  });

  it("hides a warehouse's compute from clusters/list", async () => {
    await waitFor('the Cluster of the warehouse', async () =>
      api.services.clusters.get(`brickyard-ws-${workspace.workspaceId}`, warehouseClusterId(warehouseId))
        ? true
        : undefined,
    );
    const clusters = await workspace.admin<{ clusters?: unknown[] }>('GET', '/api/2.1/clusters/list');
    expect(clusters.body.clusters ?? []).toEqual([]);
  });
});

describe('edit', () => {
  it('changes the fields given and keeps the others', async () => {
    const response = await workspace.admin('POST', `${BASE}/${warehouseId}/edit`, {
      body: { cluster_size: 'Small', auto_stop_mins: 30 },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({});
    expect((await get(warehouseId)).body).toMatchObject({
      name: 'contract',
      cluster_size: 'Small',
      auto_stop_mins: 30,
      tags: { custom_tags: [{ key: 'team', value: 'lake' }] },
      state: 'STOPPED',
    });
  });

  it.each<[string, Body, string]>([
    [
      'an auto stop under ten minutes',
      { auto_stop_mins: 3 },
      'auto_stop_mins must be 0 (no auto stop) or at least 10 minutes',
    ],
    [
      'fewer clusters at most than at least',
      { min_num_clusters: 2 },
      'max_num_clusters must be greater than or equal to min_num_clusters',
    ],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    const response = await workspace.admin('POST', `${BASE}/${warehouseId}/edit`, { body });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('answers a missing warehouse with 404', async () => {
    const response = await workspace.admin('POST', `${BASE}/${MISSING}/edit`, { body: { name: 'x' } });
    expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('cost', () => {
  it("counts a warehouse's compute once, as the warehouse's, at the SQL rate", async () => {
    const response = await workspace.admin<{ clusters: unknown[]; warehouses: Body[] }>(
      'GET',
      '/api/2.0/brickyard/workspace/cost',
    );
    expect(response.body.clusters).toEqual([]);
    expect(response.body.warehouses).toEqual([
      expect.objectContaining({
        warehouse_id: warehouseId,
        name: 'contract',
        workload: 'SQL_CLASSIC',
        dollars_per_dbu: 0.22,
      }),
    ]);
    const one = await workspace.admin('GET', '/api/2.0/brickyard/warehouses/cost', {
      query: { id: warehouseId },
    });
    expect(one.body).toMatchObject({ warehouse_id: warehouseId, workload: 'SQL_CLASSIC', estimate: true });
  });
});

describe('warehouseDriver, for the Statement Execution API', () => {
  const namespace = () => `brickyard-ws-${workspace.workspaceId}`;
  const log = pino({ level: 'silent' });

  it('starts a stopped warehouse, and says so with 503 while it starts', async () => {
    const error = await warehouseDriver(api.services, namespace(), warehouseId, { waitMs: 0, log }).catch(
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DatabricksError);
    expect(error).toMatchObject({ statusCode: 503, errorCode: 'TEMPORARILY_UNAVAILABLE' });
    // The start is in the spec; the operator publishes it right after.
    await waitFor('the warehouse to be STARTING', async () =>
      ['STARTING', 'RUNNING'].includes((await get(warehouseId)).body.state) ? true : undefined,
    );
    expect((await action(warehouseId, 'stop')).status).toBe(200);
  });

  it('refuses a missing warehouse with 404', async () => {
    await expect(
      warehouseDriver(api.services, namespace(), MISSING, { waitMs: 0, log }),
    ).rejects.toMatchObject({
      statusCode: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
    });
  });
});

describe('delete', () => {
  it('answers {}, then get shows DELETING or DELETED and list leaves it out', async () => {
    const response = await workspace.admin('DELETE', `${BASE}/${warehouseId}`);
    expect(response.status, response.text).toBe(200);
    expect(response.body).toEqual({});
    expect(['DELETING', 'DELETED']).toContain((await get(warehouseId)).body.state);
    const listed = await workspace.admin<{ warehouses: Info[] }>('GET', BASE);
    expect(listed.body.warehouses).toEqual([]);
  });

  it('refuses to start, stop or edit a deleted warehouse with 400 INVALID_STATE, and deletes it again as a no-op', async () => {
    for (const verb of ['start', 'stop'] as const) {
      expectDatabricksError(
        await action(warehouseId, verb),
        400,
        'INVALID_STATE',
        `Warehouse ${warehouseId} is deleted`,
      );
    }
    const edit = await workspace.admin('POST', `${BASE}/${warehouseId}/edit`, { body: { name: 'x' } });
    expectDatabricksError(edit, 400, 'INVALID_STATE');
    expect((await workspace.admin('DELETE', `${BASE}/${warehouseId}`)).status).toBe(200);
    await expect(
      warehouseDriver(api.services, `brickyard-ws-${workspace.workspaceId}`, warehouseId, {
        waitMs: 0,
        log: pino({ level: 'silent' }),
      }),
    ).rejects.toMatchObject({ statusCode: 400, errorCode: 'INVALID_STATE' });
  });

  it('answers a missing warehouse with 404', async () => {
    expectDatabricksError(
      await workspace.admin('DELETE', `${BASE}/${MISSING}`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
