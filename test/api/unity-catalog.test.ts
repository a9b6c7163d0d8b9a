import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiCaller,
  type Body,
  buildTestApp,
  expectDatabricksError,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Unity Catalog API's request/response contract (/api/2.1/unity-catalog): metastore objects
 * as Catalog, Schema, Table and Volume resources in the workspace's namespace, managed data in S3.
 */
let api: TestApp;
let workspace: TestWorkspace;
let other: TestWorkspace;

interface Listed {
  next_page_token?: string;
}
type CatalogInfo = Body & { name: string; id: string; catalog_type: string; owner: string };
type SchemaInfo = Body & { name: string; full_name: string; schema_id: string };
type TableInfo = Body & { full_name: string; table_id: string; table_type: string; storage_location: string };
type VolumeInfo = Body & { full_name: string; volume_id: string; storage_location: string };

const PREFIX = '/api/2.1/unity-catalog';
const uc =
  (caller: () => ApiCaller) =>
  <T = Body>(
    method: string,
    path: string,
    options: { body?: unknown; query?: Record<string, string | number | boolean> } = {},
  ) =>
    caller()<T>(method, `${PREFIX}${path}`, options);
const admin = uc(() => workspace.admin);
const user = uc(() => workspace.user);

/** Every item of a list, following next_page_token as the SDK does; also how many pages it took. */
async function listAll<T>(path: string, key: string, query: Record<string, string | number>) {
  const items: T[] = [];
  let pages = 0;
  let token: string | undefined;
  do {
    const page = await admin<Listed & Record<string, T[]>>('GET', path, {
      query: { ...query, ...(token ? { page_token: token } : {}) },
    });
    expect(page.status, page.text).toBe(200);
    items.push(...(page.body[key] ?? []));
    token = page.body.next_page_token;
    pages++;
  } while (token);
  return { items, pages };
}

async function ok<T = Body>(response: Promise<{ status: number; text: string; body: T }>): Promise<T> {
  const answered = await response;
  expect(answered.status, answered.text).toBe(200);
  return answered.body;
}

/** The keys below a location of the platform bucket. */
async function keysBelow(location: string): Promise<string[]> {
  const bucket = api.services.storage.bucket;
  const prefix = `${location.replace(`s3://${bucket}/`, '')}/`;
  const listing = await api.services.storage.root('').list(prefix);
  return listing.objects.map((object) => object.key);
}

