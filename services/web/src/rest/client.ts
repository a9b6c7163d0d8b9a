/**
 * The one way the app reaches the platform: the public REST API, same origin, authenticated by the
 * session cookie (with the CSRF header the API asks of cookie callers), in the workspace chosen.
 */

/** An error in the Databricks form, `{"error_code", "message"}`, with its HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

const CSRF_HEADER = 'X-Brickyard-CSRF';
const ORG_ID_HEADER = 'X-Databricks-Org-Id';

/** Fired when the API stops accepting the session (signed out, token revoked or expired). */
export const SIGNED_OUT_EVENT = 'brickyard:signed-out';

let workspaceId: number | undefined;

/** The workspace that calls act in, for tokens that may act in several (account tokens). */
export function useWorkspaceForCalls(id: number | undefined): void {
  workspaceId = id;
}

export type Query = Record<string, string | number | boolean | undefined>;

function urlOf(path: string, query: Query | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined) params.set(key, String(value));
  }
  const search = params.toString();
  return search ? `${path}?${search}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text();
  try {
    const body = JSON.parse(text) as { error_code?: string; message?: string };
    return new ApiError(response.status, body.error_code ?? 'UNKNOWN', body.message ?? response.statusText);
  } catch {
    return new ApiError(response.status, 'UNKNOWN', text || response.statusText);
  }
}

export async function call<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const headers: Record<string, string> = { [CSRF_HEADER]: '1', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (workspaceId !== undefined) headers[ORG_ID_HEADER] = String(workspaceId);
  const response = await fetch(urlOf(path, query), {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? null : JSON.stringify(body),
  });
  if (!response.ok) {
    const error = await errorOf(response);
    if (response.status === 401) window.dispatchEvent(new CustomEvent(SIGNED_OUT_EVENT, { detail: error }));
    throw error;
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : {}) as T;
}

export const get = <T>(path: string, query?: Query) => call<T>('GET', path, undefined, query);
export const post = <T>(path: string, body?: unknown) => call<T>('POST', path, body ?? {});
