import { describe, expect, it } from 'vitest';
import {
  MAX_SECRETS_PER_SCOPE,
  newScope,
  type ScopeContents,
  secretOf,
  withoutSecret,
  withSecret,
} from './scope-contents.js';

const b64 = (text: string) => Buffer.from(text).toString('base64');
const scope = newScope('prod', 'ada');

describe('a new scope', () => {
  it('is empty, with MANAGE for its manager only', () => {
    expect(scope).toEqual({
      name: 'prod',
      acls: [{ principal: 'ada', permission: 'MANAGE' }],
      values: {},
      updatedAt: {},
    });
  });
});

describe('putting a secret', () => {
  it('stores its value and when it was put, overwriting an older one', () => {
    const first = withSecret(scope, 'db', b64('one'), 1000);
    const second = withSecret(first, 'db', b64('two'), 2000);
    expect(secretOf(second, 'db')).toBe(b64('two'));
    expect(second.updatedAt).toEqual({ db: 2000 });
  });

  it('is refused past 1000 secrets, but an existing one may still be overwritten', () => {
    const values = Object.fromEntries(
      Array.from({ length: MAX_SECRETS_PER_SCOPE }, (_, i) => [`k${i}`, b64('v')]),
    );
    const full: ScopeContents = { ...scope, values };
    expect(() => withSecret(full, 'another', b64('v'), 1)).toThrow(
      expect.objectContaining({ statusCode: 400, errorCode: 'RESOURCE_LIMIT_EXCEEDED' }),
    );
    expect(() => withSecret(full, 'k0', b64('w'), 1)).not.toThrow();
  });

  it('is refused when the scope would hold more than a Secret can (1 MiB)', () => {
    const big = Buffer.alloc(128 * 1024).toString('base64');
    let contents = scope;
    for (let i = 0; i < 8; i++) contents = withSecret(contents, `k${i}`, big, 1);
    expect(() => withSecret(contents, 'k8', b64('x'), 1)).toThrow(/1 MiB/);
  });
});

describe('a missing secret', () => {
  it.each(['absent', '__proto__', 'toString'])(
    '%j is RESOURCE_DOES_NOT_EXIST to get and to delete',
    (key) => {
      const missing = expect.objectContaining({ statusCode: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' });
      expect(() => secretOf(scope, key)).toThrow(missing);
      expect(() => withoutSecret(scope, key)).toThrow(missing);
    },
  );
});

describe('deleting a secret', () => {
  it('removes its value and time', () => {
    const put = withSecret(scope, 'db', b64('one'), 1000);
    expect(withoutSecret(put, 'db')).toEqual(scope);
  });
});
