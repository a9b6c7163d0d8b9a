import { type Static, Type } from 'typebox';
import { ClusterAttributes } from '../cluster-spec/schema.js';
import { Condition } from './conditions.js';
import { EpochMillis, FreeForm, StringEnum, StringMap } from './primitives.js';

/** Jobs 2.2 settings in the API's field names; the Job CRD stores them in camelCase. */

export const RUN_IF = [
  'ALL_SUCCESS',
  'ALL_DONE',
  'NONE_FAILED',
  'AT_LEAST_ONE_SUCCESS',
  'ALL_FAILED',
  'AT_LEAST_ONE_FAILED',
] as const;

const Source = StringEnum(['WORKSPACE', 'GIT']);

const TaskDependency = Type.Object({
  task_key: Type.String({ minLength: 1, maxLength: 100 }),
  outcome: Type.Optional(Type.String()),
});

const NotebookTask = Type.Object({
  notebook_path: Type.String({ minLength: 1 }),
  base_parameters: Type.Optional(StringMap()),
  source: Type.Optional(Source),
  warehouse_id: Type.Optional(Type.String()),
});

const SparkPythonTask = Type.Object({
  python_file: Type.String({ minLength: 1 }),
  parameters: Type.Optional(Type.Array(Type.String())),
  source: Type.Optional(Source),
});

const SqlTask = Type.Object({
  warehouse_id: Type.Optional(Type.String()),
  file: Type.Optional(Type.Object({ path: Type.String({ minLength: 1 }), source: Type.Optional(Source) })),
  query: Type.Optional(FreeForm()),
  dashboard: Type.Optional(FreeForm()),
  alert: Type.Optional(FreeForm()),
  parameters: Type.Optional(StringMap()),
});

export const Task = Type.Object({
  task_key: Type.String({ minLength: 1, maxLength: 100, pattern: '^[\\w\\-]+$' }),
  description: Type.Optional(Type.String()),
  depends_on: Type.Optional(Type.Array(TaskDependency)),
  run_if: Type.Optional(StringEnum(RUN_IF)),
  existing_cluster_id: Type.Optional(Type.String()),
  job_cluster_key: Type.Optional(Type.String()),
  new_cluster: Type.Optional(ClusterAttributes),
  environment_key: Type.Optional(Type.String()),
  notebook_task: Type.Optional(NotebookTask),
  spark_python_task: Type.Optional(SparkPythonTask),
  sql_task: Type.Optional(SqlTask),
  python_wheel_task: Type.Optional(FreeForm()),
  spark_jar_task: Type.Optional(FreeForm()),
  spark_submit_task: Type.Optional(FreeForm()),
  condition_task: Type.Optional(FreeForm()),
  run_job_task: Type.Optional(FreeForm()),
  pipeline_task: Type.Optional(FreeForm()),
  dbt_task: Type.Optional(FreeForm()),
  for_each_task: Type.Optional(FreeForm()),
  libraries: Type.Optional(Type.Array(FreeForm())),
  max_retries: Type.Optional(Type.Integer({ minimum: -1, description: '-1 retries without limit' })),
  min_retry_interval_millis: Type.Optional(Type.Integer({ minimum: 0 })),
  retry_on_timeout: Type.Optional(Type.Boolean()),
  timeout_seconds: Type.Optional(Type.Integer({ minimum: 0 })),
  disabled: Type.Optional(Type.Boolean()),
  email_notifications: Type.Optional(FreeForm()),
  webhook_notifications: Type.Optional(FreeForm()),
  notification_settings: Type.Optional(FreeForm()),
  health: Type.Optional(FreeForm()),
});
export type Task = Static<typeof Task>;

export const JobCluster = Type.Object({
  job_cluster_key: Type.String({ minLength: 1, maxLength: 100 }),
  new_cluster: ClusterAttributes,
});

const CronSchedule = Type.Object({
  quartz_cron_expression: Type.String({ minLength: 1 }),
  timezone_id: Type.String({ minLength: 1 }),
  pause_status: Type.Optional(StringEnum(['PAUSED', 'UNPAUSED'])),
});

const JobParameterDefinition = Type.Object({
  name: Type.String({ minLength: 1 }),
  default: Type.String(),
});

export const JobSettings = Type.Object({
  name: Type.Optional(Type.String({ maxLength: 4096 })),
  description: Type.Optional(Type.String()),
  tasks: Type.Optional(Type.Array(Task, { maxItems: 1000 })),
  job_clusters: Type.Optional(Type.Array(JobCluster, { maxItems: 100 })),
  schedule: Type.Optional(CronSchedule),
  continuous: Type.Optional(Type.Object({ pause_status: Type.Optional(StringEnum(['PAUSED', 'UNPAUSED'])) })),
  trigger: Type.Optional(FreeForm()),
  max_concurrent_runs: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  timeout_seconds: Type.Optional(Type.Integer({ minimum: 0 })),
  tags: Type.Optional(StringMap()),
  parameters: Type.Optional(Type.Array(JobParameterDefinition)),
  queue: Type.Optional(Type.Object({ enabled: Type.Boolean() })),
  run_as: Type.Optional(FreeForm()),
  git_source: Type.Optional(FreeForm()),
  environments: Type.Optional(Type.Array(FreeForm())),
  email_notifications: Type.Optional(FreeForm()),
  webhook_notifications: Type.Optional(FreeForm()),
  notification_settings: Type.Optional(FreeForm()),
  health: Type.Optional(FreeForm()),
  deployment: Type.Optional(FreeForm()),
  edit_mode: Type.Optional(Type.String()),
  format: Type.Optional(Type.String()),
  budget_policy_id: Type.Optional(Type.String()),
  performance_target: Type.Optional(Type.String()),
});
export type JobSettings = Static<typeof JobSettings>;

/** The Job resource's spec. */
export const JobSpec = Type.Object({
  job_id: Type.Integer({ minimum: 1 }),
  creator_user_name: Type.Optional(Type.String()),
  settings: JobSettings,
});
export type JobSpec = Static<typeof JobSpec>;

/** Written by the scheduler only. */
export const JobStatus = Type.Object({
  observed_generation: Type.Optional(Type.Integer()),
  next_run_time: Type.Optional(EpochMillis),
  conditions: Type.Optional(Type.Array(Condition)),
});
export type JobStatus = Static<typeof JobStatus>;
