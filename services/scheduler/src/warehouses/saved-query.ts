import type { QueryResource } from '@brickyard/common/crd';
import type { DispatchedSqlQuery } from '@brickyard/common/tasks';
import type { SavedQueryObservation } from '../runs/observations.js';

/**
 * A saved query as a sql_task runs it: its text, catalog and schema, and the value of each of its
 * parameters (`{{name}}` in the text), which the task's parameters may override. A trashed query
 * cannot be run, as on Databricks.
 */

type Parameter = Record<string, unknown>;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A multi-value dropdown's values: each quoted with the options' prefix and suffix, then joined. */
function enumValue(value: Record<string, unknown>): string | undefined {
  const values = Array.isArray(value.values) ? value.values.map(String) : [];
  if (values.length === 0) return undefined;
  const options = record(value.multi_values_options);
  if (!options) return values[0];
  const prefix = typeof options.prefix === 'string' ? options.prefix : '';
  const suffix = typeof options.suffix === 'string' ? options.suffix : '';
  const separator = typeof options.separator === 'string' ? options.separator : ',';
  return values.map((item) => `${prefix}${item}${suffix}`).join(separator);
}

/** The value a parameter holds (text, number, dropdown, date), if it holds one. */
export function parameterValue(parameter: Parameter): string | undefined {
  const text = record(parameter.text_value);
  if (text && text.value !== undefined) return String(text.value);
  const numeric = record(parameter.numeric_value);
  if (numeric && numeric.value !== undefined) return String(numeric.value);
  const choice = record(parameter.enum_value) ?? record(parameter.query_backed_value);
  if (choice) return enumValue(choice);
  const date = record(parameter.date_value);
  if (date && typeof date.date_value === 'string') return date.date_value;
  return undefined;
}

export function savedQueryObservation(
  queryId: string,
  resource: QueryResource | undefined,
): SavedQueryObservation {
  if (!resource || resource.metadata.deletionTimestamp) {
    return { found: false, message: `Query ${queryId} does not exist.` };
  }
  const { spec } = resource;
  if (spec.lifecycleState === 'TRASHED') {
    return { found: false, message: `Query ${queryId} is in the trash and cannot be run.` };
  }
  const parameters: Record<string, string> = {};
  for (const parameter of (spec.parameters ?? []) as Parameter[]) {
    const value = parameterValue(parameter);
    if (typeof parameter.name === 'string' && value !== undefined) parameters[parameter.name] = value;
  }
  const query: DispatchedSqlQuery = {
    query_id: queryId,
    query_text: spec.queryText ?? '',
    ...(spec.catalog ? { catalog: spec.catalog } : {}),
    ...(spec.schema ? { schema: spec.schema } : {}),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
  };
  return { found: true, query };
}
