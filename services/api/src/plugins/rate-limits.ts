import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { Redis } from 'ioredis';
import type { WorkspaceContext } from '../auth/caller.js';
import type { Principal } from '../auth/principal.js';
import { DatabricksError } from '../errors/databricks-error.js';
import { type RateLimit, rateLimitTable } from '../rate-limits/limits-table.js';

export interface RateLimitsOptions {
  /** The multiple of Databricks' limits to enforce (config.rateLimits). */
  multiplier: number;
  /** The platform's Redis: every API replica counts in the same keys. */
  redisUrl: string;
}

/** Who a budget belongs to: a token in the workspace it acts in, or an IP without a token. */
function callerOf(request: FastifyRequest): string {
  const principal = request.principal as Principal | null;
  if (!principal) return `ip:${request.ip}`;
  const workspace = request.workspace as WorkspaceContext | null;
  return `token:${workspace?.workspaceId ?? 'account'}:${principal.tokenId}`;
}

function limitExceeded(limit: RateLimit, ttlMs: number): DatabricksError {
  // The SDKs read Retry-After as whole seconds (databricks-sdk-py errors/customizer.py).
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  const window = limit.windowSeconds === 1 ? 'second' : `${limit.windowSeconds} seconds`;
  return new DatabricksError(
    429,
    'REQUEST_LIMIT_EXCEEDED',
    `Too many requests: ${limit.family} allows ${limit.max} per ${window} for each caller; retry in ${seconds} s`,
    seconds,
  );
}

const NO_HEADERS = { 'x-ratelimit-limit': false, 'x-ratelimit-remaining': false, 'x-ratelimit-reset': false };

/**
 * Databricks' per-endpoint rate limits (rate-limits/limits-table.ts): a caller over its family's
 * budget gets 429 REQUEST_LIMIT_EXCEEDED with Retry-After, which the SDKs wait out and retry.
 *
 * @fastify/rate-limit (the Fastify team's) does the counting rather than code of our own: a fixed
 * window per key, kept in Redis by one atomic script, so replicas count together. Its hook is
 * `preParsing`: authentication (onRequest) has named the caller by then, and a throttled request's
 * body is never parsed. Its `max`, `timeWindow` and `keyGenerator` take functions of the request,
 * so one table gives each route family its own budget and key.
 */
export const rateLimits = fp(async (app: FastifyInstance, { multiplier, redisUrl }: RateLimitsOptions) => {
  // Fails fast while Redis is away (no offline queue, one try), and skipOnError then lets the
  // request through: an outage of the counters must not become an outage of the API.
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
  app.addHook('onClose', async () => redis.disconnect());

  const limitOf = rateLimitTable(multiplier);
  const limitOfRequest = (request: FastifyRequest) => limitOf(request.method, request.routeOptions.url);
  const budgetOf = (request: FastifyRequest): RateLimit => {
    const limit = limitOfRequest(request);
    if (!limit) throw new Error(`No rate limit for ${request.method} ${request.routeOptions.url}`);
    return limit;
  };

  await app.register(fastifyRateLimit, {
    hook: 'preParsing',
    redis,
    nameSpace: 'brickyard:rate-limit:',
    skipOnError: true,
    allowList: (request) => limitOfRequest(request) === undefined,
    keyGenerator: (request) => `${limitOfRequest(request)?.family}:${callerOf(request)}`,
    max: (request) => budgetOf(request).max,
    timeWindow: (request) => budgetOf(request).windowSeconds * 1000,
    errorResponseBuilder: (request, context) => limitExceeded(budgetOf(request), context.ttl),
    // Databricks sends none of these; Retry-After comes with the error (plugins/error-handler.ts).
    addHeaders: { ...NO_HEADERS, 'retry-after': false },
    addHeadersOnExceeding: NO_HEADERS,
  });
});
