import { describe, expect, it } from 'vitest';
import { tableTabOf, tabsFor } from './table-tabs';

describe('table tabs', () => {
  it('opens the tab the URL names, Columns otherwise', () => {
    expect(tableTabOf('sample', false)).toBe('sample');
    expect(tableTabOf(null, false)).toBe('columns');
    expect(tableTabOf('nonsense', false)).toBe('columns');
  });

  it('gives views no history', () => {
    expect(tableTabOf('history', true)).toBe('columns');
    expect(tabsFor(true).map((tab) => tab.id)).toEqual(['columns', 'sample', 'details']);
  });
});
