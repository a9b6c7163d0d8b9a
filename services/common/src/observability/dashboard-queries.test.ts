// biome-ignore-all lint/suspicious/noTemplateCurlyInString: Grafana's ${var} syntax is what these strings test
import { describe, expect, it } from 'vitest';
import {
  ALL,
  interpolate,
  panelQueries,
  parseLabelValuesQuery,
  type TemplateVariable,
  templateVariables,
  type VariableValues,
} from './dashboard-queries.js';

const variable = (name: string, allValue?: string): TemplateVariable => ({
  name,
  type: 'query',
  query: undefined,
  includeAll: allValue !== undefined,
  allValue,
});

const variables = [variable('ws', '.*'), variable('cluster'), variable('noall')];

describe('interpolate', () => {
  const cases: { name: string; text: string; values: VariableValues; expected: string }[] = [
    {
      name: '$var takes a single value as it is',
      text: 'x{a="$ws"}',
      values: { ws: '42' },
      expected: 'x{a="42"}',
    },
    { name: '${var} works inside a word', text: 'a${ws}b', values: { ws: '1' }, expected: 'a1b' },
    { name: '[[var]] is the old syntax', text: 'x{a="[[ws]]"}', values: { ws: '7' }, expected: 'x{a="7"}' },
    {
      name: '${var:regex} escapes regex characters for a PromQL string',
      text: 'x{a=~"${cluster:regex}"}',
      values: { cluster: 'a.b' },
      expected: 'x{a=~"a\\\\.b"}',
    },
    {
      name: 'several values become an alternation',
      text: 'x{a=~"$cluster"}',
      values: { cluster: ['a', 'b'] },
      expected: 'x{a=~"(a|b)"}',
    },
    {
      name: '${var:pipe} joins with pipes',
      text: '${cluster:pipe}',
      values: { cluster: ['a', 'b'] },
      expected: 'a|b',
    },
    {
      name: '[[var:csv]] joins with commas',
      text: '[[cluster:csv]]',
      values: { cluster: ['a', 'b'] },
      expected: 'a,b',
    },
    {
      name: 'All becomes the allValue, unescaped',
      text: 'x{a=~"${ws:regex}"}',
      values: { ws: ALL },
      expected: 'x{a=~".*"}',
    },
    {
      name: 'built-in intervals are ordinary values',
      text: 'rate(x[$__rate_interval]) / $__interval_ms',
      values: { __rate_interval: '1m', __interval_ms: '15000' },
      expected: 'rate(x[1m]) / 15000',
    },
    {
      name: 'names without a value stay, like $1 in label_replace',
      text: 'label_replace(x, "d", "$1", "s", "(.*)")',
      values: { ws: '1' },
      expected: 'label_replace(x, "d", "$1", "s", "(.*)")',
    },
  ];
  it.each(cases)('$name', ({ text, values, expected }) => {
    expect(interpolate(text, variables, values)).toBe(expected);
  });

  it('refuses All for a variable without an allValue', () => {
    expect(() => interpolate('$noall', variables, { noall: ALL })).toThrow(/no allValue/);
  });

  it('refuses a format it does not know', () => {
    expect(() => interpolate('${ws:percentencode}', variables, { ws: '1' })).toThrow(/unsupported format/);
  });
});

describe('parseLabelValuesQuery', () => {
  const cases: { query: string; expected: ReturnType<typeof parseLabelValuesQuery> }[] = [
    { query: 'label_values(job)', expected: { label: 'job' } },
    { query: 'label_values(up, job)', expected: { label: 'job', match: 'up' } },
    {
      query: ' label_values(m{a=~"$ws", b="x,y"}, cluster_id) ',
      expected: { label: 'cluster_id', match: 'm{a=~"$ws", b="x,y"}' },
    },
    { query: 'query_result(up)', expected: undefined },
  ];
  it.each(cases)('reads $query', ({ query, expected }) => {
    expect(parseLabelValuesQuery(query)).toEqual(expected);
  });
});

describe('a dashboard', () => {
  const dashboard = {
    templating: {
      list: [
        { name: 'datasource', type: 'datasource', query: 'prometheus' },
        {
          name: 'ws',
          type: 'query',
          query: { query: 'label_values(m, workspace_id)', refId: 'A' },
          includeAll: true,
          allValue: '.*',
        },
      ],
    },
    panels: [
      { type: 'stat', title: 'Top', targets: [{ refId: 'A', expr: 'sum(up)' }] },
      { type: 'row', title: 'Open row', collapsed: false, panels: [] },
      {
        type: 'timeseries',
        title: 'In the open row',
        targets: [
          { refId: 'A', expr: 'rate(m{workspace_id=~"$ws"}[$__rate_interval])' },
          { refId: 'B', expr: 'hidden', hide: true },
          { refId: 'C', datasource: { type: 'loki' } },
        ],
      },
      {
        type: 'row',
        title: 'Collapsed row',
        collapsed: true,
        panels: [{ type: 'stat', title: 'Nested', targets: [{ refId: 'A', expr: 'increase(m[$__range])' }] }],
      },
      { type: 'text', title: 'Notes' },
    ],
  };

  it('lists its template variables, with object queries read as their text', () => {
    expect(templateVariables(dashboard)).toEqual([
      { name: 'datasource', type: 'datasource', query: 'prometheus', includeAll: false, allValue: undefined },
      { name: 'ws', type: 'query', query: 'label_values(m, workspace_id)', includeAll: true, allValue: '.*' },
    ]);
  });

  it('yields every visible PromQL target, rows collapsed or not, filled in', () => {
    expect(panelQueries(dashboard, { ws: '12' })).toEqual([
      { panel: 'Top', refId: 'A', expr: 'sum(up)' },
      { panel: 'Open row / In the open row', refId: 'A', expr: 'rate(m{workspace_id=~"12"}[1m])' },
      { panel: 'Collapsed row / Nested', refId: 'A', expr: 'increase(m[1h])' },
    ]);
  });

  it('takes the caller’s intervals over the defaults', () => {
    const [, , nested] = panelQueries(dashboard, { ws: ALL, __range: '5m' });
    expect(nested?.expr).toBe('increase(m[5m])');
  });

  it('is a JSON object or an error', () => {
    expect(() => panelQueries([], {})).toThrow(/JSON object/);
  });
});
