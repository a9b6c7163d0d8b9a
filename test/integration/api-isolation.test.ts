import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, eventually, readApiEnv } from './support/api-client.js';

/**
 * Workspace isolation: a token of workspace B, pointed at every object of workspace A by id or
 * name (clusters, jobs, runs, tokens, identities, permissions, secrets, policies, queries,
 * notebooks, catalogs), learns nothing and changes nothing; B's lists and audit log show none.
 */
const env = readApiEnv();
const adminA = clientFor(env.host, env.workspaceToken);
const account = clientFor(env.host, env.accountToken);
const accountPath = `/api/2.0/accounts/${env.accountId}/workspaces`;

let workspaceB = 0;
let adminB: ReturnType<typeof clientFor>;
let clusterA = '';
let jobA = 0;
let runA = 0;
let tokenA = '';
/** Governance and data objects of workspace A, made by seedObjectsOfA. */
const objectsA = { user: '', group: '', servicePrincipal: '', policy: '', query: '', notebook: 0 };
/** Names of A's objects: unique to the run, and all matching /isolation-a/, which B must never see. */
const RUN = randomUUID().slice(0, 8);
const SCOPE_A = `isolation-a-scope-${RUN}`;
const CATALOG_A = `isolation_a_catalog_${RUN}`;
const NOTEBOOK_A = `/Shared/isolation-a-notebook-${RUN}`;

beforeAll(async () => {
  const created = await account<{ workspace_id: number }>('POST', accountPath, {
    body: { workspace_name: 'isolation-b' },
  });
  expect(created.status).toBe(200);
  workspaceB = created.body.workspace_id;
  const orgB = { 'x-databricks-org-id': String(workspaceB) };
  const token = await account<{ token_value: string }>('POST', '/api/2.0/token/create', {
    headers: orgB,
    body: { comment: 'admin of B', lifetime_seconds: 900 },
  });
  expect(token.status).toBe(200);
  adminB = clientFor(env.host, token.body.token_value);

  await eventually(async () => {
    const response = await adminA<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: { cluster_name: 'isolation-a', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
    });
    if (response.status === 200) clusterA = response.body.cluster_id;
    return response.status === 503 ? undefined : response.status;
  });
  const job = await adminA<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
    body: {
      name: 'isolation-a',
      tasks: [
        { task_key: 'only', existing_cluster_id: clusterA, notebook_task: { notebook_path: '/Shared/n' } },
      ],
    },
  });
  jobA = job.body.job_id;
  const run = await adminA<{ run_id: number }>('POST', '/api/2.2/jobs/run-now', { body: { job_id: jobA } });
  runA = run.body.run_id;
  const own = await adminA<{ token_info: { token_id: string } }>('POST', '/api/2.0/token/create', {
    body: { comment: 'isolation-a', lifetime_seconds: 900 },
  });
  tokenA = own.body.token_info.token_id;
  expect([clusterA, jobA, runA, tokenA].every(Boolean)).toBe(true);
  await seedObjectsOfA();
});

/** A's identities, secret scope, cluster policy, saved query, notebook and catalog. */
async function seedObjectsOfA(): Promise<void> {
  const created = async <T>(method: string, path: string, body: Record<string, unknown>) => {
    const response = await adminA<T>(method, path, { body });
    expect([200, 201], `${path}: ${JSON.stringify(response.body)}`).toContain(response.status);
    return response.body;
  };
  const scim = '/api/2.0/preview/scim/v2';
  objectsA.user = (
    await created<{ id: string }>('POST', `${scim}/Users`, { userName: `isolation-a-${RUN}@example.com` })
  ).id;
  objectsA.group = (
    await created<{ id: string }>('POST', `${scim}/Groups`, { displayName: `isolation-a-group-${RUN}` })
  ).id;
  objectsA.servicePrincipal = (
    await created<{ id: string }>('POST', `${scim}/ServicePrincipals`, {
      displayName: `isolation-a-sp-${RUN}`,
    })
  ).id;
  await created('POST', '/api/2.0/secrets/scopes/create', { scope: SCOPE_A });
  await created('POST', '/api/2.0/secrets/put', {
    scope: SCOPE_A,
    key: 'k',
    string_value: 'isolation-a-secret',
  });
  objectsA.policy = (
    await created<{ policy_id: string }>('POST', '/api/2.0/policies/clusters/create', {
      name: `isolation-a-policy-${RUN}`,
      definition: '{}',
    })
  ).policy_id;
  objectsA.query = (
    await created<{ id: string }>('POST', '/api/2.0/sql/queries', {
      query: { display_name: 'isolation-a-query', query_text: 'SELECT 1' },
    })
  ).id;
  await created('POST', '/api/2.0/workspace/import', {
    path: NOTEBOOK_A,
    format: 'SOURCE',
    language: 'PYTHON',
    content: Buffer.from('print("isolation-a")').toString('base64'),
    overwrite: true,
  });
  const status = await adminA<{ object_id: number }>('GET', '/api/2.0/workspace/get-status', {
    query: { path: NOTEBOOK_A },
  });
  objectsA.notebook = status.body.object_id;
  await created('POST', '/api/2.1/unity-catalog/catalogs', { name: CATALOG_A });
}

