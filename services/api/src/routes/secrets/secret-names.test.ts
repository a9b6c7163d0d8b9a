import { describe, expect, it } from 'vitest';
import { assertScopeName, assertSecretKey, scopeSecretName } from './secret-names.js';

describe('scope names', () => {
  it.each(['prod', 'my-scope_1.x', 'team@example.com', 'a'.repeat(128)])('accepts %j', (name) => {
    expect(() => assertScopeName(name)).not.toThrow();
  });

  it.each(['', 'a b', 'a/b', 'ü', 'a'.repeat(129)])('refuses %j with INVALID_PARAMETER_VALUE', (name) => {
    expect(() => assertScopeName(name)).toThrow(
      expect.objectContaining({ statusCode: 400, errorCode: 'INVALID_PARAMETER_VALUE' }),
    );
  });
});

describe('secret keys', () => {
  it.each(['password', 'db.user-1_x', 'k'.repeat(128)])('accepts %j', (key) => {
    expect(() => assertSecretKey(key)).not.toThrow();
  });

  it.each(['', 'a@b', 'a b', 'k'.repeat(129)])('refuses %j', (key) => {
    expect(() => assertSecretKey(key)).toThrow(/Secret key .* is invalid/);
  });
});

describe("a scope's Secret name", () => {
  it('is a valid Kubernetes name, whatever the scope name holds', () => {
    expect(scopeSecretName('Team@Example.com_x')).toMatch(/^secret-scope-[0-9a-f]{40}$/);
  });

  it('is the same for names that differ only in case, as scope names are case-insensitive', () => {
    expect(scopeSecretName('Prod')).toBe(scopeSecretName('prod'));
    expect(scopeSecretName('prod')).not.toBe(scopeSecretName('prod2'));
  });
});
