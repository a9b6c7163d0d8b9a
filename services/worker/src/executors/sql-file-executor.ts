import type { Task } from '@brickyard/common/schema';
import type { ExecutionResult } from '../task-types.js';
import { loadWorkspaceSource } from '../workspace-files.js';
import type { ExecutionEnv } from './execution-env.js';
import { runSqlScripts } from './sql-runner.js';

type SqlTask = NonNullable<Task['sql_task']>;

/**
 * sql_task with a file: the script runs on Spark SQL (DuckDB on a runtime without Spark);
 * `{{name}}` takes the value of sql_task parameters, overridden by job and run parameters. Saved
 * queries, dashboards and alerts need a SQL warehouse the runtime does not have.
 */
export async function executeSqlTask(task: SqlTask, env: ExecutionEnv): Promise<ExecutionResult> {
  if (!task.file) {
    const kind = task.query ? 'query' : task.dashboard ? 'dashboard' : task.alert ? 'alert' : undefined;
    return {
      result: 'FAILED',
      error: kind
        ? `sql_task.${kind} is not supported by the Brickyard runtime yet; use sql_task.file.`
        : 'sql_task needs a file ({"file": {"path": ...}}).',
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
  const parameters = { ...task.parameters, ...env.parameters };
  return runSqlScripts(env, [{ label: source.path, source: source.text }], parameters);
}
