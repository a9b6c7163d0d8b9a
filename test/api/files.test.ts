import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** The Files API (/api/2.0/fs) over a Unity Catalog volume, on the platform's S3 store. */
let api: TestApp;
let workspace: TestWorkspace;

const VOLUME = '/Volumes/main/default/files';

interface DirectoryEntry {
  path: string;
  name: string;
  is_directory: boolean;
  file_size?: number;
  last_modified?: number;
}
interface Listing {
  contents: DirectoryEntry[];
  next_page_token?: string;
}

const file = (path: string) => `/api/2.0/fs/files${path}`;
const directory = (path: string) => `/api/2.0/fs/directories${path}`;

function upload(path: string, bytes: Buffer | string, query: Record<string, boolean> = {}) {
  return workspace.admin('PUT', file(path), {
    rawBody: bytes,
    contentType: 'application/octet-stream',
    query,
  });
}

async function ok<T = Body>(response: Promise<{ status: number; text: string; body: T }>): Promise<T> {
  const answered = await response;
  expect(answered.status, answered.text).toBe(200);
  return answered.body;
}

/** Writes an object below the volume's storage location directly, as Spark or another tool would. */
async function putObject(name: string, bytes = ''): Promise<void> {
  const key = `workspaces/${workspace.workspaceId}/dbfs${VOLUME}/${name}`;
  await api.services.storage.root('').put(key, Buffer.from(bytes));
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-files');
  await ok(
    workspace.admin('POST', '/api/2.1/unity-catalog/volumes', {
      body: { name: 'files', catalog_name: 'main', schema_name: 'default', volume_type: 'MANAGED' },
    }),
  );
});

afterAll(async () => {
  // Deleting the managed volume deletes its files.
  if (workspace) await workspace.admin('DELETE', '/api/2.1/unity-catalog/volumes/main.default.files');
  await workspace?.remove();
  await api?.close();
});

