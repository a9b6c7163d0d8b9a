import { describe, expect, it } from 'vitest';
import { likeMatcher } from './like-pattern.js';

describe('likeMatcher', () => {
  it.each([
    [undefined, 'anything', true],
    ['', 'anything', true],
    ['sales%', 'sales_2024', true],
    ['sales%', 'old_sales', false],
    ['t_', 't1', true],
    ['t_', 't12', false],
    ['ORDERS', 'orders', true],
    ['a.b', 'axb', false],
    ['(x)', '(x)', true],
  ])('%j matches %s: %s', (pattern, name, expected) => {
    expect(likeMatcher(pattern)(name)).toBe(expected);
  });
});
