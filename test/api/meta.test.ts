import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * What every client meets first (health, the OpenAPI document, host metadata), unknown URLs, and
 * a sweep of every documented operation: none answers 500, none answers outside the Databricks
 * error form, none is reachable without a token.
 */
let api: TestApp;
let workspace: TestWorkspace;

interface OpenApi {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, { tags?: string[]; responses?: Record<string, unknown> }>>;
}

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-meta');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('health', () => {
  it.each(['/healthz', '/readyz'])(
    'answers %s without credentials once the caches are filled',
    async (path) => {
      const response = await api.call('GET', path);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ status: 'ok' });
    },
  );

  it('serves its metrics without credentials, request counts by route template', async () => {
    await api.call('GET', '/healthz');
    const response = await api.call<string>('GET', '/metrics');
    expect(response.status).toBe(200);
    expect(String(response.headers['content-type'])).toMatch(/^text\/plain/);
    expect(response.text).toMatch(/^brickyard_api_requests_total\{[^}]*route="\/healthz"[^}]*\} \d+$/m);
  });
});

describe('host metadata', () => {
  it('answers /.well-known/databricks-config without credentials, naming no workspace', async () => {
    const response = await api.call('GET', '/.well-known/databricks-config');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      oidc_endpoint: expect.stringMatching(/^http:\/\/[^/]+\/oidc$/),
      cloud: 'AWS',
      host_type: 'WORKSPACE_HOST',
    });
    expect(response.headers['x-databricks-org-id']).toBeUndefined();
  });
});

describe('the OpenAPI document', () => {
  let doc: OpenApi;
  beforeAll(async () => {
    const response = await api.call<OpenApi>('GET', '/openapi.json');
    expect(response.status).toBe(200);
    doc = response.body;
  });

  it('is OpenAPI 3 and describes the canonical version of every API family', () => {
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Brickyard');
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/api/2.1/clusters/create',
      '/api/2.1/clusters/get',
      '/api/2.1/clusters/list',
      '/api/2.1/clusters/events',
      '/api/2.1/clusters/spark-versions',
      '/api/2.2/jobs/create',
      '/api/2.2/jobs/run-now',
      '/api/2.2/jobs/runs/get',
      '/api/2.2/jobs/runs/submit',
      '/api/2.0/token/create',
      '/api/2.0/token-management/tokens',
      '/api/2.0/token-management/tokens/{token_id}',
      '/api/2.0/accounts/{account_id}/workspaces',
      '/api/2.0/accounts/{account_id}/workspaces/{workspace_id}',
      '/api/2.0/dbfs/put',
      '/api/2.0/dbfs/read',
      '/api/2.0/workspace/import',
      '/api/2.0/workspace/export',
      '/api/2.0/preview/scim/v2/Me',
      '/api/2.0/brickyard/clusters/cost',
      '/api/2.0/brickyard/workspace/cost',
      '/.well-known/databricks-config',
    ]) {
      expect(paths, path).toContain(path);
    }
  });

  it('leaves out the older version prefixes and the operational endpoints', () => {
    const paths = Object.keys(doc.paths);
    expect(paths.filter((path) => /^\/api\/2\.0\/clusters\/|^\/api\/2\.[01]\/jobs\//.test(path))).toEqual([]);
    for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json'])
      expect(paths).not.toContain(path);
  });

  it('gives every operation a tag and a success response (200, or 201 and 204 for SCIM)', () => {
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
        const statuses = Object.keys(operation.responses ?? {});
        expect(
          statuses.filter((status) => ['200', '201', '204'].includes(status)),
          `${method} ${path}`,
        ).toHaveLength(1);
      }
    }
  });
});

