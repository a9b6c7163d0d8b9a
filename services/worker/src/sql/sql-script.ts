import { splitStatements } from './sql-lexer.js';
import { MissingParameterError, substituteParameters } from './sql-parameters.js';

/**
 * A SQL script (a %sql cell, a SQL file) as the statements an engine runs, whichever engine it is
 * (DuckDB here, Spark SQL in the Python driver): split at semicolons, the Databricks widget
 * statements taken out and applied, `{{name}}` references substituted.
 */
export type WidgetStatement =
  | { action: 'create'; name: string; defaultValue: string }
  | { action: 'remove'; name: string };

/**
 * The Databricks SQL widget statements, which neither engine knows:
 * CREATE WIDGET {TEXT|DROPDOWN|COMBOBOX|MULTISELECT} name [DEFAULT 'value'] [CHOICES ...] and
 * REMOVE WIDGET name. A created widget's default is a '{{name}}' parameter value.
 */
export function parseWidgetStatement(statement: string): WidgetStatement | undefined {
  const body = statement.replace(/^(\s*(--[^\n]*\n|\/\*[\s\S]*?\*\/))*\s*/, '');
  const create =
    /^CREATE\s+WIDGET\s+(?:TEXT|DROPDOWN|COMBOBOX|MULTISELECT)\s+(`[^`]+`|[\w.]+)(?:\s+DEFAULT\s+'((?:[^']|'')*)')?/i.exec(
      body,
    );
  const unquote = (name: string) => name.replace(/^`|`$/g, '');
  if (create) {
    return {
      action: 'create',
      name: unquote(create[1] as string),
      defaultValue: (create[2] ?? '').replaceAll("''", "'"),
    };
  }
  const remove = /^REMOVE\s+WIDGET\s+(`[^`]+`|[\w.]+)\s*$/i.exec(body);
  if (remove) return { action: 'remove', name: unquote(remove[1] as string) };
  return undefined;
}

/** A statement to run (`sql`), or why it cannot run (`error`: a parameter without a value). */
export type PlannedStatement = { sql: string } | { error: string };

/**
 * What to run for one written statement: undefined for a widget statement, which updates
 * `widgetDefaults` instead; otherwise the statement with its parameters substituted, `parameters`
 * winning over the widget defaults.
 */
export function planStatement(
  written: string,
  parameters: Readonly<Record<string, string>>,
  widgetDefaults: Map<string, string>,
): PlannedStatement | undefined {
  const widget = parseWidgetStatement(written);
  if (widget) {
    if (widget.action === 'create') widgetDefaults.set(widget.name, widget.defaultValue);
    else widgetDefaults.delete(widget.name);
    return undefined;
  }
  try {
    return { sql: substituteParameters(written, { ...Object.fromEntries(widgetDefaults), ...parameters }) };
  } catch (error) {
    if (error instanceof MissingParameterError) return { error: error.message };
    throw error;
  }
}

export interface PreparedStatement {
  /** Position among the script's statements (widget statements count), from 0. */
  index: number;
  /** As written, for error reports. */
  written: string;
  sql?: string;
  error?: string;
}

/** Every statement of a script planned at once, for an engine that runs them elsewhere. */
export function prepareScript(
  sql: string,
  parameters: Readonly<Record<string, string>>,
  widgetDefaults: Map<string, string>,
): PreparedStatement[] {
  const prepared: PreparedStatement[] = [];
  for (const [index, written] of splitStatements(sql).entries()) {
    const planned = planStatement(written, parameters, widgetDefaults);
    if (planned) prepared.push({ index, written, ...planned });
  }
  return prepared;
}
