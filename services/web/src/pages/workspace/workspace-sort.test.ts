import { describe, expect, it } from 'vitest';
import { sortObjects } from './workspace-sort';

describe('sorting a folder', () => {
  it('puts folders first, then names in natural order', () => {
    const objects = [
      { object_type: 'NOTEBOOK' as const, path: '/a10' },
      { object_type: 'FILE' as const, path: '/a2' },
      { object_type: 'DIRECTORY' as const, path: '/z' },
      { object_type: 'NOTEBOOK' as const, path: '/B' },
    ];
    expect(sortObjects(objects).map((object) => object.path)).toEqual(['/z', '/a2', '/a10', '/B']);
  });
});
