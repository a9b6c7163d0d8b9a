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
/** A write based on a stale resourceVersion: harmless, the next reconcile sees the newer object. */
export const isConflict = (error: unknown): boolean =>
  apiStatus(error) === 409 && statusBody(error)?.reason !== 'AlreadyExists';

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
  const status = apiStatus(error);
  if (status === 403) return !isNamespaceTerminating(error);
  return status === 400 || status === 422;
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
