import { describe, expect, it } from 'vitest';
import { expiredTemporaryUsers, expiryOfTemporaryUser, temporaryUserName } from './temporary-user-name.js';

describe('temporary user names', () => {
  it('carry the expiry, rounded up to the second', () => {
    const name = temporaryUserName(new Date('2030-01-01T00:00:00.200Z'), Buffer.alloc(8, 0xab));
    expect(name).toBe('uc-1893456001-abababababababab');
    expect(expiryOfTemporaryUser(name)).toEqual(new Date('2030-01-01T00:00:01Z'));
  });

  it('are different for two credentials of the same second', () => {
    const at = new Date('2030-01-01T00:00:00Z');
    expect(temporaryUserName(at)).not.toBe(temporaryUserName(at));
  });

  it.each([
    'workspace-7',
    'uc-abc-0123456789abcdef',
    'uc-1893456001-short',
    'xuc-1893456001-abababababababab',
  ])('leave %j alone: it is not one of them', (name) => {
    expect(expiryOfTemporaryUser(name)).toBeUndefined();
    expect(expiredTemporaryUsers([name], new Date('2100-01-01T00:00:00Z'))).toEqual([]);
  });

  it('are due once their expiry has come, not before', () => {
    const due = 'uc-1893456000-0000000000000001';
    const later = 'uc-1893456060-0000000000000002';
    expect(expiredTemporaryUsers([due, later], new Date('2030-01-01T00:00:00Z'))).toEqual([due]);
    expect(expiredTemporaryUsers([due, later], new Date('2029-12-31T23:59:59Z'))).toEqual([]);
  });
});
