import { pino } from 'pino';
import { expect } from 'vitest';
import { buildApp } from '../../../services/api/src/app.js';
import { readApiConfig } from '../../../services/api/src/config.js';
import { type ApiServices, createApiServices } from '../../../services/api/src/services.js';
import { type ApiEnv, readApiEnv } from '../../integration/support/api-client.js';

/**
 * The real API (buildApp, the services main.ts builds) in this process, on the running platform's
 * Kubernetes apiserver, Redis and S3 (.brickyard/env); only HTTP is replaced by Fastify's inject.
 */

export type Body = Record<string, unknown>;
type QueryValue = string | number | boolean;

interface InjectOptions {
  /** Sent as `Authorization: Bearer <token>`; none without it. */
  token?: string | undefined;
  /** Sent as X-Databricks-Org-Id (an account token picks its workspace with it). */
  orgId?: number | string | undefined;
  /** JSON-encoded, with `content-type: application/json` unless `contentType` says otherwise. */
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string | Buffer;
  contentType?: string;
  /** Repeated keys for arrays, as the SDKs send them. */
  query?: Record<string, QueryValue | readonly QueryValue[] | undefined>;
  headers?: Record<string, string>;
}

export interface InjectedResponse<T = Body> {
  status: number;
  /** The parsed JSON body, or the text when it is not JSON. */
  body: T;
  /** The body as text. */
  text: string;
  /** The body as bytes. */
  raw: Buffer;
  headers: Record<string, string | string[] | number | undefined>;
}

/** A caller of the API with its credentials fixed: `(method, path, options)`. */
export type ApiCaller = <T = Body>(
  method: string,
  path: string,
  options?: Omit<InjectOptions, 'token' | 'orgId'>,
) => Promise<InjectedResponse<T>>;

export interface TestApp {
  /** The Fastify instance buildApp returned (ready). */
  app: Awaited<ReturnType<typeof buildApp>>;
  services: ApiServices;
  /** The platform's own credentials (.brickyard/env): default workspace admin and account admin. */
  env: ApiEnv;
  /** One request through app.inject. */
  call: <T = Body>(method: string, path: string, options?: InjectOptions) => Promise<InjectedResponse<T>>;
  /** A caller with this token (and workspace, for an account token). */
  as: (token: string, orgId?: number) => ApiCaller;
  /** The account admin, for account-level APIs. */
  account: ApiCaller;
  close: () => Promise<void>;
}

export interface TestAppOptions {
  /** The platform to talk to; process.env (.brickyard/env sourced) by default. */
  env?: NodeJS.ProcessEnv;
  /** Level of the app's logs; `warn` by default, so unexpected errors are shown. */
  logLevel?: string;
}

function urlOf(path: string, query: InjectOptions['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const search = params.toString();
  if (!search) return path;
  return `${path}${path.includes('?') ? '&' : '?'}${search}`;
}

/**
 * Builds the app as main.ts does, starts its caches and waits until they hold the platform's
 * objects, so the platform's tokens and workspaces work at once.
 */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const processEnv = options.env ?? process.env;
  const env = readApiEnv(processEnv);
  const config = readApiConfig({
    ...processEnv,
    BRICKYARD_ACCOUNT_ID: processEnv.BRICKYARD_ACCOUNT_ID ?? env.accountId,
    // The platform's Prometheus, as the API that `make up` starts is given it.
    BRICKYARD_PROMETHEUS_URL: processEnv.BRICKYARD_PROMETHEUS_URL ?? processEnv.PROMETHEUS_URL,
  });
  const logger = pino({ name: 'api-test', level: options.logLevel ?? processEnv.LOG_LEVEL ?? 'warn' });
  const runtime = createApiServices(config, logger);
  const app = await buildApp(runtime.services, logger);
  await runtime.start();
  await runtime.synced();
  await app.ready();

  const call = async <T = Body>(
    method: string,
    path: string,
    request: InjectOptions = {},
  ): Promise<InjectedResponse<T>> => {
    const headers: Record<string, string> = { ...request.headers };
    if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
    if (request.orgId !== undefined) headers['x-databricks-org-id'] = String(request.orgId);
    let payload: string | Buffer | undefined;
    if (request.rawBody !== undefined) payload = request.rawBody;
    else if (request.body !== undefined) payload = JSON.stringify(request.body);
    if (payload !== undefined || request.contentType !== undefined) {
      headers['content-type'] ??= request.contentType ?? 'application/json';
    }
    const response = await app.inject({
      method: method as 'GET',
      url: urlOf(path, request.query),
      headers,
      ...(payload === undefined ? {} : { payload }),
    });
    const text = response.body;
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      // not JSON: the text as it is
    }
    return {
      status: response.statusCode,
      body: body as T,
      text,
      raw: response.rawPayload,
      headers: response.headers,
    };
  };

  const as =
    (token: string, orgId?: number): ApiCaller =>
    (method, path, request = {}) =>
      call(method, path, { ...request, token, ...(orgId === undefined ? {} : { orgId }) });

  return {
    app,
    services: runtime.services,
    env,
    call,
    as,
    account: as(env.accountToken),
    close: async () => {
      await app.close();
      await runtime.stop();
    },
  };
}

/**
 * Asserts a Databricks error: the status, a JSON body of exactly `error_code` and `message`
 * (non-empty strings), the code, and the message when a pattern is given.
 */
export function expectDatabricksError(
  response: InjectedResponse<unknown>,
  status: number,
  errorCode: string,
  message?: RegExp | string,
): void {
  const body = response.body as Body;
  expect({ status: response.status, error_code: body?.error_code }, response.text).toEqual({
    status,
    error_code: errorCode,
  });
  expect(String(response.headers['content-type'])).toMatch(/^application\/json/);
  expect(Object.keys(body).sort()).toEqual(['error_code', 'message']);
  expect(body.message).toEqual(expect.any(String));
  expect(String(body.message).length).toBeGreaterThan(0);
  if (message !== undefined) {
    if (typeof message === 'string') expect(body.message).toBe(message);
    else expect(String(body.message)).toMatch(message);
  }
}
