import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  cases,
  type Grantees,
  grantee,
  granteesFor,
  KINDS,
  type Kind,
} from './support/grantees.js';
import {
  type ApiCaller,
  type Body,
  buildTestApp,
  expectDatabricksError,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Permissions on notebooks, folders and files (/api/2.0/permissions/{notebooks,directories,files})
 * and their enforcement on the Workspace API: grants set on a folder pass down to what is inside
 * it; reading takes CAN_READ, replacing a notebook CAN_EDIT, creating or deleting in a folder and
 * changing permissions CAN_MANAGE; lists show only what the caller may see.
 */
let api: TestApp;
let workspace: TestWorkspace;

const LEVELS = ['CAN_READ', 'CAN_RUN', 'CAN_EDIT', 'CAN_MANAGE'] as const;
const b64 = (text: string) => Buffer.from(text).toString('base64');
const WS = '/api/2.0/workspace';

let adminHome: string;

async function objectIdOf(path: string): Promise<number> {
  const status = await workspace.admin<{ object_id: number }>('GET', `${WS}/get-status`, { query: { path } });
  expect(status.status, status.text).toBe(200);
  return status.body.object_id;
}

async function importNotebook(call: ApiCaller, path: string, overwrite = false) {
  return call('POST', `${WS}/import`, {
    body: { path, format: 'SOURCE', language: 'PYTHON', content: b64('print(1)'), overwrite },
  });
}

async function adminMkdirs(path: string) {
  const made = await workspace.admin('POST', `${WS}/mkdirs`, { body: { path } });
  expect(made.status, made.text).toBe(200);
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-ws-permissions');
  const me = await workspace.admin<{ userName: string }>('GET', '/api/2.0/preview/scim/v2/Me');
  adminHome = `/Users/${me.body.userName}`;
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('a folder shared at each level', () => {
  let folder: string;
  let notebook: string;
  let grantees: Grantees;
  let cycle = 0;

  /** Each route on the folder or what is inside it, and the level Databricks' ACLs ask for it. */
  const ROUTES = [
    ['GET workspace/get-status', 'CAN_READ'],
    ['GET workspace/export', 'CAN_READ'],
    ['GET workspace/list', 'CAN_READ'],
    ['GET workspace-files', 'CAN_READ'],
    ['POST workspace/import overwrite', 'CAN_EDIT'],
    ['POST workspace/import new', 'CAN_MANAGE'],
    ['POST workspace/mkdirs new', 'CAN_MANAGE'],
    ['POST workspace/delete', 'CAN_MANAGE'],
    ['GET permissions/notebooks', 'CAN_MANAGE'],
    ['GET permissions/directories', 'CAN_MANAGE'],
  ] as const;

  const send = async (call: ApiCaller, route: string) => {
    cycle += 1;
    switch (route) {
      case 'GET workspace/get-status':
        return call('GET', `${WS}/get-status`, { query: { path: notebook } });
      case 'GET workspace/export':
        return call('GET', `${WS}/export`, { query: { path: notebook } });
      case 'GET workspace/list':
        return call('GET', `${WS}/list`, { query: { path: folder } });
      case 'GET workspace-files':
        return call('GET', `/api/2.0/workspace-files${notebook}`);
      case 'POST workspace/import overwrite':
        return importNotebook(call, notebook, true);
      case 'POST workspace/import new':
        return importNotebook(call, `${folder}/new-${cycle}`);
      case 'POST workspace/mkdirs new':
        return call('POST', `${WS}/mkdirs`, { body: { path: `${folder}/dir-${cycle}` } });
      case 'POST workspace/delete': {
        const victim = `${folder}/victim-${cycle}`;
        expect((await importNotebook(workspace.admin, victim)).status).toBe(200);
        return call('POST', `${WS}/delete`, { body: { path: victim } });
      }
      case 'GET permissions/notebooks':
        return call('GET', `/api/2.0/permissions/notebooks/${await objectIdOf(notebook)}`);
      default:
        return call('GET', `/api/2.0/permissions/directories/${await objectIdOf(folder)}`);
    }
  };

  beforeAll(async () => {
    folder = `${adminHome}/shared-${Date.now()}`;
    notebook = `${folder}/etl`;
    await adminMkdirs(folder);
    expect((await importNotebook(workspace.admin, notebook)).status).toBe(200);
    grantees = await granteesFor(
      api,
      workspace,
      `/api/2.0/permissions/directories/${await objectIdOf(folder)}`,
      LEVELS,
    );
  });

  it.each(cases(LEVELS, ROUTES))(
    '%s with %s on the folder granted to a %s is allowed: %s',
    async (route, level, kind, allowed) => {
      const response = await send(callerOf(grantees, level, kind), route);
      if (allowed) expect(response.status, response.text).not.toBe(403);
      else expectDatabricksError(response, 403, 'PERMISSION_DENIED');
    },
  );

  it.each(['NONE', ...LEVELS].flatMap((level) => KINDS.map((kind) => [level, kind] as const)))(
    'the home folder above, listed with %s granted to a %s, shows the shared folder only from CAN_READ up',
    async (level, kind) => {
      const call = callerOf(grantees, level, kind);
      const listed = await call<{ objects?: { path: string }[] }>('GET', `${WS}/list`, {
        query: { path: adminHome },
      });
      if (level === 'NONE') return expectDatabricksError(listed, 403, 'PERMISSION_DENIED');
      expect(listed.status, listed.text).toBe(200);
      expect((listed.body.objects ?? []).map((object) => object.path)).toEqual([folder]);
    },
  );

  it('answers the access control list of a notebook with what it inherits from its folders', async () => {
    const folderId = await objectIdOf(folder);
    const notebookId = await objectIdOf(notebook);
    const got = await workspace.admin<{
      object_id: string;
      object_type: string;
      access_control_list: Body[];
    }>('GET', `/api/2.0/permissions/notebooks/${notebookId}`);
    expect(got.status, got.text).toBe(200);
    expect(got.body).toMatchObject({ object_id: `/notebooks/${notebookId}`, object_type: 'notebook' });
    const inheritedFromFolder = got.body.access_control_list.filter((entry) =>
      (entry.all_permissions as Body[]).some(
        (permission) =>
          permission.inherited === true &&
          JSON.stringify(permission.inherited_from_object) === JSON.stringify([`/directories/${folderId}`]),
      ),
    );
    // Every grant on the folder (levels × kinds) shows on the notebook as inherited from it.
    expect(inheritedFromFolder).toHaveLength(LEVELS.length * KINDS.length);
    const admins = got.body.access_control_list.find((entry) => entry.group_name === 'admins');
    expect(admins?.all_permissions).toEqual([
      {
        permission_level: 'CAN_MANAGE',
        inherited: true,
        inherited_from_object: [`/directories/${await objectIdOf('/')}`],
      },
    ]);
  });

  it('lists the four levels of a notebook and of a folder', async () => {
    for (const [type, path] of [
      ['notebooks', notebook],
      ['directories', folder],
    ] as const) {
      const levels = await workspace.admin<{ permission_levels: { permission_level: string }[] }>(
        'GET',
        `/api/2.0/permissions/${type}/${await objectIdOf(path)}/permissionLevels`,
      );
      expect(levels.body.permission_levels.map((level) => level.permission_level)).toEqual([...LEVELS]);
    }
  });
});

describe('a grant on one notebook deep in a folder', () => {
  let folder: string;
  let reader: Awaited<ReturnType<typeof grantee>>;

  beforeAll(async () => {
    folder = `${adminHome}/deep-${Date.now()}`;
    await adminMkdirs(`${folder}/sub`);
    expect((await importNotebook(workspace.admin, `${folder}/sub/visible`)).status).toBe(200);
    expect((await importNotebook(workspace.admin, `${folder}/sub/hidden`)).status).toBe(200);
    expect((await importNotebook(workspace.admin, `${folder}/top`)).status).toBe(200);
    reader = await grantee(api, workspace, 'user');
    const id = await objectIdOf(`${folder}/sub/visible`);
    const put = await workspace.admin('PUT', `/api/2.0/permissions/notebooks/${id}`, {
      body: { access_control_list: [reader.entry('CAN_READ')] },
    });
    expect(put.status, put.text).toBe(200);
  });

  it('shows the folders above it by name, and nothing else in them', async () => {
    const list = async (path: string) => {
      const listed = await reader.call<{ objects?: { path: string }[] }>('GET', `${WS}/list`, {
        query: { path },
      });
      expect(listed.status, listed.text).toBe(200);
      return (listed.body.objects ?? []).map((object) => object.path);
    };
    expect(await list(folder)).toEqual([`${folder}/sub`]);
    expect(await list(`${folder}/sub`)).toEqual([`${folder}/sub/visible`]);
    expect((await reader.call('GET', `${WS}/get-status`, { query: { path: folder } })).status).toBe(200);
  });

  it('lets the reader export it but not its neighbours, nor change it', async () => {
    const exported = await reader.call('GET', `${WS}/export`, { query: { path: `${folder}/sub/visible` } });
    expect(exported.status, exported.text).toBe(200);
    for (const path of [`${folder}/sub/hidden`, `${folder}/top`]) {
      expectDatabricksError(
        await reader.call('GET', `${WS}/export`, { query: { path } }),
        403,
        'PERMISSION_DENIED',
      );
    }
    expectDatabricksError(
      await importNotebook(reader.call, `${folder}/sub/visible`, true),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('drops the grants of a deleted notebook: one imported again at its path is not shared', async () => {
    const path = `${folder}/sub/visible`;
    const deleted = await workspace.admin('POST', `${WS}/delete`, { body: { path } });
    expect(deleted.status, deleted.text).toBe(200);
    expect((await importNotebook(workspace.admin, path)).status).toBe(200);
    expectDatabricksError(
      await reader.call('GET', `${WS}/export`, { query: { path } }),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('the folders every workspace has', () => {
  it.each<Kind>(['user', 'service principal'])(
    'a %s manages its home folder, which no other principal sees',
    async (kind) => {
      const owner = await grantee(api, workspace, kind);
      const other = await grantee(api, workspace, 'user');
      const me = await owner.call<{ userName: string }>('GET', '/api/2.0/preview/scim/v2/Me');
      const home = `/Users/${me.body.userName}`;
      const path = `${home}/mine`;
      expect((await importNotebook(owner.call, path)).status).toBe(200);
      expect((await owner.call('GET', `${WS}/export`, { query: { path } })).status).toBe(200);
      expect((await workspace.admin('GET', `${WS}/export`, { query: { path } })).status).toBe(200);
      expectDatabricksError(
        await other.call('GET', `${WS}/export`, { query: { path } }),
        403,
        'PERMISSION_DENIED',
      );
      expectDatabricksError(
        await other.call('GET', `${WS}/list`, { query: { path: home } }),
        403,
        'PERMISSION_DENIED',
      );
      const users = await other.call<{ objects?: { path: string }[] }>('GET', `${WS}/list`, {
        query: { path: '/Users' },
      });
      expect((users.body.objects ?? []).map((object) => object.path)).not.toContain(home);
    },
  );

  it('lets every user create in /Shared, as the creator who manages it', async () => {
    const creator = await grantee(api, workspace, 'user');
    const path = `/Shared/created-${Date.now()}`;
    expect((await importNotebook(creator.call, path)).status).toBe(200);
    const id = await objectIdOf(path);
    const got = await creator.call<{ access_control_list: Body[] }>(
      'GET',
      `/api/2.0/permissions/notebooks/${id}`,
    );
    expect(got.status, got.text).toBe(200);
    const direct = got.body.access_control_list.find(
      (entry) => entry.user_name === (creator.entry('CAN_MANAGE') as { user_name: string }).user_name,
    );
    expect(direct?.all_permissions).toEqual([{ permission_level: 'CAN_MANAGE', inherited: false }]);
    const users = got.body.access_control_list.find((entry) => entry.group_name === 'users');
    expect(users?.all_permissions).toEqual([
      {
        permission_level: 'CAN_MANAGE',
        inherited: true,
        inherited_from_object: [`/directories/${await objectIdOf('/Shared')}`],
      },
    ]);
  });

  it.each(['/made-at-root', '/Users/not-a-user-home'])(
    'lets only admins create %s (the root and /Users are theirs)',
    async (path) => {
      const user = await grantee(api, workspace, 'user');
      expectDatabricksError(
        await user.call('POST', `${WS}/mkdirs`, { body: { path } }),
        403,
        'PERMISSION_DENIED',
      );
      expect((await workspace.admin('POST', `${WS}/mkdirs`, { body: { path } })).status).toBe(200);
      expect((await workspace.admin('POST', `${WS}/delete`, { body: { path } })).status).toBe(200);
    },
  );
});

describe('the Permissions API on workspace objects', () => {
  let notebook: string;
  let notebookId: number;

  beforeAll(async () => {
    notebook = `${adminHome}/api-${Date.now()}`;
    expect((await importNotebook(workspace.admin, notebook)).status).toBe(200);
    notebookId = await objectIdOf(notebook);
  });

  it.each([
    ['a notebook id as a directory', () => `/api/2.0/permissions/directories/${notebookId}`],
    ['a notebook id as a file', () => `/api/2.0/permissions/files/${notebookId}`],
    ['an id of nothing', () => '/api/2.0/permissions/notebooks/1'],
    ['an id that is no number', () => '/api/2.0/permissions/notebooks/abc'],
  ])('answers %s with 404 RESOURCE_DOES_NOT_EXIST', async (_case, path) => {
    expectDatabricksError(await workspace.admin('GET', path()), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('refuses a level notebooks do not have with 400', async () => {
    const response = await workspace.admin('PATCH', `/api/2.0/permissions/notebooks/${notebookId}`, {
      body: { access_control_list: [{ group_name: 'users', permission_level: 'CAN_ATTACH_TO' }] },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('adds a grant with PATCH and takes it away with PUT', async () => {
    const who = await grantee(api, workspace, 'service principal');
    const path = `/api/2.0/permissions/notebooks/${notebookId}`;
    const exportIt = () => who.call('GET', `${WS}/export`, { query: { path: notebook } });
    const patched = await workspace.admin('PATCH', path, {
      body: { access_control_list: [who.entry('CAN_RUN')] },
    });
    expect(patched.status, patched.text).toBe(200);
    expect((await exportIt()).status).toBe(200);
    const put = await workspace.admin('PUT', path, { body: { access_control_list: [] } });
    expect(put.status, put.text).toBe(200);
    expectDatabricksError(await exportIt(), 403, 'PERMISSION_DENIED');
  });
});

describe("jobs' notebook tasks", () => {
  let notebook: string;
  let colleague: Awaited<ReturnType<typeof grantee>>;
  const task = () => ({ task_key: 'etl', notebook_task: { notebook_path: notebook } });

  beforeAll(async () => {
    notebook = `${adminHome}/job-notebook-${Date.now()}`;
    expect((await importNotebook(workspace.admin, notebook)).status).toBe(200);
    colleague = await grantee(api, workspace, 'user');
  });

  it('refuses a job or a run of a notebook its creator cannot read, and takes it once they can', async () => {
    const create = () =>
      colleague.call('POST', '/api/2.2/jobs/create', { body: { name: 'nb', tasks: [task()] } });
    const submit = () => colleague.call('POST', '/api/2.2/jobs/runs/submit', { body: { tasks: [task()] } });
    expectDatabricksError(await create(), 403, 'PERMISSION_DENIED');
    expectDatabricksError(await submit(), 403, 'PERMISSION_DENIED');
    const id = await objectIdOf(notebook);
    const granted = await workspace.admin('PATCH', `/api/2.0/permissions/notebooks/${id}`, {
      body: { access_control_list: [colleague.entry('CAN_READ')] },
    });
    expect(granted.status, granted.text).toBe(200);
    const created = await create();
    expect(created.status, created.text).toBe(200);
  });

  it('leaves a notebook that does not exist for the run to report', async () => {
    const missing = { task_key: 'etl', notebook_task: { notebook_path: `${adminHome}/not-there` } };
    const created = await colleague.call('POST', '/api/2.2/jobs/create', {
      body: { name: 'nb', tasks: [missing] },
    });
    expect(created.status, created.text).toBe(200);
  });
});
