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
