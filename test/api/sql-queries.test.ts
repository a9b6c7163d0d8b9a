import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Queries API's contract (/api/2.0/sql/queries: Query resources on the platform's apiserver)
 * and the Jobs API's checks of sql_task, which must name a SQL warehouse and no cluster.
 */
let api: TestApp;
let workspace: TestWorkspace;

const BASE = '/api/2.0/sql/queries';

interface QueryView {
  id: string;
  display_name: string;
  query_text: string;
  lifecycle_state: string;
  owner_user_name: string;
  create_time: string;
  update_time: string;
  [field: string]: unknown;
}

const create = (body: unknown) => workspace.admin<QueryView>('POST', BASE, { body });
const get = (id: string) => workspace.admin<QueryView>('GET', `${BASE}/${id}`);
const list = (query: Record<string, string | number> = {}) =>
  workspace.admin<{ results: QueryView[]; next_page_token?: string }>('GET', BASE, { query });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-queries');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('queries', () => {
  it('are created ACTIVE, owned by the caller, and read back as created', async () => {
    const created = await create({
      query: {
        display_name: 'revenue',
        query_text: 'SELECT {{n}} AS n',
        catalog: 'main',
        schema: 'default',
        description: 'the answer',
        parameters: [{ name: 'n', title: 'N', numeric_value: { value: 42 } }],
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body).toMatchObject({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      display_name: 'revenue',
      query_text: 'SELECT {{n}} AS n',
      catalog: 'main',
      schema: 'default',
      description: 'the answer',
      parameters: [{ name: 'n', title: 'N', numeric_value: { value: 42 } }],
      lifecycle_state: 'ACTIVE',
      owner_user_name: expect.any(String),
    });
    expect(Date.parse(created.body.create_time)).not.toBeNaN();
    expect((await get(created.body.id)).body).toEqual(created.body);
  });

  it('are updated in the fields update_mask names only', async () => {
    const { body: query } = await create({ query: { display_name: 'to-edit', query_text: 'SELECT 1' } });
    const updated = await workspace.admin<QueryView>('PATCH', `${BASE}/${query.id}`, {
      body: { update_mask: 'query_text', query: { query_text: 'SELECT 2', display_name: 'ignored' } },
    });
    expect(updated.status, updated.text).toBe(200);
    expect(updated.body).toMatchObject({ id: query.id, display_name: 'to-edit', query_text: 'SELECT 2' });
    expect((await get(query.id)).body.query_text).toBe('SELECT 2');
  });

  it('move to the trash on delete: gone from the list, still readable as TRASHED', async () => {
    const { body: query } = await create({ query: { display_name: 'to-trash', query_text: 'SELECT 1' } });
    expect((await list()).body.results.map((q) => q.id)).toContain(query.id);
    const deleted = await workspace.admin('DELETE', `${BASE}/${query.id}`);
    expect([deleted.status, deleted.body]).toEqual([200, {}]);
    expect((await get(query.id)).body.lifecycle_state).toBe('TRASHED');
    expect((await list()).body.results.map((q) => q.id)).not.toContain(query.id);
  });

  it('are listed by creation time, page by page', async () => {
    const first = await list({ page_size: 1 });
    expect(first.status, first.text).toBe(200);
    expect(first.body.results).toHaveLength(1);
    expect(first.body.next_page_token).toEqual(expect.any(String));
    const all = (await list()).body.results;
    const times = all.map((q) => q.create_time);
    expect(times).toEqual([...times].sort());
    expect(all[0]?.id).toBe(first.body.results[0]?.id);
  });

  it('keep display names unique unless asked to resolve them', async () => {
    await create({ query: { display_name: 'twin', query_text: 'SELECT 1' } });
    expectDatabricksError(
      await create({ query: { display_name: 'twin', query_text: 'SELECT 1' } }),
      409,
      'RESOURCE_ALREADY_EXISTS',
    );
    const resolved = await create({
      query: { display_name: 'twin', query_text: 'SELECT 1' },
      auto_resolve_display_name: true,
    });
    expect(resolved.body.display_name).toBe('twin (1)');
  });

  it.each<
    [
      string,
      () => Promise<{ status: number; body: unknown; text: string; headers: Body }>,
      number,
      string,
      RegExp,
    ]
  >([
    [
      'a get of a missing query',
      () => get('00000000-0000-0000-0000-000000000000'),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /does not exist/,
    ],
    [
      'a create without a display name',
      () => create({ query: { query_text: 'SELECT 1' } }),
      400,
      'INVALID_PARAMETER_VALUE',
      /display_name/,
    ],
    [
      'a create naming an unknown warehouse',
      () =>
        create({ query: { display_name: 'x', query_text: 'SELECT 1', warehouse_id: 'ffffffffffffffff' } }),
      400,
      'INVALID_PARAMETER_VALUE',
      /Warehouse ffffffffffffffff does not exist/,
    ],
    [
      'an update with an unknown field in its mask',
      () =>
        workspace.admin('PATCH', `${BASE}/00000000-0000-0000-0000-000000000000`, {
          body: { update_mask: 'lifecycle_state', query: {} },
        }),
      400,
      'INVALID_PARAMETER_VALUE',
      /update_mask/,
    ],
    ['a malformed page token', () => list({ page_token: '!' }), 400, 'INVALID_PARAMETER_VALUE', /page_token/],
  ])('refuse %s', async (_case, call, status, code, message) => {
    expectDatabricksError((await call()) as never, status, code, message);
  });
});

describe('sql_task in jobs/create', () => {
  const createJob = (task: Body) =>
    workspace.admin('POST', '/api/2.2/jobs/create', {
      body: { name: 'sql', tasks: [{ task_key: 'q', ...task }] },
    });

  it('accepts a file task and a saved query task on a warehouse', async () => {
    const file = await createJob({
      sql_task: { warehouse_id: 'abcdef0123456789', file: { path: '/Shared/q.sql' } },
    });
    expect(file.status, file.text).toBe(200);
    const query = await createJob({
      sql_task: { warehouse_id: 'abcdef0123456789', query: { query_id: 'q' } },
    });
    expect(query.status, query.text).toBe(200);
  });

  it.each<[string, Body, RegExp]>([
    ['no warehouse', { sql_task: { file: { path: '/q.sql' } } }, /sql_task.warehouse_id is required/],
    [
      'a cluster besides its warehouse',
      { existing_cluster_id: 'c', sql_task: { warehouse_id: 'w', file: { path: '/q.sql' } } },
      /runs on its SQL warehouse .*cannot set existing_cluster_id/,
    ],
    [
      'a dashboard',
      { sql_task: { warehouse_id: 'w', dashboard: { dashboard_id: 'd' } } },
      /not supported by Brickyard/,
    ],
    ['an alert', { sql_task: { warehouse_id: 'w', alert: { alert_id: 'a' } } }, /not supported by Brickyard/],
  ])('refuses a sql_task with %s', async (_case, task, message) => {
    expectDatabricksError(await createJob(task), 400, 'INVALID_PARAMETER_VALUE', message);
  });
});
