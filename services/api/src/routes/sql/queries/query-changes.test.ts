import type { QuerySpec } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../../errors/databricks-error.js';
import { createdQuerySpec, maskedFields, resolveDisplayName, updatedQuerySpec } from './query-changes.js';

const T1 = new Date('2026-03-01T10:00:00.000Z');
const T2 = new Date('2026-03-02T10:00:00.000Z');

function errorOf(action: () => unknown): DatabricksError {
  try {
    action();
  } catch (error) {
    if (error instanceof DatabricksError) return error;
    throw error;
  }
  throw new Error('expected a DatabricksError');
}

describe('a created query', () => {
  it('is ACTIVE, owned by its creator, with its times', () => {
    expect(createdQuerySpec({ display_name: 'revenue', query_text: 'SELECT 1' }, 'ada', T1)).toEqual({
      display_name: 'revenue',
      query_text: 'SELECT 1',
      owner_user_name: 'ada',
      last_modifier_user_name: 'ada',
      lifecycle_state: 'ACTIVE',
      create_time: '2026-03-01T10:00:00.000Z',
      update_time: '2026-03-01T10:00:00.000Z',
    });
  });

  it('needs a display name', () => {
    expect(errorOf(() => createdQuerySpec({ query_text: 'SELECT 1' }, 'ada', T1)).message).toMatch(
      /display_name must be a non-empty string/,
    );
  });
});

describe('update_mask', () => {
  it.each<[string, string[]]>([
    ['query_text', ['query_text']],
    ['display_name,warehouse_id', ['display_name', 'warehouse_id']],
    ['*', expect.arrayContaining(['query_text', 'catalog', 'schema']) as unknown as string[]],
  ])('%s names %j', (mask, fields) => {
    expect(maskedFields(mask)).toEqual(fields);
  });

  it.each(['', 'id', 'create_time', 'query_text,lifecycle_state'])('refuses %j', (mask) => {
    const error = errorOf(() => maskedFields(mask));
    expect([error.statusCode, error.errorCode]).toEqual([400, 'INVALID_PARAMETER_VALUE']);
  });
});

describe('an updated query', () => {
  const current: QuerySpec = {
    ...createdQuerySpec({ display_name: 'revenue', query_text: 'SELECT 1', catalog: 'main' }, 'ada', T1),
  };

  it('takes the masked fields only, and clears a masked field the change leaves out', () => {
    const updated = updatedQuerySpec(
      current,
      { query_text: 'SELECT 2', display_name: 'ignored' },
      ['query_text', 'catalog'],
      'bob',
      T2,
    );
    expect(updated).toEqual({
      ...current,
      query_text: 'SELECT 2',
      catalog: undefined,
      last_modifier_user_name: 'bob',
      update_time: '2026-03-02T10:00:00.000Z',
    });
    expect('catalog' in updated).toBe(false);
  });
});

describe('display names', () => {
  const taken = new Set(['revenue', 'revenue (1)']);

  it('are kept when free', () => {
    expect(resolveDisplayName('costs', taken, false)).toBe('costs');
  });

  it('are made free with auto_resolve_display_name', () => {
    expect(resolveDisplayName('revenue', taken, true)).toBe('revenue (2)');
  });

  it('conflict otherwise', () => {
    const error = errorOf(() => resolveDisplayName('revenue', taken, false));
    expect([error.statusCode, error.errorCode]).toEqual([409, 'RESOURCE_ALREADY_EXISTS']);
  });
});