describe('URLs that match no route', () => {
  it('answers an API Brickyard does not implement with 501 NOT_IMPLEMENTED, token or not', async () => {
    for (const token of [undefined, workspace.adminToken]) {
      const response = await api.call('GET', '/api/2.0/pipelines', { token });
      expectDatabricksError(
        response,
        501,
        'NOT_IMPLEMENTED',
        /GET \/api\/2\.0\/pipelines is not implemented/,
      );
    }
  });

  it('answers a known path with a method it does not serve with 405 and the methods it has', async () => {
    const response = await workspace.admin('DELETE', '/api/2.1/clusters/list');
    expectDatabricksError(response, 405, 'ENDPOINT_NOT_FOUND');
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it("answers a URL it cannot decode with 400 MALFORMED_REQUEST, not in Fastify's own form", async () => {
    for (const path of ['/api/2.0/workspace-files/Shared/%E0%A4%A', '/api/2.1/clusters/get%ZZ']) {
      const response = await workspace.admin('GET', path);
      expectDatabricksError(response, 400, 'MALFORMED_REQUEST', /is not a valid url component/);
    }
  });

  it('answers a path outside the API with 404 ENDPOINT_NOT_FOUND', async () => {
    expectDatabricksError(await api.call('GET', '/no/such/page'), 404, 'ENDPOINT_NOT_FOUND');
  });
});

/** Every documented operation, with placeholders for its path parameters. */
async function documentedOperations(): Promise<{ method: string; path: string; template: string }[]> {
  const doc = (await api.call<OpenApi>('GET', '/openapi.json')).body;
  const placeholders: Record<string, string> = {
    account_id: api.env.accountId,
    workspace_id: '1',
    token_id: 'no-such-token',
    '*': 'no/such/file',
  };
  return Object.entries(doc.paths).flatMap(([template, operations]) =>
    Object.keys(operations).map((method) => ({
      method: method.toUpperCase(),
      template,
      path: template.replace(/\{([^}]+)\}/g, (_match, name: string) => placeholders[name] ?? 'x'),
    })),
  );
}

/** Account APIs, but for the workspace-level service principal secrets the SDKs call under /accounts. */
const isAccountApi = (template: string) =>
  template.startsWith('/api/2.0/accounts/') && !template.startsWith('/api/2.0/accounts/servicePrincipals/');
const isPublic = (template: string) => template === '/.well-known/databricks-config';
/** The web workspace's sign-in and sign-out: a browser reaches them before it has a credential. */
const isSignIn = (template: string) => template.startsWith('/api/2.0/brickyard/web-session');

describe('every documented operation', () => {
  it('needs a valid bearer token: 401 UNAUTHENTICATED without one, with another scheme or an unknown one', async () => {
    const operations = (await documentedOperations()).filter(
      (op) => !isPublic(op.template) && !isSignIn(op.template),
    );
    expect(operations.length).toBeGreaterThan(40);
    for (const { method, path } of operations) {
      for (const headers of [
        {},
        { authorization: 'Basic YWRtaW46YWRtaW4=' },
        { authorization: 'Bearer dapi00000000000000000000000000000000' },
      ]) {
        const response = await api.call(method, path, { headers });
        expectDatabricksError(response, 401, 'UNAUTHENTICATED');
      }
    }
  });

  it('answers an empty, a malformed and a mistyped request in the Databricks form, never 500', async () => {
    const operations = (await documentedOperations()).filter((op) => !isPublic(op.template));
    const outcomes: string[] = [];
    for (const { method, path, template } of operations) {
      const caller = isAccountApi(template) ? api.account : workspace.admin;
      const attempts =
        method === 'GET' || method === 'DELETE'
          ? [{}, { query: { page_token: '%%%', job_id: 'x', run_id: -1, path: 'relative' } }]
          : [{ body: {} }, { rawBody: '{"broken": ' }, { body: [] }, { body: 'text' }, { body: { path: 7 } }];
      for (const attempt of attempts) {
        const response = await caller(method, path, attempt);
        outcomes.push(`${method} ${template} ${JSON.stringify(attempt)} -> ${response.status}`);
        expect(
          response.status,
          `${method} ${path} ${JSON.stringify(attempt)}: ${response.text}`,
        ).toBeLessThan(500);
        if (response.status >= 400) {
          expect(Object.keys(response.body as object).sort(), `${method} ${path}: ${response.text}`).toEqual([
            'error_code',
            'message',
          ]);
        }
      }
    }
    expect(outcomes.length).toBeGreaterThan(100);
  });

  it('answers malformed JSON with 400 MALFORMED_REQUEST wherever a JSON body is read', async () => {
    // The Command Execution API (1.2) reads form bodies, as Databricks' does.
    const operations = (await documentedOperations()).filter(
      (op) =>
        op.method === 'POST' &&
        !op.template.startsWith('/api/2.0/workspace-files/') &&
        !op.template.startsWith('/api/1.2/'),
    );
    for (const { method, path, template } of operations) {
      const caller = isAccountApi(template) ? api.account : workspace.admin;
      for (const rawBody of ['{"cluster_id": ', '', 'not json']) {
        const response = await caller(method, path, { rawBody });
        expectDatabricksError(response, 400, 'MALFORMED_REQUEST');
      }
    }
  });

  it('refuses a body over the limit with 413 BAD_REQUEST', async () => {
    const response = await workspace.admin('POST', '/api/2.1/clusters/create', {
      rawBody: Buffer.alloc(api.services.config.bodyLimitBytes + 1, 0x20),
    });
    expectDatabricksError(response, 413, 'BAD_REQUEST', /larger than the limit/);
  });

  it('refuses a body of a media type it does not read with 415 BAD_REQUEST', async () => {
    // The Command Execution API (1.2) reads form bodies, as Databricks' does.
    const operations = (await documentedOperations()).filter(
      (op) =>
        op.method === 'POST' &&
        !op.template.startsWith('/api/2.0/workspace-files/') &&
        !op.template.startsWith('/api/1.2/'),
    );
    for (const { method, path, template } of operations) {
      const caller = isAccountApi(template) ? api.account : workspace.admin;
      const response = await caller(method, path, {
        rawBody: 'cluster_id=1',
        contentType: 'application/x-www-form-urlencoded',
      });
      expectDatabricksError(response, 415, 'BAD_REQUEST');
    }
  });
});
