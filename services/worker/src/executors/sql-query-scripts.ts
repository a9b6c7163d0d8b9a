import type { DispatchedSqlQuery } from '@brickyard/common/tasks';
import type { SqlScript } from './sql-runner.js';

/**
 * A saved query (sql_task.query, as the scheduler dispatched it) as the scripts that run it: its
 * catalog and schema first, as the session's defaults (the warehouse's own, Unity Catalog's
 * `main`, otherwise), then its text.
 */

function quoted(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** The dispatched query, or undefined when the scheduler sent none (an id only). */
export function dispatchedQuery(
  query: Readonly<Record<string, unknown>> | undefined,
): DispatchedSqlQuery | undefined {
  if (!query || typeof query.query_id !== 'string' || typeof query.query_text !== 'string') return undefined;
  return query as unknown as DispatchedSqlQuery;
}

export function savedQueryScripts(query: DispatchedSqlQuery): SqlScript[] {
  const context = [
    ...(query.catalog ? [`USE CATALOG ${quoted(query.catalog)}`] : []),
    ...(query.schema ? [`USE SCHEMA ${quoted(query.schema)}`] : []),
  ];
  const label = `query ${query.query_id}`;
  return [
    ...(context.length > 0
      ? [{ label: `${label} (catalog and schema)`, source: `${context.join(';\n')};` }]
      : []),
    { label, source: query.query_text },
  ];
}
