import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Cluster Policies API (/api/2.0/policies/clusters: ClusterPolicy resources on the platform's
 * apiserver), the policy families, and policies applied to clusters at create and edit.
 */
let api: TestApp;
let workspace: TestWorkspace;

const POLICIES = '/api/2.0/policies/clusters';
const CLUSTERS = '/api/2.1/clusters';
/** A runtime without Spark and no workers: the operator starts one light pod per cluster. */
const SPARK_VERSION = '19.3.x-no-spark-scala2.13';

interface PolicyView extends Body {
  policy_id: string;
  name: string;
  definition: string;
}

let policyCount = 0;
async function createPolicy(body: Body): Promise<string> {
  policyCount += 1;
  const created = await workspace.admin<{ policy_id: string }>('POST', `${POLICIES}/create`, {
    body: { name: `policy-${policyCount}`, ...body },
  });
  expect(created.status, created.text).toBe(200);
  return created.body.policy_id;
}

const definition = (rules: Record<string, unknown>) => JSON.stringify(rules);
const getPolicy = (policyId: string) =>
  workspace.admin<PolicyView>('GET', `${POLICIES}/get`, { query: { policy_id: policyId } });
const createCluster = (body: Body, caller = workspace.admin) =>
  caller<{ cluster_id: string }>('POST', `${CLUSTERS}/create`, {
    body: { spark_version: SPARK_VERSION, num_workers: 0, ...body },
  });
