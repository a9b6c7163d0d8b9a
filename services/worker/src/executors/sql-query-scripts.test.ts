import { describe, expect, it } from 'vitest';
import { dispatchedQuery, savedQueryScripts } from './sql-query-scripts.js';

describe('the scripts of a saved query', () => {
  it('are its text alone when it names no catalog or schema (the warehouse defaults apply)', () => {
    expect(savedQueryScripts({ query_id: 'q1', query_text: 'SELECT 1' })).toEqual([
      { label: 'query q1', source: 'SELECT 1' },
    ]);
  });

  it('set its catalog and schema first, quoted', () => {
    expect(
      savedQueryScripts({
        query_id: 'q1',
        query_text: 'SELECT * FROM t',
        catalog: 'main',
        schema: 'odd`name',
      }),
    ).toEqual([
      { label: 'query q1 (catalog and schema)', source: 'USE CATALOG `main`;\nUSE SCHEMA `odd``name`;' },
      { label: 'query q1', source: 'SELECT * FROM t' },
    ]);
  });
});

describe('the query the scheduler dispatched', () => {
  it.each<[string, Record<string, unknown> | undefined, boolean]>([
    ['a query with its text', { query_id: 'q1', query_text: 'SELECT 1' }, true],
    ['an id only', { query_id: 'q1' }, false],
    ['nothing', undefined, false],
  ])('is read from %s', (_case, query, found) => {
    expect(dispatchedQuery(query) !== undefined).toBe(found);
  });
});
