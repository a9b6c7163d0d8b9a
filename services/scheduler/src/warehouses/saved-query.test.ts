import type { QueryResource } from '@brickyard/common/crd';
import { describe, expect, it } from 'vitest';
import { parameterValue, savedQueryObservation } from './saved-query.js';

function query(spec: Partial<QueryResource['spec']>): QueryResource {
  return {
    apiVersion: 'brickyard.dev/v1alpha1',
    kind: 'Query',
    metadata: { name: 'q1', namespace: 'brickyard-ws-1' },
    spec: {
      displayName: 'revenue',
      queryText: 'SELECT 1',
      ownerUserName: 'ada@example.com',
      lifecycleState: 'ACTIVE',
      createTime: '2026-01-01T00:00:00.000Z',
      updateTime: '2026-01-01T00:00:00.000Z',
      ...spec,
    },
  };
}

describe('the value of a query parameter', () => {
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['text', { name: 'a', text_value: { value: 'x' } }, 'x'],
    ['a number', { name: 'a', numeric_value: { value: 2.5 } }, '2.5'],
    ['a dropdown', { name: 'a', enum_value: { values: ['eu', 'us'] } }, 'eu'],
    [
      'a multi-value dropdown',
      {
        name: 'a',
        enum_value: {
          values: ['eu', 'us'],
          multi_values_options: { prefix: "'", suffix: "'", separator: ',' },
        },
      },
      "'eu','us'",
    ],
    ['a date', { name: 'a', date_value: { date_value: '2026-01-31' } }, '2026-01-31'],
    ['nothing', { name: 'a', title: 'A' }, undefined],
  ])('of %s', (_case, parameter, value) => {
    expect(parameterValue(parameter)).toBe(value);
  });
});

describe('a saved query as a sql_task runs it', () => {
  it('carries its text, catalog, schema and parameter values', () => {
    const observed = savedQueryObservation(
      'q1',
      query({
        catalog: 'main',
        schema: 'sales',
        parameters: [{ name: 'n', text_value: { value: '3' } }],
      }),
    );
    expect(observed).toEqual({
      found: true,
      query: {
        query_id: 'q1',
        query_text: 'SELECT 1',
        catalog: 'main',
        schema: 'sales',
        parameters: { n: '3' },
      },
    });
  });

  it.each<[string, QueryResource | undefined, string]>([
    ['a missing query', undefined, 'Query q1 does not exist.'],
    ['a trashed query', query({ lifecycleState: 'TRASHED' }), 'Query q1 is in the trash and cannot be run.'],
  ])('is refused for %s', (_case, resource, message) => {
    expect(savedQueryObservation('q1', resource)).toEqual({ found: false, message });
  });
});
