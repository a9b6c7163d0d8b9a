import { createHash, randomUUID } from 'node:crypto';
import { loadKubeConfig } from '@brickyard/common/kube';
import { SYSTEM_NAMESPACE } from '@brickyard/common/vocabulary';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeExpiredAccessTokens } from '../../services/api/src/oauth/client-credentials-grant.js';
import { waitFor } from '../integration/support/wait-for.js';
import {
  type Body,
  buildTestApp,
  expectDatabricksError,
  type InjectedResponse,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * OAuth machine-to-machine: service principals' secrets (workspace and account level) and the
 * token endpoint at /oidc that trades them for access tokens acting as the principal.
 */
let api: TestApp;
let workspace: TestWorkspace;
let other: TestWorkspace;

const SCIM = '/api/2.0/preview/scim/v2';
const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const secretsPath = (spId: string) => `/api/2.0/accounts/servicePrincipals/${spId}/credentials/secrets`;

interface Sp {
  id: string;
  applicationId: string;
}
interface CreatedSecret {
  id: string;
  secret: string;
  secret_hash: string;
  status: string;
  create_time: string;
  expire_time: string;
}

beforeAll(async () => {
  api = await buildTestApp();
  [workspace, other] = await Promise.all([
    testWorkspace(api, 'api-oauth'),
    testWorkspace(api, 'api-oauth-other'),
  ]);
});

afterAll(async () => {
  await Promise.all([workspace?.remove(), other?.remove()]);
  await api?.close();
});

async function servicePrincipal(where: TestWorkspace = workspace, applicationId?: string): Promise<Sp> {
  const created = await where.admin<Sp>('POST', `${SCIM}/ServicePrincipals`, {
    body: { displayName: `oauth ${randomUUID().slice(0, 8)}`, ...(applicationId ? { applicationId } : {}) },
  });
  expect(created.status, created.text).toBe(201);
  return created.body;
}

async function secretOf(sp: Sp, where: TestWorkspace = workspace, body: Body = {}): Promise<CreatedSecret> {
  const created = await where.admin<CreatedSecret>('POST', secretsPath(sp.id), { body });
  expect(created.status, created.text).toBe(200);
  return created.body;
}

/** The Kubernetes Secrets that hold a service principal's OAuth secrets. */
async function storedSecrets(sp: Sp) {
  const core = loadKubeConfig(process.env.KUBECONFIG).makeApiClient(CoreV1Api);
  const stored = await core.listNamespacedSecret({
    namespace: SYSTEM_NAMESPACE,
    labelSelector: `brickyard.dev/service-principal-id=${sp.id}`,
  });
  return stored.items;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** A token request as the SDKs send it: a form, the client's credentials by Basic authentication. */
function requestToken(
  credentials: { basic?: readonly [string, string]; form?: readonly [string, string] },
  fields: Record<string, string> = { grant_type: 'client_credentials', scope: 'all-apis' },
): Promise<InjectedResponse> {
  const form = new URLSearchParams(fields);
  if (credentials.form) {
    form.set('client_id', credentials.form[0]);
    form.set('client_secret', credentials.form[1]);
  }
  return api.call('POST', '/oidc/v1/token', {
    rawBody: form.toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers: credentials.basic ? { authorization: basic(...credentials.basic) } : {},
  });
}

async function accessToken(sp: Sp, secret: string): Promise<string> {
  const response = await requestToken({ basic: [sp.applicationId, secret] });
  expect(response.status, response.text).toBe(200);
  return String(response.body.access_token);
}

function expectOAuthError(
  response: InjectedResponse,
  status: number,
  error: string,
  description?: RegExp,
): void {
  expect({ status: response.status, error: response.body.error }, response.text).toEqual({ status, error });
  expect(Object.keys(response.body).sort()).toEqual(['error', 'error_description']);
  if (description) expect(String(response.body.error_description)).toMatch(description);
  if (status === 401) expect(response.headers['www-authenticate']).toMatch(/^Basic/);
}

describe('service principal secrets', () => {
  it('creates a secret shown once, lists it without its value, and deletes it', async () => {
    const sp = await servicePrincipal();
    const before = Date.now();
    const created = await secretOf(sp, workspace, { lifetime: '3600s' });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      secret: expect.stringMatching(/^dose[0-9a-f]{64}$/),
      secret_hash: createHash('sha256').update(created.secret).digest('hex'),
      status: 'ACTIVE',
      create_time: expect.any(String),
      update_time: created.create_time,
      expire_time: expect.any(String),
    });
    const lifetime = Date.parse(created.expire_time) - Date.parse(created.create_time);
    expect(lifetime).toBe(3_600_000);
    expect(Date.parse(created.create_time)).toBeGreaterThanOrEqual(before - 1000);

    const listed = await workspace.admin<{ secrets: Body[] }>('GET', secretsPath(sp.id));
    expect(listed.status).toBe(200);
    const { secret: _value, ...info } = created;
    expect(listed.body.secrets).toEqual([info]);

    expect((await workspace.admin('DELETE', `${secretsPath(sp.id)}/${created.id}`)).status).toBe(200);
    expect((await workspace.admin<{ secrets: Body[] }>('GET', secretsPath(sp.id))).body.secrets).toEqual([]);
    const again = await workspace.admin('DELETE', `${secretsPath(sp.id)}/${created.id}`);
    expectDatabricksError(again, 404, 'RESOURCE_DOES_NOT_EXIST');
  });

  it('stores only a hash, in a Secret owned by the service principal', async () => {
    const sp = await servicePrincipal();
    const created = await secretOf(sp);
    const stored = await storedSecrets(sp);
    expect(stored).toHaveLength(1);
    const [secret] = stored;
    const contents =
      JSON.stringify(secret) +
      Object.values(secret?.data ?? {})
        .map((v) => atob(v))
        .join();
    expect(contents).not.toContain(created.secret);
    expect(contents).not.toContain(created.secret.slice(4));
    expect(contents).toContain(created.secret_hash);
    expect(secret?.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'ServicePrincipal', name: `ws${workspace.workspaceId}-${sp.id}` }),
    ]);
  });

  it('is for workspace admins, and for service principals of their own workspace', async () => {
    const sp = await servicePrincipal();
    expectDatabricksError(
      await workspace.user('POST', secretsPath(sp.id), { body: {} }),
      403,
      'PERMISSION_DENIED',
    );
    expectDatabricksError(await workspace.user('GET', secretsPath(sp.id)), 403, 'PERMISSION_DENIED');
    expectDatabricksError(
      await other.admin('POST', secretsPath(sp.id), { body: {} }),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
    expectDatabricksError(
      await workspace.admin('DELETE', `${secretsPath(sp.id)}/not-an-id`),
      404,
      'RESOURCE_DOES_NOT_EXIST',
    );
  });

  it('refuses a bad lifetime, a scope it cannot bind, and a sixth live secret', async () => {
    const sp = await servicePrincipal();
    const badLifetime = await workspace.admin('POST', secretsPath(sp.id), { body: { lifetime: '1h' } });
    expectDatabricksError(badLifetime, 400, 'INVALID_PARAMETER_VALUE', /lifetime/);
    const badScope = await workspace.admin('POST', secretsPath(sp.id), { body: { scopes: ['sql'] } });
    expectDatabricksError(badScope, 400, 'INVALID_PARAMETER_VALUE', /all-apis/);
    for (let i = 0; i < 5; i++) await secretOf(sp);
    expectDatabricksError(
      await workspace.admin('POST', secretsPath(sp.id), { body: {} }),
      400,
      'QUOTA_EXCEEDED',
    );
  });

  it('answers account admins at the account level, by the service principal id', async () => {
    const sp = await servicePrincipal();
    const path = `/api/2.0/accounts/${api.env.accountId}/servicePrincipals/${sp.id}/credentials/secrets`;
    const created = await api.account<CreatedSecret>('POST', path, { body: { lifetime: '600' } });
    expect(created.status, created.text).toBe(200);
    const listed = await workspace.admin<{ secrets: Body[] }>('GET', secretsPath(sp.id));
    expect(listed.body.secrets.map((secret) => secret.id)).toEqual([created.body.id]);
    expect((await api.account('DELETE', `${path}/${created.body.id}`)).status).toBe(200);
    const wrongAccount = await api.account('GET', path.replace(api.env.accountId, 'no-such-account'));
    expectDatabricksError(wrongAccount, 404, 'RESOURCE_DOES_NOT_EXIST');
    expectDatabricksError(await workspace.admin('GET', path), 403, 'PERMISSION_DENIED');
  });
});

