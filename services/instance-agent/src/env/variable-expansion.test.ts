import { describe, expect, it } from 'vitest';
import { expandVariables } from './variable-expansion.js';

describe('expandVariables', () => {
  const variables = { NAME: 'world', EMPTY: '' };
  it.each([
    { text: 'hello $(NAME)', expected: 'hello world', sentence: 'a defined variable is replaced' },
    { text: '$(MISSING)/x', expected: '$(MISSING)/x', sentence: 'an undefined variable stays as written' },
    { text: '$$(NAME)', expected: '$(NAME)', sentence: 'a doubled dollar escapes the reference' },
    { text: 'a$(EMPTY)b', expected: 'ab', sentence: 'an empty value is still a value' },
    {
      text: 'cost $5 $(NAME',
      expected: 'cost $5 $(NAME',
      sentence: 'stray dollars and open references are literal',
    },
    { text: 'end$', expected: 'end$', sentence: 'a trailing dollar is literal' },
  ])('$sentence', ({ text, expected }) => {
    expect(expandVariables(text, variables)).toBe(expected);
  });
});
