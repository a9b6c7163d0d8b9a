import { describe, expect, it } from 'vitest';
import { effectiveAuthorization, sessionCookieOptions } from './browser-session.js';

describe('a browser session', () => {
  it.each([
    ['an Authorization header wins over the cookie', 'Bearer a', 'b', '1', 'Bearer a'],
    ['the cookie counts when the CSRF header comes with it', undefined, 'b', '1', 'Bearer b'],
    ['the cookie alone does not count (a cross-site request)', undefined, 'b', undefined, undefined],
    ['no header and no cookie is no authorization', undefined, undefined, '1', undefined],
  ])('%s', (_name, authorization, cookie, csrf, expected) => {
    expect(effectiveAuthorization(authorization, cookie, csrf)).toBe(expected);
  });

  it('keeps its cookie from scripts and from other sites', () => {
    expect(sessionCookieOptions(false)).toMatchObject({ httpOnly: true, sameSite: 'strict', path: '/' });
    expect(sessionCookieOptions(true).secure).toBe(true);
  });
});
