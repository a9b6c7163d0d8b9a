import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** Personal access tokens (/api/2.0/token) and token management (/api/2.0/token-management). */
let api: TestApp;
let workspace: TestWorkspace;

interface PublicTokenInfo {
  token_id: string;
  creation_time: number;
  expiry_time: number;
  comment: string;
}
interface TokenInfo extends PublicTokenInfo {
  created_by_id: number;
  created_by_username: string;
  owner_id: number;
  workspace_id: number;
}
interface CreatedToken {
  token_value: string;
  token_info: PublicTokenInfo;
}

const ME = '/api/2.0/preview/scim/v2/Me';

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-tokens');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('token/create', () => {
  it('answers the value once and the token info the SDK reads; the token works at once', async () => {
    const before = Date.now();
    const response = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', {
      body: { comment: 'ci', lifetime_seconds: 600 },
    });
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(['token_info', 'token_value']);
    expect(response.body.token_value).toMatch(/^dapi[0-9a-f]{32}$/);
    const info = response.body.token_info;
    expect(Object.keys(info).sort()).toEqual(['comment', 'creation_time', 'expiry_time', 'token_id']);
    expect(info.comment).toBe('ci');
    expect(info.creation_time).toBeGreaterThanOrEqual(before);
    expect(info.expiry_time).toBe(info.creation_time + 600_000);
    const me = await api.as(response.body.token_value)<{ userName: string }>('GET', ME);
    expect(me.body.userName).toBe(workspace.userName);
  });

  it('makes a token that never expires without a lifetime, and an empty comment', async () => {
    const response = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', { body: {} });
    expect(response.status).toBe(200);
    expect(response.body.token_info).toMatchObject({ expiry_time: -1, comment: '' });
  });

  it.each<[string, unknown]>([
    ['a lifetime that is no number', { lifetime_seconds: 'long' }],
    ['a negative lifetime', { lifetime_seconds: -1 }],
    ['a lifetime over ten years', { lifetime_seconds: 400_000_000 }],
    ['a comment over 1000 characters', { comment: 'x'.repeat(1001) }],
    ['a comment that is an object', { comment: { a: 1 } }],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body) => {
    const response = await workspace.user('POST', '/api/2.0/token/create', { body });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('token/list and token/delete', () => {
  it("lists the caller's own tokens of this workspace only", async () => {
    const mine = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', {
      body: { comment: 'mine' },
    });
    const listed = await workspace.user<{ token_infos: PublicTokenInfo[] }>('GET', '/api/2.0/token/list');
    expect(listed.status).toBe(200);
    expect(listed.body.token_infos.map((info) => info.token_id)).toContain(mine.body.token_info.token_id);
    const admins = await workspace.admin<{ token_infos: PublicTokenInfo[] }>('GET', '/api/2.0/token/list');
    expect(admins.body.token_infos.map((info) => info.token_id)).not.toContain(mine.body.token_info.token_id);
    for (const info of listed.body.token_infos) {
      expect(Object.keys(info).sort()).toEqual(['comment', 'creation_time', 'expiry_time', 'token_id']);
    }
  });

  it('revokes a token of the caller: {} and then it is refused', async () => {
    const created = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', { body: {} });
    const response = await workspace.user('POST', '/api/2.0/token/delete', {
      body: { token_id: created.body.token_info.token_id },
    });
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
    expectDatabricksError(await api.as(created.body.token_value)('GET', ME), 401, 'UNAUTHENTICATED');
  });

  it("answers an unknown token, or another user's, with 404 RESOURCE_DOES_NOT_EXIST", async () => {
    const admins = await workspace.admin<CreatedToken>('POST', '/api/2.0/token/create', { body: {} });
    for (const tokenId of ['no-such-token', admins.body.token_info.token_id]) {
      const response = await workspace.user('POST', '/api/2.0/token/delete', { body: { token_id: tokenId } });
      expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST', `Token ${tokenId} does not exist`);
    }
  });

  it.each<[string, unknown]>([
    ['no token_id', {}],
    ['an empty token_id', { token_id: '' }],
    ['a token_id that is a list', { token_id: ['a', 'b'] }],
  ])('refuses %s with 400', async (_case, body) => {
    const response = await workspace.user('POST', '/api/2.0/token/delete', { body });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('token-management', () => {
  it('lists every token of the workspace with whose it is', async () => {
    const created = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', {
      body: { comment: 'seen' },
    });
    const listed = await workspace.admin<{ token_infos: TokenInfo[] }>(
      'GET',
      '/api/2.0/token-management/tokens',
    );
    expect(listed.status).toBe(200);
    const info = listed.body.token_infos.find((token) => token.token_id === created.body.token_info.token_id);
    expect(info).toEqual({
      ...created.body.token_info,
      created_by_id: expect.any(Number),
      created_by_username: workspace.userName,
      owner_id: expect.any(Number),
      workspace_id: workspace.workspaceId,
    });
    for (const token of listed.body.token_infos) expect(token.workspace_id).toBe(workspace.workspaceId);
  });

  it('filters by creator', async () => {
    const byUser = await workspace.admin<{ token_infos: TokenInfo[] }>(
      'GET',
      '/api/2.0/token-management/tokens',
      {
        query: { created_by_username: workspace.userName },
      },
    );
    expect(byUser.body.token_infos.length).toBeGreaterThan(0);
    for (const token of byUser.body.token_infos) expect(token.created_by_username).toBe(workspace.userName);
    const byId = await workspace.admin<{ token_infos: TokenInfo[] }>(
      'GET',
      '/api/2.0/token-management/tokens',
      {
        query: { created_by_id: byUser.body.token_infos[0]?.created_by_id ?? 0 },
      },
    );
    expect(byId.body.token_infos.map((token) => token.token_id).sort()).toEqual(
      byUser.body.token_infos.map((token) => token.token_id).sort(),
    );
    const bad = await workspace.admin('GET', '/api/2.0/token-management/tokens', {
      query: { created_by_id: 'me' },
    });
    expectDatabricksError(bad, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('gets one token, and answers one of another workspace as missing', async () => {
    const created = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', { body: {} });
    const tokenId = created.body.token_info.token_id;
    const got = await workspace.admin<{ token_info: TokenInfo }>(
      'GET',
      `/api/2.0/token-management/tokens/${tokenId}`,
    );
    expect(got.status).toBe(200);
    expect(got.body.token_info).toMatchObject({ token_id: tokenId, workspace_id: workspace.workspaceId });
    const elsewhere = await api.as(api.env.workspaceToken)(
      'GET',
      `/api/2.0/token-management/tokens/${tokenId}`,
    );
    expectDatabricksError(elsewhere, 404, 'RESOURCE_DOES_NOT_EXIST', `Token ${tokenId} does not exist`);
  });

  it('revokes any token of the workspace: {} and then it is refused, and missing', async () => {
    const created = await workspace.user<CreatedToken>('POST', '/api/2.0/token/create', { body: {} });
    const path = `/api/2.0/token-management/tokens/${created.body.token_info.token_id}`;
    const response = await workspace.admin('DELETE', path);
    expect({ status: response.status, body: response.body }).toEqual({ status: 200, body: {} });
    expectDatabricksError(await api.as(created.body.token_value)('GET', ME), 401, 'UNAUTHENTICATED');
    expectDatabricksError(await workspace.admin('DELETE', path), 404, 'RESOURCE_DOES_NOT_EXIST');
    expectDatabricksError(await workspace.admin('GET', path), 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('makes a token on behalf of a service principal, who is no admin', async () => {
    const sp = await workspace.admin<{ applicationId: string }>(
      'POST',
      '/api/2.0/preview/scim/v2/ServicePrincipals',
      {
        body: { displayName: 'etl-robot' },
      },
    );
    const response = await workspace.admin<CreatedToken>(
      'POST',
      '/api/2.0/token-management/on-behalf-of/tokens',
      {
        body: { application_id: sp.body.applicationId, lifetime_seconds: 60, comment: 'robot' },
      },
    );
    expect(response.status).toBe(200);
    expect(response.body.token_info).toMatchObject({ comment: 'robot' });
    const robot = api.as(response.body.token_value);
    const me = await robot<{ userName: string; groups: { display: string }[] }>('GET', ME);
    expect(me.body.userName).toBe(sp.body.applicationId);
    expect(me.body.groups.map((group) => group.display)).toEqual(['users']);
    expectDatabricksError(await robot('GET', '/api/2.0/token-management/tokens'), 403, 'PERMISSION_DENIED');
  });

  it.each<[string, unknown]>([
    ['no application_id', { lifetime_seconds: 60 }],
    ['an empty application_id', { application_id: '' }],
    ['a lifetime that is no number', { application_id: 'x', lifetime_seconds: 'x' }],
  ])('refuses on-behalf-of with %s with 400', async (_case, body) => {
    const response = await workspace.admin('POST', '/api/2.0/token-management/on-behalf-of/tokens', { body });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('refuses on-behalf-of for an application id that is no service principal of the workspace', async () => {
    const response = await workspace.admin('POST', '/api/2.0/token-management/on-behalf-of/tokens', {
      body: { application_id: 'someone@example.com' },
    });
    expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it.each<[string, string]>([
    ['GET', '/api/2.0/token-management/tokens'],
    ['GET', '/api/2.0/token-management/tokens/x'],
    ['DELETE', '/api/2.0/token-management/tokens/x'],
    ['POST', '/api/2.0/token-management/on-behalf-of/tokens'],
  ])('refuses %s %s to a user who is no admin with 403', async (method, path) => {
    const response = await workspace.user(
      method,
      path,
      method === 'POST' ? { body: { application_id: 'x' } } : {},
    );
    expectDatabricksError(response, 403, 'PERMISSION_DENIED', /Only workspace admins/);
  });
});
