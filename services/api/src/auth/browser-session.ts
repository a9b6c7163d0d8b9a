/**
 * The web workspace signs in with a personal access token that the API keeps in a cookie the
 * page's scripts cannot read (HttpOnly) and other sites cannot send (SameSite=Strict). A request
 * authenticated by the cookie must also carry the CSRF header: a cross-site form cannot set a
 * custom header, and a cross-origin script would need a CORS preflight the API never grants.
 */
export const SESSION_COOKIE = 'brickyard-session';
export const CSRF_HEADER = 'x-brickyard-csrf';

/** The session's lifetime; the token's own expiry and revocation still end it sooner. */
const SESSION_SECONDS = 12 * 60 * 60;

export interface SessionCookieOptions {
  httpOnly: true;
  sameSite: 'strict';
  path: '/';
  secure: boolean;
  maxAge: number;
}

export function sessionCookieOptions(secure: boolean): SessionCookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure, maxAge: SESSION_SECONDS };
}

/**
 * The Authorization a request is taken to carry: its own header, else the session cookie's token
 * when the CSRF header comes with it.
 */
export function effectiveAuthorization(
  authorization: string | undefined,
  sessionToken: string | undefined,
  csrfHeader: string | undefined,
): string | undefined {
  if (authorization) return authorization;
  if (sessionToken && csrfHeader) return `Bearer ${sessionToken}`;
  return undefined;
}
