import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** The account-level workspaces API (/api/2.0/accounts/{account_id}/workspaces), for AccountClient. */
let api: TestApp;
let workspace: TestWorkspace;
let base: string;

interface Workspace {
  workspace_id: number;
  workspace_name: string;
  account_id: string;
  deployment_name: string;
  aws_region: string;
  pricing_tier: string;
  cloud: string;
  workspace_status: string;
  workspace_status_message: string;
  creation_time: number;
}

const FIELDS = [
  'account_id',
  'aws_region',
  'cloud',
  'creation_time',
  'deployment_name',
  'pricing_tier',
  'workspace_id',
  'workspace_name',
  'workspace_status',
  'workspace_status_message',
];

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-accounts');
  base = `/api/2.0/accounts/${api.env.accountId}/workspaces`;
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('get and list', () => {
  it('answers a workspace with the fields the SDK reads', async () => {
    const response = await api.account<Workspace>('GET', `${base}/${workspace.workspaceId}`);
    expect(response.status).toBe(200);
    expect(Object.keys(response.body).sort()).toEqual(FIELDS);
    expect(response.body).toMatchObject({
      workspace_id: workspace.workspaceId,
      workspace_name: expect.stringMatching(/^api-accounts-/),
      account_id: api.env.accountId,
      deployment_name: `ws-${workspace.workspaceId}`,
      aws_region: 'us-east-1',
      pricing_tier: 'PREMIUM',
      cloud: 'aws',
      workspace_status: 'RUNNING',
    });
    expect(response.body.creation_time).toBeGreaterThan(0);
  });

  it('lists every workspace as a bare array, the default one and this one among them', async () => {
    const response = await api.account<Workspace[]>('GET', base);
    expect(response.status).toBe(200);
    expect(Array.isArray(response.body)).toBe(true);
    const ids = response.body.map((item) => item.workspace_id);
    expect(ids).toEqual(expect.arrayContaining([api.env.defaultWorkspaceId, workspace.workspaceId]));
    const times = response.body.map((item) => item.creation_time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('answers another account with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const other = '00000000-0000-0000-0000-000000000000';
    for (const path of [
      `/api/2.0/accounts/${other}/workspaces`,
      `/api/2.0/accounts/${other}/workspaces/${workspace.workspaceId}`,
    ]) {
      expectDatabricksError(
        await api.account('GET', path),
        404,
        'RESOURCE_DOES_NOT_EXIST',
        `Account ${other} does not exist`,
      );
    }
  });

  it('answers a missing workspace with 404 RESOURCE_DOES_NOT_EXIST', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await api.account(method, `${base}/424242424242424`);
      expectDatabricksError(
        response,
        404,
        'RESOURCE_DOES_NOT_EXIST',
        'Workspace 424242424242424 does not exist',
      );
    }
  });

  it.each(['abc', '0', '-1'])('refuses workspace id %s with 400', async (id) => {
    expectDatabricksError(
      await api.account('GET', `${base}/${id}`),
      400,
      'INVALID_PARAMETER_VALUE',
      /workspace_id/,
    );
  });

  it('needs an account admin: 401 without a token, 403 with a workspace token', async () => {
    expectDatabricksError(await api.call('GET', base), 401, 'UNAUTHENTICATED');
    expectDatabricksError(await workspace.admin('GET', base), 403, 'PERMISSION_DENIED', /account admins/);
    expectDatabricksError(
      await workspace.admin('POST', base, { body: { workspace_name: 'x' } }),
      403,
      'PERMISSION_DENIED',
    );
  });
});

describe('create', () => {
  it.each<[string, unknown, RegExp?]>([
    ['no workspace_name', { aws_region: 'us-east-1' }, /workspace_name/],
    ['an empty workspace_name', { workspace_name: '' }, /workspace_name/],
    ['a workspace_name over 100 characters', { workspace_name: 'x'.repeat(101) }, /workspace_name/],
    [
      'a deployment_name that is no DNS label',
      { workspace_name: 'x', deployment_name: 'Not_A_Label' },
      /deployment_name/,
    ],
    ['a workspace_name that is a number list', { workspace_name: [1, 2] }, /workspace_name/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE', async (_case, body, message) => {
    expectDatabricksError(await api.account('POST', base, { body }), 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('answers the new workspace PROVISIONING, and a delete CANCELLING', async () => {
    const created = await api.account<Workspace>('POST', base, {
      body: {
        workspace_name: 'short-lived',
        deployment_name: `short-${Date.now()}`,
        pricing_tier: 'ENTERPRISE',
      },
    });
    expect(created.status, created.text).toBe(200);
    expect(Object.keys(created.body).sort()).toEqual(FIELDS);
    expect(created.body).toMatchObject({
      workspace_name: 'short-lived',
      pricing_tier: 'ENTERPRISE',
      account_id: api.env.accountId,
    });
    expect(['PROVISIONING', 'RUNNING']).toContain(created.body.workspace_status);
    const removed = await api.account<Workspace>('DELETE', `${base}/${created.body.workspace_id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toMatchObject({
      workspace_id: created.body.workspace_id,
      workspace_status: 'CANCELLING',
    });
  });
});
