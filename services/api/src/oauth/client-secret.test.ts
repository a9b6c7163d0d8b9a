import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../errors/databricks-error.js';
import {
  isSecretId,
  lifetimeSecondsOf,
  MAX_SECRET_LIFETIME_SECONDS,
  newClientSecret,
  newSecretId,
} from './client-secret.js';

describe('lifetimeSecondsOf', () => {
  it.each([
    ['plain seconds', '3600', 3600],
    ['a protobuf Duration', '86400s', 86400],
    ['two years at most', String(MAX_SECRET_LIFETIME_SECONDS), MAX_SECRET_LIFETIME_SECONDS],
    ['nothing, as two years', undefined, MAX_SECRET_LIFETIME_SECONDS],
  ])('reads %s', (_case, lifetime, seconds) => {
    expect(lifetimeSecondsOf(lifetime)).toBe(seconds);
  });

  it.each([['0'], ['-5'], ['1.5s'], ['1h'], [''], [String(MAX_SECRET_LIFETIME_SECONDS + 1)]])(
    'refuses %j with 400 INVALID_PARAMETER_VALUE',
    (lifetime) => {
      expect(() => lifetimeSecondsOf(lifetime)).toThrow(DatabricksError);
      expect(() => lifetimeSecondsOf(lifetime)).toThrow(/lifetime must be a number of seconds/);
    },
  );
});

describe('secrets and their ids', () => {
  it('makes secrets in the Databricks form, each different', () => {
    const secret = newClientSecret();
    expect(secret).toMatch(/^dose[0-9a-f]{64}$/);
    expect(newClientSecret()).not.toBe(secret);
  });

  it('knows its own ids from anything else a path may hold', () => {
    expect(isSecretId(newSecretId())).toBe(true);
    expect(isSecretId('x')).toBe(false);
    expect(isSecretId('0123456789abcdef0123456789abcdef,role=token')).toBe(false);
  });
});
