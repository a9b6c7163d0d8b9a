import { createHash } from 'node:crypto';
import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * Names of the Secrets API. Scope names: alphanumerics, dashes, underscores, periods and `@`, at
 * most 128 characters, unique regardless of case. Secret keys: the same without `@`, which is
 * also what Kubernetes allows as a Secret's data key.
 */
const SCOPE_NAME = /^[A-Za-z0-9_.@-]{1,128}$/;
const SECRET_KEY = /^[A-Za-z0-9_.-]{1,128}$/;

export function assertScopeName(scope: string): void {
  if (!SCOPE_NAME.test(scope)) {
    throw invalidParameter(
      `Scope name '${scope}' is invalid: it must consist of alphanumeric characters, dashes, ` +
        'underscores, @ and periods, and may not exceed 128 characters.',
    );
  }
}

export function assertSecretKey(key: string): void {
  if (!SECRET_KEY.test(key)) {
    throw invalidParameter(
      `Secret key '${key}' is invalid: it must consist of alphanumeric characters, dashes, ` +
        'underscores and periods, and may not exceed 128 characters.',
    );
  }
}

/**
 * The name of a scope's Secret: a digest of the lowercased scope name, so that scopes differing
 * only in case are one Secret (the apiserver refuses the second), whatever characters they use.
 */
export function scopeSecretName(scope: string): string {
  const digest = createHash('sha256').update(scope.toLowerCase()).digest('hex');
  return `secret-scope-${digest.slice(0, 40)}`;
}