describe('files', () => {
  it('uploads raw bytes and downloads them with the headers the SDK reads', async () => {
    const bytes = randomBytes(1000);
    expect(await ok(upload(`${VOLUME}/raw/data.bin`, bytes))).toEqual({});

    const got = await workspace.admin('GET', file(`${VOLUME}/raw/data.bin`));
    expect(got.status).toBe(200);
    expect(got.raw.equals(bytes)).toBe(true);
    expect(got.headers['content-type']).toBe('application/octet-stream');
    expect(got.headers['content-length']).toBe('1000');
    const lastModified = Date.parse(String(got.headers['last-modified']));
    expect(Math.abs(Date.now() - lastModified)).toBeLessThan(120_000);

    const head = await workspace.admin('HEAD', file(`${VOLUME}/raw/data.bin`));
    expect(head.status).toBe(200);
    expect(head.raw.length).toBe(0);
    expect(head.headers).toMatchObject({
      'content-type': 'application/octet-stream',
      'content-length': '1000',
      'last-modified': got.headers['last-modified'],
    });
  });

  it('keeps names the SDK escapes (spaces, ?, #) and an empty file', async () => {
    const path = `${VOLUME}/odd names/a b?c#d.txt`;
    await ok(
      workspace.admin('PUT', `/api/2.0/fs/files${encodeURI(path).replace('?', '%3F').replace('#', '%23')}`, {
        rawBody: 'odd',
        contentType: 'application/octet-stream',
      }),
    );
    const listed = await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/odd%20names`)));
    expect(listed.contents.map((entry) => entry.path)).toEqual([path]);

    await ok(upload(`${VOLUME}/odd names/empty`, ''));
    const empty = await workspace.admin('GET', file(`${VOLUME}/odd names/empty`));
    expect({
      status: empty.status,
      length: empty.raw.length,
      header: empty.headers['content-length'],
    }).toEqual({
      status: 200,
      length: 0,
      header: '0',
    });
  });

  it('replaces a file by default, and refuses to with overwrite=false: 409 ALREADY_EXISTS', async () => {
    await ok(upload(`${VOLUME}/once.txt`, 'first'));
    await ok(upload(`${VOLUME}/once.txt`, 'second'));
    expectDatabricksError(
      await upload(`${VOLUME}/once.txt`, 'third', { overwrite: false }),
      409,
      'ALREADY_EXISTS',
      'The file being created already exists.',
    );
    expect((await workspace.admin('GET', file(`${VOLUME}/once.txt`))).text).toBe('second');
    await ok(upload(`${VOLUME}/new-once.txt`, 'only', { overwrite: false }));
  });

  it('streams a file larger than one multipart part both ways', async () => {
    const bytes = randomBytes(9 * 1024 * 1024 + 7);
    await ok(upload(`${VOLUME}/big.bin`, bytes));
    const got = await workspace.admin('GET', file(`${VOLUME}/big.bin`));
    expect(got.raw.length).toBe(bytes.length);
    expect(got.raw.equals(bytes)).toBe(true);
  });

  it('serves one byte range with 206, and answers an unsatisfiable one with 416', async () => {
    await ok(upload(`${VOLUME}/range.txt`, '0123456789'));
    const part = await workspace.admin('GET', file(`${VOLUME}/range.txt`), {
      headers: { range: 'bytes=2-5' },
    });
    expect({ status: part.status, text: part.text, headers: part.headers }).toMatchObject({
      status: 206,
      text: '2345',
      headers: { 'content-length': '4', 'content-range': 'bytes 2-5/10' },
    });
    const tail = await workspace.admin('GET', file(`${VOLUME}/range.txt`), {
      headers: { range: 'bytes=-3' },
    });
    expect({ status: tail.status, text: tail.text }).toEqual({ status: 206, text: '789' });

    const beyond = await workspace.admin('GET', file(`${VOLUME}/range.txt`), {
      headers: { range: 'bytes=10-' },
    });
    expectDatabricksError(beyond, 416, 'INVALID_PARAMETER_VALUE');
    expect(beyond.headers['content-range']).toBe('bytes */10');
  });

  it('refuses a download the file changed under: 412 with If-Unmodified-Since', async () => {
    await ok(upload(`${VOLUME}/changing.txt`, 'v2'));
    const past = new Date(Date.now() - 3_600_000).toUTCString();
    const changed = await workspace.admin('GET', file(`${VOLUME}/changing.txt`), {
      headers: { 'if-unmodified-since': past },
    });
    expectDatabricksError(changed, 412, 'FAILED_PRECONDITION');
    const future = new Date(Date.now() + 3_600_000).toUTCString();
    const same = await workspace.admin('GET', file(`${VOLUME}/changing.txt`), {
      headers: { 'if-unmodified-since': future },
    });
    expect(same.text).toBe('v2');
  });

  it('answers a missing file, or a directory, with 404 NOT_FOUND on GET, HEAD and DELETE', async () => {
    await ok(workspace.admin('PUT', directory(`${VOLUME}/a-directory`)));
    for (const path of [`${VOLUME}/missing.txt`, `${VOLUME}/a-directory`, VOLUME]) {
      for (const method of ['GET', 'DELETE']) {
        expectDatabricksError(
          await workspace.admin(method, file(path)),
          404,
          'NOT_FOUND',
          'The file being accessed is not found.',
        );
      }
      expect((await workspace.admin('HEAD', file(path))).status).toBe(404);
    }
  });

  it('deletes a file and keeps its directory', async () => {
    await ok(upload(`${VOLUME}/keep/only.txt`, 'x'));
    await ok(workspace.admin('DELETE', file(`${VOLUME}/keep/only.txt`)));
    expect((await workspace.admin('HEAD', file(`${VOLUME}/keep/only.txt`))).status).toBe(404);
    expect(await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/keep`)))).toEqual({ contents: [] });
  });

  it('refuses to write a file over a directory, or below a file: 409', async () => {
    await ok(workspace.admin('PUT', directory(`${VOLUME}/taken`)));
    expectDatabricksError(await upload(`${VOLUME}/taken`, 'x'), 409, 'ALREADY_EXISTS', /is a directory/);
    await ok(upload(`${VOLUME}/plain.txt`, 'x'));
    expectDatabricksError(await upload(`${VOLUME}/plain.txt/below`, 'x'), 409, 'ALREADY_EXISTS', /is a file/);
  });
});