async function putObject(location: string, name: string): Promise<void> {
  const bucket = api.services.storage.bucket;
  await api.services.storage
    .root('')
    .put(`${location.replace(`s3://${bucket}/`, '')}/${name}`, Buffer.from('x'));
}

const workspaceRoot = () => `s3://${api.services.storage.bucket}/workspaces/${workspace.workspaceId}`;

beforeAll(async () => {
  api = await buildTestApp();
  [workspace, other] = await Promise.all([testWorkspace(api, 'api-uc'), testWorkspace(api, 'api-uc-other')]);
});

afterAll(async () => {
  await Promise.all([workspace?.remove(), other?.remove()]);
  await api?.close();
});

describe('the metastore', () => {
  it('is one per workspace, with its storage root below the workspace storage root', async () => {
    const summary = await ok<Body & { metastore_id: string; storage_root: string }>(
      admin('GET', '/metastore_summary'),
    );
    expect(summary).toMatchObject({
      metastore_id: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      cloud: 'aws',
      storage_root: `${workspaceRoot()}/unity-catalog/${summary.metastore_id}`,
      owner: 'System user',
    });
    const assignment = await ok(admin('GET', '/current-metastore-assignment'));
    expect(assignment).toEqual({
      workspace_id: workspace.workspaceId,
      metastore_id: summary.metastore_id,
      default_catalog_name: 'main',
    });
    const otherSummary = await ok<Body & { metastore_id: string }>(
      uc(() => other.admin)('GET', '/metastore_summary'),
    );
    expect(otherSummary.metastore_id).not.toBe(summary.metastore_id);
    expect((await ok<Body>(admin('GET', `/metastores/${summary.metastore_id}`))).metastore_id).toBe(
      summary.metastore_id,
    );
    expect((await ok<{ metastores: Body[] }>(admin('GET', '/metastores'))).metastores).toEqual([
      await ok(admin('GET', `/metastores/${summary.metastore_id}`)),
    ]);
    expectDatabricksError(
      await admin('GET', `/metastores/${otherSummary.metastore_id}`),
      404,
      'METASTORE_DOES_NOT_EXIST',
    );
  });

  it('starts with main, samples and system, as a Databricks workspace does', async () => {
    const { items } = await listAll<CatalogInfo>('/catalogs', 'catalogs', { max_results: 0 });
    const byName = Object.fromEntries(items.map((catalog) => [catalog.name, catalog]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['main', 'samples', 'system']));
    expect(byName.main).toMatchObject({
      catalog_type: 'MANAGED_CATALOG',
      securable_type: 'CATALOG',
      browse_only: false,
    });
    expect(byName.system).toMatchObject({ catalog_type: 'SYSTEM_CATALOG', owner: 'System user' });
    expect(byName.samples).toMatchObject({ catalog_type: 'SYSTEM_CATALOG', owner: 'System user' });
    const main = await listAll<SchemaInfo>('/schemas', 'schemas', { catalog_name: 'main', max_results: 0 });
    expect(main.items.map((schema) => schema.name)).toEqual(['default', 'information_schema']);
    const system = await listAll<SchemaInfo>('/schemas', 'schemas', { catalog_name: 'system' });
    expect(system.items.map((schema) => schema.name)).toEqual(
      expect.arrayContaining(['access', 'billing', 'compute', 'information_schema']),
    );
  });

  it('stores each object as a resource in the workspace namespace, named by its id', async () => {
    const main = await ok<CatalogInfo>(admin('GET', '/catalogs/main'));
    const namespace = `brickyard-ws-${workspace.workspaceId}`;
    const resource = api.services.unityCatalog.catalogs.get(namespace, main.id);
    expect(resource?.spec).toMatchObject({ name: 'main', catalogType: 'MANAGED_CATALOG' });
  });

  it('keeps system catalogs and information schemas to the system', async () => {
    expectDatabricksError(await admin('DELETE', '/catalogs/system'), 403, 'PERMISSION_DENIED');
    expectDatabricksError(
      await admin('DELETE', '/schemas/main.information_schema'),
      403,
      'PERMISSION_DENIED',
    );
    expectDatabricksError(
      await admin('POST', '/schemas', { body: { name: 'mine', catalog_name: 'samples' } }),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('catalogs', () => {
  it('creates, reads, updates and deletes a catalog, its name in lower case and its owner the caller', async () => {
    const created = await ok<CatalogInfo>(
      user('POST', '/catalogs', { body: { name: 'Sales', comment: 'money', properties: { team: 'a' } } }),
    );
    expect(created).toMatchObject({
      name: 'sales',
      full_name: 'sales',
      catalog_type: 'MANAGED_CATALOG',
      owner: workspace.userName,
      created_by: workspace.userName,
      comment: 'money',
      properties: { team: 'a' },
      id: expect.any(String),
      metastore_id: expect.any(String),
      created_at: expect.any(Number),
    });
    expect(await ok(admin('GET', '/catalogs/SALES'))).toEqual(created);
    const schemas = await listAll<SchemaInfo>('/schemas', 'schemas', { catalog_name: 'sales' });
    expect(schemas.items.map((schema) => schema.name)).toEqual(['information_schema']);
    expectDatabricksError(
      await admin('POST', '/catalogs', { body: { name: 'sales' } }),
      409,
      'CATALOG_ALREADY_EXISTS',
      "Catalog 'sales' already exists",
    );

    const updated = await ok<CatalogInfo>(
      admin('PATCH', '/catalogs/sales', {
        body: { new_name: 'revenue', owner: 'bob@example.com', comment: 'more' },
      }),
    );
    expect(updated).toMatchObject({
      name: 'revenue',
      id: created.id,
      owner: 'bob@example.com',
      comment: 'more',
    });
    expectDatabricksError(
      await admin('GET', '/catalogs/sales'),
      404,
      'CATALOG_DOES_NOT_EXIST',
      "Catalog 'sales' does not exist.",
    );
    expect(await ok(admin('DELETE', '/catalogs/revenue'))).toEqual({});
    expectDatabricksError(await admin('GET', '/catalogs/revenue'), 404, 'CATALOG_DOES_NOT_EXIST');
  });

  it('deletes a catalog with schemas only with force, and everything in it then', async () => {
    await ok(admin('POST', '/catalogs', { body: { name: 'full' } }));
    await ok(admin('POST', '/schemas', { body: { name: 's', catalog_name: 'full' } }));
    const table = await ok<TableInfo>(
      admin('POST', '/tables', {
        body: {
          name: 't',
          catalog_name: 'full',
          schema_name: 's',
          table_type: 'MANAGED',
          data_source_format: 'DELTA',
        },
      }),
    );
    await putObject(table.storage_location, '_delta_log/00000000000000000000.json');
    expectDatabricksError(await admin('DELETE', '/catalogs/full'), 400, 'CATALOG_NOT_EMPTY');
    expect(await ok(admin('DELETE', '/catalogs/full', { query: { force: true } }))).toEqual({});
    expectDatabricksError(await admin('GET', '/tables/full.s.t'), 404, 'CATALOG_DOES_NOT_EXIST');
    expect(await keysBelow(table.storage_location)).toEqual([]);
  });

  it('refuses names Unity Catalog refuses, and kinds of catalog Brickyard does not make', async () => {
    for (const name of ['a.b', 'has space', 'a/b', '']) {
      expectDatabricksError(
        await admin('POST', '/catalogs', { body: { name } }),
        400,
        'INVALID_PARAMETER_VALUE',
      );
    }
    expectDatabricksError(
      await admin('POST', '/catalogs', { body: { name: 'shared', provider_name: 'p', share_name: 's' } }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expectDatabricksError(
      await admin('POST', '/catalogs', { body: { name: 'huge', comment: 'x'.repeat(1_100_000) } }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expectDatabricksError(await admin('GET', '/catalogs/huge'), 404, 'CATALOG_DOES_NOT_EXIST');
    expectDatabricksError(
      await admin('GET', '/catalogs', { query: { max_results: -1 } }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});

describe('schemas', () => {
  it('creates, renames and deletes a schema; one with tables only with force', async () => {
    const created = await ok<SchemaInfo>(
      admin('POST', '/schemas', { body: { name: 'Staging', catalog_name: 'MAIN' } }),
    );
    expect(created).toMatchObject({
      name: 'staging',
      catalog_name: 'main',
      full_name: 'main.staging',
      catalog_type: 'MANAGED_CATALOG',
      securable_type: 'SCHEMA',
    });
    expectDatabricksError(
      await admin('POST', '/schemas', { body: { name: 'staging', catalog_name: 'main' } }),
      409,
      'SCHEMA_ALREADY_EXISTS',
    );
    const renamed = await ok<SchemaInfo>(
      admin('PATCH', '/schemas/main.staging', { body: { new_name: 'stage' } }),
    );
    expect(renamed).toMatchObject({ full_name: 'main.stage', schema_id: created.schema_id });
    await ok(
      admin('POST', '/tables', {
        body: {
          name: 't',
          catalog_name: 'main',
          schema_name: 'stage',
          table_type: 'MANAGED',
          data_source_format: 'DELTA',
        },
      }),
    );
    const namespace = `brickyard-ws-${workspace.workspaceId}`;
    const table = api.services.unityCatalog.tables
      .list(namespace)
      .find((t) => t.spec.fullName === 'main.stage.t');
    expect(table).toBeDefined();
    expectDatabricksError(await admin('DELETE', '/schemas/main.stage'), 400, 'SCHEMA_NOT_EMPTY');
    await ok(admin('DELETE', '/schemas/main.stage', { query: { force: true } }));
    expectDatabricksError(
      await admin('GET', '/schemas/main.stage'),
      404,
      'SCHEMA_DOES_NOT_EXIST',
      "Schema 'main.stage' does not exist.",
    );
  });

  it('answers a missing catalog and a malformed full name', async () => {
    expectDatabricksError(
      await admin('GET', '/schemas', { query: { catalog_name: 'nope' } }),
      404,
      'CATALOG_DOES_NOT_EXIST',
    );
    expectDatabricksError(await admin('GET', '/schemas/main'), 400, 'INVALID_PARAMETER_VALUE');
    expectDatabricksError(await admin('GET', '/schemas/main.a.b'), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('tables', () => {
  const columns = [
    {
      name: 'id',
      type_name: 'LONG',
      type_text: 'bigint',
      type_json: '{"name":"id","type":"long"}',
      nullable: false,
    },
    { name: 'amount', type_name: 'DECIMAL', type_text: 'decimal(10,2)', type_precision: 10, type_scale: 2 },
  ];
  const external = () => `${workspaceRoot()}/external/orders-${Date.now()}`;

  it('creates an EXTERNAL Delta table at its location, and reads it back', async () => {
    const location = external();
    const created = await ok<TableInfo>(
      admin('POST', '/tables', {
        body: {
          name: 'Orders',
          catalog_name: 'main',
          schema_name: 'default',
          table_type: 'EXTERNAL',
          data_source_format: 'DELTA',
          storage_location: `${location}/`,
          columns,
          properties: { 'delta.minReaderVersion': '1' },
        },
      }),
    );
    expect(created).toMatchObject({
      name: 'orders',
      full_name: 'main.default.orders',
      catalog_name: 'main',
      schema_name: 'default',
      table_type: 'EXTERNAL',
      data_source_format: 'DELTA',
      storage_location: location,
      table_id: expect.any(String),
      columns: [
        { ...columns[0], position: 0 },
        { ...columns[1], position: 1, nullable: true },
      ],
      properties: { 'delta.minReaderVersion': '1' },
    });
    expect(await ok(admin('GET', '/tables/MAIN.default.ORDERS'))).toEqual(created);
    expect(await ok(admin('GET', '/tables/main.default.orders/exists'))).toEqual({ table_exists: true });
    expect(await ok(admin('GET', '/tables/main.default.nothing/exists'))).toEqual({ table_exists: false });
    expect(await ok(admin('GET', '/tables/nope.default.orders/exists'))).toEqual({ table_exists: false });
    expectDatabricksError(
      await admin('POST', '/tables', {
        body: {
          name: 'orders',
          catalog_name: 'main',
          schema_name: 'default',
          table_type: 'EXTERNAL',
          data_source_format: 'DELTA',
          storage_location: external(),
        },
      }),
      409,
      'TABLE_ALREADY_EXISTS',
    );
  });

  it('updates the owner, columns and properties a Spark ALTER TABLE changes', async () => {
    const updated = await ok<TableInfo>(
      admin('PATCH', '/tables/main.default.orders', {
        body: {
          owner: 'carol@example.com',
          columns: [...columns, { name: 'note', type_name: 'STRING', type_text: 'string' }],
          properties: { 'delta.minReaderVersion': '3' },
        },
      }),
    );
    expect(updated).toMatchObject({
      owner: 'carol@example.com',
      properties: { 'delta.minReaderVersion': '3' },
      columns: [
        expect.objectContaining({ name: 'id' }),
        expect.anything(),
        { name: 'note', type_name: 'STRING', type_text: 'string', position: 2, nullable: true },
      ],
    });
    expect(await ok(admin('GET', '/tables/main.default.orders'))).toEqual(updated);
  });

  it('gives a MANAGED table its location in the metastore, and deletes its files with it', async () => {
    const summary = await ok<Body & { storage_root: string }>(admin('GET', '/metastore_summary'));
    const created = await ok<TableInfo>(
      admin('POST', '/tables', {
        body: {
          name: 'managed',
          catalog_name: 'main',
          schema_name: 'default',
          table_type: 'MANAGED',
          data_source_format: 'DELTA',
          columns,
        },
      }),
    );
    expect(created.storage_location).toBe(`${summary.storage_root}/tables/${created.table_id}`);
    await putObject(created.storage_location, '_delta_log/00000000000000000000.json');
    await putObject(created.storage_location, 'part-0.parquet');
    expect(await keysBelow(created.storage_location)).toHaveLength(2);
    expect(await ok(admin('DELETE', '/tables/main.default.managed'))).toEqual({});
    expect(await keysBelow(created.storage_location)).toEqual([]);
    expectDatabricksError(
      await admin('GET', '/tables/main.default.managed'),
      404,
      'TABLE_DOES_NOT_EXIST',
      "Table 'main.default.managed' does not exist.",
    );
  });

  it('keeps the files of an EXTERNAL table it deletes', async () => {
    const location = external();
    await ok(
      admin('POST', '/tables', {
        body: {
          name: 'kept',
          catalog_name: 'main',
          schema_name: 'default',
          table_type: 'EXTERNAL',
          data_source_format: 'DELTA',
          storage_location: location,
        },
      }),
    );
    await putObject(location, 'part-0.parquet');
    await ok(admin('DELETE', '/tables/main.default.kept'));
    expect(await keysBelow(location)).toHaveLength(1);
  });

  it('refuses tables it cannot make', async () => {
    const summary = await ok<Body & { storage_root: string }>(admin('GET', '/metastore_summary'));
    const base = { catalog_name: 'main', schema_name: 'default', data_source_format: 'DELTA' };
    const refusals: [Body, number, string][] = [
      [{ ...base, name: 'x', table_type: 'EXTERNAL' }, 400, 'INVALID_PARAMETER_VALUE'],
      [{ ...base, name: 'x', table_type: 'VIEW' }, 400, 'INVALID_PARAMETER_VALUE'],
      [
        { ...base, name: 'x', table_type: 'MANAGED', data_source_format: 'CSV' },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        { ...base, name: 'x', table_type: 'MANAGED', storage_location: external() },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        {
          ...base,
          name: 'x',
          table_type: 'EXTERNAL',
          storage_location: 'abfss://c@a.dfs.core.windows.net/x',
        },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      // Inside the metastore's managed storage, in another workspace's storage, over another table.
      [
        { ...base, name: 'x', table_type: 'EXTERNAL', storage_location: `${summary.storage_root}/x` },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        {
          ...base,
          name: 'x',
          table_type: 'EXTERNAL',
          storage_location: `s3://${api.services.storage.bucket}/workspaces/${other.workspaceId}/dbfs/x`,
        },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [
        { ...base, name: 'x', table_type: 'EXTERNAL', storage_location: `${workspaceRoot()}/external` },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
      [{ ...base, name: 'x', schema_name: 'nope', table_type: 'MANAGED' }, 404, 'SCHEMA_DOES_NOT_EXIST'],
      [{ ...base, name: 'x', catalog_name: 'nope', table_type: 'MANAGED' }, 404, 'CATALOG_DOES_NOT_EXIST'],
      [
        { ...base, name: 'x', schema_name: 'information_schema', table_type: 'MANAGED' },
        403,
        'PERMISSION_DENIED',
      ],
      [
        { ...base, name: 'x', table_type: 'MANAGED', columns: [{ name: 'a' }, { name: 'A' }] },
        400,
        'INVALID_PARAMETER_VALUE',
      ],
    ];
    for (const [body, status, code] of refusals) {
      expectDatabricksError(await admin('POST', '/tables', { body }), status, code);
    }
  });

  it('pages a list to its end, the last page without a next_page_token', async () => {
    await ok(admin('POST', '/schemas', { body: { name: 'paged', catalog_name: 'main' } }));
    for (let i = 0; i < 5; i++) {
      await ok(
        admin('POST', '/tables', {
          body: {
            name: `t${i}`,
            catalog_name: 'main',
            schema_name: 'paged',
            table_type: 'MANAGED',
            data_source_format: 'DELTA',
          },
        }),
      );
    }
    const paged = await listAll<TableInfo>('/tables', 'tables', {
      catalog_name: 'main',
      schema_name: 'paged',
      max_results: 2,
    });
    expect(paged.items.map((table) => table.full_name)).toEqual(
      ['t0', 't1', 't2', 't3', 't4'].map((t) => `main.paged.${t}`),
    );
    expect(paged.pages).toBe(3);
    const whole = await listAll<TableInfo>('/tables', 'tables', {
      catalog_name: 'main',
      schema_name: 'paged',
      max_results: 0,
    });
    expect(whole).toEqual({ items: paged.items, pages: 1 });
    const bare = await ok<{ tables: TableInfo[] }>(
      admin('GET', '/tables', {
        query: { catalog_name: 'main', schema_name: 'paged', omit_columns: true, omit_username: true },
      }),
    );
    expect(bare.tables[0]).not.toHaveProperty('columns');
    expect(bare.tables[0]).not.toHaveProperty('owner');
    const summaries = await ok<{ tables: Body[] }>(
      admin('GET', '/table-summaries', {
        query: { catalog_name: 'main', schema_name_pattern: 'pag%', table_name_pattern: 't_' },
      }),
    );
    expect(summaries.tables).toHaveLength(5);
    expect(summaries.tables[0]).toEqual({ full_name: 'main.paged.t0', table_type: 'MANAGED' });
  });
});

describe('volumes', () => {
  it('creates a MANAGED volume at its /Volumes path in DBFS, and deletes it with its files', async () => {
    const created = await ok<VolumeInfo>(
      admin('POST', '/volumes', {
        body: { name: 'Files', catalog_name: 'main', schema_name: 'default', volume_type: 'MANAGED' },
      }),
    );
    expect(created).toMatchObject({
      name: 'files',
      full_name: 'main.default.files',
      volume_type: 'MANAGED',
      storage_location: `${workspaceRoot()}/dbfs/Volumes/main/default/files`,
    });
    const listed = await listAll<VolumeInfo>('/volumes', 'volumes', {
      catalog_name: 'main',
      schema_name: 'default',
    });
    expect(listed.items).toEqual([created]);
    expectDatabricksError(
      await admin('PATCH', '/volumes/main.default.files', { body: { new_name: 'docs' } }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const commented = await ok<VolumeInfo>(
      admin('PATCH', '/volumes/main.default.files', { body: { comment: 'raw files' } }),
    );
    expect(commented).toMatchObject({ full_name: 'main.default.files', comment: 'raw files' });
    await putObject(created.storage_location, 'a.txt');
    await ok(admin('DELETE', '/volumes/main.default.files'));
    expect(await keysBelow(created.storage_location)).toEqual([]);
    expectDatabricksError(await admin('GET', '/volumes/main.default.files'), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('renames an EXTERNAL volume, whose files stay where they are', async () => {
    const location = `${workspaceRoot()}/volumes-ext/renamed-${Date.now()}`;
    await ok(
      admin('POST', '/volumes', {
        body: {
          name: 'outside',
          catalog_name: 'main',
          schema_name: 'default',
          volume_type: 'EXTERNAL',
          storage_location: location,
        },
      }),
    );
    const renamed = await ok<VolumeInfo>(
      admin('PATCH', '/volumes/main.default.outside', { body: { new_name: 'elsewhere' } }),
    );
    expect(renamed).toMatchObject({ full_name: 'main.default.elsewhere', storage_location: location });
    await ok(admin('DELETE', '/volumes/main.default.elsewhere'));
  });

  it('creates an EXTERNAL volume only at a location of its own', async () => {
    const location = `${workspaceRoot()}/volumes-ext/${Date.now()}`;
    const created = await ok<VolumeInfo>(
      admin('POST', '/volumes', {
        body: {
          name: 'ext',
          catalog_name: 'main',
          schema_name: 'default',
          volume_type: 'EXTERNAL',
          storage_location: location,
        },
      }),
    );
    expect(created.storage_location).toBe(location);
    expectDatabricksError(
      await admin('POST', '/volumes', {
        body: { name: 'ext2', catalog_name: 'main', schema_name: 'default', volume_type: 'EXTERNAL' },
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expectDatabricksError(
      await admin('POST', '/volumes', {
        body: { name: 'ext', catalog_name: 'main', schema_name: 'default', volume_type: 'MANAGED' },
      }),
      409,
      'RESOURCE_ALREADY_EXISTS',
    );
    await ok(admin('DELETE', '/volumes/main.default.ext'));
  });
});

describe('isolation', () => {
  it('shows a workspace none of the catalogs of another', async () => {
    await ok(admin('POST', '/catalogs', { body: { name: 'private_data' } }));
    const theirs = uc(() => other.admin);
    expectDatabricksError(await theirs('GET', '/catalogs/private_data'), 404, 'CATALOG_DOES_NOT_EXIST');
    const listed = await ok<{ catalogs: CatalogInfo[] }>(theirs('GET', '/catalogs'));
    expect(listed.catalogs.map((catalog) => catalog.name)).not.toContain('private_data');
    const main = [
      await ok<CatalogInfo>(admin('GET', '/catalogs/main')),
      await ok<CatalogInfo>(theirs('GET', '/catalogs/main')),
    ];
    expect(main[0]?.id).not.toBe(main[1]?.id);
    await ok(admin('DELETE', '/catalogs/private_data'));
  });
});
