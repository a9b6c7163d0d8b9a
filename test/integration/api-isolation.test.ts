import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, eventually, readApiEnv } from './support/api-client.js';

/**
 * Workspace isolation: a token of workspace B, pointed at every object of workspace A by id,
 * learns nothing and changes nothing.
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
});

afterAll(async () => {
  await adminA('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterA } });
  await adminA('POST', '/api/2.2/jobs/delete', { body: { job_id: jobA } });
  await adminA('POST', '/api/2.0/token/delete', { body: { token_id: tokenA } });
  await account('DELETE', `${accountPath}/${workspaceB}`);
});

/** What B may be told about A's object: that it does not exist (or that it may not look). */
function expectNoAccess(response: { status: number; body: Record<string, unknown> }): void {
  expect([400, 403, 404]).toContain(response.status);
  if (response.status === 400) expect(String(response.body.message)).toMatch(/does not exist/);
  expect(JSON.stringify(response.body)).not.toMatch(/isolation-a/);
}

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
  ];

  it.each(cases)('%s %s is refused', async (method, path, where, input) => {
    const response = await adminB(method, path.replace('{token}', tokenA), {
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
  ])('GET %s shows none of them', async (path, query) => {
    const response = await adminB('GET', path, { query });
    expect(response.status).toBe(200);
    const text = JSON.stringify(response.body);
    for (const id of [clusterA, String(jobA), String(runA), tokenA]) expect(text).not.toContain(id);
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
  });

  it('keeps account routes from workspace tokens', async () => {
    const response = await adminB('GET', accountPath);
    expect(response.status).toBe(403);
    expect(response.body.error_code).toBe('PERMISSION_DENIED');
  });
});
