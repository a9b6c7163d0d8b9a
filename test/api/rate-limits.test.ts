import { randomInt } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildTestApp,
  expectDatabricksError,
  type InjectedResponse,
  type TestApp,
} from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Databricks' per-endpoint rate limits, counted in the platform's Redis, and 405 for a known path
 * asked with a method it does not serve. The app runs at a quarter of Databricks' limits
 * (BRICKYARD_RATE_LIMITS=0.25): 5 clusters requests per second, 3 sign-ins per second and IP.
 */
const MULTIPLIER = 0.25;
const CLUSTERS_PER_SECOND = 20 * MULTIPLIER;
const SIGN_INS_PER_SECOND = Math.round(10 * MULTIPLIER);

let api: TestApp;
let workspace: TestWorkspace;

beforeAll(async () => {
  api = await buildTestApp({ env: { ...process.env, BRICKYARD_RATE_LIMITS: String(MULTIPLIER) } });
  workspace = await testWorkspace(api, 'api-rate-limits');
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

const statusesOf = (responses: InjectedResponse[]) => responses.map((response) => response.status);

describe('rate limits', () => {
  let throttled: InjectedResponse;

  it('answers a burst over the budget with 429 REQUEST_LIMIT_EXCEEDED and Retry-After', async () => {
    const burst = await Promise.all(
      Array.from({ length: CLUSTERS_PER_SECOND + 7 }, () => workspace.admin('GET', '/api/2.1/clusters/list')),
    );
    const statuses = statusesOf(burst);
    expect(statuses.filter((status) => status === 200)).toHaveLength(CLUSTERS_PER_SECOND);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    throttled = burst.find((response) => response.status === 429) as InjectedResponse;
    expectDatabricksError(throttled, 429, 'REQUEST_LIMIT_EXCEEDED', /clusters allows 5 per second/);
    expect(throttled.headers['retry-after']).toBe('1');
    expect(throttled.headers['x-ratelimit-limit']).toBeUndefined();
  });

  it('meanwhile serves another token, and the same token in another family', async () => {
    expect((await workspace.user('GET', '/api/2.1/clusters/list')).status).toBe(200);
    expect((await workspace.admin('GET', '/api/2.2/jobs/list')).status).toBe(200);
    expect((await workspace.admin('GET', '/api/2.1/clusters/list')).status).toBe(429);
  });

  it('serves the throttled token again once Retry-After has passed', async () => {
    await sleep(Number(throttled.headers['retry-after']) * 1000 + 100);
    expect((await workspace.admin('GET', '/api/2.1/clusters/list')).status).toBe(200);
  });

  it('counts calls without a token by IP: one flooding address does not throttle another', async () => {
    const signIn = (ip: string) =>
      api.app.inject({
        method: 'POST',
        url: '/api/2.0/brickyard/web-session',
        remoteAddress: ip,
        payload: { token: 'dapi-not-a-token' },
      });
    const flooding = `203.0.113.${randomInt(1, 255)}`;
    const burst = await Promise.all(Array.from({ length: SIGN_INS_PER_SECOND + 2 }, () => signIn(flooding)));
    const statuses = burst.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
    expect(statuses.filter((status) => status === 401)).toHaveLength(SIGN_INS_PER_SECOND);
    expect((await signIn(`198.51.100.${randomInt(1, 255)}`)).statusCode).toBe(401);
  });
});

describe('a known path with a method it does not serve', () => {
  it.each([
    ['DELETE', '/api/2.1/clusters/list', 'GET, HEAD'],
    ['GET', '/api/2.1/clusters/create', 'POST'],
    ['POST', '/api/2.0/sql/warehouses/no-such-warehouse', 'GET, HEAD, DELETE'],
    ['PUT', '/api/2.0/preview/scim/v2/Users', 'GET, HEAD, POST'],
    ['POST', '/healthz', 'GET, HEAD'],
  ])('answers %s %s with 405 and Allow: %s', async (method, path, allow) => {
    const response = await workspace.admin(method, path);
    expectDatabricksError(response, 405, 'ENDPOINT_NOT_FOUND', `No API found for '${method} ${path}'`);
    expect(response.headers.allow).toBe(allow);
  });

  it('keeps the answers of paths no route has', async () => {
    expectDatabricksError(
      await workspace.admin('GET', '/api/2.1/clusters/no-such-call'),
      501,
      'NOT_IMPLEMENTED',
    );
    expectDatabricksError(await workspace.admin('DELETE', '/no/such/page'), 404, 'ENDPOINT_NOT_FOUND');
  });
});
