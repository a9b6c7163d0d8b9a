import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { call, clientFor, readApiEnv } from './support/api-client.js';

const env = readApiEnv();
const admin = clientFor(env.host, env.workspaceToken);

describe('the API as every client first meets it', () => {
  it('answers host metadata without credentials, with its OIDC root, and names no account host', async () => {
    const { status, body } = await call(env.host, 'GET', '/.well-known/databricks-config');
    expect(status).toBe(200);
    expect(body).toEqual({ oidc_endpoint: `${env.host}/oidc`, cloud: 'AWS', host_type: 'WORKSPACE_HOST' });
  });

  it('tells the caller who they are and, in a header, which workspace they are in', async () => {
    const { status, body, headers } = await admin('GET', '/api/2.0/preview/scim/v2/Me');
    expect(status).toBe(200);
    expect(body).toMatchObject({ userName: 'admin@brickyard.local', active: true });
    expect(headers.get('x-databricks-org-id')).toBe(String(env.defaultWorkspaceId));
  });

  it('serves liveness, readiness, metrics and its OpenAPI document without credentials', async () => {
    for (const path of ['/healthz', '/readyz']) expect((await call(env.host, 'GET', path)).status).toBe(200);
    const metrics = await call<string>(env.host, 'GET', '/metrics');
    expect(metrics.body).toContain('brickyard_api_requests_total');
    const openapi = await call<{ openapi: string; paths: Record<string, unknown> }>(
      env.host,
      'GET',
      '/openapi.json',
    );
    expect(openapi.body.openapi).toMatch(/^3\./);
    expect(Object.keys(openapi.body.paths)).toContain('/api/2.1/clusters/create');
  });
});

describe('errors in the Databricks form', () => {
  it.each([
    ['no token', undefined, 'UNAUTHENTICATED'],
    ['an unknown token', 'dapi00000000000000000000000000000000', 'UNAUTHENTICATED'],
  ])('rejects %s with 401', async (_case, token, code) => {
    const { status, body } = await call(env.host, 'GET', '/api/2.1/clusters/list', { token });
    expect(status).toBe(401);
    expect(body).toMatchObject({ error_code: code });
  });

  it('answers an API it does not implement with 501', async () => {
    const { status, body } = await admin('GET', '/api/2.0/no-such/api');
    expect(status).toBe(501);
    expect(body.error_code).toBe('NOT_IMPLEMENTED');
  });

  it('rejects malformed JSON with 400 MALFORMED_REQUEST', async () => {
    const { status, body } = await admin('POST', '/api/2.1/clusters/create', {
      rawBody: '{"spark_version": ',
    });
    expect(status).toBe(400);
    expect(body.error_code).toBe('MALFORMED_REQUEST');
  });

  it('rejects a body over the limit with 413', async () => {
    // The API answers as soon as it sees the declared length, before the body arrives, so this
    // client sends the headers and a first chunk only, and reads the early response.
    const size = 17 * 1024 * 1024;
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = httpRequest(new URL('/api/2.1/clusters/create', env.host), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${env.workspaceToken}`,
          'content-type': 'application/json',
          'content-length': size,
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => {
          text += chunk.toString();
        });
        response.on('end', () => {
          resolve({ status: response.statusCode ?? 0, body: text });
          request.destroy();
        });
      });
      request.on('error', reject);
      request.write(Buffer.alloc(64 * 1024, 'x'));
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error_code: 'BAD_REQUEST' });
  });

  it.each([
    ['a field of the wrong type', { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 'many' }],
    ['a missing required field', { cluster_name: 'no runtime' }],
    ['an out-of-range value', { spark_version: '19.3.x-no-spark-scala2.13', num_workers: -1 }],
    ['an unknown runtime', { spark_version: '0.1.x-scala1' }],
  ])('rejects %s with 400 INVALID_PARAMETER_VALUE', async (_case, body) => {
    const response = await admin('POST', '/api/2.1/clusters/create', { body });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe('INVALID_PARAMETER_VALUE');
  });

  it('answers a missing cluster the way Databricks does', async () => {
    const { status, body } = await admin('GET', '/api/2.1/clusters/get', {
      query: { cluster_id: '0000-000000-missing0' },
    });
    expect(status).toBe(400);
    expect(body).toEqual({
      error_code: 'INVALID_PARAMETER_VALUE',
      message: 'Cluster 0000-000000-missing0 does not exist',
    });
  });
});
