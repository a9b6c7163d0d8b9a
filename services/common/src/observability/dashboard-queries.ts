/**
 * The PromQL a Grafana dashboard runs: every target of every panel (rows included, collapsed or
 * not) with its template variables filled in the way Grafana's Prometheus datasource fills them.
 * Pure, so a test can evaluate each expression against a real Prometheus.
 */

/** The value Grafana stores for a variable set to "All". */
export const ALL = '$__all';

/** Grafana's built-in interval variables, at what a one-hour dashboard with 2 s scrapes uses. */
export const DEFAULT_INTERVALS: Readonly<Record<string, string>> = {
  __interval: '15s',
  __interval_ms: '15000',
  __rate_interval: '1m',
  __range: '1h',
  __range_s: '3600',
  __range_ms: '3600000',
};

export type VariableValue = string | readonly string[];
export type VariableValues = Readonly<Record<string, VariableValue>>;

export interface TemplateVariable {
  name: string;
  type: string;
  /** The query of a query variable, e.g. `label_values(metric{a="$b"}, label)`. */
  query: string | undefined;
  includeAll: boolean;
  allValue: string | undefined;
}

export interface PanelQuery {
  /** Titles from the dashboard down: `Row / Panel`. */
  panel: string;
  refId: string;
  expr: string;
}

interface TargetJson {
  refId?: string;
  expr?: string;
  hide?: boolean;
}

interface PanelJson {
  title?: string;
  type?: string;
  /** The panels of a collapsed row. */
  panels?: PanelJson[];
  targets?: TargetJson[];
}

interface VariableJson {
  name?: string;
  type?: string;
  query?: string | { query?: string };
  includeAll?: boolean;
  allValue?: string | null;
}

interface DashboardJson {
  panels?: PanelJson[];
  templating?: { list?: VariableJson[] };
}

function asDashboard(json: unknown): DashboardJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new Error('a dashboard is a JSON object');
  return json as DashboardJson;
}

export function templateVariables(dashboard: unknown): TemplateVariable[] {
  return (asDashboard(dashboard).templating?.list ?? []).map((variable) => {
    const query = typeof variable.query === 'object' ? variable.query.query : variable.query;
    return {
      name: variable.name ?? '',
      type: variable.type ?? '',
      query: query || undefined,
      includeAll: variable.includeAll === true,
      allValue: variable.allValue ?? undefined,
    };
  });
}

/** `label_values(label)` or `label_values(selector, label)`; undefined for any other query. */
export function parseLabelValuesQuery(query: string): { label: string; match?: string } | undefined {
  const found = /^\s*label_values\(\s*(?:(.*\S)\s*,\s*)?(\w+)\s*\)\s*$/s.exec(query);
  if (!found?.[2]) return undefined;
  return found[1] === undefined ? { label: found[2] } : { label: found[2], match: found[1] };
}

// In a PromQL string literal a regex backslash is written twice.
const escapeRegex = (value: string): string => value.replace(/[\\$^*+?.()|[\]{}]/g, '\\\\$&');

function format(value: VariableValue, how: string | undefined, name: string): string {
  const values = typeof value === 'string' ? [value] : value;
  switch (how) {
    case undefined:
      return typeof value === 'string' ? value : `(${values.map(escapeRegex).join('|')})`;
    case 'raw':
      return values.join(',');
    case 'regex':
      return values.length === 1 ? escapeRegex(values[0] ?? '') : `(${values.map(escapeRegex).join('|')})`;
    case 'pipe':
      return values.join('|');
    case 'csv':
      return values.join(',');
    default:
      throw new Error(`variable ${name}: unsupported format ${how}`);
  }
}

// $name, [[name]], [[name:format]], ${name}, ${name:format}: Grafana's variable syntaxes.
const REFERENCE = /\$(\w+)|\[\[(\w+)(?::(\w+))?\]\]|\$\{(\w+)(?::([^}]+))?\}/g;

/**
 * Fills in the variables that `values` names (others, like `$1` in label_replace, stay as they
 * are). A variable set to ALL becomes its allValue, unformatted, as in Grafana.
 */
export function interpolate(
  text: string,
  variables: readonly TemplateVariable[],
  values: VariableValues,
): string {
  return text.replace(
    REFERENCE,
    (
      whole,
      plain?: string,
      bracket?: string,
      bracketFormat?: string,
      braced?: string,
      bracedFormat?: string,
    ) => {
      const name = plain ?? bracket ?? braced ?? '';
      const value = values[name];
      if (value === undefined) return whole;
      if (value === ALL) {
        const allValue = variables.find((variable) => variable.name === name)?.allValue;
        if (allValue === undefined) throw new Error(`variable ${name} is All but has no allValue`);
        return allValue;
      }
      return format(value, bracketFormat ?? bracedFormat, name);
    },
  );
}

interface PanelTarget {
  panel: string;
  target: TargetJson;
}

function* targetsOf(panel: PanelJson, row: string | undefined): Generator<PanelTarget> {
  const title = panel.title ?? '(untitled)';
  const name = row === undefined ? title : `${row} / ${title}`;
  for (const target of panel.targets ?? []) yield { panel: name, target };
}

// A row holds its panels while collapsed; an expanded row is followed by them at the top level.
function* dashboardTargets(dashboard: DashboardJson): Generator<PanelTarget> {
  let row: string | undefined;
  for (const panel of dashboard.panels ?? []) {
    if (panel.type !== 'row') {
      yield* targetsOf(panel, row);
      continue;
    }
    row = panel.title ?? '(untitled row)';
    for (const child of panel.panels ?? []) yield* targetsOf(child, row);
  }
}

/** Every visible PromQL target of the dashboard, interpolated with DEFAULT_INTERVALS and `values`. */
export function panelQueries(dashboard: unknown, values: VariableValues): PanelQuery[] {
  const variables = templateVariables(dashboard);
  const all = { ...DEFAULT_INTERVALS, ...values };
  const queries: PanelQuery[] = [];
  for (const { panel, target } of dashboardTargets(asDashboard(dashboard))) {
    if (target.hide === true || !target.expr) continue;
    queries.push({ panel, refId: target.refId ?? '', expr: interpolate(target.expr, variables, all) });
  }
  return queries;
}
