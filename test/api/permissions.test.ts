import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  callerOf,
  cases,
  type Grantees,
  granteesFor as grantLevels,
  KINDS,
  type Kind,
  grantee as newGrantee,
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
 * The Permissions API (/api/2.0/permissions) and its enforcement on every route that acts on a
 * cluster or a job: a table of route × permission level × kind of principal, each allowed or
 * denied as Databricks' access control reference says. "Allowed" means the permission check
 * passed: any answer but 403 (a restart of a terminated cluster is allowed, then refused as
 * INVALID_STATE).
 */
let api: TestApp;
let workspace: TestWorkspace;

const SPARK_VERSION = '19.3.x-no-spark-scala2.13';

const grantee = (kind: Kind) => newGrantee(api, workspace, kind);
const granteesFor = (path: string, levels: readonly string[]) => grantLevels(api, workspace, path, levels);

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-permissions');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('clusters', () => {
  const LEVELS = ['CAN_ATTACH_TO', 'CAN_RESTART', 'CAN_MANAGE'] as const;
  let clusterId: string;
  let grantees: Grantees;

  /** Each route and the level Databricks' compute ACLs ask for it. */
  const ROUTES = [
    ['GET clusters/get', 'CAN_ATTACH_TO'],
    ['POST clusters/events', 'CAN_ATTACH_TO'],
    ['GET brickyard/clusters/cost', 'CAN_ATTACH_TO'],
    ['POST clusters/restart', 'CAN_RESTART'],
    ['POST clusters/delete', 'CAN_RESTART'],
    ['POST clusters/edit', 'CAN_MANAGE'],
    ['POST clusters/resize', 'CAN_MANAGE'],
    ['POST clusters/pin', 'CAN_MANAGE'],
    ['GET permissions/clusters', 'CAN_MANAGE'],
  ] as const;

  const send = (call: ApiCaller, route: string) => {
    const id = { cluster_id: clusterId };
    switch (route) {
      case 'GET clusters/get':
        return call('GET', '/api/2.1/clusters/get', { query: id });
      case 'POST clusters/events':
        return call('POST', '/api/2.1/clusters/events', { body: id });
      case 'GET brickyard/clusters/cost':
        return call('GET', '/api/2.0/brickyard/clusters/cost', { query: id });
      case 'POST clusters/edit':
        return call('POST', '/api/2.1/clusters/edit', {
          body: { ...id, cluster_name: 'governed', spark_version: SPARK_VERSION, num_workers: 0 },
        });
      case 'POST clusters/resize':
        return call('POST', '/api/2.1/clusters/resize', { body: { ...id, num_workers: 0 } });
      case 'GET permissions/clusters':
        return call('GET', `/api/2.0/permissions/clusters/${clusterId}`);
      default:
        return call('POST', `/api/2.1/${route.split(' ')[1]}`, { body: id });
    }
  };

  beforeAll(async () => {
    const created = await workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: { cluster_name: 'governed', spark_version: SPARK_VERSION, num_workers: 0 },
    });
    expect(created.status, created.text).toBe(200);
    clusterId = created.body.cluster_id;
    await workspace.admin('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } });
    grantees = await granteesFor(`/api/2.0/permissions/clusters/${clusterId}`, LEVELS);
  });

  it.each(cases(LEVELS, ROUTES))(
    '%s with %s granted to a %s is allowed: %s',
    async (route, level, kind, allowed) => {
      const response = await send(callerOf(grantees, level, kind), route);
      if (allowed) expect(response.status, response.text).not.toBe(403);
      else expectDatabricksError(response, 403, 'PERMISSION_DENIED');
    },
  );

  it.each(['NONE', ...LEVELS].flatMap((level) => KINDS.map((kind) => [level, kind] as const)))(
    'clusters/list with %s granted to a %s shows the cluster only from CAN_ATTACH_TO up',
    async (level, kind) => {
      const list = await callerOf(
        grantees,
        level,
        kind,
      )<{ clusters?: Body[] }>('GET', '/api/2.1/clusters/list');
      const ids = (list.body.clusters ?? []).map((cluster) => cluster.cluster_id);
      expect(ids.includes(clusterId)).toBe(level !== 'NONE');
    },
  );

  it('answers the access control list with the creator and the inherited admins', async () => {
    const got = await workspace.admin<{
      object_id: string;
      object_type: string;
      access_control_list: Body[];
    }>('GET', `/api/2.0/permissions/clusters/${clusterId}`);
    expect(got.body).toMatchObject({ object_id: `/clusters/${clusterId}`, object_type: 'cluster' });
    expect(got.body.access_control_list).toContainEqual({
      group_name: 'admins',
      all_permissions: [
        { permission_level: 'CAN_MANAGE', inherited: true, inherited_from_object: ['/clusters/'] },
      ],
    });
    const creator = got.body.access_control_list.find((entry) => entry.user_name === 'admin@brickyard.local');
    expect(creator?.all_permissions, JSON.stringify(got.body)).toEqual([
      { permission_level: 'CAN_MANAGE', inherited: false },
    ]);
  });

  it('lists the permission levels of a cluster', async () => {
    const levels = await workspace.admin<{ permission_levels: { permission_level: string }[] }>(
      'GET',
      `/api/2.0/permissions/clusters/${clusterId}/permissionLevels`,
    );
    expect(levels.body.permission_levels.map((level) => level.permission_level)).toEqual([...LEVELS]);
  });

  it('adds a grant with PATCH and keeps the others', async () => {
    const who = await grantee('user');
    const before = await workspace.admin<{ access_control_list: Body[] }>(
      'GET',
      `/api/2.0/permissions/clusters/${clusterId}`,
    );
    const patched = await workspace.admin<{ access_control_list: Body[] }>(
      'PATCH',
      `/api/2.0/permissions/clusters/${clusterId}`,
      { body: { access_control_list: [who.entry('CAN_RESTART')] } },
    );
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body.access_control_list).toHaveLength(before.body.access_control_list.length + 1);
    expect(
      (await who.call('GET', '/api/2.1/clusters/get', { query: { cluster_id: clusterId } })).status,
    ).toBe(200);
  });

  it.each<[string, Body]>([
    ['a level clusters do not have', { user_name: 'admin@brickyard.local', permission_level: 'CAN_VIEW' }],
    ['a user who does not exist', { user_name: 'nobody@example.com', permission_level: 'CAN_MANAGE' }],
    ['a group that does not exist', { group_name: 'nobody', permission_level: 'CAN_MANAGE' }],
    [
      'two principals in one entry',
      { user_name: 'admin@brickyard.local', group_name: 'users', permission_level: 'CAN_MANAGE' },
    ],
  ])('refuses a grant to %s with 400', async (_case, entry) => {
    const response = await workspace.admin('PATCH', `/api/2.0/permissions/clusters/${clusterId}`, {
      body: { access_control_list: [entry] },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('answers 404 for the permissions of a cluster that does not exist, and 501 for types not built', async () => {
    expectDatabricksError(
      await workspace.admin('GET', '/api/2.0/permissions/clusters/0101-000000-missing0'),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expect((await workspace.admin('GET', '/api/2.0/permissions/repos/1')).status).toBe(501);
  });

  it('lets a job run on an existing cluster only for whoever may attach to it', async () => {
    const task = { task_key: 't', existing_cluster_id: clusterId, notebook_task: { notebook_path: '/x' } };
    const stranger = callerOf(grantees, 'NONE', 'user');
    const attacher = callerOf(grantees, 'CAN_ATTACH_TO', 'user');
    expectDatabricksError(
      await stranger('POST', '/api/2.2/jobs/create', { body: { name: 'on-a-cluster', tasks: [task] } }),
      403,
      'PERMISSION_DENIED',
    );
    expectDatabricksError(
      await stranger('POST', '/api/2.2/jobs/runs/submit', { body: { tasks: [task] } }),
      403,
      'PERMISSION_DENIED',
    );
    const created = await attacher('POST', '/api/2.2/jobs/create', {
      body: { name: 'on-a-cluster', tasks: [task] },
    });
    expect(created.status, created.text).toBe(200);
  });
});

describe('jobs', () => {
  const LEVELS = ['CAN_VIEW', 'CAN_MANAGE_RUN', 'CAN_MANAGE'] as const;
  let jobId: number;
  let grantees: Grantees;
  const SETTINGS = {
    name: 'governed job',
    tasks: [{ task_key: 't', notebook_task: { notebook_path: '/Shared/x' } }],
  };

  const ROUTES = [
    ['GET jobs/get', 'CAN_VIEW'],
    ['GET jobs/runs/list', 'CAN_VIEW'],
    ['POST jobs/run-now', 'CAN_MANAGE_RUN'],
    ['POST jobs/runs/cancel-all', 'CAN_MANAGE_RUN'],
    ['POST jobs/update', 'CAN_MANAGE'],
    ['POST jobs/reset', 'CAN_MANAGE'],
    ['GET permissions/jobs', 'CAN_MANAGE'],
  ] as const;

  const send = (call: ApiCaller, route: string) => {
    switch (route) {
      case 'GET jobs/get':
        return call('GET', '/api/2.2/jobs/get', { query: { job_id: jobId } });
      case 'GET jobs/runs/list':
        return call('GET', '/api/2.2/jobs/runs/list', { query: { job_id: jobId } });
      // Only a task the job does not have: allowed, the call is refused after the check.
      case 'POST jobs/run-now':
        return call('POST', '/api/2.2/jobs/run-now', { body: { job_id: jobId, only: ['missing'] } });
      case 'POST jobs/runs/cancel-all':
        return call('POST', '/api/2.2/jobs/runs/cancel-all', { body: { job_id: jobId } });
      case 'POST jobs/update':
        return call('POST', '/api/2.2/jobs/update', {
          body: { job_id: jobId, new_settings: { max_concurrent_runs: 1 } },
        });
      case 'POST jobs/reset':
        return call('POST', '/api/2.2/jobs/reset', { body: { job_id: jobId, new_settings: SETTINGS } });
      default:
        return call('GET', `/api/2.0/permissions/jobs/${jobId}`);
    }
  };

  beforeAll(async () => {
    const created = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
      body: SETTINGS,
    });
    expect(created.status, created.text).toBe(200);
    jobId = created.body.job_id;
    grantees = await granteesFor(`/api/2.0/permissions/jobs/${jobId}`, LEVELS);
  });

  it.each(cases(LEVELS, ROUTES))(
    '%s with %s granted to a %s is allowed: %s',
    async (route, level, kind, allowed) => {
      const response = await send(callerOf(grantees, level, kind), route);
      if (allowed) expect(response.status, response.text).not.toBe(403);
      else expectDatabricksError(response, 403, 'PERMISSION_DENIED');
    },
  );

  it.each(['NONE', ...LEVELS].flatMap((level) => KINDS.map((kind) => [level, kind] as const)))(
    'jobs/list with %s granted to a %s shows the job only from CAN_VIEW up',
    async (level, kind) => {
      const list = await callerOf(grantees, level, kind)<{ jobs?: Body[] }>('GET', '/api/2.2/jobs/list', {
        query: { limit: 100 },
      });
      const ids = (list.body.jobs ?? []).map((job) => job.job_id);
      expect(ids.includes(jobId)).toBe(level !== 'NONE');
    },
  );

  it.each(KINDS.flatMap((kind) => ['CAN_MANAGE_RUN', 'CAN_MANAGE'].map((level) => [kind, level] as const)))(
    'lets a %s deleting a job only with CAN_MANAGE (holding %s)',
    async (kind, level) => {
      const job = await workspace.admin<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
        body: SETTINGS,
      });
      const who = await grantee(kind);
      await workspace.admin('PUT', `/api/2.0/permissions/jobs/${job.body.job_id}`, {
        body: { access_control_list: [who.entry(level)] },
      });
      const deleted = await who.call('POST', '/api/2.2/jobs/delete', { body: { job_id: job.body.job_id } });
      if (level === 'CAN_MANAGE') expect(deleted.status, deleted.text).toBe(200);
      else expectDatabricksError(deleted, 403, 'PERMISSION_DENIED');
    },
  );

  it('makes the creator of a job its owner, and takes grants given at create', async () => {
    const who = await grantee('user');
    const viewer = who.entry('CAN_VIEW');
    const job = await workspace.user<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
      body: { ...SETTINGS, access_control_list: [viewer] },
    });
    expect(job.status, job.text).toBe(200);
    const acl = await workspace.user<{ access_control_list: Body[] }>(
      'GET',
      `/api/2.0/permissions/jobs/${job.body.job_id}`,
    );
    expect(acl.body.access_control_list).toContainEqual({
      service_principal_name: workspace.userName,
      all_permissions: [{ permission_level: 'IS_OWNER', inherited: false }],
    });
    expect((await who.call('GET', '/api/2.2/jobs/get', { query: { job_id: job.body.job_id } })).status).toBe(
      200,
    );
  });

  it('refuses a group as the owner of a job, and two owners', async () => {
    const response = await workspace.admin('PUT', `/api/2.0/permissions/jobs/${jobId}`, {
      body: { access_control_list: [{ group_name: 'users', permission_level: 'IS_OWNER' }] },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});
