/**
 * A bare HTTP client for the Brickyard API, to test what goes over the wire (statuses, error
 * bodies, headers) rather than what an SDK makes of it.
 */
export interface ApiResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ApiEnv {
  host: string;
  workspaceToken: string;
  accountToken: string;
  accountId: string;
  defaultWorkspaceId: number;
}

export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const need = (name: string): string => {
    const value = env[name];
    if (!value) throw new Error(`${name} is not set: run 'make up' and 'source .brickyard/env'`);
    return value;
  };
  return {
    host: need('DATABRICKS_HOST'),
    workspaceToken: need('DATABRICKS_TOKEN'),
    accountToken: need('BRICKYARD_ACCOUNT_TOKEN'),
    accountId: need('DATABRICKS_ACCOUNT_ID'),
    defaultWorkspaceId: Number(need('BRICKYARD_DEFAULT_WORKSPACE_ID')),
  };
}

export interface CallOptions {
  token?: string | undefined;
  body?: unknown;
  /** Sent as-is instead of JSON-encoding `body`. */
  rawBody?: string;
  query?: Record<string, string | number | boolean | string[]>;
  headers?: Record<string, string>;
}

export async function call<T = Record<string, unknown>>(
  host: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiResponse<T>> {
  const url = new URL(path, host);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, { method, headers, ...(body === undefined ? {} : { body }) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    // leave non-JSON bodies as text
  }
  return { status: response.status, body: parsed as T, headers: response.headers };
}

/** A client bound to one host and token. */
export function clientFor(host: string, token?: string) {
  return <T = Record<string, unknown>>(
    method: string,
    path: string,
    options: Omit<CallOptions, 'token'> = {},
  ) => call<T>(host, method, path, { ...options, token });
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
