import { describe, expect, it } from 'vitest';
import { fullNameParts, objectName } from './names.js';

describe('objectName', () => {
  it.each([
    ['Sales', 'sales'],
    ['my-table_1', 'my-table_1'],
    ['ÜBER', 'über'],
  ])('stores %s as %s', (raw, stored) => {
    expect(objectName(raw, 'table')).toBe(stored);
  });

  it.each([
    ['', /must not be empty/],
    ['a.b', /periods/],
    ['a b', /spaces/],
    ['a/b', /slashes/],
    ['a\u0001b', /control characters/],
    ['x'.repeat(256), /longer than 255/],
  ])('refuses %j', (raw, message) => {
    expect(() => objectName(raw, 'table')).toThrow(message);
  });
});

describe('fullNameParts', () => {
  it('splits and lower-cases each part', () => {
    expect(fullNameParts('Main.Default.Orders', 3, 'table')).toEqual(['main', 'default', 'orders']);
    expect(fullNameParts('main.Default', 2, 'schema')).toEqual(['main', 'default']);
  });

  it.each([
    ['main', 2],
    ['main.default.orders', 2],
    ['main.default', 3],
    ['main..orders', 3],
  ] as const)('refuses %s as a name of %i parts', (fullName, parts) => {
    expect(() => fullNameParts(fullName, parts, 'table')).toThrow(/table/);
  });
});
