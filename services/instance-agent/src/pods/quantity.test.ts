import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity.js';

describe('parseQuantity', () => {
  it.each([
    { text: '16', value: 16, sentence: 'a plain integer is itself' },
    { text: '500m', value: 0.5, sentence: 'millicores are thousandths' },
    { text: '64Gi', value: 64 * 2 ** 30, sentence: 'binary suffixes are powers of 1024' },
    { text: '1G', value: 1e9, sentence: 'decimal suffixes are powers of 1000' },
    { text: '1e3', value: 1000, sentence: 'a decimal exponent scales by ten' },
    { text: '2E', value: 2e18, sentence: 'a bare E is the exa suffix, not an exponent' },
    { text: '1.5Ki', value: 1536, sentence: 'fractions combine with suffixes' },
    { text: '12x', value: undefined, sentence: 'an unknown suffix is not a quantity' },
    { text: '', value: undefined, sentence: 'an empty string is not a quantity' },
  ])('$sentence ($text)', ({ text, value }) => {
    expect(parseQuantity(text)).toBe(value);
  });
});
