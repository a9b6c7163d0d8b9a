import { randomBytes } from 'node:crypto';
import { invalidParameter } from '../errors/databricks-error.js';

/** How long a secret lives when its creator does not say, and at most: two years, as in Databricks. */
export const MAX_SECRET_LIFETIME_SECONDS = 730 * 24 * 3600;

/** The only OAuth scope Brickyard grants: its tokens act with all of the principal's rights. */
export const ALL_APIS_SCOPE = 'all-apis';

/** A service principal's OAuth secret in the Databricks form: `dose` and 256 random bits in hex. */
export function newClientSecret(): string {
  return `dose${randomBytes(32).toString('hex')}`;
}

/** A secret's public id, in hex as Databricks' are. */
export function newSecretId(): string {
  return randomBytes(16).toString('hex');
}

export function isSecretId(text: string): boolean {
  return /^[0-9a-f]{32}$/.test(text);
}

/**
 * A create request's `lifetime` in seconds: the SDKs send it as a string, either plain seconds
 * ("3600", as the CLI's docs show) or a protobuf Duration ("3600s", as Terraform's do).
 */
export function lifetimeSecondsOf(lifetime: string | undefined): number {
  if (lifetime === undefined) return MAX_SECRET_LIFETIME_SECONDS;
  const seconds = /^\s*(\d+)s?\s*$/.exec(lifetime)?.[1];
  const value = seconds === undefined ? Number.NaN : Number(seconds);
  if (!Number.isSafeInteger(value) || value < 1 || value > MAX_SECRET_LIFETIME_SECONDS) {
    throw invalidParameter(
      `lifetime must be a number of seconds between 1 and ${MAX_SECRET_LIFETIME_SECONDS}, like "3600s"`,
    );
  }
  return value;
}
