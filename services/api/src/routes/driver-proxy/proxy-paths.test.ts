import { describe, expect, it } from 'vitest';
import { proxyBase, rewriteLocation } from './proxy-paths.js';

const base = proxyBase(1234, '0101-abc', 4040);
const origin = 'http://127.32.0.5:4040';

describe('rewriteLocation', () => {
  it.each([
    ['an absolute redirect to the driver, already under the base', `${origin}${base}/jobs/`, `${base}/jobs/`],
    ['an absolute redirect to the driver, outside the base', `${origin}/jobs/?a=1`, `${base}/jobs/?a=1`],
    ['a path redirect outside the base', '/stages/', `${base}/stages/`],
    ['a path redirect under the base', `${base}/stages/`, `${base}/stages/`],
    ['a redirect to another server', 'http://example.com/x', 'http://example.com/x'],
    ['a relative redirect', 'jobs/', 'jobs/'],
  ])('keeps the browser on the proxy: %s', (_name, location, expected) => {
    expect(rewriteLocation(location, origin, base)).toBe(expected);
  });
});

describe('proxyBase', () => {
  it('is the path Databricks uses for a port of the driver', () => {
    expect(base).toBe('/driver-proxy/o/1234/0101-abc/4040');
  });
});
