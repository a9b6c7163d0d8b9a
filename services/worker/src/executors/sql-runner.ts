import { join } from 'node:path';
import { formatTable } from '../sql/format-table.js';
import { SqlSession, SqlStatementError } from '../sql/sql-session.js';
import type { ExecutionResult } from '../task-types.js';
import type { ExecutionEnv } from './execution-env.js';
import { runPythonDriver } from './python-driver.js';

export interface SqlScript {
  /** How errors name the script: 'SQL cell 3', 'query.sql'. */
  label: string;
  source: string;
}

/** The error and trace of a failed statement, as the Python driver also reports them. */
function sqlFailure(error: SqlStatementError, label: string): ExecutionResult {
  return {
    result: 'FAILED',
    error: error.message,
    errorTrace: `Error in ${label}, statement ${error.statementIndex + 1}:\n${error.message}\n\nStatement:\n${error.statement}`,
  };
}

/**
 * Runs SQL scripts in order in one session, printing the result of each script's last query (its
 * first 20 rows) to the logs. The first failing statement fails the task. With Spark they run on
 * Spark SQL, in the Python driver: pyspark is the Spark Connect client the runtime has.
 */
export async function runSqlScripts(
  env: ExecutionEnv,
  scripts: readonly SqlScript[],
  parameters: Readonly<Record<string, string>>,
): Promise<ExecutionResult> {
  if (env.context.sparkRemote) {
    return runPythonDriver(env, { mode: 'sql', scripts: [...scripts], widgets: { ...parameters } });
  }
  const session = await SqlSession.open(env.dbfs, join(env.tempDir, 'sql'));
  const interrupt = () => session.interrupt();
  env.signal?.addEventListener('abort', interrupt, { once: true });
  try {
    for (const script of scripts) {
      try {
        const result = await session.runScript(script.source, {
          parameters,
          ...(env.signal ? { signal: env.signal } : {}),
        });
        if (result.last) env.logs.line(formatTable(result.last));
      } catch (error) {
        if (env.signal?.aborted) return { result: 'CANCELED' };
        if (error instanceof SqlStatementError) {
          const failure = sqlFailure(error, script.label);
          env.logs.line(failure.errorTrace ?? failure.error ?? '', 'stderr');
          return failure;
        }
        throw error;
      }
    }
    return { result: 'SUCCESS' };
  } finally {
    env.signal?.removeEventListener('abort', interrupt);
    await session.close();
  }
}
