import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/** SCIM 2.0 (/api/2.0/preview/scim/v2): users, service principals and groups that decide admin rights. */
let api: TestApp;
let workspace: TestWorkspace;
let other: TestWorkspace;

const SCIM = '/api/2.0/preview/scim/v2';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

interface ListResponse {
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: Body[];
}

beforeAll(async () => {
  api = await buildTestApp();
  [workspace, other] = await Promise.all([
    testWorkspace(api, 'api-scim'),
    testWorkspace(api, 'api-scim-other'),
  ]);
});

afterAll(async () => {
  await Promise.all([workspace?.remove(), other?.remove()]);
  await api?.close();
});

async function createUser(userName: string, extra: Body = {}): Promise<string> {
  const created = await workspace.admin<{ id: string }>('POST', `${SCIM}/Users`, {
    body: { userName, ...extra },
  });
  expect(created.status, created.text).toBe(201);
  return created.body.id;
}

/** A service principal with a token of its own: the way a non-admin caller is made in a test. */
async function robot(
  displayName: string,
): Promise<{ id: string; applicationId: string; call: ReturnType<TestApp['as']> }> {
  const sp = await workspace.admin<{ id: string; applicationId: string }>(
    'POST',
    `${SCIM}/ServicePrincipals`,
    {
      body: { displayName },
    },
  );
  expect(sp.status, sp.text).toBe(201);
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    '/api/2.0/token-management/on-behalf-of/tokens',
    {
      body: { application_id: sp.body.applicationId, lifetime_seconds: 600 },
    },
  );
  expect(token.status, token.text).toBe(200);
  return { ...sp.body, call: api.as(token.body.token_value) };
}

async function groupNamed(name: string): Promise<Body> {
  const list = await workspace.admin<ListResponse>('GET', `${SCIM}/Groups`, {
    query: { filter: `displayName eq "${name}"` },
  });
  expect(list.body.Resources).toHaveLength(1);
  return list.body.Resources[0] as Body;
}

