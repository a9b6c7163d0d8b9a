import { randomUUID } from 'node:crypto';
import { loadKubeConfig } from '@brickyard/common/kube';
import { workspaceNamespace } from '@brickyard/common/vocabulary';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/support/wait-for.js';
import {
  type ApiCaller,
  type Body,
  buildTestApp,
  expectDatabricksError,
  type InjectedResponse,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Secrets API (/api/2.0/secrets): scopes as Secrets on the platform's apiserver, and the
 * secret ACLs as Databricks enforces them, for an admin, the scope's creator and other users.
 */
let api: TestApp;
let workspace: TestWorkspace;
/** A second non-admin principal of the workspace (id: its SCIM id). */
let other: { userName: string; id: string; call: ApiCaller };

const BASE = '/api/2.0/secrets';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const scopeName = () => `scope-${randomUUID().slice(0, 8)}`;

const post = (caller: ApiCaller, path: string, body: Body) => caller('POST', `${BASE}/${path}`, { body });
const get = <T = Body>(caller: ApiCaller, path: string, query: Record<string, string>) =>
  caller<T>('GET', `${BASE}/${path}`, { query });

function expectOk(response: InjectedResponse<unknown>): void {
  expect(response.status, response.text).toBe(200);
}

async function createScope(caller: ApiCaller, body: Body = {}): Promise<string> {
  const scope = scopeName();
  expectOk(await post(caller, 'scopes/create', { scope, ...body }));
  return scope;
}

async function putSecret(caller: ApiCaller, scope: string, key: string, value: string): Promise<void> {
  expectOk(await post(caller, 'put', { scope, key, string_value: value }));
}

/** Another service principal with a token of its own, made as test-workspace makes its user. */
async function anotherPrincipal(): Promise<{ userName: string; id: string; call: ApiCaller }> {
  const created = await workspace.admin<{ applicationId: string; id: string }>(
    'POST',
    '/api/2.0/preview/scim/v2/ServicePrincipals',
    { body: { displayName: `secrets other ${randomUUID().slice(0, 8)}` } },
  );
  expect(created.status, created.text).toBe(201);
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    '/api/2.0/token-management/on-behalf-of/tokens',
    { body: { application_id: created.body.applicationId, lifetime_seconds: 3600 } },
  );
  expectOk(token);
  return { userName: created.body.applicationId, id: created.body.id, call: api.as(token.body.token_value) };
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-secrets');
  other = await anotherPrincipal();
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('secret scopes', () => {
  it('are created, listed as Databricks-backed, and deleted', async () => {
    const scope = await createScope(workspace.admin);
    const listed = await get<{ scopes: { name: string; backend_type: string }[] }>(
      workspace.admin,
      'scopes/list',
      {},
    );
    expectOk(listed);
    expect(listed.body.scopes).toContainEqual({ name: scope, backend_type: 'DATABRICKS' });

    expectOk(await post(workspace.admin, 'scopes/delete', { scope }));
    const after = await get<{ scopes: { name: string }[] }>(workspace.admin, 'scopes/list', {});
    expect(after.body.scopes.map(({ name }) => name)).not.toContain(scope);
  });

  it('are Secrets of the workspace namespace, labelled as scopes, with a data key per secret', async () => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'db-password', 'pw');
    const core = loadKubeConfig(process.env.KUBECONFIG).makeApiClient(CoreV1Api);
    const listed = await core.listNamespacedSecret({
      namespace: workspaceNamespace(workspace.workspaceId),
      labelSelector: 'brickyard.dev/role=secret-scope',
    });
    const secret = listed.items.find(
      (item) => item.metadata?.annotations?.['brickyard.dev/secret-scope-name'] === scope,
    );
    expect(secret?.type).toBe('brickyard.dev/secret-scope');
    expect(secret?.metadata?.labels?.['brickyard.dev/workspace-id']).toBe(String(workspace.workspaceId));
    expect(secret?.data).toEqual({ 'db-password': b64('pw') });
  });

  it('are unique whatever the case of their names', async () => {
    const scope = await createScope(workspace.admin);
    const again = await post(workspace.admin, 'scopes/create', { scope: scope.toUpperCase() });
    expectDatabricksError(
      again,
      409,
      'RESOURCE_ALREADY_EXISTS',
      `Scope ${scope.toUpperCase()} already exists!`,
    );
  });

  it.each<[string, Body, string]>([
    ['a name with a space', { scope: 'a b' }, 'INVALID_PARAMETER_VALUE'],
    ['a name over 128 characters', { scope: 'a'.repeat(129) }, 'INVALID_PARAMETER_VALUE'],
    [
      'an Azure Key Vault backend',
      { scope: scopeName(), scope_backend_type: 'AZURE_KEYVAULT' },
      'INVALID_PARAMETER_VALUE',
    ],
    [
      'an initial manager other than users',
      { scope: scopeName(), initial_manage_principal: 'ada' },
      'INVALID_PARAMETER_VALUE',
    ],
  ])('refuse %s', async (_name, body, code) => {
    expectDatabricksError(await post(workspace.admin, 'scopes/create', body), 400, code);
  });

  it('that do not exist are RESOURCE_DOES_NOT_EXIST to every call', async () => {
    const scope = scopeName();
    const missing = [
      await post(workspace.admin, 'scopes/delete', { scope }),
      await post(workspace.admin, 'put', { scope, key: 'k', string_value: 'v' }),
      await get(workspace.admin, 'list', { scope }),
      await get(workspace.admin, 'get', { scope, key: 'k' }),
      await get(workspace.admin, 'acls/list', { scope }),
    ];
    for (const response of missing)
      expectDatabricksError(response, 404, 'RESOURCE_DOES_NOT_EXIST', `Scope ${scope} does not exist!`);
  });
});

