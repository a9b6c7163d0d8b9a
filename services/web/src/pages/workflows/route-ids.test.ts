import { describe, expect, it } from 'vitest';
import { positiveId } from './route-ids';

describe('an id in the URL', () => {
  it.each([
    ['42', 42],
    ['0', undefined],
    ['-3', undefined],
    ['1.5', undefined],
    ['abc', undefined],
    [undefined, undefined],
  ])('%s reads as %s', (text, id) => {
    expect(positiveId(text)).toBe(id);
  });
});
