import { describe, expect, it } from 'vitest';
import {
  type AclItem,
  aclOf,
  assertPermitted,
  permissionOf,
  type SecretPermission,
  withAcl,
  withoutAcl,
} from './secret-acls.js';

const ada = { userName: 'ada@example.com', groups: ['users', 'analysts'], isAdmin: false };
const admin = { userName: 'root@example.com', groups: ['users', 'admins'], isAdmin: true };

describe("a caller's permission on a scope", () => {
  it.each<[string, AclItem[], SecretPermission | undefined]>([
    [
      'is none without an ACL that names them or their groups',
      [{ principal: 'bob', permission: 'MANAGE' }],
      undefined,
    ],
    ["is their user's ACL", [{ principal: 'ada@example.com', permission: 'READ' }], 'READ'],
    ["is a group's ACL", [{ principal: 'analysts', permission: 'WRITE' }], 'WRITE'],
    ['is the ACL of users, which everyone is in', [{ principal: 'users', permission: 'MANAGE' }], 'MANAGE'],
    [
      'is the strongest of the ACLs that apply',
      [
        { principal: 'analysts', permission: 'WRITE' },
        { principal: 'ada@example.com', permission: 'READ' },
      ],
      'WRITE',
    ],
  ])('%s', (_name, acls, expected) => {
    expect(permissionOf(acls, ada)).toBe(expected);
  });

  it('is MANAGE for a workspace admin, whatever the ACLs say', () => {
    expect(permissionOf([], admin)).toBe('MANAGE');
  });
});

describe('a permission check', () => {
  const acls: AclItem[] = [{ principal: 'analysts', permission: 'WRITE' }];

  it.each<[SecretPermission, boolean]>([
    ['READ', true],
    ['WRITE', true],
    ['MANAGE', false],
  ])('for %s passes: %s (WRITE held)', (needed, passes) => {
    const check = () => assertPermitted('prod', acls, ada, needed);
    if (passes) expect(check).not.toThrow();
    else expect(check).toThrow(expect.objectContaining({ statusCode: 403, errorCode: 'PERMISSION_DENIED' }));
  });
});

describe('ACL changes', () => {
  const acls: AclItem[] = [{ principal: 'ada', permission: 'MANAGE' }];

  it("append a new principal's ACL and overwrite an existing one in place", () => {
    const added = withAcl(acls, { principal: 'analysts', permission: 'READ' });
    expect(added).toEqual([...acls, { principal: 'analysts', permission: 'READ' }]);
    expect(withAcl(added, { principal: 'ada', permission: 'READ' })[0]).toEqual({
      principal: 'ada',
      permission: 'READ',
    });
  });

  it('refuse an empty principal', () => {
    expect(() => withAcl(acls, { principal: ' ', permission: 'READ' })).toThrow(/principal/);
  });

  it("remove a principal's ACL, and refuse one the scope does not have", () => {
    expect(withoutAcl('prod', acls, 'ada')).toEqual([]);
    expect(() => withoutAcl('prod', acls, 'bob')).toThrow(
      expect.objectContaining({ statusCode: 404, errorCode: 'RESOURCE_DOES_NOT_EXIST' }),
    );
    expect(() => aclOf('prod', acls, 'bob')).toThrow(/no ACL for principal bob/);
  });
});
