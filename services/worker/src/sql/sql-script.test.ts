import { describe, expect, it } from 'vitest';
import { parseWidgetStatement, planStatement, prepareScript } from './sql-script.js';

describe('parseWidgetStatement', () => {
  it.each([
    [
      "CREATE WIDGET TEXT day DEFAULT '2024-01-01'",
      { action: 'create', name: 'day', defaultValue: '2024-01-01' },
    ],
    [
      "create widget dropdown `my w` default 'a''b' choices select 1",
      { action: 'create', name: 'my w', defaultValue: "a'b" },
    ],
    ['-- note\nCREATE WIDGET TEXT x', { action: 'create', name: 'x', defaultValue: '' }],
    ['REMOVE WIDGET day', { action: 'remove', name: 'day' }],
    ['CREATE TABLE widget (x INT)', undefined],
  ])('reads %s', (statement, expected) => {
    expect(parseWidgetStatement(statement)).toEqual(expected);
  });
});

describe('planStatement', () => {
  it('applies a widget statement to the defaults and runs nothing', () => {
    const defaults = new Map([['old', '1']]);
    expect(planStatement("CREATE WIDGET TEXT day DEFAULT 'mon'", {}, defaults)).toBeUndefined();
    expect(planStatement('REMOVE WIDGET old', {}, defaults)).toBeUndefined();
    expect([...defaults]).toEqual([['day', 'mon']]);
  });

  it('substitutes parameters over widget defaults', () => {
    const defaults = new Map([
      ['day', 'mon'],
      ['n', '1'],
    ]);
    expect(planStatement("SELECT '{{day}}', {{n}}", { n: '2' }, defaults)).toEqual({
      sql: "SELECT 'mon', 2",
    });
  });

  it('says which parameters have no value instead of throwing', () => {
    expect(planStatement('SELECT {{a}}, {{b}}', {}, new Map())).toEqual({
      error: expect.stringMatching(/^no value for parameters 'a', 'b'/),
    });
  });
});

describe('prepareScript', () => {
  it('keeps statement positions, widget statements counted but dropped', () => {
    const prepared = prepareScript(
      "CREATE WIDGET TEXT t DEFAULT 'x';\nSELECT * FROM {{t}};\n-- only a comment;\nSELECT {{missing}}",
      {},
      new Map(),
    );
    expect(prepared).toEqual([
      { index: 1, written: 'SELECT * FROM {{t}}', sql: 'SELECT * FROM x' },
      {
        index: 2,
        written: '-- only a comment;\nSELECT {{missing}}',
        error: expect.stringContaining("'missing'"),
      },
    ]);
  });

  it('lets later scripts see the widgets an earlier one made', () => {
    const defaults = new Map<string, string>();
    prepareScript("CREATE WIDGET TEXT t DEFAULT 'x'", {}, defaults);
    expect(prepareScript('SELECT {{t}}', {}, defaults)).toEqual([
      { index: 0, written: 'SELECT {{t}}', sql: 'SELECT x' },
    ]);
  });
});
