import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Instance Pools API (/api/2.0/instance-pools: InstancePool resources on the platform's
 * apiserver), its permissions (CAN_ATTACH_TO, CAN_MANAGE) and clusters that name a pool.
 */
let api: TestApp;
let workspace: TestWorkspace;

const POOLS = '/api/2.0/instance-pools';
/** No idle instances: the test's pools start no pods. */
const POOL = {
  instance_pool_name: 'warm',
  node_type_id: 'm5d.large',
  min_idle_instances: 0,
  max_capacity: 4,
};

interface PoolView extends Body {
  instance_pool_id: string;
  instance_pool_name: string;
  state: string;
  stats: Record<string, number>;
}

async function createPool(body: Body = {}): Promise<string> {
  const created = await workspace.admin<{ instance_pool_id: string }>('POST', `${POOLS}/create`, {
    body: { ...POOL, ...body },
  });
  expect(created.status, created.text).toBe(200);
  return created.body.instance_pool_id;
}

const getPool = (poolId: string, caller = workspace.admin) =>
  caller<PoolView>('GET', `${POOLS}/get`, { query: { instance_pool_id: poolId } });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-pools');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('instance pools', () => {
  it('are created, read, listed, edited and deleted', async () => {
    const poolId = await createPool({
      custom_tags: { team: 'data' },
      idle_instance_autotermination_minutes: 10,
    });
    expect(poolId).toMatch(/^\d{4}-\d{6}-pool-[a-z0-9]{8}$/);
    const got = await getPool(poolId);
    expect(got.body).toMatchObject({
      ...POOL,
      instance_pool_id: poolId,
      custom_tags: { team: 'data' },
      idle_instance_autotermination_minutes: 10,
      state: 'ACTIVE',
      stats: { used_count: 0, idle_count: 0, pending_used_count: 0, pending_idle_count: 0 },
      default_tags: { Vendor: 'Databricks', DatabricksInstancePoolId: poolId },
    });

    const listed = await workspace.admin<{ instance_pools: PoolView[] }>('GET', `${POOLS}/list`);
    expect(listed.body.instance_pools.map((pool) => pool.instance_pool_id)).toContain(poolId);

    const edited = await workspace.admin('POST', `${POOLS}/edit`, {
      body: { ...POOL, instance_pool_id: poolId, instance_pool_name: 'warmer', max_capacity: 6 },
    });
    expect(edited.status, edited.text).toBe(200);
    expect((await getPool(poolId)).body).toMatchObject({ instance_pool_name: 'warmer', max_capacity: 6 });

    expect(
      (await workspace.admin('POST', `${POOLS}/delete`, { body: { instance_pool_id: poolId } })).status,
    ).toBe(200);
    expectDatabricksError(
      await getPool(poolId),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Can't find an instance pool with id: ${poolId}`,
    );
  });

  it.each<[string, Body, RegExp]>([
    ['an unknown node type', { node_type_id: 'x9.huge' }, /Node type x9.huge is not supported/],
    ['more idle instances than capacity', { min_idle_instances: 5, max_capacity: 2 }, /min_idle_instances/],
    ['a negative capacity', { max_capacity: -1 }, /max_capacity/],
    ['no name', { instance_pool_name: undefined }, /instance_pool_name/],
  ])('refuse %s', async (_, body, message) => {
    const refused = await workspace.admin('POST', `${POOLS}/create`, { body: { ...POOL, ...body } });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('keep their node type on edit', async () => {
    const poolId = await createPool();
    const refused = await workspace.admin('POST', `${POOLS}/edit`, {
      body: { ...POOL, instance_pool_id: poolId, node_type_id: 'm5d.xlarge' },
    });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', /node_type_id cannot be changed/);
  });

  it('preload at most one known Spark version', async () => {
    const create = (preloaded: string[]) =>
      workspace.admin('POST', `${POOLS}/create`, { body: { ...POOL, preloaded_spark_versions: preloaded } });
    expectDatabricksError(
      await create(['19.3.x-scala2.13', '19.3.x-no-spark-scala2.13']),
      400,
      'INVALID_PARAMETER_VALUE',
      /at most one Spark version/,
    );
    expectDatabricksError(
      await create(['1.0.x-scala2.10']),
      400,
      'INVALID_PARAMETER_VALUE',
      /1\.0\.x-scala2\.10/,
    );
    const poolId = await createPool({ preloaded_spark_versions: ['19.3.x-scala2.13'] });
    expect((await getPool(poolId)).body.preloaded_spark_versions).toEqual(['19.3.x-scala2.13']);
    await workspace.admin('POST', `${POOLS}/delete`, { body: { instance_pool_id: poolId } });
  });

  it('are for workspace admins to create', async () => {
    expectDatabricksError(
      await workspace.user('POST', `${POOLS}/create`, { body: POOL }),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('the permission to attach to a pool', () => {
  it('is CAN_ATTACH_TO: needed to see the pool and to create a cluster on it; CAN_MANAGE edits it', async () => {
    const poolId = await createPool();
    const permissionsPath = `/api/2.0/permissions/instance-pools/${poolId}`;
    const createCluster = () =>
      workspace.user<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
        body: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0, instance_pool_id: poolId },
      });

    expectDatabricksError(await getPool(poolId, workspace.user), 403, 'PERMISSION_DENIED');
    expectDatabricksError(await createCluster(), 403, 'PERMISSION_DENIED');
    const listed = await workspace.user<{ instance_pools?: PoolView[] }>('GET', `${POOLS}/list`);
    expect((listed.body.instance_pools ?? []).map((pool) => pool.instance_pool_id)).not.toContain(poolId);

    const levels = await workspace.admin<{ permission_levels: { permission_level: string }[] }>(
      'GET',
      `${permissionsPath}/permissionLevels`,
    );
    expect(levels.body.permission_levels.map((level) => level.permission_level)).toEqual([
      'CAN_ATTACH_TO',
      'CAN_MANAGE',
    ]);
    const granted = await workspace.admin<{ object_type: string }>('PATCH', permissionsPath, {
      body: {
        access_control_list: [
          { service_principal_name: workspace.userName, permission_level: 'CAN_ATTACH_TO' },
        ],
      },
    });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body.object_type).toBe('instance-pool');

    expect((await getPool(poolId, workspace.user)).status).toBe(200);
    const created = await createCluster();
    expect(created.status, created.text).toBe(200);
    const cluster = await workspace.admin<Body>('GET', '/api/2.1/clusters/get', {
      query: { cluster_id: created.body.cluster_id },
    });
    expect(cluster.body).toMatchObject({ instance_pool_id: poolId, node_type_id: 'm5d.large' });
    await workspace.admin('POST', '/api/2.1/clusters/permanent-delete', {
      body: { cluster_id: created.body.cluster_id },
    });
    expectDatabricksError(
      await workspace.user('POST', `${POOLS}/edit`, { body: { ...POOL, instance_pool_id: poolId } }),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('refuses a cluster on a pool that does not exist', async () => {
    const refused = await workspace.admin('POST', '/api/2.1/clusters/create', {
      body: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 0, instance_pool_id: 'nope' },
    });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', 'Instance pool nope does not exist');
  });
});
