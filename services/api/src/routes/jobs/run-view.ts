import {
  LIFE_CYCLE_STATES,
  RESULT_STATES,
  RUN_TYPES,
  type RunRecord,
  type RunTaskRecord,
  STATUS_STATES,
  type TaskRunOutput,
  TRIGGER_TYPES,
} from '@brickyard/common/runs';
import { FreeForm, JobCluster, StringEnum, StringMap, Task } from '@brickyard/common/schema';
import { type Static, Type } from 'typebox';

/** Response schemas of the runs endpoints, and the shaping of stored runs into them. */

const RunState = Type.Object({
  life_cycle_state: StringEnum(LIFE_CYCLE_STATES),
  result_state: Type.Optional(StringEnum(RESULT_STATES)),
  state_message: Type.Optional(Type.String()),
  queue_reason: Type.Optional(Type.String()),
  user_cancelled_or_timedout: Type.Optional(Type.Boolean()),
});

const RunStatus = Type.Object({
  state: StringEnum(STATUS_STATES),
  termination_details: Type.Optional(
    Type.Object({ code: Type.String(), type: Type.String(), message: Type.Optional(Type.String()) }),
  ),
  queue_details: Type.Optional(Type.Object({ code: Type.String(), message: Type.Optional(Type.String()) })),
});

const ClusterInstance = Type.Object({
  cluster_id: Type.Optional(Type.String()),
  spark_context_id: Type.Optional(Type.String()),
});

/** Legacy task parameters given to run-now. */
export const RunParameters = Type.Object({
  notebook_params: Type.Optional(StringMap()),
  python_params: Type.Optional(Type.Array(Type.String())),
  python_named_params: Type.Optional(StringMap()),
  jar_params: Type.Optional(Type.Array(Type.String())),
  sql_params: Type.Optional(StringMap()),
  spark_submit_params: Type.Optional(Type.Array(Type.String())),
  dbt_commands: Type.Optional(Type.Array(Type.String())),
});

const JobParameter = Type.Object({
  name: Type.String(),
  default: Type.Optional(Type.String()),
  value: Type.Optional(Type.String()),
});

/** Timing and identity fields a run and a task run share. */
const runTiming = {
  run_id: Type.Integer(),
  attempt_number: Type.Optional(Type.Integer()),
  state: RunState,
  status: RunStatus,
  start_time: Type.Integer(),
  end_time: Type.Integer(),
  setup_duration: Type.Integer(),
  execution_duration: Type.Integer(),
  cleanup_duration: Type.Integer(),
  run_duration: Type.Optional(Type.Integer()),
  queue_duration: Type.Optional(Type.Integer()),
  run_page_url: Type.String(),
  cluster_instance: Type.Optional(ClusterInstance),
};

const RunTask = Type.Object({ ...Task.properties, ...runTiming });

const runFields = {
  ...runTiming,
  job_id: Type.Optional(Type.Integer()),
  number_in_job: Type.Integer(),
  original_attempt_run_id: Type.Integer(),
  run_name: Type.String(),
  run_type: StringEnum(RUN_TYPES),
  trigger: StringEnum(TRIGGER_TYPES),
  creator_user_name: Type.Optional(Type.String()),
  job_clusters: Type.Optional(Type.Array(JobCluster)),
  job_parameters: Type.Optional(Type.Array(JobParameter)),
  overriding_parameters: Type.Optional(RunParameters),
};

export const Run = Type.Object({ ...runFields, tasks: Type.Optional(Type.Array(RunTask)) });
export type Run = Static<typeof Run>;

/** The `metadata` of runs/get-output: a run, or a task run with its task's definition. */
export const RunMetadata = Type.Object({
  ...Task.properties,
  ...runFields,
  task_key: Type.Optional(Type.String()),
  tasks: Type.Optional(Type.Array(RunTask)),
});

export const RunOutput = Type.Object({
  metadata: RunMetadata,
  notebook_output: Type.Optional(
    Type.Object({ result: Type.Optional(Type.String()), truncated: Type.Optional(Type.Boolean()) }),
  ),
  sql_output: Type.Optional(FreeForm()),
  dbt_output: Type.Optional(FreeForm()),
  run_job_output: Type.Optional(FreeForm()),
  error: Type.Optional(Type.String()),
  error_trace: Type.Optional(Type.String()),
  info: Type.Optional(Type.String()),
  logs: Type.Optional(Type.String()),
  logs_truncated: Type.Optional(Type.Boolean()),
});

const OUTPUT_FIELDS = [
  'notebook_output',
  'sql_output',
  'dbt_output',
  'run_job_output',
  'error',
  'error_trace',
  'info',
  'logs',
  'logs_truncated',
] as const satisfies readonly (keyof TaskRunOutput)[];

/** The output fields of a record (a task run record, or a separately written output). */
export function pickOutput(source: TaskRunOutput): TaskRunOutput {
  const output: Record<string, unknown> = {};
  for (const field of OUTPUT_FIELDS) if (source[field] !== undefined) output[field] = source[field];
  return output as TaskRunOutput;
}

/** A task run as clients see it: without the outputs, which only runs/get-output returns. */
function toRunTaskView(task: RunTaskRecord): Static<typeof RunTask> {
  const view: Record<string, unknown> = { ...task };
  for (const field of OUTPUT_FIELDS) delete view[field];
  return view as Static<typeof RunTask>;
}

/** A stored run as clients see it; tasks and job clusters only when asked for. */
export function toRunView(record: RunRecord, expandTasks = true): Run {
  const {
    workspace_id: _workspace,
    cancel_requested: _cancel,
    settings: _settings,
    idempotency_token: _token,
    tasks,
    job_clusters,
    ...run
  } = record;
  return {
    ...run,
    ...(expandTasks ? { tasks: tasks.map(toRunTaskView) } : {}),
    ...(expandTasks && job_clusters ? { job_clusters } : {}),
  };
}

/** A task run as the `metadata` of runs/get-output: the run's identity with the task's state. */
export function toTaskRunMetadata(record: RunRecord, task: RunTaskRecord): Static<typeof RunMetadata> {
  const { tasks: _tasks, job_clusters: _clusters, ...run } = toRunView(record, false);
  return {
    ...run,
    ...toRunTaskView(task),
    run_name: task.task_key,
    number_in_job: task.run_id,
    original_attempt_run_id: task.run_id,
  };
}
