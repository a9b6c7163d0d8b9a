import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Workspace API's request/response contract (/api/2.0/workspace) and the raw workspace-file
 * endpoints (/api/2.0/workspace-files), on the platform's S3 store.
 */
let api: TestApp;
let workspace: TestWorkspace;
let home: string;

interface ObjectInfo {
  object_type: string;
  path: string;
  language?: string;
  object_id: number;
  resource_id?: string;
  created_at?: number;
  modified_at?: number;
  size?: number;
}

const b64 = (text: string) => Buffer.from(text).toString('base64');
const post = <T = Body>(path: string, body: unknown) =>
  workspace.admin<T>('POST', `/api/2.0/workspace/${path}`, { body });
const get = <T = Body>(path: string, query: Record<string, string | number | boolean>) =>
  workspace.admin<T>('GET', `/api/2.0/workspace/${path}`, { query });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-workspace');
  const me = await workspace.admin<{ userName: string }>('GET', '/api/2.0/preview/scim/v2/Me');
  home = `/Users/${me.body.userName}`;
});

afterAll(async () => {
  if (workspace) await post('delete', { path: `${home}/contract`, recursive: true });
  await workspace?.remove();
  await api?.close();
});

describe('mkdirs, import, get-status, export, list', () => {
  it('answers {} to mkdirs and import, and describes the notebook the way the SDK reads it', async () => {
    const mkdirs = await post('mkdirs', { path: `${home}/contract` });
    expect({ status: mkdirs.status, body: mkdirs.body }).toEqual({ status: 200, body: {} });
    const imported = await post('import', {
      path: `${home}/contract/etl`,
      format: 'SOURCE',
      language: 'PYTHON',
      content: b64('print(1)\n'),
    });
    expect({ status: imported.status, body: imported.body }).toEqual({ status: 200, body: {} });

    const status = await get<ObjectInfo>('get-status', { path: `${home}/contract/etl` });
    expect(status.status).toBe(200);
    expect(status.body).toEqual({
      object_type: 'NOTEBOOK',
      path: `${home}/contract/etl`,
      language: 'PYTHON',
      object_id: expect.any(Number),
      resource_id: String(status.body.object_id),
      created_at: expect.any(Number),
      modified_at: expect.any(Number),
      size: expect.any(Number),
    });
    const withExport = await get<ObjectInfo & { repos_export_format?: string }>('get-status', {
      path: `${home}/contract/etl`,
      return_export_info: true,
    });
    expect(withExport.body.repos_export_format).toBe('SOURCE');
  });

  it('exports a notebook as base64 source with its file type, or as raw bytes', async () => {
    const exported = await get<{ content: string; file_type: string }>('export', {
      path: `${home}/contract/etl`,
    });
    expect(exported.status).toBe(200);
    expect(Object.keys(exported.body).sort()).toEqual(['content', 'file_type']);
    expect(exported.body.file_type).toBe('py');
    const source = Buffer.from(exported.body.content, 'base64').toString();
    expect(source).toMatch(/^# Databricks notebook source\n/);
    expect(source).toContain('print(1)');
    const direct = await workspace.admin('GET', '/api/2.0/workspace/export', {
      query: { path: `${home}/contract/etl`, direct_download: true },
    });
    expect(direct.status).toBe(200);
    expect(String(direct.headers['content-type'])).toBe('application/octet-stream');
    expect(direct.raw.toString()).toBe(source);
  });

  it('lists a folder as objects, a folder as DIRECTORY', async () => {
    await post('mkdirs', { path: `${home}/contract/sub` });
    const list = await get<{ objects: ObjectInfo[] }>('list', { path: `${home}/contract` });
    expect(list.status).toBe(200);
    const byPath = Object.fromEntries(list.body.objects.map((object) => [object.path, object.object_type]));
    expect(byPath).toEqual({ [`${home}/contract/etl`]: 'NOTEBOOK', [`${home}/contract/sub`]: 'DIRECTORY' });
  });

  it('shows the built-in folders of a new workspace', async () => {
    const root = await get<{ objects: ObjectInfo[] }>('list', { path: '/' });
    expect(root.status).toBe(200);
    expect(root.body.objects.map((object) => object.path)).toEqual(
      expect.arrayContaining(['/Users', '/Shared']),
    );
  });

  it.each<[string, string, Record<string, string | number | boolean>, RegExp]>([
    ['get-status', 'a missing path', { path: '/Shared/none' }, /Path \(\/Shared\/none\) doesn't exist/],
    ['export', 'a missing path', { path: '/Shared/none' }, /doesn't exist/],
    ['list', 'a missing folder', { path: '/Shared/none' }, /doesn't exist/],
  ])('answers %s of %s with 404 RESOURCE_DOES_NOT_EXIST', async (route, _case, query, message) => {
    expectDatabricksError(await get(route, query), 404, 'RESOURCE_DOES_NOT_EXIST', message);
  });

  it.each<[string, Record<string, string | number | boolean>, string]>([
    ['get-status', {}, 'INVALID_PARAMETER_VALUE'],
    ['get-status', { path: 'relative' }, 'INVALID_PARAMETER_VALUE'],
    ['export', { path: '/Shared', format: 'SOURCE' }, 'BAD_REQUEST'],
    ['export', { path: '/Shared/x', format: 'DBC' }, 'BAD_REQUEST'],
    ['export', { path: '/Shared/x', format: 'PDF' }, 'INVALID_PARAMETER_VALUE'],
    ['list', { path: '/Shared', notebooks_modified_after: 'yesterday' }, 'INVALID_PARAMETER_VALUE'],
  ])('refuses GET %s %j with 400 %s', async (route, query, code) => {
    expectDatabricksError(await get(route, query), 400, code);
  });
});

describe('import refusals', () => {
  it('refuses an existing path without overwrite: 400 RESOURCE_ALREADY_EXISTS, the message the CLI matches', async () => {
    const again = await post('import', {
      path: `${home}/contract/etl`,
      format: 'SOURCE',
      language: 'PYTHON',
      content: b64('x'),
    });
    expectDatabricksError(
      again,
      400,
      'RESOURCE_ALREADY_EXISTS',
      `Path (${home}/contract/etl) already exists.`,
    );
  });

  it('answers an import into a missing folder with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const response = await post('import', { path: '/Shared/no/such/nb', format: 'RAW', content: b64('x') });
    expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST', /parent folder/);
  });

  it.each<[string, Body, string, RegExp?]>([
    [
      'SOURCE without a language',
      { format: 'SOURCE', content: b64('x') },
      'INVALID_PARAMETER_VALUE',
      /language/,
    ],
    [
      'an unknown language',
      { format: 'SOURCE', language: 'COBOL', content: b64('x') },
      'INVALID_PARAMETER_VALUE',
    ],
    ['an unknown format', { format: 'ZIP', content: b64('x') }, 'INVALID_PARAMETER_VALUE'],
    [
      'a format Brickyard does not support',
      { format: 'HTML', content: b64('x') },
      'BAD_REQUEST',
      /not supported/,
    ],
    ['content that is not base64', { format: 'RAW', content: '%%%' }, 'INVALID_PARAMETER_VALUE', /base64/],
    [
      'overwrite that is no boolean',
      { format: 'RAW', content: b64('x'), overwrite: 'y' },
      'INVALID_PARAMETER_VALUE',
    ],
  ])('refuses %s with 400 %s', async (_case, body, code, message) => {
    const response = await post('import', { path: `${home}/contract/refused`, ...body });
    expectDatabricksError(response, 400, code, message);
  });

  it('refuses a name longer than 255 bytes with 400, not a 503 of the store', async () => {
    const response = await post('import', {
      path: `${home}/contract/${'n'.repeat(256)}`,
      format: 'RAW',
      content: b64('x'),
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE', /name longer than 255 bytes/);
  });

  it('refuses an import without a path with 400', async () => {
    expectDatabricksError(
      await post('import', { format: 'RAW', content: b64('x') }),
      400,
      'INVALID_PARAMETER_VALUE',
      /path/,
    );
  });
});

describe('delete', () => {
  it('refuses a full folder without recursive: 400 DIRECTORY_NOT_EMPTY', async () => {
    expectDatabricksError(await post('delete', { path: `${home}/contract` }), 400, 'DIRECTORY_NOT_EMPTY');
  });

  it('answers {} and the object is gone; a missing path is 404', async () => {
    const removed = await post('delete', { path: `${home}/contract/sub` });
    expect({ status: removed.status, body: removed.body }).toEqual({ status: 200, body: {} });
    expectDatabricksError(
      await get('get-status', { path: `${home}/contract/sub` }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectDatabricksError(
      await post('delete', { path: `${home}/contract/sub` }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses mkdirs over a notebook with 400 RESOURCE_ALREADY_EXISTS', async () => {
    expectDatabricksError(
      await post('mkdirs', { path: `${home}/contract/etl` }),
      400,
      'RESOURCE_ALREADY_EXISTS',
    );
  });
});

describe('workspace-files: raw bytes', () => {
  const raw = (method: string, path: string, rawBody?: Buffer, contentType?: string, query = {}) =>
    workspace.admin(method, path, {
      ...(rawBody === undefined ? {} : { rawBody }),
      ...(contentType === undefined ? {} : { contentType }),
      query,
    });

  it('writes the body as a file whatever its content type, and serves the bytes back', async () => {
    const bytes = Buffer.from([0, 1, 2, 255]);
    const written = await raw(
      'POST',
      `/api/2.0/workspace-files/import-file${home}/contract/blob.bin`,
      bytes,
      'text/plain',
    );
    expect({ status: written.status, body: written.body }).toEqual({ status: 200, body: {} });
    const read = await raw('GET', `/api/2.0/workspace-files${home}/contract/blob.bin`);
    expect(read.status).toBe(200);
    expect(String(read.headers['content-type'])).toBe('application/octet-stream');
    expect(read.raw.equals(bytes)).toBe(true);
    const info = await get<ObjectInfo>('get-status', { path: `${home}/contract/blob.bin` });
    expect(info.body).toMatchObject({ object_type: 'FILE', size: 4 });
  });

  it('answers an existing file with 409 RESOURCE_ALREADY_EXISTS unless overwrite=true', async () => {
    const path = `/api/2.0/workspace-files/import-file${home}/contract/blob.bin`;
    expectDatabricksError(await raw('POST', path, Buffer.from('x')), 409, 'RESOURCE_ALREADY_EXISTS');
    expect((await raw('POST', path, Buffer.from('x'), undefined, { overwrite: true })).status).toBe(200);
    expectDatabricksError(
      await raw('POST', path, Buffer.from('x'), undefined, { overwrite: 'maybe' }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('answers a missing file or folder with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    expectDatabricksError(
      await raw('GET', `/api/2.0/workspace-files${home}/contract/none`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectDatabricksError(
      await raw('POST', `/api/2.0/workspace-files/import-file${home}/none/x.txt`, Buffer.from('x')),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });
});
