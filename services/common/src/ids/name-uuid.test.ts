import { describe, expect, it } from 'vitest';
import { nameBasedUuid } from './name-uuid.js';

describe('nameBasedUuid', () => {
  it('is a version 5 UUID of the RFC variant', () => {
    expect(nameBasedUuid('workspace-1')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('gives the same name the same id, and different names different ids', () => {
    expect(nameBasedUuid('workspace-1')).toBe(nameBasedUuid('workspace-1'));
    expect(nameBasedUuid('workspace-1')).not.toBe(nameBasedUuid('workspace-2'));
  });
});
