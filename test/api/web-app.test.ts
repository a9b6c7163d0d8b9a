import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';

/** The web workspace's pages at / and its sign-in session (the cookie, the CSRF header). */
let api: TestApp;

const HTML = { accept: 'text/html,application/xhtml+xml' };
const SESSION = '/api/2.0/brickyard/web-session';

function sessionCookie(setCookie: string | string[] | number | undefined): string {
  const header = [setCookie].flat().find((value) => String(value).startsWith('brickyard-session='));
  if (!header) throw new Error(`no session cookie in ${String(setCookie)}`);
  return String(header);
}

beforeAll(async () => {
  api = await buildTestApp();
});

afterAll(async () => {
  await api?.close();
});

describe('the pages', () => {
  it('serves the app at / and at any page path, revalidated on each load', async () => {
    for (const path of ['/', '/compute/clusters/0101-x', '/workflows/jobs/7/runs/9']) {
      const page = await api.call('GET', path, { headers: HTML });
      expect(page.status).toBe(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.text).toContain('<div id="root">');
    }
  });

  it('serves the hashed assets the page names, cached for good', async () => {
    const page = await api.call('GET', '/', { headers: HTML });
    const script = page.text.match(/src="(\/assets\/[^"]+\.js)"/)?.[1];
    expect(script).toBeDefined();
    const asset = await api.call('GET', script as string);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const compressed = await api.call('GET', script as string, {
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(compressed.headers['content-encoding']).toBe('br');
    expect(compressed.raw.length).toBeLessThan(asset.raw.length / 2);
  });

  it('never shadows the REST API, nor answers a missing file with the page', async () => {
    expectDatabricksError(
      await api.call('GET', '/api/2.0/no-such-api', { headers: HTML }),
      501,
      'NOT_IMPLEMENTED',
    );
    expect((await api.call('GET', '/assets/missing.js')).status).toBe(404);
    expect((await api.call('GET', '/assets/../../package.json')).status).toBe(404);
    expect((await api.call('GET', '/compute', { headers: { accept: 'application/json' } })).status).toBe(404);
  });
});

describe('the sign-in session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie that authenticates calls carrying the CSRF header', async () => {
    const signedIn = await api.call('POST', SESSION, { body: { token: api.env.workspaceToken } });
    expect(signedIn.status).toBe(200);
    expect(signedIn.body).toMatchObject({ workspace_id: api.env.defaultWorkspaceId, is_admin: true });
    const cookie = sessionCookie(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0] as string;

    const withCsrf = { cookie: pair, 'x-brickyard-csrf': '1' };
    expect((await api.call('GET', '/api/2.1/clusters/list', { headers: withCsrf })).status).toBe(200);
    expect((await api.call('GET', SESSION, { headers: withCsrf })).body).toMatchObject({
      user_name: expect.any(String),
    });
    const forged = await api.call('GET', '/api/2.1/clusters/list', { headers: { cookie: pair } });
    expectDatabricksError(forged, 401, 'UNAUTHENTICATED');
  });

  it('refuses a wrong token, and signs out by clearing the cookie', async () => {
    expectDatabricksError(
      await api.call('POST', SESSION, { body: { token: 'dapi-wrong' } }),
      401,
      'UNAUTHENTICATED',
    );
    expectDatabricksError(await api.call('POST', SESSION, { body: {} }), 400, 'INVALID_PARAMETER_VALUE');
    const signedOut = await api.call('DELETE', SESSION);
    expect(signedOut.status).toBe(200);
    expect(String(signedOut.headers['set-cookie'])).toMatch(/brickyard-session=;/);
    expectDatabricksError(await api.call('GET', SESSION), 401, 'UNAUTHENTICATED');
  });
});
