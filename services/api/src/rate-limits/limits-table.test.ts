import { describe, expect, it } from 'vitest';
import { rateLimitTable } from './limits-table.js';

describe('rateLimitTable', () => {
  const databricks = rateLimitTable(1);

  it.each([
    ['GET', '/api/2.2/jobs/runs/get', 'jobs runs/get', 100, 1],
    ['HEAD', '/api/2.1/jobs/runs/get', 'jobs runs/get', 100, 1],
    ['POST', '/api/2.1/jobs/runs/submit', 'jobs runs/submit', 35, 1],
    ['POST', '/api/2.2/jobs/update', 'jobs update and delete', 10, 1],
    ['POST', '/api/2.0/jobs/delete', 'jobs update and delete', 10, 1],
    ['POST', '/api/2.2/jobs/create', 'jobs', 20, 1],
    ['GET', '/api/2.2/jobs/runs/list', 'jobs', 20, 1],
    ['GET', '/api/2.1/clusters/list', 'clusters', 20, 1],
    ['POST', '/api/2.0/clusters/create', 'clusters', 20, 1],
    ['POST', '/api/2.0/dbfs/put', 'dbfs', 30, 1],
    ['GET', '/api/2.0/secrets/list', 'secrets', 1100, 60],
    ['POST', '/api/2.0/workspace/delete', 'workspace delete', 2, 1],
    ['GET', '/api/2.0/preview/scim/v2/Users/:id', 'SCIM reads', 255, 60],
    ['PATCH', '/api/2.0/permissions/clusters/:id', 'permissions updates', 30, 1],
    ['GET', '/api/2.0/permissions/jobs/:id', 'permissions reads', 100, 1],
    ['DELETE', '/api/2.0/token-management/tokens/:token_id', 'token management', 40, 1],
    ['POST', '/api/2.0/brickyard/web-session/', 'web sign-in', 10, 1],
  ])('gives %s %s the budget of %s: %i per %i s', (method, url, family, max, windowSeconds) => {
    expect(databricks(method, url)).toEqual({ family, max, windowSeconds });
  });

  it.each([
    ['GET', '/healthz'],
    ['GET', '/api/2.0/workspace/get-status'],
    ['POST', '/api/2.0/preview/scim/v2/Users'],
    ['POST', '/api/2.0/sql/statements/'],
    ['GET', '/api/2.1/unity-catalog/tables'],
  ])('leaves %s %s unlimited, as Databricks publishes no limit for it', (method, url) => {
    expect(databricks(method, url)).toBeUndefined();
  });

  it('leaves requests no route matched unlimited', () => {
    expect(databricks('GET', undefined)).toBeUndefined();
  });

  it('scales every budget by the multiplier, never below one request', () => {
    expect(rateLimitTable(0.5)('GET', '/api/2.1/clusters/list')?.max).toBe(10);
    expect(rateLimitTable(10)('GET', '/api/2.1/clusters/list')?.max).toBe(200);
    expect(rateLimitTable(0.01)('POST', '/api/2.0/workspace/delete')?.max).toBe(1);
  });

  it('answers the same route with the same limit each time', () => {
    const table = rateLimitTable(1);
    expect(table('GET', '/api/2.1/clusters/get')).toBe(table('GET', '/api/2.1/clusters/get'));
  });
});
