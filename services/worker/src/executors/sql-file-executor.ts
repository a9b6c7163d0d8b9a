import type { Task } from '@brickyard/common/schema';
import type { ExecutionResult } from '../task-types.js';
import { loadWorkspaceSource } from '../workspace-files.js';
import type { ExecutionEnv } from './execution-env.js';
import { dispatchedQuery, savedQueryScripts } from './sql-query-scripts.js';
import { runSqlScripts } from './sql-runner.js';

type SqlTask = NonNullable<Task['sql_task']>;

/**
 * sql_task, on the SQL warehouse it names (the scheduler sends it to the warehouse's compute): a
 * file's script, or a saved query's text, runs on Spark SQL (DuckDB on a runtime without Spark).
 * `{{name}}` takes the value of sql_task parameters (over a saved query's own values), overridden
 * by job and run parameters. Dashboards and alerts are not run.
 */
export async function executeSqlTask(task: SqlTask, env: ExecutionEnv): Promise<ExecutionResult> {
  const parameters = { ...task.parameters, ...env.parameters };
  if (task.query) {
    const query = dispatchedQuery(task.query);
    if (!query) return { result: 'FAILED', error: `Query ${String(task.query.query_id)} could not be read.` };
    return runSqlScripts(env, savedQueryScripts(query), { ...query.parameters, ...parameters });
  }
  if (!task.file) {
    const kind = task.dashboard ? 'dashboard' : task.alert ? 'alert' : undefined;
    return {
      result: 'FAILED',
      error: kind
        ? `sql_task.${kind} is not supported by Brickyard; use sql_task.file or sql_task.query.`
        : 'sql_task needs a file ({"file": {"path": ...}}) or a query ({"query": {"query_id": ...}}).',
    };
  }
  if (task.file.source === 'GIT') {
    return {
      result: 'FAILED',
      error: 'SQL files from Git (source GIT) are not supported by the Brickyard runtime yet.',
    };
  }
  const source = await loadWorkspaceSource(env.storage, env.workspaceId, task.file.path, ['.sql']);
  if (!source) return { result: 'FAILED', error: `SQL file not found: ${task.file.path}` };
  return runSqlScripts(env, [{ label: source.path, source: source.text }], parameters);
}
