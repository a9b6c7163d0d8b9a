import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { IamClient, ScopedUserPaths } from '@brickyard/common/storage-credentials';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TemporaryCredentials } from '../../services/api/src/storage-credentials/temporary-credentials.js';
import { waitFor } from '../integration/support/wait-for.js';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Unity Catalog's credential vending (temporary-table-credentials, temporary-path-credentials):
 * keys of the object store's IAM service that reach one table's prefix, checked against the real
 * versitygw gateway, and the reaper that deletes them once they expire.
 */
let api: TestApp;
let workspace: TestWorkspace;
let other: TestWorkspace;
let tableA: TableInfo;
let tableB: TableInfo;

type TableInfo = Body & { table_id: string; storage_location: string };
type Credentials = Body & {
  aws_temp_credentials: { access_key_id: string; secret_access_key: string };
  expiration_time: number;
  url: string;
};

const bucket = () => api.services.config.s3.bucket;

/** The platform's credential settings; `make up` always gives the API the IAM endpoint. */
function credentialSettings(): NonNullable<typeof api.services.config.storageCredentials> {
  const settings = api.services.config.storageCredentials;
  if (!settings) throw new Error('BRICKYARD_S3_IAM_ENDPOINT is not set: source .brickyard/env after make up');
  return settings;
}
const keyOf = (location: string, name: string) => `${location.replace(`s3://${bucket()}/`, '')}/${name}`;

function s3With(credentials: Credentials['aws_temp_credentials']): S3Client {
  const { endpoint, region } = api.services.config.s3;
  return new S3Client({
    endpoint,
    region,
    forcePathStyle: true,
    credentials: { accessKeyId: credentials.access_key_id, secretAccessKey: credentials.secret_access_key },
  });
}

/** The S3 error code of a request ('OK' when it succeeded). */
async function outcome(client: S3Client, command: GetObjectCommand | PutObjectCommand): Promise<string> {
  try {
    if (command instanceof GetObjectCommand) await (await client.send(command)).Body?.transformToString();
    else await client.send(command);
    return 'OK';
  } catch (error) {
    return (error as Error).name;
  }
}

const get = (key: string) => new GetObjectCommand({ Bucket: bucket(), Key: key });
const put = (key: string) => new PutObjectCommand({ Bucket: bucket(), Key: key, Body: 'written' });

async function vendTable(caller: TestWorkspace, tableId: string, operation: string) {
  return caller.admin<Credentials>('POST', '/api/2.0/unity-catalog/temporary-table-credentials', {
    body: { table_id: tableId, operation },
  });
}

async function managedTable(name: string): Promise<TableInfo> {
  const created = await workspace.admin<TableInfo>('POST', '/api/2.1/unity-catalog/tables', {
    body: {
      name,
      catalog_name: 'main',
      schema_name: 'default',
      table_type: 'MANAGED',
      data_source_format: 'DELTA',
    },
  });
  expect(created.status, created.text).toBe(200);
  await api.services.storage
    .root('')
    .put(keyOf(created.body.storage_location, '_delta_log/00.json'), Buffer.from('{}'));
  return created.body;
}

beforeAll(async () => {
  api = await buildTestApp();
  [workspace, other] = await Promise.all([
    testWorkspace(api, 'api-creds'),
    testWorkspace(api, 'api-creds-other'),
  ]);
  tableA = await managedTable('credentials_a');
  tableB = await managedTable('credentials_b');
});

afterAll(async () => {
  await Promise.all([workspace?.remove(), other?.remove()]);
  await api?.close();
});