describe('directories', () => {
  it('creates directories with their parents, idempotently, and tells them by HEAD', async () => {
    await ok(workspace.admin('PUT', directory(`${VOLUME}/made/deep/er/`)));
    await ok(workspace.admin('PUT', directory(`${VOLUME}/made/deep`)));
    for (const path of [VOLUME, `${VOLUME}/made`, `${VOLUME}/made/deep/er`]) {
      const head = await workspace.admin('HEAD', directory(path));
      expect({ path, status: head.status, length: head.raw.length }).toEqual({
        path,
        status: 200,
        length: 0,
      });
    }
    await ok(upload(`${VOLUME}/made/file.txt`, 'x'));
    for (const path of [`${VOLUME}/made/nothing`, `${VOLUME}/made/file.txt`]) {
      expect((await workspace.admin('HEAD', directory(path))).status).toBe(404);
    }
    expectDatabricksError(
      await workspace.admin('PUT', directory(`${VOLUME}/made/file.txt/sub`)),
      409,
      'ALREADY_EXISTS',
      /A file exists at \/Volumes\/main\/default\/files\/made\/file.txt/,
    );
  });

  it('lists entries with the fields of the SDK, a page at a time', async () => {
    await ok(upload(`${VOLUME}/listed/b.txt`, 'bb'));
    await ok(upload(`${VOLUME}/listed/a.txt`, 'a'));
    await ok(workspace.admin('PUT', directory(`${VOLUME}/listed/sub`)));
    const listed = await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/listed`)));
    expect(listed).toEqual({
      contents: [
        {
          path: `${VOLUME}/listed/a.txt`,
          name: 'a.txt',
          is_directory: false,
          file_size: 1,
          last_modified: expect.any(Number),
        },
        {
          path: `${VOLUME}/listed/b.txt`,
          name: 'b.txt',
          is_directory: false,
          file_size: 2,
          last_modified: expect.any(Number),
        },
        { path: `${VOLUME}/listed/sub`, name: 'sub', is_directory: true },
      ],
    });

    const names: string[][] = [];
    let token: string | undefined;
    do {
      const page = await ok<Listing>(
        workspace.admin('GET', directory(`${VOLUME}/listed`), {
          query: { page_size: 2, ...(token ? { page_token: token } : {}) },
        }),
      );
      names.push(page.contents.map((entry) => entry.name));
      token = page.next_page_token;
    } while (token);
    expect(names).toEqual([['a.txt', 'b.txt'], ['sub']]);
  });

  it('lists what Spark and Hadoop write: part files, _SUCCESS, markers as directories', async () => {
    await putObject('spark/out/');
    await putObject('spark/out/_SUCCESS');
    await putObject('spark/out/part-00000.snappy.parquet', 'PAR1');
    await putObject('spark/out/_delta_log/00000000000000000000.json', '{}');
    await putObject('spark/emr_$folder$');
    const out = await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/spark/out`)));
    expect(out.contents.map((entry) => [entry.name, entry.is_directory])).toEqual([
      ['_SUCCESS', false],
      ['_delta_log', true],
      ['part-00000.snappy.parquet', false],
    ]);
    const spark = await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/spark`)));
    expect(spark.contents.map((entry) => [entry.name, entry.is_directory])).toEqual([
      ['emr', true],
      ['out', true],
    ]);
    expect((await workspace.admin('HEAD', directory(`${VOLUME}/spark/emr`))).status).toBe(200);
    expect(await ok<Listing>(workspace.admin('GET', directory(`${VOLUME}/spark/emr`)))).toEqual({
      contents: [],
    });
    await ok(workspace.admin('DELETE', directory(`${VOLUME}/spark/emr`)));
    expect((await workspace.admin('HEAD', directory(`${VOLUME}/spark/emr`))).status).toBe(404);
    expect((await workspace.admin('HEAD', directory(`${VOLUME}/spark`))).status).toBe(200);
  });

  it('answers a missing directory, or a file, with 404 NOT_FOUND', async () => {
    await ok(upload(`${VOLUME}/not-a-dir.txt`, 'x'));
    for (const path of [`${VOLUME}/no-such-dir`, `${VOLUME}/not-a-dir.txt`]) {
      for (const method of ['GET', 'DELETE']) {
        expectDatabricksError(
          await workspace.admin(method, directory(path)),
          404,
          'NOT_FOUND',
          'The directory being accessed is not found.',
        );
      }
    }
  });

  it('deletes only an empty directory (400 otherwise), never the volume itself', async () => {
    await ok(upload(`${VOLUME}/full/inner/x.txt`, 'x'));
    expectDatabricksError(
      await workspace.admin('DELETE', directory(`${VOLUME}/full/inner`)),
      400,
      'INVALID_PARAMETER_VALUE',
      /not empty/,
    );
    await ok(workspace.admin('DELETE', file(`${VOLUME}/full/inner/x.txt`)));
    await ok(workspace.admin('DELETE', directory(`${VOLUME}/full/inner`)));
    expect((await workspace.admin('HEAD', directory(`${VOLUME}/full/inner`))).status).toBe(404);
    expect((await workspace.admin('HEAD', directory(`${VOLUME}/full`))).status).toBe(200);
    expectDatabricksError(await workspace.admin('DELETE', directory(VOLUME)), 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('volumes and paths', () => {
  it('keeps a managed volume in DBFS, at its /Volumes path', async () => {
    await ok(upload(`${VOLUME}/shared/in-dbfs.txt`, 'dbfs too'));
    const status = await ok<{ path: string; is_dir: boolean; file_size: number }>(
      workspace.admin('GET', '/api/2.0/dbfs/get-status', { query: { path: `${VOLUME}/shared/in-dbfs.txt` } }),
    );
    expect(status).toMatchObject({ path: `${VOLUME}/shared/in-dbfs.txt`, is_dir: false, file_size: 8 });
  });

  it.each([
    ['/Volume/main/default/files/a', 'unsupported first path component: Volume'],
    ['/Volumes/main', 'Path is missing a schema name'],
    ['/Volumes/main/default', 'Path is missing a volume name'],
    ['/Volumes/main/default/files/a%00b', 'control characters'],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (path, message) => {
    for (const url of [file(path), directory(path)]) {
      expectDatabricksError(
        await workspace.admin('GET', url),
        400,
        'INVALID_PARAMETER_VALUE',
        new RegExp(message),
      );
    }
    expectDatabricksError(await upload(`${path}/`, 'x'), 400, 'INVALID_PARAMETER_VALUE');
  });

  it.each([
    [
      '/Volumes/main/default/nothing/a.txt',
      'RESOURCE_DOES_NOT_EXIST',
      "Volume 'main.default.nothing' does not exist.",
    ],
    ['/Volumes/main/nothing/v/a.txt', 'SCHEMA_DOES_NOT_EXIST', "Schema 'main.nothing' does not exist."],
    ['/Volumes/nothing/s/v/a.txt', 'CATALOG_DOES_NOT_EXIST', "Catalog 'nothing' does not exist."],
  ])('answers %s with 404 %s', async (path, code, message) => {
    expectDatabricksError(await workspace.admin('GET', file(path)), 404, code, message);
    expectDatabricksError(await upload(path, 'x'), 404, code, message);
    expectDatabricksError(await workspace.admin('GET', directory(path)), 404, code, message);
  });

  it('finds volumes by name case-insensitively, as Unity Catalog does', async () => {
    await ok(upload('/Volumes/MAIN/Default/Files/cased.txt', 'c'));
    expect((await workspace.admin('GET', file(`${VOLUME}/cased.txt`))).text).toBe('c');
  });

  it('refuses the files of an external volume outside the object store with 501', async () => {
    await ok(
      workspace.admin('POST', '/api/2.1/unity-catalog/volumes', {
        body: {
          name: 'elsewhere',
          catalog_name: 'main',
          schema_name: 'default',
          volume_type: 'EXTERNAL',
          storage_location: 's3://some-other-bucket/data',
        },
      }),
    );
    try {
      expectDatabricksError(
        await workspace.admin('GET', directory('/Volumes/main/default/elsewhere')),
        501,
        'NOT_IMPLEMENTED',
        /s3:\/\/some-other-bucket\/data/,
      );
    } finally {
      await workspace.admin('DELETE', '/api/2.1/unity-catalog/volumes/main.default.elsewhere');
    }
  });

  it('needs a token like every workspace API', async () => {
    expectDatabricksError(await api.call('GET', directory(VOLUME)), 401, 'UNAUTHENTICATED');
  });
});

describe('MLflow artifacts', () => {
  const RUN = '/WorkspaceInternal/Mlflow/Artifacts/42/Runs/r1';

  it("keeps a run's artifacts in DBFS under the run's artifact URI", async () => {
    await ok(upload(`${RUN}/artifacts/docs/notes.txt`, 'notes'));
    const listing = await ok<Listing>(workspace.admin('GET', directory(`${RUN}/artifacts/docs`)));
    expect(listing.contents).toEqual([
      expect.objectContaining({ path: `${RUN}/artifacts/docs/notes.txt`, name: 'notes.txt', file_size: 5 }),
    ]);
    const status = await ok<{ file_size: number }>(
      workspace.admin('GET', '/api/2.0/dbfs/get-status', {
        query: { path: 'dbfs:/databricks/mlflow-tracking/42/r1/artifacts/docs/notes.txt' },
      }),
    );
    expect(status.file_size).toBe(5);
    expect((await workspace.admin('GET', file(`${RUN}/artifacts/docs/notes.txt`))).text).toBe('notes');
  });

  it("keeps a logged model's artifacts in its logged_models folder", async () => {
    await ok(
      upload('/WorkspaceInternal/Mlflow/Artifacts/42/LoggedModels/m-1/artifacts/MLmodel', 'flavors: {}'),
    );
    const status = await workspace.admin('GET', '/api/2.0/dbfs/get-status', {
      query: { path: 'dbfs:/databricks/mlflow-tracking/42/logged_models/m-1/artifacts/MLmodel' },
    });
    expect(status.status).toBe(200);
  });

  it.each([
    '/WorkspaceInternal/Mlflow/Artifacts/42',
    '/WorkspaceInternal/Mlflow/Artifacts/42/Traces/t1/a',
    '/WorkspaceInternal/Other/a',
  ])('refuses %s with 400', async (path) => {
    expectDatabricksError(await upload(path, 'x'), 400, 'INVALID_PARAMETER_VALUE', /Invalid path/);
  });
});
