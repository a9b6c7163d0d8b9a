import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Authentication as Databricks answers it (401 for who you are, 403 for what you may do) and the
 * identity every client asks first, SCIM Me.
 */
let api: TestApp;
let workspace: TestWorkspace;
let other: TestWorkspace;

interface ScimUser {
  id: string;
  userName: string;
  displayName: string;
  active: boolean;
  emails: { value: string; primary: boolean; type: string }[];
  groups: { display: string; value: string }[];
  entitlements: { value: string }[];
  schemas: string[];
}

const ME = '/api/2.0/preview/scim/v2/Me';

beforeAll(async () => {
  api = await buildTestApp();
  [workspace, other] = await Promise.all([
    testWorkspace(api, 'api-auth'),
    testWorkspace(api, 'api-auth-other'),
  ]);
});

afterAll(async () => {
  await Promise.all([workspace?.remove(), other?.remove()]);
  await api?.close();
});

describe('SCIM Me', () => {
  it('describes a workspace admin the way the SDKs read it, and names the workspace in a header', async () => {
    const response = await workspace.admin<ScimUser>('GET', ME);
    expect(response.status).toBe(200);
    expect(response.headers['x-databricks-org-id']).toBe(String(workspace.workspaceId));
    const me = response.body;
    expect(me).toMatchObject({
      id: expect.stringMatching(/^\d+$/),
      userName: expect.any(String),
      displayName: me.userName,
      active: true,
      emails: [{ value: me.userName, primary: true, type: 'work' }],
      schemas: expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User']),
    });
    expect(me.groups.map((group) => group.display).sort()).toEqual(['admins', 'users']);
    expect(me.entitlements.map((entitlement) => entitlement.value)).toContain('workspace-access');
  });

  it('describes a user without admin rights, with a stable id of its own', async () => {
    const first = await workspace.user<ScimUser>('GET', ME);
    expect(first.status).toBe(200);
    expect(first.body.userName).toBe(workspace.userName);
    expect(first.body.groups.map((group) => group.display)).toEqual(['users']);
    const admin = await workspace.admin<ScimUser>('GET', ME);
    expect(first.body.id).not.toBe(admin.body.id);
    expect((await workspace.user<ScimUser>('GET', ME)).body.id).toBe(first.body.id);
  });

  it('serves an account admin in the workspace X-Databricks-Org-Id picks', async () => {
    const response = await api.as(api.env.accountToken, workspace.workspaceId)<ScimUser>('GET', ME);
    expect(response.status).toBe(200);
    expect(response.headers['x-databricks-org-id']).toBe(String(workspace.workspaceId));
    expect(response.body.groups.map((group) => group.display)).toContain('admins');
  });
});

describe('401 UNAUTHENTICATED: who the caller is', () => {
  it.each<[string, Record<string, string>]>([
    ['no Authorization header', {}],
    ['an empty bearer token', { authorization: 'Bearer ' }],
    ['another scheme', { authorization: 'Basic YWRtaW46YWRtaW4=' }],
    ['an unknown token', { authorization: 'Bearer dapi0123456789abcdef0123456789abcdef' }],
    ['two tokens', { authorization: 'Bearer a b' }],
  ])('for %s', async (_case, headers) => {
    expectDatabricksError(await api.call('GET', ME, { headers }), 401, 'UNAUTHENTICATED');
  });

  it('for the lower-case scheme, a token is still a token', async () => {
    const response = await api.call('GET', ME, {
      headers: { authorization: `bearer ${workspace.adminToken}` },
    });
    expect(response.status).toBe(200);
  });

  it('for an expired token', async () => {
    const created = await workspace.admin<{ token_value: string }>('POST', '/api/2.0/token/create', {
      body: { lifetime_seconds: 1, comment: 'expires' },
    });
    expect(created.status).toBe(200);
    expect((await api.as(created.body.token_value)('GET', ME)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expectDatabricksError(await api.as(created.body.token_value)('GET', ME), 401, 'UNAUTHENTICATED');
  });

  it('for a revoked token, at once', async () => {
    const created = await workspace.admin<{ token_value: string; token_info: { token_id: string } }>(
      'POST',
      '/api/2.0/token/create',
      { body: { comment: 'revoked' } },
    );
    const revoke = await workspace.admin('POST', '/api/2.0/token/delete', {
      body: { token_id: created.body.token_info.token_id },
    });
    expect(revoke.status).toBe(200);
    expectDatabricksError(await api.as(created.body.token_value)('GET', ME), 401, 'UNAUTHENTICATED');
  });
});

describe('403 PERMISSION_DENIED: what the caller may do', () => {
  it('refuses a workspace token in another workspace, named by X-Databricks-Org-Id', async () => {
    const response = await api.as(workspace.adminToken, other.workspaceId)('GET', '/api/2.1/clusters/list');
    expectDatabricksError(response, 403, 'PERMISSION_DENIED', new RegExp(`workspace ${other.workspaceId}`));
  });

  it('accepts a workspace token with its own workspace named', async () => {
    const response = await api.as(workspace.adminToken, workspace.workspaceId)(
      'GET',
      '/api/2.1/clusters/list',
    );
    expect(response.status).toBe(200);
  });

  it('refuses the account API to workspace tokens, admin or not', async () => {
    for (const caller of [workspace.admin, workspace.user]) {
      const response = await caller('GET', `/api/2.0/accounts/${api.env.accountId}/workspaces`);
      expectDatabricksError(response, 403, 'PERMISSION_DENIED');
    }
  });

  it('refuses token management to a user who is no admin', async () => {
    expectDatabricksError(
      await workspace.user('GET', '/api/2.0/token-management/tokens'),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('an account token in workspace APIs', () => {
  it('needs X-Databricks-Org-Id: 400 INVALID_PARAMETER_VALUE without it', async () => {
    expectDatabricksError(
      await api.account('GET', '/api/2.1/clusters/list'),
      400,
      'INVALID_PARAMETER_VALUE',
      /x-databricks-org-id/,
    );
  });

  it.each(['abc', '0', '-3', '1.5'])('refuses X-Databricks-Org-Id %s with 400', async (orgId) => {
    const response = await api.call('GET', '/api/2.1/clusters/list', { token: api.env.accountToken, orgId });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('answers a workspace that does not exist with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const response = await api.as(api.env.accountToken, 999_999_999_999_999)('GET', '/api/2.1/clusters/list');
    expectDatabricksError(
      response,
      404,
      'RESOURCE_DOES_NOT_EXIST',
      /Workspace 999999999999999 does not exist/,
    );
  });
});
