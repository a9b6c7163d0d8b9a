import { describe, expect, it } from 'vitest';
import { isAppPage } from './web-app.js';

const HTML = 'text/html,application/xhtml+xml';

describe('the web app fallback', () => {
  it.each([
    ['a page path from a browser is the app', 'GET', '/compute/clusters/0101-abc', HTML, true],
    ['the root is the app', 'GET', '/', HTML, true],
    ['an unknown REST path is never the app', 'GET', '/api/2.0/nope', HTML, false],
    ['the bare API prefix is never the app', 'GET', '/api', HTML, false],
    ['a missing file is not the app', 'GET', '/favicon.ico', HTML, false],
    ['a client that wants JSON is not the app', 'GET', '/compute', 'application/json', false],
    ['a POST is not the app', 'POST', '/compute', HTML, false],
  ])('%s', (_name, method, path, accept, expected) => {
    expect(isAppPage(method, path, accept)).toBe(expected);
  });
});
