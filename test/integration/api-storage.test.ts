import { randomBytes, randomUUID } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore, StorageError, StreamingUploads } from '@brickyard/common/storage';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiResponse, clientFor, eventually, readApiEnv } from './support/api-client.js';
import { type StorageApi, startStorageApi } from './support/storage-api.js';

/**
 * The DBFS, Workspace and workspace-files APIs over HTTP, against an in-process API server (built
 * like main.ts builds it) on the platform's Kubernetes and S3 server.
 */
const env = readApiEnv();
const platform = readPlatformEnv();
const s3 = createS3Client(platform.s3);
const run = randomUUID().slice(0, 8);
const dir = `/it-storage-${run}`;
const me = 'admin@brickyard.local';
const home = `/Users/${me}/it-storage-${run}`;
const MB = 1024 * 1024;

let api: StorageApi;
let admin: ReturnType<typeof clientFor>;

type Body = Record<string, unknown>;
const b64 = (value: string | Buffer) => Buffer.from(value).toString('base64');

/** A request whose body is bytes, sent as-is. */
async function raw(
  method: string,
  path: string,
  body: Buffer | undefined,
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL(path, api.url), {
    method,
    headers: { authorization: `Bearer ${env.workspaceToken}`, ...headers },
    ...(body === undefined ? {} : { body }),
  });
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, bytes, headers: response.headers };
}

function multipart(fields: Record<string, string>, file: { name: string; filename: string; data: Buffer }) {
  const boundary = `----brickyard${run}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  chunks.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n` +
        'Content-Type: application/octet-stream\r\n\r\n',
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function expectError(response: ApiResponse<Body>, status: number, code: string, message?: RegExp): void {
  expect({ status: response.status, code: response.body.error_code }).toEqual({ status, code });
  if (message) expect(String(response.body.message)).toMatch(message);
}

const dbfs = {
  put: (path: string, contents: string | Buffer, overwrite?: boolean) =>
    admin('POST', '/api/2.0/dbfs/put', {
      body: { path, contents: b64(contents), ...(overwrite ? { overwrite } : {}) },
    }),
  read: (path: string, query: Record<string, number> = {}) =>
    admin<{ bytes_read: number; data: string } & Body>('GET', '/api/2.0/dbfs/read', {
      query: { path, ...query },
    }),
  status: (path: string) => admin('GET', '/api/2.0/dbfs/get-status', { query: { path } }),
  list: (path: string) =>
    admin<{ files: { path: string; is_dir: boolean; file_size: number }[] } & Body>(
      'GET',
      '/api/2.0/dbfs/list',
      {
        query: { path },
      },
    ),
  mkdirs: (path: string) => admin('POST', '/api/2.0/dbfs/mkdirs', { body: { path } }),
  move: (from: string, to: string) =>
    admin('POST', '/api/2.0/dbfs/move', { body: { source_path: from, destination_path: to } }),
  delete: (path: string, recursive?: boolean) =>
    admin('POST', '/api/2.0/dbfs/delete', {
      body: { path, ...(recursive === undefined ? {} : { recursive }) },
    }),
};

async function readAll(path: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let offset = 0; ; ) {
    const { body } = await dbfs.read(path, { offset, length: MB });
    if (body.bytes_read === 0) return Buffer.concat(chunks);
    chunks.push(Buffer.from(body.data, 'base64'));
    offset += body.bytes_read;
  }
}

interface ObjectInfo {
  object_type: string;
  path: string;
  language?: string;
  object_id: number;
  created_at?: number;
  modified_at?: number;
  size?: number;
}

const ws = {
  import: (body: Body) => admin('POST', '/api/2.0/workspace/import', { body }),
  export: (path: string, query: Record<string, string | boolean> = {}) =>
    admin<{ content: string; file_type: string } & Body>('GET', '/api/2.0/workspace/export', {
      query: { path, ...query },
    }),
  status: (path: string) =>
    admin<ObjectInfo & Body>('GET', '/api/2.0/workspace/get-status', { query: { path } }),
  list: (path: string, query: Record<string, number> = {}) =>
    admin<{ objects: ObjectInfo[] } & Body>('GET', '/api/2.0/workspace/list', { query: { path, ...query } }),
  mkdirs: (path: string) => admin('POST', '/api/2.0/workspace/mkdirs', { body: { path } }),
  delete: (path: string, recursive?: boolean) =>
    admin('POST', '/api/2.0/workspace/delete', {
      body: { path, ...(recursive === undefined ? {} : { recursive }) },
    }),
};

