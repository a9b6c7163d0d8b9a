import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** The DBFS API's request/response contract (/api/2.0/dbfs), on the platform's S3 store. */
let api: TestApp;
let workspace: TestWorkspace;

interface FileInfo {
  path: string;
  is_dir: boolean;
  file_size: number;
  modification_time: number;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const post = <T = Body>(path: string, body: unknown) =>
  workspace.admin<T>('POST', `/api/2.0/dbfs/${path}`, { body });
const get = <T = Body>(path: string, query: Record<string, string | number>) =>
  workspace.admin<T>('GET', `/api/2.0/dbfs/${path}`, { query });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-dbfs');
});

afterAll(async () => {
  if (workspace) await post('delete', { path: '/', recursive: true });
  await workspace?.remove();
  await api?.close();
});

describe('put, get-status, read, list', () => {
  it('answers {} to put, and describes and reads back the file as the SDK expects', async () => {
    const put = await post('put', { path: 'dbfs:/contract/a.txt', contents: b64('hello dbfs') });
    expect({ status: put.status, body: put.body }).toEqual({ status: 200, body: {} });

    const status = await get<FileInfo>('get-status', { path: '/contract/a.txt' });
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      path: '/contract/a.txt',
      is_dir: false,
      file_size: 10,
      modification_time: expect.any(Number),
    });

    const read = await get<{ bytes_read: number; data: string }>('read', {
      path: '/contract/a.txt',
      offset: 6,
      length: 100,
    });
    expect(read.status).toBe(200);
    expect(read.body).toEqual({ bytes_read: 4, data: b64('dbfs') });

    const list = await get<{ files: FileInfo[] }>('list', { path: 'dbfs:/contract' });
    expect(list.status).toBe(200);
    expect(list.body.files).toEqual([status.body]);
  });

  it('describes a directory as is_dir with size 0', async () => {
    const status = await get<FileInfo>('get-status', { path: '/contract' });
    expect(status.body).toMatchObject({ path: '/contract', is_dir: true, file_size: 0 });
  });

  it('refuses to replace a file without overwrite: 400 RESOURCE_ALREADY_EXISTS', async () => {
    const again = await post('put', { path: '/contract/a.txt', contents: b64('x') });
    expectDatabricksError(
      again,
      400,
      'RESOURCE_ALREADY_EXISTS',
      /already exists at the input path \/contract\/a.txt/,
    );
    expect((await post('put', { path: '/contract/a.txt', contents: b64('x'), overwrite: true })).status).toBe(
      200,
    );
  });

  it.each<[string, string, Record<string, string | number>]>([
    ['get-status', 'a missing file', { path: '/contract/missing' }],
    ['read', 'a missing file', { path: '/contract/missing' }],
    ['list', 'a missing directory', { path: '/no/such/dir' }],
  ])('answers %s of %s with 404 RESOURCE_DOES_NOT_EXIST', async (route, _case, query) => {
    expectDatabricksError(
      await get(route, query),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /No file or directory exists on path/,
    );
  });

  it.each<[string, Record<string, string | number>, string, RegExp?]>([
    ['read', { path: 'relative/path' }, 'INVALID_PARAMETER_VALUE'],
    ['read', { path: '/contract/a.txt', offset: -1 }, 'INVALID_PARAMETER_VALUE', /offset/],
    ['read', { path: '/contract/a.txt', length: 'all' }, 'INVALID_PARAMETER_VALUE', /length/],
    ['read', { path: '/contract/a.txt', length: 2 * 1024 * 1024 }, 'MAX_READ_SIZE_EXCEEDED'],
    ['read', { path: '/contract' }, 'INVALID_PARAMETER_VALUE'],
    ['get-status', {}, 'INVALID_PARAMETER_VALUE', /path/],
    ['list', {}, 'INVALID_PARAMETER_VALUE', /path/],
    ['list', { path: 's3://bucket/key' }, 'INVALID_PARAMETER_VALUE'],
  ])('refuses GET %s %j with 400 %s', async (route, query, code, message) => {
    expectDatabricksError(await get(route, query), 400, code, message);
  });

  it('takes names of up to 255 bytes and refuses longer ones with 400, not a 503 of the store', async () => {
    expect((await post('put', { path: `/contract/${'n'.repeat(255)}`, contents: b64('x') })).status).toBe(
      200,
    );
    const long = await post('put', { path: `/contract/${'n'.repeat(256)}`, contents: b64('x') });
    expectDatabricksError(long, 400, 'INVALID_PARAMETER_VALUE', /name longer than 255 bytes/);
    const nested = await post('mkdirs', { path: `/contract/${'d'.repeat(300)}/x` });
    expectDatabricksError(nested, 400, 'INVALID_PARAMETER_VALUE', /name longer than 255 bytes/);
    await post('delete', { path: `/contract/${'n'.repeat(255)}` });
  });

  it.each<[string, unknown, string, RegExp?]>([
    ['no path', { contents: b64('x') }, 'INVALID_PARAMETER_VALUE', /path/],
    [
      'contents that are not base64',
      { path: '/contract/b.txt', contents: 'not base64!' },
      'INVALID_PARAMETER_VALUE',
      /base64/,
    ],
    [
      'overwrite that is no boolean',
      { path: '/contract/b.txt', overwrite: 'perhaps' },
      'INVALID_PARAMETER_VALUE',
      /overwrite/,
    ],
    [
      'inline contents over 1 MB',
      { path: '/contract/big', contents: Buffer.alloc(1024 * 1024 + 1).toString('base64') },
      'MAX_BLOCK_SIZE_EXCEEDED',
    ],
  ])('refuses a put with %s', async (_case, body, code, message) => {
    expectDatabricksError(await post('put', body), 400, code, message);
  });
});

