import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  type Body,
  buildTestApp,
  expectDatabricksError,
  type InjectedResponse,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Unity Catalog grants (/api/2.1/unity-catalog/permissions) and their enforcement where data is
 * reached: the metastore API and the credentials it vends. A colleague sees and reads a table
 * only with USE CATALOG, USE SCHEMA and SELECT, to them or to a group of theirs.
 */
let api: TestApp;
let workspace: TestWorkspace;
let colleague: { name: string; id: string; call: ApiCaller };

const UC = '/api/2.1/unity-catalog';
const SCIM = '/api/2.0/preview/scim/v2';
const CATALOG = 'governed';
const TABLE = `${CATALOG}.sales.orders`;
let tableId: string;

const grant = (securable: string, fullName: string, changes: Body[], as: ApiCaller = workspace.admin) =>
  as('PATCH', `${UC}/permissions/${securable}/${fullName}`, { body: { changes } });
const credentials = (operation: string, as: ApiCaller = colleague.call) =>
  as('POST', `${UC}/temporary-table-credentials`, { body: { table_id: tableId, operation } });

async function newColleague(): Promise<typeof colleague> {
  const name = `colleague-${Date.now()}@example.com`;
  const user = await workspace.admin<{ id: string }>('POST', `${SCIM}/Users`, { body: { userName: name } });
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    `/api/2.0/brickyard/users/${user.body.id}/tokens`,
    {
      body: { lifetime_seconds: 1800 },
    },
  );
  expect(token.status, token.text).toBe(200);
  return { name, id: user.body.id, call: api.as(token.body.token_value) };
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-uc-grants');
  colleague = await newColleague();
  for (const [path, body] of [
    ['/catalogs', { name: CATALOG }],
    ['/schemas', { catalog_name: CATALOG, name: 'sales' }],
    [
      '/tables',
      {
        catalog_name: CATALOG,
        schema_name: 'sales',
        name: 'orders',
        table_type: 'MANAGED',
        data_source_format: 'DELTA',
      },
    ],
  ] as const) {
    const created = await workspace.admin<{ table_id?: string }>('POST', `${UC}${path}`, { body });
    expect(created.status, created.text).toBe(200);
    if (created.body.table_id) tableId = created.body.table_id;
  }
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('without grants', () => {
  it.each<[string, () => Promise<InjectedResponse<unknown>>]>([
    ['get the catalog', () => colleague.call('GET', `${UC}/catalogs/${CATALOG}`)],
    ['list its schemas', () => colleague.call('GET', `${UC}/schemas`, { query: { catalog_name: CATALOG } })],
    ['get the table', () => colleague.call('GET', `${UC}/tables/${TABLE}`)],
    ['read it through vended credentials', () => credentials('READ')],
    [
      'grant on it',
      () => grant('table', TABLE, [{ principal: colleague.name, add: ['SELECT'] }], colleague.call),
    ],
  ])('the colleague may not %s', async (_case, call) => {
    expectDatabricksError(await call(), 403, 'PERMISSION_DENIED');
  });

  it('leaves the catalog out of the colleague’s list, but shows main', async () => {
    const list = await colleague.call<{ catalogs: { name: string }[] }>('GET', `${UC}/catalogs`);
    const names = list.body.catalogs.map((catalog) => catalog.name);
    expect(names).toContain('main');
    expect(names).not.toContain(CATALOG);
  });

  it('lets everyone make a table in main.default, which they then own', async () => {
    const created = await colleague.call<{ owner: string }>('POST', `${UC}/tables`, {
      body: {
        catalog_name: 'main',
        schema_name: 'default',
        name: 'mine',
        table_type: 'MANAGED',
        data_source_format: 'DELTA',
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(created.body.owner).toBe(colleague.name);
    const refused = await colleague.call('POST', `${UC}/schemas`, {
      body: { catalog_name: 'main', name: 'theirs' },
    });
    expectDatabricksError(refused, 403, 'PERMISSION_DENIED');
  });
});

describe('with USE CATALOG, USE SCHEMA and SELECT', () => {
  beforeAll(async () => {
    for (const [securable, name, privilege] of [
      ['catalog', CATALOG, 'USE_CATALOG'],
      ['schema', `${CATALOG}.sales`, 'USE_SCHEMA'],
      ['table', TABLE, 'SELECT'],
    ] as const) {
      const granted = await grant(securable, name, [{ principal: colleague.name, add: [privilege] }]);
      expect(granted.status, granted.text).toBe(200);
    }
  });

  it('shows the grants, and the effective ones with where they come from', async () => {
    const direct = await workspace.admin('GET', `${UC}/permissions/table/${TABLE}`);
    expect(direct.body).toEqual({
      privilege_assignments: [{ principal: colleague.name, privileges: ['SELECT'] }],
    });
    const effective = await workspace.admin<{ privilege_assignments: Body[] }>(
      'GET',
      `${UC}/effective-permissions/TABLE/${TABLE}`,
      {
        query: { principal: colleague.name },
      },
    );
    expect(effective.body.privilege_assignments).toEqual([
      {
        principal: colleague.name,
        privileges: [
          { privilege: 'USE_CATALOG', inherited_from_type: 'CATALOG', inherited_from_name: CATALOG },
          { privilege: 'USE_SCHEMA', inherited_from_type: 'SCHEMA', inherited_from_name: `${CATALOG}.sales` },
          { privilege: 'SELECT' },
        ],
      },
    ]);
  });

  it('lets the colleague see and read the table, but not write or drop it', async () => {
    expect((await colleague.call('GET', `${UC}/tables/${TABLE}`)).status).toBe(200);
    const tables = await colleague.call<{ tables: Body[] }>('GET', `${UC}/tables`, {
      query: { catalog_name: CATALOG, schema_name: 'sales' },
    });
    expect(tables.body.tables.map((table) => table.full_name)).toEqual([TABLE]);
    const read = await credentials('READ');
    expect(read.status, read.text).toBe(200);
    expectDatabricksError(await credentials('READ_WRITE'), 403, 'PERMISSION_DENIED', /MODIFY/);
    expectDatabricksError(await colleague.call('DELETE', `${UC}/tables/${TABLE}`), 403, 'PERMISSION_DENIED');
  });

  it('takes SELECT away when it is revoked', async () => {
    await grant('table', TABLE, [{ principal: colleague.name, remove: ['SELECT'] }]);
    expectDatabricksError(await credentials('READ'), 403, 'PERMISSION_DENIED', /SELECT/);
    await grant('table', TABLE, [{ principal: colleague.name, add: ['SELECT'] }]);
    expect((await credentials('READ')).status).toBe(200);
  });
});

describe('grants to groups and inheritance', () => {
  it('gives a group’s members what the group holds, inherited from the catalog down', async () => {
    const member = await newColleague();
    const group = `uc-readers-${Date.now()}`;
    const created = await workspace.admin('POST', `${SCIM}/Groups`, {
      body: { displayName: group, members: [{ value: member.id }] },
    });
    expect(created.status, created.text).toBe(201);
    expectDatabricksError(await member.call('GET', `${UC}/tables/${TABLE}`), 403, 'PERMISSION_DENIED');
    await grant('catalog', CATALOG, [{ principal: group, add: ['USE_CATALOG', 'USE_SCHEMA', 'SELECT'] }]);
    expect((await member.call('GET', `${UC}/tables/${TABLE}`)).status).toBe(200);
  });

  it('lets the owner of the catalog grant, and ALL_PRIVILEGES cover MODIFY', async () => {
    const owner = await newColleague();
    const catalog = `owned_${Date.now()}`;
    expect((await owner.call('POST', `${UC}/catalogs`, { body: { name: catalog } })).status).toBe(200);
    expect(
      (await owner.call('POST', `${UC}/schemas`, { body: { catalog_name: catalog, name: 's' } })).status,
    ).toBe(200);
    const table = await owner.call<{ table_id: string }>('POST', `${UC}/tables`, {
      body: {
        catalog_name: catalog,
        schema_name: 's',
        name: 't',
        table_type: 'MANAGED',
        data_source_format: 'DELTA',
      },
    });
    const granted = await grant(
      'schema',
      `${catalog}.s`,
      [{ principal: colleague.name, add: ['USE_SCHEMA', 'ALL_PRIVILEGES'] }],
      owner.call,
    );
    expect(granted.status, granted.text).toBe(200);
    await grant('catalog', catalog, [{ principal: colleague.name, add: ['USE_CATALOG'] }], owner.call);
    const write = await colleague.call('POST', `${UC}/temporary-table-credentials`, {
      body: { table_id: table.body.table_id, operation: 'READ_WRITE' },
    });
    expect(write.status, write.text).toBe(200);
  });

  it.each<[string, Body, number, string]>([
    [
      'a principal nobody knows',
      { principal: 'nobody@example.com', add: ['SELECT'] },
      400,
      'INVALID_PARAMETER_VALUE',
    ],
    [
      'a privilege Unity Catalog lacks',
      { principal: 'users', add: ['READ_MINDS'] },
      400,
      'INVALID_PARAMETER_VALUE',
    ],
  ])('refuses a grant to %s', async (_case, change, status, code) => {
    expectDatabricksError(await grant('table', TABLE, [change]), status, code);
  });

  it('refuses grants on securables it does not model', async () => {
    expectDatabricksError(
      await workspace.admin('GET', `${UC}/permissions/function/${CATALOG}.sales.f`),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});
