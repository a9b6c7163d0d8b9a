import { ApiException } from '@kubernetes/client-node';

/** The HTTP status of a failed apiserver call, if that is what `error` is. */
export function apiStatus(error: unknown): number | undefined {
  return error instanceof ApiException ? error.code : undefined;
}

export const isNotFound = (error: unknown): boolean => apiStatus(error) === 404;
export const isConflict = (error: unknown): boolean => apiStatus(error) === 409;