beforeAll(async () => {
  api = await startStorageApi();
  admin = clientFor(api.url, env.workspaceToken);
  expect((await ws.mkdirs(home)).status).toBe(200);
});

afterAll(async () => {
  await dbfs.delete(dir, true);
  await ws.delete(home, true);
  await api.close();
  s3.destroy();
});

describe('DBFS files', () => {
  it('puts, describes and reads back a file, in ranges', async () => {
    const path = `dbfs:${dir}/read/hello.txt`;
    expect((await dbfs.put(path, 'hello, lakehouse')).status).toBe(200);

    const status = await dbfs.status(path);
    expect(status.body).toMatchObject({ path: `${dir}/read/hello.txt`, is_dir: false, file_size: 16 });
    expect(status.body.modification_time).toBeGreaterThan(Date.now() - 3_600_000);
    // The scheme is optional: dbfs:/x and /x are the same file.
    expect((await dbfs.status(`${dir}/read/hello.txt`)).body).toEqual(status.body);

    const whole = await dbfs.read(path);
    expect(whole.body).toEqual({ bytes_read: 16, data: b64('hello, lakehouse') });
    const middle = await dbfs.read(path, { offset: 7, length: 4 });
    expect(middle.body).toEqual({ bytes_read: 4, data: b64('lake') });
    const tail = await dbfs.read(path, { offset: 12, length: 100 });
    expect(tail.body).toEqual({ bytes_read: 4, data: b64('ouse') });
    const beyond = await dbfs.read(path, { offset: 100 });
    expect(beyond.body).toEqual({ bytes_read: 0, data: '' });
  });

  it('keeps DBFS files at workspaces/<id>/dbfs/<path> in the bucket', async () => {
    await dbfs.put(`${dir}/layout/x.bin`, 'x');
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: platform.s3.bucket,
        Key: `workspaces/${env.defaultWorkspaceId}/dbfs${dir}/layout/x.bin`,
      }),
    );
    expect(head.ContentLength).toBe(1);
  });

  it('refuses to replace a file without overwrite, and replaces it with overwrite', async () => {
    const path = `${dir}/put/once.txt`;
    await dbfs.put(path, 'first');
    expectError(await dbfs.put(path, 'second'), 400, 'RESOURCE_ALREADY_EXISTS', /already exists/);
    expect((await dbfs.put(path, 'second', true)).status).toBe(200);
    expect((await readAll(path)).toString()).toBe('second');
  });

  it('holds inline contents and reads to 1 MB, with their own error codes', async () => {
    expectError(
      await dbfs.put(`${dir}/put/big.bin`, Buffer.alloc(MB + 1)),
      400,
      'MAX_BLOCK_SIZE_EXCEEDED',
      /over the limit of 1048576 bytes/,
    );
    expect((await dbfs.put(`${dir}/put/max.bin`, Buffer.alloc(MB))).status).toBe(200);
    expectError(await dbfs.read(`${dir}/put/max.bin`, { length: MB + 1 }), 400, 'MAX_READ_SIZE_EXCEEDED');
    expect((await dbfs.read(`${dir}/put/max.bin`, { length: MB })).body.bytes_read).toBe(MB);
  });

  it('takes a posted file of any size as multipart/form-data, as the CLI sends it', async () => {
    const data = randomBytes(MB + 12345);
    const form = multipart(
      { path: `dbfs:${dir}/form/posted.bin`, overwrite: 'False' },
      { name: 'contents', filename: '', data },
    );
    const response = await raw('POST', '/api/2.0/dbfs/put', form.body, { 'content-type': form.contentType });
    expect(response.status).toBe(200);
    expect((await readAll(`${dir}/form/posted.bin`)).equals(data)).toBe(true);
  });

  it('rejects bad base64, negative offsets and reads of directories or missing files', async () => {
    expectError(
      await admin('POST', '/api/2.0/dbfs/put', { body: { path: `${dir}/bad.txt`, contents: 'not base64!' } }),
      400,
      'INVALID_PARAMETER_VALUE',
      /not valid base64/,
    );
    await dbfs.put(`${dir}/neg/file.txt`, 'x');
    expectError(await dbfs.read(`${dir}/neg/file.txt`, { offset: -1 }), 400, 'INVALID_PARAMETER_VALUE');
    expectError(await dbfs.read(`${dir}/neg`), 400, 'INVALID_PARAMETER_VALUE', /is a directory/);
    expectError(
      await dbfs.read(`${dir}/none.txt`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /No file or directory exists/,
    );
    expectError(await dbfs.status(`${dir}/none.txt`), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it.each([
    ['a relative path', 'tmp/x'],
    ['a path with ..', '/tmp/../x'],
    ['another scheme', 's3://bucket/x'],
    ['an empty path', ''],
  ])('answers %s with INVALID_PARAMETER_VALUE', async (_case, path) => {
    expectError(await dbfs.status(path), 400, 'INVALID_PARAMETER_VALUE');
    expectError(await dbfs.put(path, 'x'), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('lists a directory one level deep, a file as itself, and a missing path as not found', async () => {
    await dbfs.put(`${dir}/list/a.txt`, 'aa');
    await dbfs.put(`${dir}/list/sub/deep/b.txt`, 'b');
    await dbfs.mkdirs(`${dir}/list/empty`);
    const listing = await dbfs.list(`dbfs:${dir}/list`);
    expect(listing.body.files.map((f) => [f.path, f.is_dir, f.file_size])).toEqual([
      [`${dir}/list/a.txt`, false, 2],
      [`${dir}/list/empty`, true, 0],
      [`${dir}/list/sub`, true, 0],
    ]);
    expect((await dbfs.list(`${dir}/list/empty`)).body.files).toEqual([]);
    expect((await dbfs.list(`${dir}/list/a.txt`)).body.files).toMatchObject([
      { path: `${dir}/list/a.txt`, is_dir: false, file_size: 2 },
    ]);
    expectError(await dbfs.list(`${dir}/list/missing`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await dbfs.status('dbfs:/')).body).toMatchObject({ path: '/', is_dir: true });
  });

  it('makes directories with their parents, idempotently, but not over a file', async () => {
    expect((await dbfs.mkdirs(`${dir}/mk/a/b/c`)).status).toBe(200);
    expect((await dbfs.mkdirs(`${dir}/mk/a/b/c`)).status).toBe(200);
    expect((await dbfs.status(`${dir}/mk/a/b`)).body).toMatchObject({ is_dir: true });
    await dbfs.put(`${dir}/mk/file`, 'x');
    expectError(await dbfs.mkdirs(`${dir}/mk/file`), 400, 'RESOURCE_ALREADY_EXISTS');
    expectError(await dbfs.mkdirs(`${dir}/mk/file/below`), 400, 'RESOURCE_ALREADY_EXISTS');
    expectError(await dbfs.put(`${dir}/mk/file/below.txt`, 'x'), 400, 'RESOURCE_ALREADY_EXISTS');
    expectError(await dbfs.put(`${dir}/mk/a`, 'x', true), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  it('moves files and whole directories, never onto something that exists', async () => {
    await dbfs.put(`${dir}/mv/src/one.txt`, '1');
    await dbfs.put(`${dir}/mv/src/nested/two.txt`, '2');
    await dbfs.mkdirs(`${dir}/mv/src/empty`);
    expect((await dbfs.move(`${dir}/mv/src`, `dbfs:${dir}/mv/dst`)).status).toBe(200);
    expectError(await dbfs.status(`${dir}/mv/src`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await readAll(`${dir}/mv/dst/nested/two.txt`)).toString()).toBe('2');
    expect((await dbfs.status(`${dir}/mv/dst/empty`)).body).toMatchObject({ is_dir: true });
    // The parent of what moved away stays.
    expect((await dbfs.list(`${dir}/mv`)).body.files.map((f) => f.path)).toEqual([`${dir}/mv/dst`]);

    expect((await dbfs.move(`${dir}/mv/dst/one.txt`, `${dir}/mv/renamed.txt`)).status).toBe(200);
    expect((await readAll(`${dir}/mv/renamed.txt`)).toString()).toBe('1');
    expectError(await dbfs.move(`${dir}/mv/renamed.txt`, `${dir}/mv/dst`), 400, 'RESOURCE_ALREADY_EXISTS');
    expectError(await dbfs.move(`${dir}/mv/missing`, `${dir}/mv/x`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await dbfs.move(`${dir}/mv/dst`, `${dir}/mv/dst/inside`), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('deletes files, empty directories, and full ones only recursively', async () => {
    await dbfs.put(`${dir}/rm/full/a.txt`, 'a');
    await dbfs.mkdirs(`${dir}/rm/empty`);
    expectError(await dbfs.delete(`${dir}/rm/full`), 400, 'IO_ERROR', /non-empty directory/);
    expect((await dbfs.delete(`${dir}/rm/empty`)).status).toBe(200);
    expect((await dbfs.delete(`${dir}/rm/full/a.txt`)).status).toBe(200);
    // Deleting its last file leaves the directory.
    expect((await dbfs.status(`${dir}/rm/full`)).body).toMatchObject({ is_dir: true });
    await dbfs.put(`${dir}/rm/full/b/c.txt`, 'c');
    expect((await dbfs.delete(`${dir}/rm/full`, true)).status).toBe(200);
    expectError(await dbfs.status(`${dir}/rm/full`), 404, 'RESOURCE_DOES_NOT_EXIST');
    // A missing path is deleted already.
    expect((await dbfs.delete(`${dir}/rm/never`)).status).toBe(200);
    expectError(await dbfs.delete('/'), 400, 'INVALID_PARAMETER_VALUE');
  });

  it('keeps names with spaces, unicode and URL syntax intact', async () => {
    const name = 'ünï cödé %41 #1 ?&=+.txt';
    await dbfs.put(`${dir}/names/${name}`, 'odd');
    expect((await dbfs.list(`${dir}/names`)).body.files.map((f) => f.path)).toEqual([`${dir}/names/${name}`]);
    expect((await dbfs.move(`${dir}/names/${name}`, `${dir}/names/${name}.moved`)).status).toBe(200);
    expect((await readAll(`${dir}/names/${name}.moved`)).toString()).toBe('odd');
  });

  it('needs a token', async () => {
    const anonymous = clientFor(api.url);
    expectError(
      await anonymous('GET', '/api/2.0/dbfs/list', { query: { path: '/' } }),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('DBFS streams', () => {
  const stream = {
    create: (path: string, overwrite?: boolean) =>
      admin<{ handle: number } & Body>('POST', '/api/2.0/dbfs/create', {
        body: { path, ...(overwrite === undefined ? {} : { overwrite }) },
      }),
    add: (handle: number, data: Buffer, client = admin) =>
      client('POST', '/api/2.0/dbfs/add-block', { body: { handle, data: b64(data) } }),
    close: (handle: number, client = admin) => client('POST', '/api/2.0/dbfs/close', { body: { handle } }),
  };

  it('writes a file from blocks in order, as big as the blocks add up to', async () => {
    const blocks = [randomBytes(MB), randomBytes(MB), randomBytes(MB), randomBytes(777)];
    const { body, status } = await stream.create(`${dir}/stream/big.bin`);
    expect(status).toBe(200);
    expect(Number.isSafeInteger(body.handle)).toBe(true);
    for (const block of blocks) expect((await stream.add(body.handle, block)).status).toBe(200);
    expect((await stream.close(body.handle)).status).toBe(200);
    expect((await dbfs.status(`${dir}/stream/big.bin`)).body).toMatchObject({ file_size: 3 * MB + 777 });
    expect((await readAll(`${dir}/stream/big.bin`)).equals(Buffer.concat(blocks))).toBe(true);
    // A closed handle is gone.
    expectError(await stream.close(body.handle), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('writes an empty file from a stream without blocks', async () => {
    const { body } = await stream.create(`${dir}/stream/empty.bin`);
    await stream.close(body.handle);
    expect((await dbfs.status(`${dir}/stream/empty.bin`)).body).toMatchObject({
      file_size: 0,
      is_dir: false,
    });
  });

  it('refuses blocks over 1 MB, unknown handles and existing files without overwrite', async () => {
    const { body } = await stream.create(`${dir}/stream/limits.bin`);
    expectError(await stream.add(body.handle, Buffer.alloc(MB + 1)), 400, 'MAX_BLOCK_SIZE_EXCEEDED');
    expectError(await stream.add(123, Buffer.from('x')), 404, 'RESOURCE_DOES_NOT_EXIST', /no open stream/);
    expectError(await stream.close(123), 404, 'RESOURCE_DOES_NOT_EXIST');
    await stream.close(body.handle);
    expectError(await stream.create(`${dir}/stream/limits.bin`), 400, 'RESOURCE_ALREADY_EXISTS');
    const again = await stream.create(`${dir}/stream/limits.bin`, true);
    expect(again.status).toBe(200);
    await stream.add(again.body.handle, Buffer.from('replaced'));
    await stream.close(again.body.handle);
    expect((await readAll(`${dir}/stream/limits.bin`)).toString()).toBe('replaced');
  });

  it('keeps an open stream across a restart of the API', async () => {
    const { body } = await stream.create(`${dir}/stream/durable.txt`);
    await stream.add(body.handle, Buffer.from('before restart, '));
    await api.close();
    api = await startStorageApi();
    admin = clientFor(api.url, env.workspaceToken);
    await stream.add(body.handle, Buffer.from('after restart'));
    expect((await stream.close(body.handle)).status).toBe(200);
    expect((await readAll(`${dir}/stream/durable.txt`)).toString()).toBe('before restart, after restart');
  });
});

describe('DBFS across workspaces', () => {
  const account = clientFor(env.host, env.accountToken);
  const accountPath = `/api/2.0/accounts/${env.accountId}/workspaces`;
  let other = 0;

  beforeAll(async () => {
    const created = await account<{ workspace_id: number }>('POST', accountPath, {
      body: { workspace_name: `storage-${run}` },
    });
    expect(created.status).toBe(200);
    other = created.body.workspace_id;
  });

  afterAll(async () => {
    if (other) await account('DELETE', `${accountPath}/${other}`);
  });

  it("never shows one workspace's files or stream handles to another", async () => {
    await dbfs.put(`${dir}/mine.txt`, 'mine');
    const { body } = await admin<{ handle: number }>('POST', '/api/2.0/dbfs/create', {
      body: { path: `${dir}/mine-stream.txt` },
    });
    const asOther = clientFor(api.url, env.accountToken);
    const headers = { 'x-databricks-org-id': String(other) };
    // The in-process server learns of the new workspace through its informer.
    await eventually(async () => {
      const response = await asOther('GET', '/api/2.0/dbfs/get-status', { query: { path: '/' }, headers });
      return response.status === 200 ? true : undefined;
    });
    const status = await asOther('GET', '/api/2.0/dbfs/get-status', {
      query: { path: `${dir}/mine.txt` },
      headers,
    });
    expectError(status, 404, 'RESOURCE_DOES_NOT_EXIST');
    const add = await asOther('POST', '/api/2.0/dbfs/add-block', {
      body: { handle: body.handle, data: b64('theirs') },
      headers,
    });
    expectError(add, 404, 'RESOURCE_DOES_NOT_EXIST');
    expect((await admin('POST', '/api/2.0/dbfs/close', { body: { handle: body.handle } })).status).toBe(200);
  });
});

describe('Workspace objects', () => {
  it('imports a notebook in SOURCE format and exports it with its header', async () => {
    const path = `${home}/etl`;
    expect(
      (await ws.import({ path, content: b64('print(1)'), format: 'SOURCE', language: 'PYTHON' })).status,
    ).toBe(200);
    const status = await ws.status(path);
    expect(status.body).toMatchObject({ object_type: 'NOTEBOOK', path, language: 'PYTHON' });
    expect(status.body.created_at).toBe(status.body.modified_at);
    expect(Number.isSafeInteger(status.body.object_id)).toBe(true);

    const exported = await ws.export(path);
    expect(exported.body).toEqual({
      content: b64('# Databricks notebook source\nprint(1)'),
      file_type: 'py',
    });
    const direct = await raw(
      'GET',
      `/api/2.0/workspace/export?path=${encodeURIComponent(path)}&direct_download=true`,
      undefined,
    );
    expect(direct.bytes.toString()).toBe('# Databricks notebook source\nprint(1)');
    // '/Workspace/...' names the same object.
    expect((await ws.status(`/Workspace${path}`)).body.object_id).toBe(status.body.object_id);
  });

  it('stores a notebook without extension at workspaces/<id>/workspace/<path>, typed in its metadata', async () => {
    await ws.import({
      path: `${home}/meta.sql`,
      content: b64('-- Databricks notebook source\nSELECT 1'),
      format: 'AUTO',
    });
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: platform.s3.bucket,
        Key: `workspaces/${env.defaultWorkspaceId}/workspace${home}/meta`,
      }),
    );
    expect(head.Metadata).toMatchObject({ 'object-type': 'NOTEBOOK', language: 'SQL' });
  });

  it('detects notebooks by header and extension in AUTO format, and files otherwise', async () => {
    await ws.mkdirs(`${home}/auto`);
    await ws.import({
      path: `${home}/auto/nb.py`,
      content: b64('# Databricks notebook source\nx = 1'),
      format: 'AUTO',
    });
    await ws.import({ path: `${home}/auto/lib.py`, content: b64('x = 1'), format: 'AUTO' });
    await ws.import({ path: `${home}/auto/data.csv`, content: b64('a,b\n1,2\n'), format: 'RAW' });
    const listing = await ws.list(`${home}/auto`);
    expect(listing.body.objects.map((o) => [o.path, o.object_type, o.language])).toEqual([
      [`${home}/auto/data.csv`, 'FILE', undefined],
      [`${home}/auto/lib.py`, 'FILE', undefined],
      [`${home}/auto/nb`, 'NOTEBOOK', 'PYTHON'],
    ]);
    expect(listing.body.objects.find((o) => o.path.endsWith('data.csv'))?.size).toBe(8);
    const file = await ws.export(`${home}/auto/lib.py`);
    expect(file.body).toEqual({ content: b64('x = 1'), file_type: 'py' });
  });

  it('refuses an existing path without overwrite and keeps created_at with it', async () => {
    const path = `${home}/again`;
    await ws.import({ path, content: b64('1'), format: 'SOURCE', language: 'SQL' });
    const before = (await ws.status(path)).body;
    expectError(
      await ws.import({ path, content: b64('2'), format: 'SOURCE', language: 'SQL' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
      new RegExp(`^Path \\(${path.replace(/[.]/g, '\\.')}\\) already exists\\.$`),
    );
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(
      (await ws.import({ path, content: b64('2'), format: 'SOURCE', language: 'SQL', overwrite: true }))
        .status,
    ).toBe(200);
    const after = (await ws.status(path)).body;
    expect(after.created_at).toBe(before.created_at);
    expect(after.modified_at).toBeGreaterThan(before.modified_at ?? 0);
    expect(after.object_id).toBe(before.object_id);
    expect(Buffer.from((await ws.export(path)).body.content, 'base64').toString()).toBe(
      '-- Databricks notebook source\n2',
    );
  });

  it('answers bad imports with the Databricks codes', async () => {
    expectError(
      await ws.import({ path: `${home}/nolang`, content: b64('x'), format: 'SOURCE' }),
      400,
      'INVALID_PARAMETER_VALUE',
      /language/,
    );
    expectError(
      await ws.import({ path: `${home}/nb.ipynb`, content: b64('{}'), format: 'JUPYTER' }),
      400,
      'BAD_REQUEST',
      /JUPYTER is not supported/,
    );
    expectError(
      await ws.import({ path: `${home}/x`, content: b64('x'), format: 'NOPE' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    expectError(
      await ws.import({ path: `${home}/missing/parent/x`, content: b64('x'), format: 'RAW' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /parent folder/,
    );
    expectError(
      await ws.import({ path: home, content: b64('x'), format: 'RAW' }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
    expectError(
      await ws.import({ path: 'relative', content: b64('x'), format: 'RAW' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('limits imported content to 10 MB', async () => {
    const response = await ws.import({
      path: `${home}/huge.bin`,
      content: b64(Buffer.alloc(10 * MB + 1)),
      format: 'RAW',
    });
    expectError(response, 400, 'MAX_NOTEBOOK_SIZE_EXCEEDED');
  });

  it('imports multipart/form-data the way the SDK uploads', async () => {
    const form = multipart(
      { path: `${home}/uploaded.py`, format: 'AUTO', overwrite: 'true' },
      { name: 'content', filename: 'content', data: Buffer.from('print("uploaded")') },
    );
    const response = await raw('POST', '/api/2.0/workspace/import', form.body, {
      'content-type': form.contentType,
    });
    expect(response.status).toBe(200);
    expect((await ws.status(`${home}/uploaded.py`)).body.object_type).toBe('FILE');
  });

  it('exports only what exists, in the formats it supports', async () => {
    expectError(await ws.export(`${home}/nothing`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await ws.export(home), 400, 'BAD_REQUEST', /folder/);
    await ws.import({ path: `${home}/exp`, content: b64('1'), format: 'SOURCE', language: 'SCALA' });
    expectError(await ws.export(`${home}/exp`, { format: 'HTML' }), 400, 'BAD_REQUEST');
    expect((await ws.export(`${home}/exp`, { format: 'AUTO' })).body.file_type).toBe('scala');
  });

  it('lists folders, objects as themselves, and filters notebooks by modification time', async () => {
    await ws.mkdirs(`${home}/ls/sub`);
    await ws.import({ path: `${home}/ls/nb`, content: b64('1'), format: 'SOURCE', language: 'PYTHON' });
    const listing = await ws.list(`${home}/ls`);
    expect(listing.body.objects.map((o) => [o.path, o.object_type])).toEqual([
      [`${home}/ls/nb`, 'NOTEBOOK'],
      [`${home}/ls/sub`, 'DIRECTORY'],
    ]);
    expect((await ws.list(`${home}/ls/nb`)).body.objects.map((o) => o.path)).toEqual([`${home}/ls/nb`]);
    const later = await ws.list(`${home}/ls`, { notebooks_modified_after: Date.now() + 60_000 });
    expect(later.body.objects.map((o) => o.path)).toEqual([`${home}/ls/sub`]);
    expectError(await ws.list(`${home}/ls/none`), 404, 'RESOURCE_DOES_NOT_EXIST');

    const root = await ws.list('/');
    expect(root.body.objects.map((o) => o.path)).toEqual(expect.arrayContaining(['/Shared', '/Users']));
    const users = await ws.list('/Users');
    expect(users.body.objects.map((o) => o.path)).toContain(`/Users/${me}`);
    expect((await ws.status(`/Users/${me}`)).body.object_type).toBe('DIRECTORY');
  });

  it('makes folders with parents, but not over a notebook', async () => {
    expect((await ws.mkdirs(`${home}/mk/a/b`)).status).toBe(200);
    expect((await ws.status(`${home}/mk/a`)).body.object_type).toBe('DIRECTORY');
    await ws.import({ path: `${home}/mk/nb`, content: b64('1'), format: 'SOURCE', language: 'R' });
    expectError(await ws.mkdirs(`${home}/mk/nb`), 400, 'RESOURCE_ALREADY_EXISTS');
  });

  it('deletes objects, empty folders, and full folders only recursively', async () => {
    await ws.mkdirs(`${home}/rm/full`);
    await ws.import({ path: `${home}/rm/full/nb`, content: b64('1'), format: 'SOURCE', language: 'PYTHON' });
    expectError(await ws.delete(`${home}/rm/full`), 400, 'DIRECTORY_NOT_EMPTY');
    expect((await ws.delete(`${home}/rm/full/nb`)).status).toBe(200);
    expect((await ws.status(`${home}/rm/full`)).body.object_type).toBe('DIRECTORY');
    await ws.import({ path: `${home}/rm/full/nb`, content: b64('1'), format: 'SOURCE', language: 'PYTHON' });
    expect((await ws.delete(`${home}/rm/full`, true)).status).toBe(200);
    expectError(await ws.status(`${home}/rm/full`), 404, 'RESOURCE_DOES_NOT_EXIST', /doesn't exist/);
    expectError(await ws.delete(`${home}/rm/never`), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectError(await ws.delete(`/Users/${me}`, true), 400, 'INVALID_PARAMETER_VALUE', /cannot be deleted/);
    expectError(await ws.delete('/Shared', true), 400, 'INVALID_PARAMETER_VALUE', /cannot be deleted/);
  });
});

describe('workspace files (raw bytes)', () => {
  const importFile = (
    path: string,
    body: Buffer,
    query = '',
    headers = { 'content-type': 'application/octet-stream' },
  ) => raw('POST', `/api/2.0/workspace-files/import-file/${path}${query}`, body, headers);

  it('writes the body as a file and serves it back, paths escaped or not', async () => {
    const data = randomBytes(2 * MB);
    const escaped = encodeURIComponent(`Workspace${home}/raw/data.bin`.replace(/^\//, ''));
    await ws.mkdirs(`${home}/raw`);
    expect((await importFile(escaped, data, '?overwrite=false')).status).toBe(200);
    const back = await raw('GET', `/api/2.0/workspace-files${home}/raw/data.bin`, undefined);
    expect(back.status).toBe(200);
    expect(back.bytes.equals(data)).toBe(true);
    expect((await ws.status(`${home}/raw/data.bin`)).body).toMatchObject({
      object_type: 'FILE',
      size: 2 * MB,
    });
  });

  it('answers an existing file with 409 unless overwrite=true, whatever the content type', async () => {
    const path = `${home.slice(1)}/raw/conflict.txt`;
    await ws.mkdirs(`${home}/raw`);
    expect((await importFile(path, Buffer.from('one'))).status).toBe(200);
    const again = await importFile(path, Buffer.from('two'));
    expect(again.status).toBe(409);
    expect(JSON.parse(again.bytes.toString())).toMatchObject({ error_code: 'RESOURCE_ALREADY_EXISTS' });
    expect(
      (await importFile(path, Buffer.from('two'), '?overwrite=true', { 'content-type': 'application/json' }))
        .status,
    ).toBe(200);
    expect((await raw('GET', `/api/2.0/workspace-files/${path}`, undefined)).bytes.toString()).toBe('two');
  });

  it('turns source with a notebook header into a notebook, as bundle deploys rely on', async () => {
    await ws.mkdirs(`${home}/raw`);
    const response = await importFile(
      `${home.slice(1)}/raw/job.py`,
      Buffer.from('# Databricks notebook source\nprint(1)'),
    );
    expect(response.status).toBe(200);
    expect((await ws.status(`${home}/raw/job`)).body).toMatchObject({
      object_type: 'NOTEBOOK',
      language: 'PYTHON',
    });
  });

  it('needs the parent folder, and a path that exists to read', async () => {
    const missing = await importFile(`${home.slice(1)}/no/such/dir/x.txt`, Buffer.from('x'));
    expect(missing.status).toBe(404);
    const read = await raw('GET', `/api/2.0/workspace-files${home}/raw/none.txt`, undefined);
    expect(read.status).toBe(404);
  });
});

describe('when the object store is down', () => {
  it('answers 503 TEMPORARILY_UNAVAILABLE without internals, never 500', async () => {
    const broken = await startStorageApi({
      ...process.env,
      AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:9',
      LOG_LEVEL: 'error',
    });
    try {
      const client = clientFor(broken.url, env.workspaceToken);
      const response = await client('GET', '/api/2.0/dbfs/list', { query: { path: '/' } });
      expectError(response, 503, 'TEMPORARILY_UNAVAILABLE', /object store could not list .* retry shortly/);
      expect(String(response.body.message)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
      const put = await client('POST', '/api/2.0/workspace/mkdirs', { body: { path: `${home}/x` } });
      expectError(put, 503, 'TEMPORARILY_UNAVAILABLE');
    } finally {
      await broken.close();
    }
  });
});

describe('StreamingUploads', () => {
  const root = new ObjectStore(s3, platform.s3.bucket).root(`it-uploads-${run}/`);

  it('discards streams idle for longer than asked, and only those', async () => {
    const uploads = new StreamingUploads(root);
    const first = await uploads.create('/a', false);
    const second = await uploads.create('/b', true);
    await uploads.addBlock(second, Buffer.from('block'));
    expect(await uploads.expireIdle(60_000)).toBe(0);
    expect(await uploads.expireIdle(-1)).toBe(2);
    for (const handle of [first, second]) {
      await expect(uploads.state(handle)).rejects.toBeInstanceOf(StorageError);
    }
    expect(await root.hasAny('')).toBe(false);
  });
});