describe('the OIDC token endpoint', () => {
  it('is discovered from the host metadata, as the SDKs find it', async () => {
    const host = await api.call<{ oidc_endpoint: string }>('GET', '/.well-known/databricks-config');
    const root = host.body.oidc_endpoint;
    const metadata = await api.call('GET', '/oidc/.well-known/oauth-authorization-server');
    expect(metadata.status).toBe(200);
    expect(metadata.body).toMatchObject({
      issuer: root,
      token_endpoint: `${root}/v1/token`,
      authorization_endpoint: `${root}/v1/authorize`,
      grant_types_supported: ['client_credentials'],
    });
  });

  it('trades a client id and secret, by Basic authentication or in the form, for an hour-long token', async () => {
    const sp = await servicePrincipal();
    const { secret } = await secretOf(sp);
    for (const credentials of [
      { basic: [sp.applicationId, secret] },
      { form: [sp.applicationId, secret] },
    ] as const) {
      const response = await requestToken(credentials);
      expect(response.status, response.text).toBe(200);
      expect(response.body).toEqual({
        access_token: expect.stringMatching(/^dapi/),
        token_type: 'Bearer',
        expires_in: 3600,
        scope: 'all-apis',
      });
      expect(response.headers['cache-control']).toBe('no-store');
    }
  });

  it('gives a token that acts as the service principal, not as an admin', async () => {
    const sp = await servicePrincipal();
    const caller = api.as(await accessToken(sp, (await secretOf(sp)).secret));
    const me = await caller('GET', `${SCIM}/Me`);
    expect(me.status, me.text).toBe(200);
    expect(me.body.userName).toBe(sp.applicationId);
    expect(me.headers['x-databricks-org-id']).toBe(String(workspace.workspaceId));
    expectDatabricksError(await caller('GET', '/api/2.0/token-management/tokens'), 403, 'PERMISSION_DENIED');
  });

  it('refuses a wrong secret, a wrong client id and no credentials with 401 invalid_client', async () => {
    const sp = await servicePrincipal();
    const { secret } = await secretOf(sp);
    expectOAuthError(await requestToken({ basic: [sp.applicationId, `${secret}0`] }), 401, 'invalid_client');
    expectOAuthError(await requestToken({ basic: [randomUUID(), secret] }), 401, 'invalid_client');
    expectOAuthError(await requestToken({}), 401, 'invalid_client');
  });

  it('refuses an expired and a deleted secret', async () => {
    const sp = await servicePrincipal();
    const shortLived = await secretOf(sp, workspace, { lifetime: '1' });
    await new Promise((done) => setTimeout(done, 1100));
    expectOAuthError(
      await requestToken({ basic: [sp.applicationId, shortLived.secret] }),
      401,
      'invalid_client',
      /expired/,
    );
    const deleted = await secretOf(sp);
    await accessToken(sp, deleted.secret);
    expect((await workspace.admin('DELETE', `${secretsPath(sp.id)}/${deleted.id}`)).status).toBe(200);
    expectOAuthError(
      await requestToken({ basic: [sp.applicationId, deleted.secret] }),
      401,
      'invalid_client',
    );
  });

  it('stops the tokens of a deactivated service principal at once, and gives it no more', async () => {
    const sp = await servicePrincipal();
    const { secret } = await secretOf(sp);
    const caller = api.as(await accessToken(sp, secret));
    const deactivated = await workspace.admin('PATCH', `${SCIM}/ServicePrincipals/${sp.id}`, {
      body: { schemas: [PATCH_OP], Operations: [{ op: 'replace', path: 'active', value: false }] },
    });
    expect(deactivated.status, deactivated.text).toBe(204);
    expectDatabricksError(await caller('GET', `${SCIM}/Me`), 403, 'PERMISSION_DENIED');
    expectOAuthError(
      await requestToken({ basic: [sp.applicationId, secret] }),
      401,
      'invalid_client',
      /deactivated/,
    );
  });

  it('stops the tokens and secrets of a deleted service principal', async () => {
    const sp = await servicePrincipal();
    const { secret } = await secretOf(sp);
    const caller = api.as(await accessToken(sp, secret));
    expect((await workspace.admin('DELETE', `${SCIM}/ServicePrincipals/${sp.id}`)).status).toBe(204);
    expectDatabricksError(await caller('GET', `${SCIM}/Me`), 401, 'UNAUTHENTICATED');
    expectOAuthError(await requestToken({ basic: [sp.applicationId, secret] }), 401, 'invalid_client');
    // Its secrets go with it: Kubernetes' garbage collector deletes what the principal owns.
    await waitFor(`the secrets of ${sp.id} to be deleted`, async () =>
      (await storedSecrets(sp)).length === 0 ? true : undefined,
    );
  });

  it('acts in the workspace whose secret it is, when two workspaces share an application id', async () => {
    const applicationId = randomUUID();
    const here = await servicePrincipal(workspace, applicationId);
    const there = await servicePrincipal(other, applicationId);
    const token = await accessToken(there, (await secretOf(there, other)).secret);
    const me = await api.as(token)('GET', `${SCIM}/Me`);
    expect(me.headers['x-databricks-org-id']).toBe(String(other.workspaceId));
    expect(me.body.id).toBe(there.id);
    expect(me.body.id).not.toBe(here.id);
  });

  it('revokes a client’s expired access tokens when it is granted a new one', async () => {
    const sp = await servicePrincipal();
    const caller = api.as(await accessToken(sp, (await secretOf(sp)).secret));
    expect((await caller('GET', `${SCIM}/Me`)).status).toBe(200);
    // Two hours on, the token above has expired: the sweep a grant runs deletes it.
    await revokeExpiredAccessTokens(api.services.tokens, sp.applicationId, Date.now() + 7_200_000);
    expectDatabricksError(await caller('GET', `${SCIM}/Me`), 401, 'UNAUTHENTICATED');
  });

  it.each([
    ['a JSON body', 'application/json', '{"grant_type":"client_credentials"}', 400, 'invalid_request'],
    [
      'another grant type',
      'application/x-www-form-urlencoded',
      'grant_type=password',
      400,
      'unsupported_grant_type',
    ],
    ['a body of an unread type', 'text/plain', 'grant_type=client_credentials', 400, 'invalid_request'],
  ])('answers %s with an OAuth error', async (_case, contentType, rawBody, status, error) => {
    expectOAuthError(await api.call('POST', '/oidc/v1/token', { contentType, rawBody }), status, error);
  });
});
