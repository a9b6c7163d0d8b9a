import type { AclItem } from './secret-acls.js';
import { limitExceeded, secretDoesNotExist } from './secret-errors.js';

/** A secret scope as the routes work with it: what its Secret holds. */
export interface ScopeContents {
  /** The name as it was created (lookups ignore case). */
  name: string;
  acls: readonly AclItem[];
  /** Each secret's value, base64. */
  values: Readonly<Record<string, string>>;
  /** When each secret was last put, epoch milliseconds. */
  updatedAt: Readonly<Record<string, number>>;
}

export const MAX_SECRETS_PER_SCOPE = 1000;
/** The apiserver refuses a Secret whose values exceed 1 MiB together, so a scope's share that. */
const MAX_SCOPE_BYTES = 1024 * 1024;

const decodedSize = (base64: string) => Buffer.byteLength(base64, 'base64');

/** A new scope, with MANAGE for its manager (its creator, or `users`). */
export function newScope(name: string, manager: string): ScopeContents {
  return { name, acls: [{ principal: manager, permission: 'MANAGE' }], values: {}, updatedAt: {} };
}

/** The value of a secret, base64. */
export function secretOf(contents: ScopeContents, key: string): string {
  const value = Object.hasOwn(contents.values, key) ? contents.values[key] : undefined;
  if (value === undefined) throw secretDoesNotExist(contents.name, key);
  return value;
}

/** The scope with a secret put (an existing one overwritten), within the scope's limits. */
export function withSecret(contents: ScopeContents, key: string, value: string, now: number): ScopeContents {
  const others = Object.entries(contents.values).filter(([name]) => name !== key);
  if (others.length >= MAX_SECRETS_PER_SCOPE) {
    throw limitExceeded(
      `Scope ${contents.name} already holds the maximum of ${MAX_SECRETS_PER_SCOPE} secrets`,
    );
  }
  const size = others.reduce((sum, [, other]) => sum + decodedSize(other), decodedSize(value));
  if (size > MAX_SCOPE_BYTES) {
    throw limitExceeded(
      `The secrets of scope ${contents.name} may not exceed 1 MiB together (a Kubernetes Secret's limit)`,
    );
  }
  return {
    ...contents,
    values: { ...contents.values, [key]: value },
    updatedAt: { ...contents.updatedAt, [key]: now },
  };
}

export function withoutSecret(contents: ScopeContents, key: string): ScopeContents {
  secretOf(contents, key);
  const values = { ...contents.values };
  const updatedAt = { ...contents.updatedAt };
  delete values[key];
  delete updatedAt[key];
  return { ...contents, values, updatedAt };
}
