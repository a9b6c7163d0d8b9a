import { describe, expect, it } from 'vitest';
import { outputOf, runnableLanguage } from './cell-output';

describe('cell outputs', () => {
  it('runs code cells in their language, not Markdown or shell magics', () => {
    expect(runnableLanguage({ kind: 'code', language: 'sql', source: 'SELECT 1' })).toBe('sql');
    expect(runnableLanguage({ kind: 'markdown', language: 'markdown', source: '# x' })).toBeUndefined();
    expect(runnableLanguage({ kind: 'code', language: 'sh', source: 'ls' })).toBeUndefined();
  });

  it('reads text, tables and errors', () => {
    expect(outputOf({ resultType: 'text', data: 'hello' })).toEqual({ kind: 'text', text: 'hello' });
    expect(
      outputOf({
        resultType: 'table',
        data: [[1, null, { a: 1 }]],
        schema: [{ name: 'n' }, { name: 'm' }, {}],
      }),
    ).toEqual({
      kind: 'table',
      columns: ['n', 'm', '_c2'],
      rows: [['1', 'null', '{"a":1}']],
      truncated: false,
    });
    expect(outputOf({ resultType: 'error', summary: 'NameError', cause: 'Traceback' })).toEqual({
      kind: 'error',
      summary: 'NameError',
      cause: 'Traceback',
    });
    expect(outputOf({ resultType: 'image', data: 'x.png' })).toEqual({ kind: 'unsupported', what: 'image' });
    expect(outputOf(undefined)).toEqual({ kind: 'text', text: '' });
  });
});