describe('Users', () => {
  it('creates a user, reads it back by id and by filter, and lists it with the built-in users group', async () => {
    const id = await createUser('ada@example.com', { displayName: 'Ada', name: { givenName: 'Ada' } });
    const got = await workspace.admin('GET', `${SCIM}/Users/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      id,
      userName: 'ada@example.com',
      displayName: 'Ada',
      active: true,
      emails: [{ value: 'ada@example.com', primary: true }],
      name: { givenName: 'Ada' },
      schemas: expect.arrayContaining(['urn:ietf:params:scim:schemas:core:2.0:User']),
    });
    expect((got.body.groups as Body[]).map((group) => group.display)).toEqual(['users']);
    const filtered = await workspace.user<ListResponse>('GET', `${SCIM}/Users`, {
      query: { filter: 'userName eq "ada@example.com"', attributes: 'id,userName' },
    });
    expect(filtered.body).toMatchObject({ totalResults: 1, startIndex: 1, itemsPerPage: 1 });
    expect(filtered.body.Resources[0]).toEqual({
      id,
      userName: 'ada@example.com',
      schemas: expect.any(Array),
    });
  });

  it('pages by startIndex and count, and a start past the end answers an empty page', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await createUser(`${name}@example.com`);
    const filter = 'userName sw "page-"';
    const first = await workspace.admin<ListResponse>('GET', `${SCIM}/Users`, {
      query: { filter, startIndex: 1, count: 2, sortBy: 'userName' },
    });
    expect(first.body.Resources.map((user) => user.userName)).toEqual([
      'page-a@example.com',
      'page-b@example.com',
    ]);
    expect(first.body.totalResults).toBe(3);
    const second = await workspace.admin<ListResponse>('GET', `${SCIM}/Users`, {
      query: { filter, startIndex: 3, count: 2, sortBy: 'userName' },
    });
    expect(second.body.Resources.map((user) => user.userName)).toEqual(['page-c@example.com']);
    const past = await workspace.admin<ListResponse>('GET', `${SCIM}/Users`, {
      query: { filter, startIndex: 4 },
    });
    expect(past.body).toMatchObject({ Resources: [], itemsPerPage: 0, totalResults: 3 });
  });

  it('refuses a second user with the same user name, in any case, with 409', async () => {
    await createUser('twice@example.com');
    const again = await workspace.admin('POST', `${SCIM}/Users`, { body: { userName: 'TWICE@example.com' } });
    expectDatabricksError(again, 409, 'RESOURCE_ALREADY_EXISTS');
  });

  it('replaces a user with PUT and patches it; its user name cannot change', async () => {
    const id = await createUser('grace@example.com');
    const put = await workspace.admin('PUT', `${SCIM}/Users/${id}`, {
      body: {
        userName: 'grace@example.com',
        displayName: 'Grace H',
        entitlements: [{ value: 'allow-cluster-create' }],
      },
    });
    expect(put.status, put.text).toBe(200);
    expect(put.body).toMatchObject({
      displayName: 'Grace H',
      entitlements: [{ value: 'allow-cluster-create' }],
    });
    const patch = await workspace.admin('PATCH', `${SCIM}/Users/${id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'replace', path: 'displayName', value: 'Grace Hopper' }],
      },
    });
    expect(patch.status, patch.text).toBe(204);
    const got = await workspace.admin('GET', `${SCIM}/Users/${id}`);
    expect(got.body.displayName).toBe('Grace Hopper');
    const renamed = await workspace.admin('PUT', `${SCIM}/Users/${id}`, {
      body: { userName: 'someone-else@example.com' },
    });
    expectDatabricksError(renamed, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('deletes a user, who is then gone from its groups too', async () => {
    const id = await createUser('leaving@example.com');
    const group = await workspace.admin<{ id: string }>('POST', `${SCIM}/Groups`, {
      body: { displayName: 'leavers', members: [{ value: id }] },
    });
    expect((await workspace.admin('DELETE', `${SCIM}/Users/${id}`)).status).toBe(204);
    expectDatabricksError(
      await workspace.admin('GET', `${SCIM}/Users/${id}`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    const after = await workspace.admin('GET', `${SCIM}/Groups/${group.body.id}`);
    expect(after.body.members).toEqual([]);
  });

  it.each<[string, string, string, Body | undefined]>([
    ['create a user', 'POST', '/Users', { userName: 'x@example.com' }],
    ['create a group', 'POST', '/Groups', { displayName: 'x' }],
    ['create a service principal', 'POST', '/ServicePrincipals', { displayName: 'x' }],
  ])('refuses a non-admin who tries to %s with 403', async (_case, method, path, body) => {
    expectDatabricksError(await workspace.user(method, `${SCIM}${path}`, { body }), 403, 'PERMISSION_DENIED');
  });

  it.each<[string, Body]>([
    ['no userName', {}],
    ['an unknown entitlement', { userName: 'e@example.com', entitlements: [{ value: 'be-root' }] }],
    ['active that is no boolean', { userName: 'f@example.com', active: 3 }],
  ])('refuses a user with %s with 400', async (_case, body) => {
    expectDatabricksError(
      await workspace.admin('POST', `${SCIM}/Users`, { body }),
      400,
      'INVALID_PARAMETER_VALUE',
    );
  });

  it('refuses a replace without a value with 400', async () => {
    const id = await createUser('valueless@example.com');
    const response = await workspace.admin('PATCH', `${SCIM}/Users/${id}`, {
      body: { Operations: [{ op: 'replace', path: 'active' }] },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });

  it('answers 400 to a filter it cannot parse, and 404 to an unknown id', async () => {
    const bad = await workspace.admin('GET', `${SCIM}/Users`, { query: { filter: 'userName eq' } });
    expectDatabricksError(bad, 400, 'INVALID_PARAMETER_VALUE');
    expectDatabricksError(
      await workspace.admin('GET', `${SCIM}/Users/12345`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it("keeps each workspace's identities to itself", async () => {
    const id = await createUser('private@example.com');
    expectDatabricksError(await other.admin('GET', `${SCIM}/Users/${id}`), 404, 'RESOURCE_DOES_NOT_EXIST');
    const list = await other.admin<ListResponse>('GET', `${SCIM}/Users`, {
      query: { filter: 'userName eq "private@example.com"' },
    });
    expect(list.body.totalResults).toBe(0);
  });
});

describe('Groups and admin rights', () => {
  it('has the built-in admins group holding the workspace creator, and users holding everyone', async () => {
    const admins = await groupNamed('admins');
    const users = await groupNamed('users');
    const me = await workspace.admin<{ id: string }>('GET', `${SCIM}/Me`);
    expect((admins.members as Body[]).map((member) => member.value)).toContain(me.body.id);
    const everyone = (users.members as Body[]).map((member) => member.value);
    expect(everyone).toContain(me.body.id);
  });

  it('makes a principal an admin by adding it to admins, and takes that away at once when removed', async () => {
    const bot = await robot('promoted');
    const admins = await groupNamed('admins');
    expectDatabricksError(
      await bot.call('GET', '/api/2.0/token-management/tokens'),
      403,
      'PERMISSION_DENIED',
    );
    const add = await workspace.admin('PATCH', `${SCIM}/Groups/${admins.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'add', value: { members: [{ value: bot.id }] } }] },
    });
    expect(add.status, add.text).toBe(204);
    expect((await bot.call('GET', '/api/2.0/token-management/tokens')).status).toBe(200);
    const remove = await workspace.admin('PATCH', `${SCIM}/Groups/${admins.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${bot.id}"]` }] },
    });
    expect(remove.status, remove.text).toBe(204);
    expectDatabricksError(
      await bot.call('GET', '/api/2.0/token-management/tokens'),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('gives admin rights through a group nested in admins', async () => {
    const bot = await robot('nested');
    const team = await workspace.admin<{ id: string }>('POST', `${SCIM}/Groups`, {
      body: { displayName: 'platform-team', members: [{ value: bot.id }] },
    });
    const admins = await groupNamed('admins');
    await workspace.admin('PATCH', `${SCIM}/Groups/${admins.id}`, {
      body: {
        schemas: [PATCH_OP],
        Operations: [{ op: 'add', path: 'members', value: [{ value: team.body.id }] }],
      },
    });
    const me = await bot.call<{ groups: Body[] }>('GET', `${SCIM}/Me`);
    expect(me.body.groups.map((group) => group.display)).toContain('platform-team');
    expect((await bot.call('GET', '/api/2.0/token-management/tokens')).status).toBe(200);
    await workspace.admin('DELETE', `${SCIM}/Groups/${team.body.id}`);
    expectDatabricksError(
      await bot.call('GET', '/api/2.0/token-management/tokens'),
      403,
      'PERMISSION_DENIED',
    );
  });

  it.each<[string, string, (admins: Body, users: Body) => [string, string, Body | undefined]]>([
    ['delete admins', 'INVALID_PARAMETER_VALUE', (admins) => ['DELETE', `/Groups/${admins.id}`, undefined]],
    [
      'rename users',
      'INVALID_PARAMETER_VALUE',
      (_admins, users) => ['PUT', `/Groups/${users.id}`, { displayName: 'everyone' }],
    ],
    [
      'add members to users',
      'INVALID_PARAMETER_VALUE',
      (admins, users) => [
        'PATCH',
        `/Groups/${users.id}`,
        { Operations: [{ op: 'add', path: 'members', value: [{ value: admins.id }] }] },
      ],
    ],
    [
      'make a second admins group',
      'INVALID_PARAMETER_VALUE',
      () => ['POST', '/Groups', { displayName: 'admins' }],
    ],
  ])('refuses to %s', async (_case, code, request) => {
    const [method, path, body] = request(await groupNamed('admins'), await groupNamed('users'));
    const response = await workspace.admin(method, `${SCIM}${path}`, { body });
    expectDatabricksError(response, 400, code);
  });

  it('refuses a member that does not exist', async () => {
    const response = await workspace.admin('POST', `${SCIM}/Groups`, {
      body: { displayName: 'ghosts', members: [{ value: '999' }] },
    });
    expectDatabricksError(response, 400, 'INVALID_PARAMETER_VALUE');
  });
});

describe('ServicePrincipals', () => {
  it('creates one with a generated application id, whose token acts as it', async () => {
    const bot = await robot('etl');
    expect(bot.applicationId).toMatch(/^[0-9a-f-]{36}$/);
    const me = await bot.call<{ userName: string }>('GET', `${SCIM}/Me`);
    expect(me.body.userName).toBe(bot.applicationId);
  });

  it('refuses the tokens of a deactivated principal, and revokes them when it is deleted', async () => {
    const bot = await robot('short-lived');
    const off = await workspace.admin('PATCH', `${SCIM}/ServicePrincipals/${bot.id}`, {
      body: { Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    expect(off.status, off.text).toBe(204);
    expectDatabricksError(await bot.call('GET', `${SCIM}/Me`), 403, 'PERMISSION_DENIED');
    await workspace.admin('PATCH', `${SCIM}/ServicePrincipals/${bot.id}`, {
      body: { Operations: [{ op: 'replace', path: 'active', value: true }] },
    });
    expect((await bot.call('GET', `${SCIM}/Me`)).status).toBe(200);
    expect((await workspace.admin('DELETE', `${SCIM}/ServicePrincipals/${bot.id}`)).status).toBe(204);
    expectDatabricksError(await bot.call('GET', `${SCIM}/Me`), 401, 'UNAUTHENTICATED');
  });
});