describe('mkdirs, move, delete', () => {
  it('answers {} to each, and they do what they say', async () => {
    for (const [route, body] of [
      ['mkdirs', { path: '/moving/deep/dir' }],
      ['put', { path: '/moving/deep/dir/f.txt', contents: b64('f') }],
      ['move', { source_path: '/moving/deep', destination_path: '/moved' }],
      ['delete', { path: '/moving' }],
    ] as const) {
      const response = await post(route, body);
      expect({ route, status: response.status, body: response.body }).toEqual({
        route,
        status: 200,
        body: {},
      });
    }
    expect((await get<FileInfo>('get-status', { path: '/moved/dir/f.txt' })).body.file_size).toBe(1);
  });

  it('refuses to delete a full directory without recursive: 400 IO_ERROR', async () => {
    expectDatabricksError(await post('delete', { path: '/moved' }), 400, 'IO_ERROR', /non-empty directory/);
    expect((await post('delete', { path: '/moved', recursive: true })).status).toBe(200);
  });

  it('answers the delete of a missing path with {}, as Databricks does', async () => {
    const response = await post('delete', { path: '/never/was' });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
  });

  it('refuses a move from a missing path (404) or onto an existing one (400)', async () => {
    expectDatabricksError(
      await post('move', { source_path: '/nothing', destination_path: '/x' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    await post('put', { path: '/m/a', contents: b64('a') });
    await post('put', { path: '/m/b', contents: b64('b') });
    expectDatabricksError(
      await post('move', { source_path: '/m/a', destination_path: '/m/b' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
  });

  it('refuses mkdirs over a file with 400 RESOURCE_ALREADY_EXISTS', async () => {
    expectDatabricksError(await post('mkdirs', { path: '/m/a/sub' }), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  it.each<[string, unknown]>([
    ['mkdirs', {}],
    ['move', { source_path: '/m/a' }],
    ['delete', { recursive: true }],
    ['delete', { path: '/m', recursive: 'yes' }],
  ])('refuses %s %j with 400 INVALID_PARAMETER_VALUE', async (route, body) => {
    expectDatabricksError(await post(route, body), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('streams: create, add-block, close', () => {
  it('answers a numeric handle, {} and {}, and writes the file from the blocks', async () => {
    const created = await post<{ handle: number }>('create', { path: '/stream/out.txt' });
    expect(created.status).toBe(200);
    expect(Object.keys(created.body)).toEqual(['handle']);
    expect(Number.isInteger(created.body.handle)).toBe(true);
    for (const data of ['one, ', 'two']) {
      const added = await post('add-block', { handle: created.body.handle, data: b64(data) });
      expect({ status: added.status, body: added.body }).toEqual({ status: 200, body: {} });
    }
    const closed = await post('close', { handle: created.body.handle });
    expect({ status: closed.status, body: closed.body }).toEqual({ status: 200, body: {} });
    const read = await get<{ data: string }>('read', { path: '/stream/out.txt' });
    expect(Buffer.from(read.body.data, 'base64').toString()).toBe('one, two');
  });

  it('refuses to open a stream onto an existing file without overwrite', async () => {
    expectDatabricksError(await post('create', { path: '/stream/out.txt' }), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  it.each(['add-block', 'close'])(
    'answers %s with an unknown handle with 404 RESOURCE_DOES_NOT_EXIST',
    async (route) => {
      const response = await post(route, { handle: 4_242_424_242, data: b64('x') });
      expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST');
    },
  );

  it.each<[string, unknown]>([
    ['create', {}],
    ['add-block', { data: b64('x') }],
    ['add-block', { handle: 'h', data: b64('x') }],
    ['add-block', { handle: 1, data: '***' }],
    ['close', {}],
  ])('refuses %s %j with 400 INVALID_PARAMETER_VALUE', async (route, body) => {
    expectDatabricksError(await post(route, body), 400, 'INVALID_PARAMETER_VALUE');
  });
});
