import type { TSchema } from 'typebox';
import type { Access } from '../auth/caller.js';
import { errorResponses } from '../errors/error-body.js';

/** What decides the error statuses every route of a kind can answer. */
export interface RouteShape {
  method: string;
  url: string;
  access: Access;
  /** It has a body, query, path or header schema, which Fastify validates: 400 when one fails. */
  validated: boolean;
}

export interface PlatformErrors {
  /** Whether the rate limits (plugins/rate-limits.ts) count this route: 429 when over. */
  rateLimited: (method: string, url: string) => boolean;
  /** Whether mutating calls are audited (plugins/audit.ts): 500 when acted but not recorded. */
  audited: boolean;
}

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * The error statuses a route answers whatever it does, from the plugins every request passes:
 * authentication (401 no or bad token, 403 not allowed, 400 a bad X-Databricks-Org-Id and 404 an
 * unknown workspace for an account token acting in one or an unknown account in the path, 503 the
 * control plane or a store is away),
 * validation and body parsing (400, 413 too large, 415 not JSON), rate limits (429) and audit
 * (503 before a mutating call while the log cannot be written, 500 after one it failed to record),
 * and Node's HTTP parser (431 a URL or headers above 16 KiB, workspace-host/client-errors.ts).
 */
export function platformErrorStatuses(route: RouteShape, platform: PlatformErrors): number[] {
  const statuses = new Set<number>([431]);
  const authenticated = route.access !== 'public';
  const inWorkspace = route.access === 'workspace' || route.access === 'workspace-admin';
  const mutating = route.method !== 'GET' && route.method !== 'HEAD';
  if (route.validated || inWorkspace) statuses.add(400);
  if (authenticated) for (const status of [401, 403, 503]) statuses.add(status);
  // An account token acting in a workspace that does not exist; an account id that is not ours.
  if (inWorkspace || route.url.includes(':account_id')) statuses.add(404);
  if (BODY_METHODS.has(route.method)) for (const status of [413, 415]) statuses.add(status);
  if (platform.rateLimited(route.method, route.url)) statuses.add(429);
  if (authenticated && mutating && platform.audited) statuses.add(500);
  return [...statuses].sort((a, b) => a - b);
}

/** A route's responses for the OpenAPI document: its own, then the platform's errors it lacks. */
export function documentedResponses(
  own: Record<string, unknown> | undefined,
  route: RouteShape,
  platform: PlatformErrors,
): Record<string, unknown> {
  const platformErrors: Record<number, TSchema> = errorResponses(...platformErrorStatuses(route, platform));
  return { ...platformErrors, ...own };
}