describe('temporary table credentials', () => {
  it('read one table and nothing else, until their expiration time', async () => {
    const before = Date.now();
    const vended = await vendTable(workspace, tableA.table_id, 'READ');
    expect(vended.status, vended.text).toBe(200);
    expect(vended.body.url).toBe(tableA.storage_location);
    expect(vended.body.expiration_time).toBeGreaterThan(before);
    expect(vended.body.expiration_time).toBeLessThanOrEqual(before + credentialSettings().lifetimeMs);

    const s3 = s3With(vended.body.aws_temp_credentials);
    expect(await outcome(s3, get(keyOf(tableA.storage_location, '_delta_log/00.json')))).toBe('OK');
    expect(await outcome(s3, get(keyOf(tableB.storage_location, '_delta_log/00.json')))).toBe('AccessDenied');
    expect(await outcome(s3, put(keyOf(tableA.storage_location, 'part-0.parquet')))).toBe('AccessDenied');
  });

  it('write the one table with READ_WRITE, and still not another', async () => {
    const vended = await vendTable(workspace, tableA.table_id, 'READ_WRITE');
    expect(vended.status, vended.text).toBe(200);
    const s3 = s3With(vended.body.aws_temp_credentials);
    expect(await outcome(s3, put(keyOf(tableA.storage_location, 'part-1.parquet')))).toBe('OK');
    expect(await outcome(s3, put(keyOf(tableB.storage_location, 'part-1.parquet')))).toBe('AccessDenied');
  });

  it('are served under /api/2.1 too', async () => {
    const vended = await workspace.admin<Credentials>(
      'POST',
      '/api/2.1/unity-catalog/temporary-table-credentials',
      {
        body: { table_id: tableA.table_id, operation: 'READ' },
      },
    );
    expect(vended.status, vended.text).toBe(200);
  });

  it('refuse an operation that is not READ or READ_WRITE', async () => {
    expectDatabricksError(
      await vendTable(workspace, tableA.table_id, 'WRITE'),
      400,
      'INVALID_PARAMETER_VALUE',
      /WRITE/,
    );
  });

  it('know no table of another workspace, nor an id that is no table', async () => {
    expectDatabricksError(await vendTable(other, tableA.table_id, 'READ'), 404, 'TABLE_DOES_NOT_EXIST');
    expectDatabricksError(await vendTable(workspace, 'no-such-table', 'READ'), 404, 'TABLE_DOES_NOT_EXIST');
  });
});

describe('temporary path credentials', () => {
  const vendPath = (url: string, operation: string) =>
    workspace.admin<Credentials>('POST', '/api/2.0/unity-catalog/temporary-path-credentials', {
      body: { url, operation },
    });
  const root = () => `s3://${bucket()}/workspaces/${workspace.workspaceId}`;

  it('reach a path of the workspace storage outside managed storage', async () => {
    const url = `${root()}/external/landing`;
    const vended = await vendPath(url, 'PATH_READ_WRITE');
    expect(vended.status, vended.text).toBe(200);
    expect(vended.body.url).toBe(url);
    const s3 = s3With(vended.body.aws_temp_credentials);
    expect(await outcome(s3, put(keyOf(url, 'file.csv')))).toBe('OK');
    expect(await outcome(s3, put(keyOf(`${root()}/external/elsewhere`, 'file.csv')))).toBe('AccessDenied');
  });

  it.each([
    ['managed storage', () => tableA.storage_location],
    ["another workspace's storage", () => `s3://${bucket()}/workspaces/${other.workspaceId}/external/x`],
    ['another bucket', () => 's3://elsewhere/data'],
  ])('are refused for %s', async (_, url) => {
    expectDatabricksError(await vendPath(url(), 'PATH_READ'), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('refuse an operation of table credentials', async () => {
    expectDatabricksError(
      await vendPath(`${root()}/external/landing`, 'READ'),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });
});

describe('expiry', () => {
  it('is enforced by the gateway, and the reaper then deletes the user', async () => {
    const { s3 } = api.services.config;
    const iam = new IamClient({
      endpoint: credentialSettings().iamEndpoint,
      region: s3.region,
      keys: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    const shortLived = new TemporaryCredentials(iam, 1000);
    const grant = { bucket: bucket(), prefix: keyOf(tableA.storage_location, ''), access: 'read' as const };
    const issued = await shortLived.issue(grant);
    const lasting = await new TemporaryCredentials(iam, 3_600_000).issue(grant);
    const client = s3With({ access_key_id: issued.accessKeyId, secret_access_key: issued.secretAccessKey });
    const key = keyOf(tableA.storage_location, '_delta_log/00.json');

    await waitFor('the expired key to be refused', async () =>
      (await outcome(client, get(key))) === 'AccessDenied' ? true : undefined,
    );
    expect(Date.now()).toBeGreaterThanOrEqual(issued.expiresAt.getTime());

    await shortLived.reap(new Date(issued.expiresAt.getTime()));
    const users = await iam.listUserNames(ScopedUserPaths.temporary);
    const owners = await Promise.all(
      users.map(async (user) => [user, await iam.listAccessKeyIds(user)] as const),
    );
    expect(owners.some(([, ids]) => ids.includes(issued.accessKeyId))).toBe(false);
    expect(owners.some(([, ids]) => ids.includes(lasting.accessKeyId))).toBe(true);
    const stillWorks = s3With({
      access_key_id: lasting.accessKeyId,
      secret_access_key: lasting.secretAccessKey,
    });
    expect(await outcome(stillWorks, get(key))).toBe('OK');
  });
});
