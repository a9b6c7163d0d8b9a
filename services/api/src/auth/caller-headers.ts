import { COMPUTE_CALLER_HEADER } from '@brickyard/common/compute-callers';
import type { FastifyRequest } from 'fastify';
import { CSRF_HEADER, effectiveAuthorization, SESSION_COOKIE } from './browser-session.js';
import { type CallerHeaders, ORG_ID_HEADER } from './caller.js';

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}

/**
 * Who a REST request says it is: its Authorization header, or the web workspace's session cookie
 * with the CSRF header (browser-session.ts), the workspace X-Databricks-Org-Id names, and the
 * statement's caller a SQL warehouse's Spark names (common compute-callers).
 */
export function callerHeadersOf(request: FastifyRequest): CallerHeaders {
  return {
    authorization: effectiveAuthorization(
      request.headers.authorization,
      request.cookies[SESSION_COOKIE],
      firstValue(request.headers[CSRF_HEADER]),
    ),
    orgId: firstValue(request.headers[ORG_ID_HEADER]),
    computeCaller: firstValue(request.headers[COMPUTE_CALLER_HEADER]),
  };
}
