import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The request contract of the Statement Execution API and the query history: what is refused
 * before any statement runs, with the codes and messages Databricks answers. Statements that run
 * are tested on Spark in test/integration/sql-statements.test.ts and test/e2e.
 */
let api: TestApp;
let workspace: TestWorkspace;
let warehouseId: string;

const BASE = '/api/2.0/sql/statements';
const MISSING_STATEMENT = '01f1c46b-c6a4-1a9a-9f97-7eff37bf8459';

const execute = (body: Record<string, unknown>) =>
  workspace.user('POST', BASE, { body: { warehouse_id: warehouseId, statement: 'SELECT 1', ...body } });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-statements');
  const created = await workspace.admin<{ id: string }>('POST', '/api/2.0/sql/warehouses', {
    body: { name: 'statements', cluster_size: '2X-Small', auto_stop_mins: 10 },
  });
  expect(created.status, created.text).toBe(200);
  warehouseId = created.body.id;
  // Stopped at once: nothing here runs on it.
  const stopped = await workspace.admin('POST', `/api/2.0/sql/warehouses/${warehouseId}/stop`, { body: {} });
  expect(stopped.status).toBe(200);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('execute refuses requests it cannot run', () => {
  it.each<[string, Record<string, unknown>, number, string, string | RegExp]>([
    [
      'a warehouse id of no warehouse',
      { warehouse_id: 'ffffffffffffffff' },
      403,
      'PERMISSION_DENIED',
      'You do not have permission to use the SQL Warehouse. Please contact your administrator.',
    ],
    [
      'a malformed warehouse id',
      { warehouse_id: 'no such!' },
      400,
      'INVALID_PARAMETER_VALUE',
      'no such! is not a valid endpoint id.',
    ],
    [
      'a wait_timeout past 50 s',
      { wait_timeout: '51s' },
      400,
      'INVALID_PARAMETER_VALUE',
      'The wait_timeout field must be 0 seconds (disables wait), or between 5 seconds and 50 seconds.',
    ],
    [
      'a wait_timeout that is no duration',
      { wait_timeout: 'soon' },
      400,
      'INVALID_PARAMETER_VALUE',
      'Error while parsing type: duration.',
    ],
    [
      'CSV inline',
      { disposition: 'INLINE', format: 'CSV' },
      400,
      'INVALID_PARAMETER_VALUE',
      'Incompatible parameters: The format field must be JSON_ARRAY when the disposition field is INLINE.',
    ],
    ['a negative row_limit', { row_limit: -1 }, 400, 'INVALID_PARAMETER_VALUE', /row_limit/],
    ['a byte_limit of 0', { byte_limit: 0 }, 400, 'INVALID_PARAMETER_VALUE', /byte_limit/],
    ['no statement', { statement: undefined }, 400, 'INVALID_PARAMETER_VALUE', /statement/],
  ])('%s', async (_name, body, status, code, message) => {
    expectDatabricksError(await execute(body), status, code, message);
  });
});

describe('statements by id', () => {
  it('refuses an id that is not a UUID, as Databricks parses it', async () => {
    expectDatabricksError(
      await workspace.user('GET', `${BASE}/not-a-uuid`),
      400,
      'INVALID_PARAMETER_VALUE',
      'Error while parsing type: statement_id.',
    );
  });

  it('answers 404 NOT_FOUND for a statement that does not exist, and for its chunks', async () => {
    expectDatabricksError(await workspace.user('GET', `${BASE}/${MISSING_STATEMENT}`), 404, 'NOT_FOUND');
    expectDatabricksError(
      await workspace.user('GET', `${BASE}/${MISSING_STATEMENT}/result/chunks/0`),
      404,
      'NOT_FOUND',
    );
  });

  it('answers {} to a cancel and a delete of any statement, as Databricks does', async () => {
    for (const [method, path] of [
      ['POST', `${BASE}/${MISSING_STATEMENT}/cancel`],
      ['DELETE', `${BASE}/${MISSING_STATEMENT}`],
    ] as const) {
      const response = await workspace.user(method, path, method === 'POST' ? { body: {} } : {});
      expect([response.status, response.body]).toEqual([200, {}]);
    }
  });
});

describe('the query history', () => {
  it('lists nothing for a workspace without statements', async () => {
    const response = await workspace.user('GET', '/api/2.0/sql/history/queries', {
      query: { 'filter_by.warehouse_ids': warehouseId, max_results: 10 },
    });
    expect([response.status, response.body]).toEqual([200, { res: [], has_next_page: false }]);
  });

  it.each([[{ 'filter_by.statuses': 'DONE' }], [{ max_results: 1001 }], [{ page_token: 'garbage' }]])(
    'refuses %o',
    async (query) => {
      expectDatabricksError(
        await workspace.user('GET', '/api/2.0/sql/history/queries', { query }),
        400,
        'INVALID_PARAMETER_VALUE',
      );
    },
  );
});
