import type { Task } from '../schema/job.js';

/** The task types the runtime executes (the Jobs API shapes, snake_case). */
export type ExecutableTask = Pick<
  Task,
  | 'notebook_task'
  | 'spark_python_task'
  | 'sql_task'
  | 'spark_submit_task'
  | 'spark_jar_task'
  | 'python_wheel_task'
  | 'libraries'
> & {
  task_key?: string;
};

export type TaskResult = 'SUCCESS' | 'FAILED' | 'CANCELED';

/**
 * sql_task.query as the scheduler dispatches it: the saved query (a Query resource) read at
 * dispatch, so that the runtime needs no access to the queries. `parameters` are the query's own
 * values, which sql_task parameters and run parameters override.
 */
export interface DispatchedSqlQuery {
  query_id: string;
  query_text: string;
  catalog?: string;
  schema?: string;
  parameters?: Record<string, string>;
}
