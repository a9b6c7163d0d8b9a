import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed apiserver call, if that is what `error` is. */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

/** The apiserver's Status body of a failed call (a string or an object, depending on the call). */
function statusBody(error: unknown): Record<string, unknown> | undefined {
  if (!(error instanceof ApiException)) return undefined;
  const body: unknown = error.body;
  const parsed = typeof body === 'string' ? safeJson(body) : body;
  return isRecord(parsed) ? parsed : undefined;
}

export const isNotFound = (error: unknown): boolean => apiStatus(error) === 404;

/** What a read resolves to, or undefined where the object does not exist. */
export async function orUndefined<T>(read: Promise<T>): Promise<T | undefined> {
  try {
    return await read;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** 409 is both "already exists" (a create) and "conflict" (a stale write); the reason tells which. */
export const isAlreadyExists = (error: unknown): boolean =>
  apiStatus(error) === 409 && statusBody(error)?.reason === 'AlreadyExists';
/**
 * A write based on a stale resourceVersion: read again and retry (or, in a reconciler, let the
 * next reconcile see the newer object). Never an existing object: that is isAlreadyExists.
 */
export const isConflict = (error: unknown): boolean =>
  apiStatus(error) === 409 && statusBody(error)?.reason !== 'AlreadyExists';
/** The object itself was refused: malformed (400) or invalid by schema or CEL rules (422). */
export const isInvalid = (error: unknown): boolean => {
  const status = apiStatus(error);
  return status === 400 || status === 422;
};
/** The apiserver is there but cannot take the request now: throttled (429) or overloaded (503, 504). */
export const isBusy = (error: unknown): boolean => {
  const status = apiStatus(error);
  return status === 429 || status === 503 || status === 504;
};
/** The apiserver could not be reached at all (no HTTP answer). */
export function isUnreachable(error: unknown): boolean {
  const code = isRecord(error) ? error.code : undefined;
  return code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'ETIMEDOUT';
}

/**
 * A failure that retrying cannot fix until someone changes something (a spec, RBAC, another
 * object in the way); reconcilers report it in status instead of retrying with backoff.
 */
export class PermanentError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'PermanentError';
  }
}

/** A create refused because its namespace is being deleted: it passes once the namespace is gone. */
function isNamespaceTerminating(error: unknown): boolean {
  const details = statusBody(error)?.details;
  const causes = isRecord(details) && Array.isArray(details.causes) ? details.causes : [];
  return causes.some((cause: unknown) => isRecord(cause) && cause.reason === 'NamespaceTerminating');
}

/** Rejections of the request itself (bad, forbidden, invalid): asking again gives the same answer. */
export function isPermanent(error: unknown): boolean {
  if (error instanceof PermanentError) return true;
  if (apiStatus(error) === 403) return !isNamespaceTerminating(error);
  return isInvalid(error);
}

/** A message for status and events: the apiserver's own message when it sent one. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiException) {
    const message = statusBody(error)?.message;
    return typeof message === 'string' ? message : `apiserver answered ${error.code}`;
  }
  return error instanceof Error ? error.message : String(error);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
