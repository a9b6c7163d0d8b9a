import { describe, expect, it } from 'vitest';
import { namePattern } from './name-pattern.js';

describe('the name patterns of metadata calls', () => {
  it.each([
    [undefined, 'anything', true],
    ['', 'anything', true],
    ['%', 'anything', true],
    ['*', 'anything', true],
    ['sales', 'SALES', true],
    ['sales', 'sales2', false],
    ['sal%', 'sales', true],
    ['s_les', 'sales', true],
    ['s_les', 'sles', false],
    ['my\\_table', 'my_table', true],
    ['my\\_table', 'myXtable', false],
    ['a.b', 'aXb', false],
    ['(x)', '(x)', true],
  ])('%s matches %s: %s', (pattern, name, matches) => {
    expect(namePattern(pattern)(name)).toBe(matches);
  });
});
