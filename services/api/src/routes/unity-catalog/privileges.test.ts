import { describe, expect, it } from 'vitest';
import type { Principal } from '../../auth/principal.js';
import { holds, type Securable } from './privileges.js';

const ada: Principal = {
  tokenId: 't',
  userName: 'ada@example.com',
  userId: 1,
  kind: 'user',
  isAdmin: false,
  isAccountAdmin: false,
  groups: ['users', 'analysts'],
};

const catalog = (extra: Partial<Securable> = {}): Securable => ({ owner: 'root', ...extra });

describe('holds', () => {
  it.each<[string, Securable[], boolean]>([
    ['nothing is held without a grant', [catalog(), catalog(), catalog()], false],
    ['the owner of the object holds it', [catalog(), catalog(), catalog({ owner: 'ada@example.com' })], true],
    [
      'the owner of the catalog holds it on a table inside',
      [catalog({ owner: 'ADA@example.com' }), catalog(), catalog()],
      true,
    ],
    [
      'a group owning the schema counts for members',
      [catalog(), catalog({ owner: 'analysts' }), catalog()],
      true,
    ],
    [
      'a grant on the table to the user',
      [
        catalog(),
        catalog(),
        catalog({ privilegeAssignments: [{ principal: 'ada@example.com', privileges: ['SELECT'] }] }),
      ],
      true,
    ],
    [
      'a grant on the catalog is inherited by its tables',
      [
        catalog({ privilegeAssignments: [{ principal: 'analysts', privileges: ['SELECT'] }] }),
        catalog(),
        catalog(),
      ],
      true,
    ],
    [
      'ALL_PRIVILEGES holds SELECT',
      [
        catalog(),
        catalog({ privilegeAssignments: [{ principal: 'account users', privileges: ['ALL_PRIVILEGES'] }] }),
        catalog(),
      ],
      true,
    ],
    [
      'another privilege is not SELECT',
      [
        catalog(),
        catalog(),
        catalog({ privilegeAssignments: [{ principal: 'ada@example.com', privileges: ['MODIFY'] }] }),
      ],
      false,
    ],
    [
      "another user's grant is not hers",
      [
        catalog(),
        catalog(),
        catalog({ privilegeAssignments: [{ principal: 'bob@example.com', privileges: ['SELECT'] }] }),
      ],
      false,
    ],
  ])('SELECT on a table: %s', (_case, chain, expected) => {
    expect(holds(ada, chain, 'SELECT')).toBe(expected);
  });

  it('lets a workspace admin hold everything', () => {
    expect(holds({ ...ada, isAdmin: true }, [catalog()], 'MODIFY')).toBe(true);
  });
});
