import { describe, expect, it } from 'vitest';
import {
  catalogUrl,
  dbfsAncestors,
  dbfsPathOfSplat,
  dbfsUrl,
  qualifiedName,
  quoteIdentifier,
} from './catalog-paths';

describe('catalog paths', () => {
  it('builds page URLs with each name encoded', () => {
    expect(catalogUrl()).toBe('/catalog');
    expect(catalogUrl('main', 'my schema', 'a/b')).toBe('/catalog/main/my%20schema/a%2Fb');
  });

  it('maps DBFS paths to URLs and back', () => {
    expect(dbfsUrl('/')).toBe('/catalog/dbfs');
    expect(dbfsUrl('/FileStore/a b.csv')).toBe('/catalog/dbfs/FileStore/a%20b.csv');
    expect(dbfsPathOfSplat('FileStore/x/')).toBe('/FileStore/x');
    expect(dbfsPathOfSplat(undefined)).toBe('/');
    expect(dbfsAncestors('/a/b')).toEqual([
      { path: '/', name: 'DBFS' },
      { path: '/a', name: 'a' },
      { path: '/a/b', name: 'b' },
    ]);
  });

  it('quotes names for SQL', () => {
    expect(quoteIdentifier('we`ird')).toBe('`we``ird`');
    expect(qualifiedName('main', 'default', 'trips')).toBe('`main`.`default`.`trips`');
  });
});