const getCluster = (clusterId: string) =>
  workspace.admin<Body>('GET', `${CLUSTERS}/get`, { query: { cluster_id: clusterId } });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-policies');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('cluster policies', () => {
  it('are created, read, listed, edited and deleted', async () => {
    const rules = definition({ autotermination_minutes: { type: 'range', maxValue: 60 } });
    const policyId = await createPolicy({ name: 'small', definition: rules, description: 'keep it small' });
    expect(policyId).toMatch(/^[0-9A-F]{16}$/);
    const got = await getPolicy(policyId);
    expect(got.body).toMatchObject({
      policy_id: policyId,
      name: 'small',
      definition: rules,
      description: 'keep it small',
      creator_user_name: expect.any(String),
      is_default: false,
    });
    expect(got.body.created_at_timestamp).toEqual(expect.any(Number));

    const listed = await workspace.admin<{ policies: PolicyView[]; total_count: number }>(
      'GET',
      `${POLICIES}/list`,
      {
        query: { sort_column: 'POLICY_NAME', sort_order: 'ASC' },
      },
    );
    expect(listed.body.policies.map((policy) => policy.policy_id)).toContain(policyId);
    expect(listed.body.total_count).toBe(listed.body.policies.length);

    const edited = await workspace.admin('POST', `${POLICIES}/edit`, {
      body: { policy_id: policyId, definition: '{}', max_clusters_per_user: 2 },
    });
    expect(edited.status, edited.text).toBe(200);
    expect((await getPolicy(policyId)).body).toMatchObject({
      name: 'small',
      definition: '{}',
      max_clusters_per_user: 2,
    });
    expect((await getPolicy(policyId)).body.description).toBeUndefined();

    expect(
      (await workspace.admin('POST', `${POLICIES}/delete`, { body: { policy_id: policyId } })).status,
    ).toBe(200);
    expectDatabricksError(
      await getPolicy(policyId),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Can't find a cluster policy with id: ${policyId}`,
    );
  });

  it('are for workspace admins to write', async () => {
    const refused = await workspace.user('POST', `${POLICIES}/create`, {
      body: { name: 'mine', definition: '{}' },
    });
    expectDatabricksError(refused, 403, 'PERMISSION_DENIED');
  });

  it.each<[string, Body, RegExp]>([
    ['a definition that is not JSON', { definition: '{' }, /not valid JSON/],
    [
      'a rule of no known type',
      { definition: '{"num_workers": {"type": "max"}}' },
      /Invalid limitation of num_workers/,
    ],
    ['both a definition and a family', { definition: '{}', policy_family_id: 'personal-vm' }, /not both/],
    ['a family that does not exist', { policy_family_id: 'nope' }, /Policy family nope does not exist/],
    ['overrides without a family', { policy_family_definition_overrides: '{}' }, /needs a policy_family_id/],
    ['no name', { name: undefined, definition: '{}' }, /name is required/],
  ])('refuse %s', async (_case, body, message) => {
    const refused = await workspace.admin('POST', `${POLICIES}/create`, { body: { name: 'bad', ...body } });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('have unique names', async () => {
    const policyId = await createPolicy({ name: 'unique', definition: '{}' });
    const keptName = await workspace.admin('POST', `${POLICIES}/edit`, {
      body: { policy_id: policyId, name: 'unique', definition: '{}' },
    });
    expect(keptName.status, keptName.text).toBe(200);
    const again = await workspace.admin('POST', `${POLICIES}/create`, {
      body: { name: 'unique', definition: '{}' },
    });
    expectDatabricksError(again, 400, 'INVALID_PARAMETER_VALUE', /already exists/);
  });

  it('made from a family answer its definition with the overrides', async () => {
    const overrides = definition({ autotermination_minutes: { type: 'fixed', value: 30 } });
    const policyId = await createPolicy({
      policy_family_id: 'personal-vm',
      policy_family_definition_overrides: overrides,
    });
    const got = await getPolicy(policyId);
    const rules = JSON.parse(got.body.definition) as Record<string, unknown>;
    expect(rules.autotermination_minutes).toEqual({ type: 'fixed', value: 30 });
    expect(rules.num_workers).toEqual({ type: 'fixed', value: 0, hidden: true });
    expect(got.body).toMatchObject({
      policy_family_id: 'personal-vm',
      policy_family_definition_overrides: overrides,
    });
  });

  it('answer 404 for a missing policy', async () => {
    const missing = await workspace.admin('POST', `${POLICIES}/edit`, {
      body: { policy_id: 'NOPE', definition: '{}' },
    });
    expectDatabricksError(missing, 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('policy families', () => {
  it('are listed, paged and read one by one', async () => {
    const all = await workspace.user<{ policy_families: { policy_family_id: string; definition: string }[] }>(
      'GET',
      '/api/2.0/policy-families',
    );
    expect(all.body.policy_families.map((family) => family.policy_family_id)).toEqual(
      expect.arrayContaining(['personal-vm', 'power-user', 'shared-compute', 'job-cluster']),
    );
    const page = await workspace.user<{ policy_families: unknown[]; next_page_token?: string }>(
      'GET',
      '/api/2.0/policy-families',
      { query: { max_results: 2 } },
    );
    expect(page.body.policy_families).toHaveLength(2);
    expect(page.body.next_page_token).toEqual(expect.any(String));
    const one = await workspace.user<{ name: string }>('GET', '/api/2.0/policy-families/personal-vm');
    expect(one.body.name).toBe('Personal Compute');
    expectDatabricksError(
      await workspace.user('GET', '/api/2.0/policy-families/nope'),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});

describe('clusters under a policy', () => {
  let policyId: string;

  beforeAll(async () => {
    policyId = await createPolicy({
      definition: definition({
        'custom_tags.team': { type: 'fixed', value: 'data' },
        node_type_id: { type: 'allowlist', values: ['m5d.large'], defaultValue: 'm5d.large' },
        autotermination_minutes: { type: 'range', maxValue: 60, defaultValue: 30 },
        instance_pool_id: { type: 'forbidden' },
      }),
      max_clusters_per_user: 1,
    });
  });

  it('are refused every violation at once, in Databricks words', async () => {
    const refused = await createCluster({
      policy_id: policyId,
      node_type_id: 'i3.xlarge',
      autotermination_minutes: 120,
    });
    expectDatabricksError(
      refused,
      400,
      'INVALID_PARAMETER_VALUE',
      'Validation failed for node_type_id, the value must be one of [m5d.large] (is "i3.xlarge"); ' +
        'Validation failed for autotermination_minutes, the value must be at most 60 (is "120")',
    );
  });

  it('must give what the policy requires unless they apply its defaults', async () => {
    const refused = await createCluster({ policy_id: policyId });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', /node_type_id, the value must be present/);
  });

  it('get fixed and default values, and count against max_clusters_per_user', async () => {
    const created = await createCluster({ policy_id: policyId, apply_policy_default_values: true });
    expect(created.status, created.text).toBe(200);
    const cluster = await getCluster(created.body.cluster_id);
    expect(cluster.body).toMatchObject({
      policy_id: policyId,
      node_type_id: 'm5d.large',
      autotermination_minutes: 30,
      custom_tags: { team: 'data' },
    });

    const second = await createCluster({ policy_id: policyId, apply_policy_default_values: true });
    expectDatabricksError(second, 400, 'QUOTA_EXCEEDED', /allows at most 1 active clusters per user/);

    const edited = await workspace.admin('POST', `${CLUSTERS}/edit`, {
      body: {
        cluster_id: created.body.cluster_id,
        spark_version: SPARK_VERSION,
        num_workers: 0,
        policy_id: policyId,
        node_type_id: 'm5d.large',
        autotermination_minutes: 90,
      },
    });
    expectDatabricksError(
      edited,
      400,
      'INVALID_PARAMETER_VALUE',
      /autotermination_minutes, the value must be at most 60/,
    );
  });

  it('must name a policy that exists', async () => {
    const refused = await createCluster({ policy_id: 'NOPE' });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE', 'Cluster policy NOPE does not exist');
  });
});

describe('job clusters under a policy', () => {
  let allPurposeOnly: string;
  const newCluster = (policyId: string) => ({
    spark_version: SPARK_VERSION,
    num_workers: 0,
    policy_id: policyId,
  });
  const task = { task_key: 't', spark_python_task: { python_file: 'dbfs:/nothing.py' } };

  beforeAll(async () => {
    allPurposeOnly = await createPolicy({
      definition: definition({ cluster_type: { type: 'fixed', value: 'all-purpose' } }),
    });
  });

  it('are checked as job compute when a job is created, reset or submitted', async () => {
    const violation = 'Validation failed for cluster_type, the value must be all-purpose (is "job")';
    const created = await workspace.admin('POST', '/api/2.2/jobs/create', {
      body: {
        name: 'policed',
        job_clusters: [{ job_cluster_key: 'c', new_cluster: newCluster(allPurposeOnly) }],
        tasks: [{ ...task, job_cluster_key: 'c' }],
      },
    });
    expectDatabricksError(created, 400, 'INVALID_PARAMETER_VALUE', violation);
    const submitted = await workspace.admin('POST', '/api/2.2/jobs/runs/submit', {
      body: { tasks: [{ ...task, new_cluster: newCluster(allPurposeOnly) }] },
    });
    expectDatabricksError(submitted, 400, 'INVALID_PARAMETER_VALUE', violation);

    const jobCompute = await createPolicy({
      definition: definition({ cluster_type: { type: 'fixed', value: 'job' } }),
    });
    const accepted = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
      body: { name: 'policed', tasks: [{ ...task, new_cluster: newCluster(jobCompute) }] },
    });
    expect(accepted.status, accepted.text).toBe(200);
    const reset = await workspace.admin('POST', '/api/2.2/jobs/reset', {
      body: {
        job_id: accepted.body.job_id,
        new_settings: { name: 'policed', tasks: [{ ...task, new_cluster: newCluster(allPurposeOnly) }] },
      },
    });
    expectDatabricksError(reset, 400, 'INVALID_PARAMETER_VALUE', violation);
  });
});

describe('the permission to use a policy', () => {
  it('is CAN_USE, granted by admins, and all a user needs to create clusters under it', async () => {
    const policyId = await createPolicy({
      definition: definition({ num_workers: { type: 'fixed', value: 0 } }),
    });
    const permissionsPath = `/api/2.0/permissions/cluster-policies/${policyId}`;
    const listedByUser = async () =>
      (await workspace.user<{ policies: PolicyView[] }>('GET', `${POLICIES}/list`)).body.policies.map(
        (policy) => policy.policy_id,
      );

    expectDatabricksError(
      await createCluster({ policy_id: policyId }, workspace.user),
      403,
      'PERMISSION_DENIED',
    );
    expectDatabricksError(
      await workspace.user('GET', `${POLICIES}/get`, { query: { policy_id: policyId } }),
      403,
      'PERMISSION_DENIED',
    );
    expect(await listedByUser()).not.toContain(policyId);

    const levels = await workspace.admin<{ permission_levels: { permission_level: string }[] }>(
      'GET',
      `${permissionsPath}/permissionLevels`,
    );
    expect(levels.body.permission_levels.map((level) => level.permission_level)).toEqual(['CAN_USE']);
    const manage = await workspace.admin('PATCH', permissionsPath, {
      body: {
        access_control_list: [{ service_principal_name: workspace.userName, permission_level: 'CAN_MANAGE' }],
      },
    });
    expectDatabricksError(manage, 400, 'INVALID_PARAMETER_VALUE', /use one of CAN_USE/);

    const granted = await workspace.admin<Body>('PATCH', permissionsPath, {
      body: {
        access_control_list: [{ service_principal_name: workspace.userName, permission_level: 'CAN_USE' }],
      },
    });
    expect(granted.status, granted.text).toBe(200);
    expect(granted.body).toMatchObject({
      object_id: `/cluster-policies/${policyId}`,
      object_type: 'cluster-policy',
    });

    expect(await listedByUser()).toContain(policyId);
    const created = await createCluster({ policy_id: policyId }, workspace.user);
    expect(created.status, created.text).toBe(200);
    expect((await getCluster(created.body.cluster_id)).body).toMatchObject({
      policy_id: policyId,
      num_workers: 0,
    });
  });
});
