import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { effectiveLevel, type Grant } from './effective-level.js';
import { isAtLeast, levelWords, rulesOf } from './object-types.js';

function principal(userName: string, extra: Partial<Principal> = {}): Principal {
  return {
    tokenId: 't',
    userName,
    userId: 1,
    kind: 'user',
    isAdmin: false,
    isAccountAdmin: false,
    groups: ['users'],
    ...extra,
  };
}

const clusters = rulesOf('clusters');
const jobs = rulesOf('jobs');

describe('effectiveLevel', () => {
  it.each<[string, Principal, Grant[], string | undefined, string | undefined]>([
    ['a stranger holds nothing', principal('eve'), [], 'ada', undefined],
    ['the creator of a cluster holds CAN_MANAGE', principal('ada'), [], 'ada', 'CAN_MANAGE'],
    ['user names match in any case', principal('Ada@x'), [], 'ada@X', 'CAN_MANAGE'],
    ['an admin holds CAN_MANAGE', principal('root', { isAdmin: true }), [], 'ada', 'CAN_MANAGE'],
    [
      'a user grant counts',
      principal('bob'),
      [{ user_name: 'bob', permission_level: 'CAN_RESTART' }],
      'ada',
      'CAN_RESTART',
    ],
    [
      'a group grant counts for its members',
      principal('bob', { groups: ['users', 'data'] }),
      [{ group_name: 'data', permission_level: 'CAN_ATTACH_TO' }],
      'ada',
      'CAN_ATTACH_TO',
    ],
    [
      'the strongest of several grants wins',
      principal('bob'),
      [
        { group_name: 'users', permission_level: 'CAN_ATTACH_TO' },
        { user_name: 'bob', permission_level: 'CAN_MANAGE' },
      ],
      'ada',
      'CAN_MANAGE',
    ],
    [
      'a user grant does not apply to a service principal of the same name',
      principal('bot', { kind: 'service-principal' }),
      [{ user_name: 'bot', permission_level: 'CAN_MANAGE' }],
      'ada',
      undefined,
    ],
    [
      'a service principal grant applies to it',
      principal('bot', { kind: 'service-principal' }),
      [{ service_principal_name: 'bot', permission_level: 'CAN_RESTART' }],
      'ada',
      'CAN_RESTART',
    ],
  ])('on a cluster, %s', (_case, who, grants, owner, expected) => {
    expect(effectiveLevel(clusters, who, grants, owner)).toBe(expected);
  });

  it('gives the owner of a job IS_OWNER, above what an admin holds', () => {
    expect(effectiveLevel(jobs, principal('ada', { isAdmin: true }), [], 'ada')).toBe('IS_OWNER');
    expect(effectiveLevel(jobs, principal('root', { isAdmin: true }), [], 'ada')).toBe('CAN_MANAGE');
  });
});

describe('isAtLeast', () => {
  it.each<[string | undefined, string, boolean]>([
    ['CAN_MANAGE', 'CAN_ATTACH_TO', true],
    ['CAN_RESTART', 'CAN_RESTART', true],
    ['CAN_ATTACH_TO', 'CAN_RESTART', false],
    [undefined, 'CAN_ATTACH_TO', false],
  ])('%s is at least %s on a cluster: %s', (held, needed, expected) => {
    expect(isAtLeast(clusters, held, needed)).toBe(expected);
  });
});

it('words levels as Databricks messages do', () => {
  expect(levelWords('CAN_ATTACH_TO')).toBe('Can Attach To');
});