describe('secrets', () => {
  it('keep string and bytes values, which get answers as base64 of their bytes', async () => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'text', 'pä$$wörd');
    expectOk(await post(workspace.admin, 'put', { scope, key: 'raw', bytes_value: b64('\u0000\u00ff') }));

    const text = await get<{ key: string; value: string }>(workspace.admin, 'get', { scope, key: 'text' });
    expect(text.body).toEqual({ key: 'text', value: b64('pä$$wörd') });
    const raw = await get<{ value: string }>(workspace.admin, 'get', { scope, key: 'raw' });
    expect(raw.body.value).toBe(b64('\u0000\u00ff'));
  });

  it('are listed by key with the time they were last put, never with their values', async () => {
    const scope = await createScope(workspace.admin);
    const before = Date.now();
    await putSecret(workspace.admin, scope, 'b', 'one');
    await putSecret(workspace.admin, scope, 'a', 'two');
    type Listed = { secrets: { key: string; last_updated_timestamp: number }[] };
    const listed = await get<Listed>(workspace.admin, 'list', { scope });
    expectOk(listed);
    expect(listed.body.secrets.map(({ key }) => key)).toEqual(['a', 'b']);
    for (const secret of listed.body.secrets) {
      expect(Object.keys(secret).sort()).toEqual(['key', 'last_updated_timestamp']);
      expect(secret.last_updated_timestamp).toBeGreaterThanOrEqual(before);
    }
    expect(listed.text).not.toContain(b64('one'));
  });

  it('are overwritten by a put of the same key', async () => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'k', 'old');
    await putSecret(workspace.admin, scope, 'k', 'new');
    const got = await get<{ value: string }>(workspace.admin, 'get', { scope, key: 'k' });
    expect(got.body.value).toBe(b64('new'));
  });

  it('are deleted, and then RESOURCE_DOES_NOT_EXIST', async () => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'k', 'v');
    expectOk(await post(workspace.admin, 'delete', { scope, key: 'k' }));
    expectDatabricksError(
      await get(workspace.admin, 'get', { scope, key: 'k' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectDatabricksError(
      await post(workspace.admin, 'delete', { scope, key: 'k' }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it.each<[string, Body, number, string]>([
    ['a key with a slash', { key: 'a/b', string_value: 'v' }, 400, 'INVALID_PARAMETER_VALUE'],
    [
      'a value over 128 KB',
      { key: 'k', string_value: 'x'.repeat(128 * 1024 + 1) },
      400,
      'INVALID_PARAMETER_VALUE',
    ],
    ['neither a string nor a bytes value', { key: 'k' }, 400, 'INVALID_PARAMETER_VALUE'],
    [
      'both a string and a bytes value',
      { key: 'k', string_value: 'v', bytes_value: b64('v') },
      400,
      'MALFORMED_REQUEST',
    ],
    ['a bytes value that is not base64', { key: 'k', bytes_value: '***' }, 400, 'INVALID_PARAMETER_VALUE'],
  ])('refuse a put of %s', async (_name, body, status, code) => {
    const scope = await createScope(workspace.admin);
    expectDatabricksError(await post(workspace.admin, 'put', { scope, ...body }), status, code);
  });
});

/** What a caller tries in a scope, in this order (deleting the scope last). */
const OPERATIONS = ['list', 'get', 'put', 'delete', 'acls/list', 'acls/put', 'scopes/delete'] as const;
type Operation = (typeof OPERATIONS)[number];

async function attempt(caller: ApiCaller, scope: string, operation: Operation): Promise<number> {
  const response = await (() => {
    switch (operation) {
      case 'list':
        return get(caller, 'list', { scope });
      case 'get':
        return get(caller, 'get', { scope, key: 'existing' });
      case 'put':
        return post(caller, 'put', { scope, key: 'written', string_value: 'v' });
      case 'delete':
        return post(caller, 'delete', { scope, key: 'written' });
      case 'acls/list':
        return get(caller, 'acls/list', { scope });
      case 'acls/put':
        return post(caller, 'acls/put', { scope, principal: 'nobody', permission: 'READ' });
      case 'scopes/delete':
        return post(caller, 'scopes/delete', { scope });
    }
  })();
  if (response.status === 403) expectDatabricksError(response, 403, 'PERMISSION_DENIED');
  return response.status;
}

/** The statuses of the operations when those up to `last` are allowed (200) and the rest refused (403). */
const allowedUpTo = (last: Operation | undefined) =>
  OPERATIONS.map((_operation, index) =>
    last !== undefined && index <= OPERATIONS.indexOf(last) ? 200 : 403,
  );

describe('secret ACLs', () => {
  it.each<
    [string, { principal: 'the user' | 'users'; permission: string } | undefined, Operation | undefined]
  >([
    ['a user without an ACL may do nothing in a scope', undefined, undefined],
    [
      'READ granted to the user lets them list and get secrets',
      { principal: 'the user', permission: 'READ' },
      'get',
    ],
    [
      'WRITE granted to the users group adds putting and deleting secrets',
      { principal: 'users', permission: 'WRITE' },
      'delete',
    ],
    [
      'MANAGE granted to the user adds the ACLs and deleting the scope',
      { principal: 'the user', permission: 'MANAGE' },
      'scopes/delete',
    ],
  ])('%s', async (_name, acl, last) => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'existing', 'v');
    await putSecret(workspace.admin, scope, 'written', 'v');
    if (acl) {
      const principal = acl.principal === 'the user' ? workspace.userName : acl.principal;
      expectOk(await post(workspace.admin, 'acls/put', { scope, principal, permission: acl.permission }));
    }
    const statuses: number[] = [];
    for (const operation of OPERATIONS) statuses.push(await attempt(workspace.user, scope, operation));
    expect(statuses).toEqual(allowedUpTo(last));
  });

  it("give a scope's creator MANAGE, and others nothing until granted", async () => {
    const scope = await createScope(workspace.user);
    await putSecret(workspace.user, scope, 'existing', 'v');
    const acls = await get<{ items: Body[] }>(workspace.user, 'acls/list', { scope });
    expect(acls.body).toEqual({ items: [{ principal: workspace.userName, permission: 'MANAGE' }] });
    expect(await attempt(other.call, scope, 'get')).toBe(403);
  });

  it('apply to the members of a group they are granted to (SCIM groups)', async () => {
    const scope = await createScope(workspace.admin);
    await putSecret(workspace.admin, scope, 'existing', 'v');
    const group = `secret-readers-${randomUUID().slice(0, 8)}`;
    const created = await workspace.admin('POST', '/api/2.0/preview/scim/v2/Groups', {
      body: { displayName: group, members: [{ value: other.id }] },
    });
    expect(created.status, created.text).toBe(201);
    expect(await attempt(other.call, scope, 'get')).toBe(403);
    expectOk(await post(workspace.admin, 'acls/put', { scope, principal: group, permission: 'READ' }));
    // The caller's groups come from the API's cache of the workspace's identities.
    await waitFor(`${group} to let its member read`, async () =>
      (await attempt(other.call, scope, 'get')) === 200 ? true : undefined,
    );
    expect(await attempt(other.call, scope, 'put')).toBe(403);
  });

  it('give everyone MANAGE with initial_manage_principal users', async () => {
    const scope = await createScope(workspace.user, { initial_manage_principal: 'users' });
    const acls = await get<{ items: Body[] }>(other.call, 'acls/list', { scope });
    expect(acls.body).toEqual({ items: [{ principal: 'users', permission: 'MANAGE' }] });
  });

  it('let workspace admins do everything in a scope they have no ACL on', async () => {
    const scope = await createScope(workspace.user);
    await putSecret(workspace.user, scope, 'existing', 'v');
    const statuses: number[] = [];
    for (const operation of OPERATIONS) statuses.push(await attempt(workspace.admin, scope, operation));
    expect(statuses).toEqual(allowedUpTo('scopes/delete'));
  });

  it('list every scope to everyone, including those they may not read, as Databricks does', async () => {
    const scope = await createScope(workspace.user);
    const listed = await get<{ scopes: { name: string }[] }>(other.call, 'scopes/list', {});
    expect(listed.body.scopes.map(({ name }) => name)).toContain(scope);
  });

  it('are put (overwriting a principal’s), got, listed and deleted', async () => {
    const scope = await createScope(workspace.admin);
    expectOk(
      await post(workspace.admin, 'acls/put', { scope, principal: other.userName, permission: 'READ' }),
    );
    expectOk(
      await post(workspace.admin, 'acls/put', { scope, principal: other.userName, permission: 'WRITE' }),
    );
    const acl = await get(workspace.admin, 'acls/get', { scope, principal: other.userName });
    expect(acl.body).toEqual({ principal: other.userName, permission: 'WRITE' });
    const listed = await get<{ items: Body[] }>(workspace.admin, 'acls/list', { scope });
    expect(listed.body.items).toHaveLength(2);

    expectOk(await post(workspace.admin, 'acls/delete', { scope, principal: other.userName }));
    expectDatabricksError(
      await get(workspace.admin, 'acls/get', { scope, principal: other.userName }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectDatabricksError(
      await post(workspace.admin, 'acls/delete', { scope, principal: other.userName }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuse a permission that is not READ, WRITE or MANAGE', async () => {
    const scope = await createScope(workspace.admin);
    const refused = await post(workspace.admin, 'acls/put', {
      scope,
      principal: 'users',
      permission: 'OWNER',
    });
    expectDatabricksError(refused, 400, 'INVALID_PARAMETER_VALUE');
  });
});
