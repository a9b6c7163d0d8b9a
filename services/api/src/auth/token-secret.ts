import { hash, randomBytes } from 'node:crypto';

/** A personal access token in the Databricks form: `dapi` and 32 hex digits (128 random bits). */
export function newTokenValue(): string {
  return `dapi${randomBytes(16).toString('hex')}`;
}

export function newTokenId(): string {
  return randomBytes(16).toString('hex');
}

/** Tokens are stored only as this hash; 128 random bits need no salt against guessing. */
export function hashToken(value: string): string {
  return hash('sha256', value, 'hex');
}