afterAll(async () => {
  await adminA('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterA } });
  await adminA('POST', '/api/2.2/jobs/delete', { body: { job_id: jobA } });
  await adminA('POST', '/api/2.0/token/delete', { body: { token_id: tokenA } });
  const scim = '/api/2.0/preview/scim/v2';
  await adminA('DELETE', `${scim}/Users/${objectsA.user}`);
  await adminA('DELETE', `${scim}/Groups/${objectsA.group}`);
  await adminA('DELETE', `${scim}/ServicePrincipals/${objectsA.servicePrincipal}`);
  await adminA('POST', '/api/2.0/secrets/scopes/delete', { body: { scope: SCOPE_A } });
  await adminA('POST', '/api/2.0/policies/clusters/delete', { body: { policy_id: objectsA.policy } });
  await adminA('DELETE', `/api/2.0/sql/queries/${objectsA.query}`);
  await adminA('POST', '/api/2.0/workspace/delete', { body: { path: NOTEBOOK_A } });
  await adminA('DELETE', `/api/2.1/unity-catalog/catalogs/${CATALOG_A}`, { query: { force: 'true' } });
  await account('DELETE', `${accountPath}/${workspaceB}`);
});

/**
 * What B may be told about A's object: that it does not exist (or that it may not look). An
 * object B names (a scope, a path, a catalog) may be named back; nothing else of A may show.
 */
function expectNoAccess(response: { status: number; body: Record<string, unknown> }): void {
  expect([400, 403, 404]).toContain(response.status);
  if (response.status === 400) expect(String(response.body.message)).toMatch(/does not exist/);
  const told = JSON.stringify(response.body).replaceAll(SCOPE_A, '').replaceAll(NOTEBOOK_A, '');
  expect(told.replaceAll(CATALOG_A, '')).not.toMatch(/isolation-a|isolation_a/);
}

const patchActive = (active: boolean) => ({
  schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
  Operations: [{ op: 'replace', path: 'active', value: active }],
});
const grantToUsers = (level: string) => ({
  access_control_list: [{ group_name: 'users', permission_level: level }],
});

describe('a token of workspace B against the objects of workspace A', () => {
  const cases: [string, string, string, () => Record<string, unknown>][] = [
    ['GET', '/api/2.1/clusters/get', 'query', () => ({ cluster_id: clusterA })],
    [
      'POST',
      '/api/2.1/clusters/edit',
      'body',
      () => ({ cluster_id: clusterA, spark_version: '19.3.x-no-spark-scala2.13' }),
    ],
    ['POST', '/api/2.1/clusters/start', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/restart', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/resize', 'body', () => ({ cluster_id: clusterA, num_workers: 3 })],
    ['POST', '/api/2.1/clusters/delete', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/permanent-delete', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/pin', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/unpin', 'body', () => ({ cluster_id: clusterA })],
    ['POST', '/api/2.1/clusters/events', 'body', () => ({ cluster_id: clusterA })],
    ['GET', '/api/2.0/clusters/get', 'query', () => ({ cluster_id: clusterA })],
    ['GET', '/api/2.2/jobs/get', 'query', () => ({ job_id: jobA })],
    ['POST', '/api/2.2/jobs/reset', 'body', () => ({ job_id: jobA, new_settings: { name: 'taken' } })],
    ['POST', '/api/2.2/jobs/update', 'body', () => ({ job_id: jobA, new_settings: { name: 'taken' } })],
    ['POST', '/api/2.2/jobs/delete', 'body', () => ({ job_id: jobA })],
    ['POST', '/api/2.2/jobs/run-now', 'body', () => ({ job_id: jobA })],
    ['GET', '/api/2.1/jobs/get', 'query', () => ({ job_id: jobA })],
    ['GET', '/api/2.2/jobs/runs/get', 'query', () => ({ run_id: runA })],
    ['GET', '/api/2.2/jobs/runs/get-output', 'query', () => ({ run_id: runA })],
    ['POST', '/api/2.2/jobs/runs/cancel', 'body', () => ({ run_id: runA })],
    ['POST', '/api/2.2/jobs/runs/delete', 'body', () => ({ run_id: runA })],
    ['POST', '/api/2.2/jobs/runs/cancel-all', 'body', () => ({ job_id: jobA })],
    ['POST', '/api/2.0/token/delete', 'body', () => ({ token_id: tokenA })],
    ['GET', '/api/2.0/token-management/tokens/{token}', 'none', () => ({})],
    ['DELETE', '/api/2.0/token-management/tokens/{token}', 'none', () => ({})],
    // Identities (SCIM), by A's ids.
    ['GET', '/api/2.0/preview/scim/v2/Users/{user}', 'none', () => ({})],
    ['PATCH', '/api/2.0/preview/scim/v2/Users/{user}', 'body', () => patchActive(false)],
    ['DELETE', '/api/2.0/preview/scim/v2/Users/{user}', 'none', () => ({})],
    ['GET', '/api/2.0/preview/scim/v2/Groups/{group}', 'none', () => ({})],
    ['PUT', '/api/2.0/preview/scim/v2/Groups/{group}', 'body', () => ({ displayName: 'taken' })],
    ['DELETE', '/api/2.0/preview/scim/v2/Groups/{group}', 'none', () => ({})],
    ['GET', '/api/2.0/preview/scim/v2/ServicePrincipals/{sp}', 'none', () => ({})],
    ['DELETE', '/api/2.0/preview/scim/v2/ServicePrincipals/{sp}', 'none', () => ({})],
    // Permissions on A's objects.
    ['GET', '/api/2.0/permissions/clusters/{cluster}', 'none', () => ({})],
    ['PATCH', '/api/2.0/permissions/clusters/{cluster}', 'body', () => grantToUsers('CAN_MANAGE')],
    ['GET', '/api/2.0/permissions/jobs/{job}', 'none', () => ({})],
    ['PUT', '/api/2.0/permissions/jobs/{job}', 'body', () => grantToUsers('CAN_VIEW')],
    ['GET', '/api/2.0/permissions/cluster-policies/{policy}', 'none', () => ({})],
    ['GET', '/api/2.0/permissions/notebooks/{notebook}', 'none', () => ({})],
    ['PATCH', '/api/2.0/permissions/notebooks/{notebook}', 'body', () => grantToUsers('CAN_READ')],
    // Secrets, by A's scope name.
    ['GET', '/api/2.0/secrets/list', 'query', () => ({ scope: SCOPE_A })],
    ['POST', '/api/2.0/secrets/put', 'body', () => ({ scope: SCOPE_A, key: 'k', string_value: 'taken' })],
    ['GET', '/api/2.0/secrets/acls/list', 'query', () => ({ scope: SCOPE_A })],
    ['POST', '/api/2.0/secrets/scopes/delete', 'body', () => ({ scope: SCOPE_A })],
    // Cluster policies, saved queries, notebooks and Unity Catalog.
    ['GET', '/api/2.0/policies/clusters/get', 'query', () => ({ policy_id: objectsA.policy })],
    [
      'POST',
      '/api/2.0/policies/clusters/edit',
      'body',
      () => ({ policy_id: objectsA.policy, definition: '{}' }),
    ],
    ['POST', '/api/2.0/policies/clusters/delete', 'body', () => ({ policy_id: objectsA.policy })],
    ['GET', '/api/2.0/sql/queries/{query}', 'none', () => ({})],
    ['DELETE', '/api/2.0/sql/queries/{query}', 'none', () => ({})],
    ['GET', '/api/2.0/workspace/get-status', 'query', () => ({ path: NOTEBOOK_A })],
    ['GET', '/api/2.0/workspace/export', 'query', () => ({ path: NOTEBOOK_A })],
    ['GET', `/api/2.1/unity-catalog/catalogs/${CATALOG_A}`, 'none', () => ({})],
    ['DELETE', `/api/2.1/unity-catalog/catalogs/${CATALOG_A}`, 'none', () => ({})],
  ];

  /** The path with A's ids in place of its {placeholders}. */
  const withIds = (path: string) =>
    path
      .replace('{token}', tokenA)
      .replace('{user}', objectsA.user)
      .replace('{group}', objectsA.group)
      .replace('{sp}', objectsA.servicePrincipal)
      .replace('{cluster}', clusterA)
      .replace('{job}', String(jobA))
      .replace('{policy}', objectsA.policy)
      .replace('{notebook}', String(objectsA.notebook))
      .replace('{query}', objectsA.query);

  it.each(cases)('%s %s is refused', async (method, path, where, input) => {
    const response = await adminB(method, withIds(path), {
      ...(where === 'query' ? { query: input() as Record<string, string> } : {}),
      ...(where === 'body' ? { body: input() } : {}),
    });
    expectNoAccess(response);
  });

  it.each([
    ['/api/2.1/clusters/list', {}],
    ['/api/2.2/jobs/list', { expand_tasks: true }],
    ['/api/2.2/jobs/runs/list', {}],
    ['/api/2.0/token/list', {}],
    ['/api/2.0/token-management/tokens', {}],
    ['/api/2.0/preview/scim/v2/Users', {}],
    ['/api/2.0/preview/scim/v2/Groups', {}],
    ['/api/2.0/preview/scim/v2/ServicePrincipals', {}],
    ['/api/2.0/secrets/scopes/list', {}],
    ['/api/2.0/policies/clusters/list', {}],
    ['/api/2.0/sql/queries', {}],
    ['/api/2.0/workspace/list', { path: '/Shared' }],
    ['/api/2.1/unity-catalog/catalogs', {}],
  ])('GET %s shows none of them', async (path, query) => {
    const response = await adminB('GET', path, { query });
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    const { user, group, servicePrincipal, policy, query: queryA } = objectsA;
    for (const id of [
      clusterA,
      String(jobA),
      String(runA),
      tokenA,
      user,
      group,
      servicePrincipal,
      policy,
      queryA,
    ]) {
      expect(text).not.toContain(id);
    }
    expect(text).not.toMatch(/isolation-a/);
  });

  it("keeps A's events out of B's audit log (B's own refused calls are there)", async () => {
    const response = await adminB<{ events: { workspace_id: number }[] }>(
      'GET',
      '/api/2.0/brickyard/audit-log',
      {
        query: { max_results: 1000 },
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.events.length).toBeGreaterThan(0);
    expect(new Set(response.body.events.map((event) => event.workspace_id))).toEqual(new Set([workspaceB]));
  });

  it('cannot borrow workspace B with a token of workspace A', async () => {
    const response = await adminA('GET', '/api/2.1/clusters/list', {
      headers: { 'x-databricks-org-id': String(workspaceB) },
    });
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe('PERMISSION_DENIED');
  });

  it('left every object of workspace A as it was', async () => {
    const cluster = await adminA<{ num_workers: number; spec: { num_workers: number } }>(
      'GET',
      '/api/2.1/clusters/get',
      { query: { cluster_id: clusterA } },
    );
    expect(cluster.status).toBe(200);
    expect(cluster.body.spec.num_workers).toBe(1);
    expect(cluster.body).not.toHaveProperty('pinned');
    const job = await adminA<{ settings: { name: string } }>('GET', '/api/2.2/jobs/get', {
      query: { job_id: jobA },
    });
    expect(job.body.settings.name).toBe('isolation-a');
    const run = await adminA('GET', '/api/2.2/jobs/runs/get', { query: { run_id: runA } });
    expect(run.status).toBe(200);
    const tokens = await adminA<{ token_infos: { token_id: string }[] }>('GET', '/api/2.0/token/list');
    expect(tokens.body.token_infos.map((t) => t.token_id)).toContain(tokenA);
    const user = await adminA<{ active: boolean }>('GET', `/api/2.0/preview/scim/v2/Users/${objectsA.user}`);
    expect(user.body.active).toBe(true);
    const group = await adminA<{ displayName: string }>(
      'GET',
      `/api/2.0/preview/scim/v2/Groups/${objectsA.group}`,
    );
    expect(group.body.displayName).toBe(`isolation-a-group-${RUN}`);
    const secrets = await adminA<{ secrets: { key: string }[] }>('GET', '/api/2.0/secrets/list', {
      query: { scope: SCOPE_A },
    });
    expect(secrets.body.secrets.map((secret) => secret.key)).toEqual(['k']);
    const policy = await adminA('GET', '/api/2.0/policies/clusters/get', {
      query: { policy_id: objectsA.policy },
    });
    expect(policy.status).toBe(200);
    const query = await adminA<{ lifecycle_state: string }>('GET', `/api/2.0/sql/queries/${objectsA.query}`);
    expect(query.body.lifecycle_state).toBe('ACTIVE');
    const notebook = await adminA('GET', '/api/2.0/workspace/get-status', { query: { path: NOTEBOOK_A } });
    expect(notebook.status).toBe(200);
    const clusterGrants = await adminA<{ access_control_list: { group_name?: string }[] }>(
      'GET',
      `/api/2.0/permissions/clusters/${clusterA}`,
    );
    expect(clusterGrants.body.access_control_list.some((entry) => entry.group_name === 'users')).toBe(false);
    const catalog = await adminA('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG_A}`);
    expect(catalog.status).toBe(200);
  });

  it('keeps account routes from workspace tokens', async () => {
    const response = await adminB('GET', accountPath);
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe('PERMISSION_DENIED');
  });
});
