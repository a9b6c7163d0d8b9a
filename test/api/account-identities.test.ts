import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Account SCIM (/api/2.0/accounts/{id}/scim/v2) and workspace assignment
 * (/api/2.0/accounts/{id}/workspaces/{id}/permissionassignments): identities of the account that
 * reach a workspace by assignment, as the AccountClient manages them.
 */
let api: TestApp;
let workspace: TestWorkspace;
let accountScim: string;
let assignments: string;

const WORKSPACE_SCIM = '/api/2.0/preview/scim/v2';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface Assignment {
  principal: {
    principal_id: number;
    display_name: string;
    user_name?: string;
    service_principal_name?: string;
  };
  permissions: string[];
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-account-identities');
  accountScim = `/api/2.0/accounts/${api.env.accountId}/scim/v2`;
  assignments = `/api/2.0/accounts/${api.env.accountId}/workspaces/${workspace.workspaceId}/permissionassignments`;
});

/** Account identities outlive workspaces: each test's are deleted here (`Users/1`, ...). */
const created: string[] = [];

afterAll(async () => {
  for (const path of created) await api?.account('DELETE', `${accountScim}/${path}`);
  await workspace?.remove();
  await api?.close();
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function accountUser(extra: Body = {}): Promise<{ id: string; userName: string }> {
  const userName = `${unique('account-user')}@example.com`;
  const made = await api.account<{ id: string; userName: string }>('POST', `${accountScim}/Users`, {
    body: { userName, displayName: 'Account User', ...extra },
  });
  expect(made.status, made.text).toBe(201);
  created.push(`Users/${made.body.id}`);
  return made.body;
}

async function accountServicePrincipal(): Promise<{ id: string; applicationId: string }> {
  const made = await api.account<{ id: string; applicationId: string }>(
    'POST',
    `${accountScim}/ServicePrincipals`,
    { body: { displayName: unique('account-robot') } },
  );
  expect(made.status, made.text).toBe(201);
  created.push(`ServicePrincipals/${made.body.id}`);
  return made.body;
}

async function assignAs(id: string, permission: string) {
  const response = await api.account<Assignment>('PUT', `${assignments}/principals/${id}`, {
    body: { permissions: [permission] },
  });
  expect(response.status, response.text).toBe(200);
  return response.body;
}

async function listed(id: string): Promise<Assignment | undefined> {
  const response = await api.account<{ permission_assignments: Assignment[] }>('GET', assignments);
  expect(response.status, response.text).toBe(200);
  return response.body.permission_assignments.find((item) => String(item.principal.principal_id) === id);
}

async function workspaceUser(id: string) {
  return workspace.admin<{ id: string; displayName: string; active: boolean }>(
    'GET',
    `${WORKSPACE_SCIM}/Users/${id}`,
  );
}

/** A token of the user in the workspace (Brickyard's stand-in for the user signing in there). */
async function signIn(id: string): Promise<string> {
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    `/api/2.0/brickyard/users/${id}/tokens`,
    {
      body: { lifetime_seconds: 600 },
    },
  );
  expect(token.status, token.text).toBe(200);
  return token.body.token_value;
}

describe('account SCIM', () => {
  it('creates, reads, lists and deletes an account user, kept apart from every workspace', async () => {
    const user = await accountUser();
    const got = await api.account<Body>('GET', `${accountScim}/Users/${user.id}`);
    expect(got.status, got.text).toBe(200);
    expect(got.body).toMatchObject({ id: user.id, userName: user.userName, active: true });
    const list = await api.account<{ Resources: Body[] }>('GET', `${accountScim}/Users`, {
      query: { filter: `userName eq "${user.userName}"` },
    });
    expect(list.body.Resources.map((item) => item.id)).toEqual([user.id]);
    expectDatabricksError(await workspaceUser(user.id), 404, 'RESOURCE_DOES_NOT_EXIST');

    expect((await api.account('DELETE', `${accountScim}/Users/${user.id}`)).status).toBe(204);
    expectDatabricksError(
      await api.account('GET', `${accountScim}/Users/${user.id}`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('keeps an account group with its members, and shows the group on the member', async () => {
    const user = await accountUser();
    const sp = await accountServicePrincipal();
    const group = await api.account<{ id: string; members: { value: string }[]; meta: Body }>(
      'POST',
      `${accountScim}/Groups`,
      { body: { displayName: unique('account-group'), members: [{ value: user.id }, { value: sp.id }] } },
    );
    expect(group.status, group.text).toBe(201);
    created.push(`Groups/${group.body.id}`);
    expect(group.body.members.map((member) => member.value).sort()).toEqual([user.id, sp.id].sort());
    expect(group.body.meta).toEqual({ resourceType: 'Group' });
    const member = await api.account<{ groups: { value: string }[] }>(
      'GET',
      `${accountScim}/Users/${user.id}`,
    );
    expect(member.body.groups.map((item) => item.value)).toEqual([group.body.id]);

    expect((await api.account('DELETE', `${accountScim}/Users/${user.id}`)).status).toBe(204);
    const after = await api.account<{ members: { value: string }[] }>(
      'GET',
      `${accountScim}/Groups/${group.body.id}`,
    );
    expect(after.body.members.map((item) => item.value)).toEqual([sp.id]);
  });

  it('refuses a workspace token, and another account', async () => {
    expectDatabricksError(await workspace.admin('GET', `${accountScim}/Users`), 403, 'PERMISSION_DENIED');
    const other = '/api/2.0/accounts/00000000-0000-0000-0000-000000000000/scim/v2/Users';
    expectDatabricksError(await api.account('GET', other), 404, 'RESOURCE_DOES_NOT_EXIST');
  });
});

describe('workspace assignment', () => {
  it('lists the two permissions an assignment can give', async () => {
    const response = await api.account<{ permissions: { permission_level: string }[] }>(
      'GET',
      `${assignments}/permissions`,
    );
    expect(response.status, response.text).toBe(200);
    expect(response.body.permissions.map((item) => item.permission_level)).toEqual(['USER', 'ADMIN']);
  });

  it('brings an assigned user into the workspace as USER, then ADMIN, and out again when unassigned', async () => {
    const user = await accountUser();
    expect(await assignAs(user.id, 'USER')).toEqual({
      principal: { principal_id: Number(user.id), display_name: 'Account User', user_name: user.userName },
      permissions: ['USER'],
    });
    expect((await listed(user.id))?.permissions).toEqual(['USER']);
    const copy = await workspaceUser(user.id);
    expect(copy.status, copy.text).toBe(200);
    expect(copy.body).toMatchObject({ id: user.id, displayName: 'Account User', active: true });

    const token = await signIn(user.id);
    const asUser = api.as(token);
    const me = await asUser<{ userName: string; groups: { display: string }[] }>(
      'GET',
      `${WORKSPACE_SCIM}/Me`,
    );
    expect(me.status, me.text).toBe(200);
    expect(me.body.userName).toBe(user.userName);
    expect(me.body.groups.map((group) => group.display)).not.toContain('admins');
    expectDatabricksError(
      await asUser('POST', `${WORKSPACE_SCIM}/Groups`, { body: { displayName: unique('g') } }),
      403,
      'PERMISSION_DENIED',
    );

    expect((await assignAs(user.id, 'ADMIN')).permissions).toEqual(['ADMIN']);
    expect((await listed(user.id))?.permissions).toEqual(['ADMIN']);
    const made = await asUser<{ id: string }>('POST', `${WORKSPACE_SCIM}/Groups`, {
      body: { displayName: unique('made-by-assigned-admin') },
    });
    expect(made.status, made.text).toBe(201);

    const removed = await api.account('DELETE', `${assignments}/principals/${user.id}`);
    expect(removed.status, removed.text).toBe(200);
    expect(await listed(user.id)).toBeUndefined();
    expectDatabricksError(await workspaceUser(user.id), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectDatabricksError(await asUser('GET', `${WORKSPACE_SCIM}/Me`), 401, 'UNAUTHENTICATED');
  });

  it('carries a change of the account user to its workspace copy', async () => {
    const user = await accountUser();
    await assignAs(user.id, 'USER');
    const patched = await api.account('PATCH', `${accountScim}/Users/${user.id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [
          { op: 'replace', path: 'displayName', value: 'Renamed' },
          { op: 'replace', path: 'active', value: false },
        ],
      },
    });
    expect(patched.status, patched.text).toBe(204);
    expect((await workspaceUser(user.id)).body).toMatchObject({ displayName: 'Renamed', active: false });
  });

  it('assigns a service principal by its application id, and unassigns it when it is deleted', async () => {
    const sp = await accountServicePrincipal();
    expect((await assignAs(sp.id, 'USER')).principal.service_principal_name).toBe(sp.applicationId);
    const copy = await workspace.admin<{ applicationId: string }>(
      'GET',
      `${WORKSPACE_SCIM}/ServicePrincipals/${sp.id}`,
    );
    expect(copy.body.applicationId).toBe(sp.applicationId);

    expect((await api.account('DELETE', `${accountScim}/ServicePrincipals/${sp.id}`)).status).toBe(204);
    expect(await listed(sp.id)).toBeUndefined();
    expectDatabricksError(
      await workspace.admin('GET', `${WORKSPACE_SCIM}/ServicePrincipals/${sp.id}`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('takes over a workspace user of the same user name instead of making a second one', async () => {
    const userName = `${unique('local')}@example.com`;
    const local = await workspace.admin<{ id: string }>('POST', `${WORKSPACE_SCIM}/Users`, {
      body: { userName },
    });
    expect(local.status, local.text).toBe(201);
    const user = await accountUser({ userName });
    expect(user.id).toBe(local.body.id);
    await assignAs(user.id, 'USER');
    expect((await listed(user.id))?.principal.user_name).toBe(userName);
    const same = await workspace.admin<{ Resources: Body[] }>('GET', `${WORKSPACE_SCIM}/Users`, {
      query: { filter: `userName eq "${userName}"` },
    });
    expect(same.body.Resources).toHaveLength(1);
  });

  it('unassigns with an empty list of permissions, as Databricks does', async () => {
    const user = await accountUser();
    await assignAs(user.id, 'USER');
    const response = await api.account<Assignment>('PUT', `${assignments}/principals/${user.id}`, {
      body: { permissions: [] },
    });
    expect(response.status, response.text).toBe(200);
    expect(response.body.permissions).toEqual([]);
    expect(await listed(user.id)).toBeUndefined();
  });

  it.each([
    ['an unknown principal', () => `${assignments}/principals/123`, 404, 'RESOURCE_DOES_NOT_EXIST'],
    [
      'an unknown workspace',
      () => `/api/2.0/accounts/${api.env.accountId}/workspaces/1/permissionassignments/principals/123`,
      404,
      'RESOURCE_DOES_NOT_EXIST',
    ],
    [
      'another account',
      () =>
        `/api/2.0/accounts/00000000-0000-0000-0000-000000000000/workspaces/${workspace.workspaceId}/permissionassignments/principals/123`,
      404,
      'RESOURCE_DOES_NOT_EXIST',
    ],
    [
      'a principal id that is no number',
      () => `${assignments}/principals/abc`,
      400,
      'INVALID_PARAMETER_VALUE',
    ],
  ])('answers an assignment of %s with %i %s', async (_case, path, status, code) => {
    const response = await api.account('PUT', path(), { body: { permissions: ['USER'] } });
    expectDatabricksError(response, status, code);
  });

  it('refuses to assign a group, and to unassign a principal that is not assigned', async () => {
    const group = await api.account<{ id: string }>('POST', `${accountScim}/Groups`, {
      body: { displayName: unique('unassignable') },
    });
    created.push(`Groups/${group.body.id}`);
    expectDatabricksError(
      await api.account('PUT', `${assignments}/principals/${group.body.id}`, {
        body: { permissions: ['USER'] },
      }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
    const user = await accountUser();
    expectDatabricksError(
      await api.account('DELETE', `${assignments}/principals/${user.id}`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('is for account admins only', async () => {
    expectDatabricksError(await workspace.admin('GET', assignments), 403, 'PERMISSION_DENIED');
  });
});
