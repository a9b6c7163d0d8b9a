import type { JobSettings, Task } from '../schema/job.js';

/**
 * A job run as stored in Redis: the Jobs 2.2 `Run` in its API field names (snake_case), plus a few
 * fields clients never see (marked "hidden"). The API creates runs QUEUED and cancels queued ones;
 * every later transition belongs to the scheduler.
 */

export const LIFE_CYCLE_STATES = [
  'QUEUED',
  'PENDING',
  'RUNNING',
  'TERMINATING',
  'TERMINATED',
  'SKIPPED',
  'INTERNAL_ERROR',
  'BLOCKED',
  'WAITING_FOR_RETRY',
] as const;
export type LifeCycleState = (typeof LIFE_CYCLE_STATES)[number];

/** A run in one of these states is over: nothing will change it any more. */
const TERMINAL_LIFE_CYCLE_STATES: readonly LifeCycleState[] = ['TERMINATED', 'SKIPPED', 'INTERNAL_ERROR'];

export const RESULT_STATES = [
  'SUCCESS',
  'FAILED',
  'TIMEDOUT',
  'CANCELED',
  'MAXIMUM_CONCURRENT_RUNS_REACHED',
  'EXCLUDED',
  'SUCCESS_WITH_FAILURES',
  'UPSTREAM_FAILED',
  'UPSTREAM_CANCELED',
  'DISABLED',
] as const;
export type ResultState = (typeof RESULT_STATES)[number];

/** The v2 lifecycle (`status.state`). */
export const STATUS_STATES = [
  'BLOCKED',
  'PENDING',
  'QUEUED',
  'RUNNING',
  'TERMINATING',
  'TERMINATED',
  'WAITING',
] as const;
export type StatusState = (typeof STATUS_STATES)[number];

export const RUN_TYPES = ['JOB_RUN', 'SUBMIT_RUN', 'WORKFLOW_RUN'] as const;
type RunType = (typeof RUN_TYPES)[number];

export const TRIGGER_TYPES = [
  'PERIODIC',
  'ONE_TIME',
  'RETRY',
  'RUN_JOB_TASK',
  'FILE_ARRIVAL',
  'TABLE',
  'CONTINUOUS',
  'CONTINUOUS_RESTART',
] as const;
type TriggerType = (typeof TRIGGER_TYPES)[number];

export interface RunState {
  life_cycle_state: LifeCycleState;
  result_state?: ResultState;
  state_message: string;
  queue_reason?: string;
  user_cancelled_or_timedout: boolean;
}

export interface RunStatus {
  state: StatusState;
  termination_details?: {
    code: string;
    type: 'SUCCESS' | 'CLIENT_ERROR' | 'INTERNAL_ERROR' | 'CLOUD_FAILURE';
    message: string;
  };
  queue_details?: { code: string; message: string };
}

/** What a task run produced, written by the runtime; returned by runs/get-output. */
export interface TaskRunOutput {
  notebook_output?: { result?: string; truncated?: boolean };
  sql_output?: Record<string, unknown>;
  dbt_output?: Record<string, unknown>;
  run_job_output?: Record<string, unknown>;
  error?: string;
  error_trace?: string;
  info?: string;
  logs?: string;
  logs_truncated?: boolean;
}

/** Legacy per-task-type parameters of run-now (`overriding_parameters` of the run). */
export interface RunParameters {
  notebook_params?: Record<string, string>;
  python_params?: string[];
  python_named_params?: Record<string, string>;
  jar_params?: string[];
  sql_params?: Record<string, string>;
  spark_submit_params?: string[];
  dbt_commands?: string[];
}

export interface JobParameterValue {
  name: string;
  default?: string;
  value?: string;
}

/** One task of a run: the task's definition at trigger time plus its own run id and state. */
export type RunTaskRecord = Task &
  TaskRunOutput & {
    run_id: number;
    attempt_number: number;
    state: RunState;
    status: RunStatus;
    start_time: number;
    end_time: number;
    setup_duration: number;
    execution_duration: number;
    cleanup_duration: number;
    run_duration?: number;
    queue_duration?: number;
    run_page_url: string;
    cluster_instance?: { cluster_id: string; spark_context_id?: string };
  };

/** Settings of the run that are not part of the Run object but drive its execution. */
export type RunSettings = Omit<JobSettings, 'name' | 'tasks' | 'job_clusters'>;

/** The settings a run of a job executes with: the job's, without what the Run object carries itself. */
export function runSettingsOf(settings: JobSettings): RunSettings {
  const { name: _name, tasks: _tasks, job_clusters: _clusters, ...rest } = settings;
  return rest;
}

/**
 * Whom a job's or a one-time run's work acts as: the user or service principal its `run_as`
 * names, else `owner` (a job's creator, or whoever submitted a one-time run), as on Databricks.
 */
export function runAsUserName(runAs: JobSettings['run_as'], owner: string): string;
export function runAsUserName(runAs: JobSettings['run_as'], owner: string | undefined): string | undefined;
export function runAsUserName(runAs: JobSettings['run_as'], owner: string | undefined): string | undefined {
  const named = runAs?.user_name ?? runAs?.service_principal_name;
  return typeof named === 'string' && named !== '' ? named : owner;
}

/** A job's max_concurrent_runs when its settings leave it out, as on Databricks. */
export const DEFAULT_MAX_CONCURRENT_RUNS = 1;

export interface RunRecord {
  /** Hidden: the workspace the run belongs to; other workspaces never see it. */
  workspace_id: number;
  job_id?: number;
  run_id: number;
  number_in_job: number;
  original_attempt_run_id: number;
  run_name: string;
  run_type: RunType;
  trigger: TriggerType;
  creator_user_name: string;
  /** Hidden: whom the run's work acts as (runAsUserName); absent in runs from before it was kept. */
  run_as_user_name?: string;
  start_time: number;
  end_time: number;
  setup_duration: number;
  execution_duration: number;
  cleanup_duration: number;
  run_duration?: number;
  queue_duration?: number;
  state: RunState;
  status: RunStatus;
  tasks: RunTaskRecord[];
  job_clusters?: JobSettings['job_clusters'];
  job_parameters?: JobParameterValue[];
  overriding_parameters?: RunParameters;
  run_page_url: string;
  /** Hidden: a client asked to cancel a run that is past QUEUED; the scheduler acts on it. */
  cancel_requested?: boolean;
  /** Hidden: the job settings the run executes with (a snapshot at trigger time). */
  settings: RunSettings;
  /** Hidden: the idempotency token the run was created with. */
  idempotency_token?: string;
}

export function isTerminal(state: LifeCycleState): boolean {
  return TERMINAL_LIFE_CYCLE_STATES.includes(state);
}

export function isActiveRun(run: Pick<RunRecord, 'state'>): boolean {
  return !isTerminal(run.state.life_cycle_state);
}

const QUEUED_MESSAGE = 'Waiting for the scheduler to start the run';

function queuedState(): { state: RunState; status: RunStatus } {
  return {
    state: { life_cycle_state: 'QUEUED', state_message: QUEUED_MESSAGE, user_cancelled_or_timedout: false },
    status: { state: 'QUEUED' },
  };
}

/** Where the workspace UI would show a run: the form Databricks and its CLI test server use. */
export function runPageUrl(
  host: string,
  workspaceId: number,
  jobId: number | undefined,
  runId: number,
): string {
  return jobId === undefined
    ? `${host}/?o=${workspaceId}#job/run/${runId}`
    : `${host}/?o=${workspaceId}#job/${jobId}/run/${runId}`;
}

export interface NewRun {
  workspaceId: number;
  /** Scheme and authority the client reached the API at, for run_page_url. */
  host: string;
  runId: number;
  /** One id per task, in the order of `tasks`. */
  taskRunIds: readonly number[];
  now: number;
  creatorUserName: string;
  /** Whom the run's work acts as (runAsUserName). */
  runAsUserName: string;
  jobId?: number;
  runName: string;
  runType: RunType;
  trigger: TriggerType;
  tasks: readonly Task[];
  jobClusters?: JobSettings['job_clusters'];
  settings: RunSettings;
  jobParameters?: JobParameterValue[];
  overridingParameters?: RunParameters;
  idempotencyToken?: string;
}

/**
 * A new QUEUED run. number_in_job is the run id here; for job runs the store replaces it with the
 * job's next run number when it writes the record.
 */
export function newRunRecord(input: NewRun): RunRecord {
  const { workspaceId, host, runId, jobId, now } = input;
  const tasks = input.tasks.map((task, index): RunTaskRecord => {
    const taskRunId = input.taskRunIds[index];
    if (taskRunId === undefined) throw new Error(`no run id for task ${task.task_key}`);
    return {
      ...task,
      run_if: task.run_if ?? 'ALL_SUCCESS',
      run_id: taskRunId,
      attempt_number: 0,
      ...queuedState(),
      start_time: 0,
      end_time: 0,
      setup_duration: 0,
      execution_duration: 0,
      cleanup_duration: 0,
      run_page_url: runPageUrl(host, workspaceId, jobId, taskRunId),
    };
  });
  return {
    workspace_id: workspaceId,
    ...(jobId !== undefined ? { job_id: jobId } : {}),
    run_id: runId,
    number_in_job: runId,
    original_attempt_run_id: runId,
    run_name: input.runName,
    run_type: input.runType,
    trigger: input.trigger,
    creator_user_name: input.creatorUserName,
    run_as_user_name: input.runAsUserName,
    start_time: now,
    end_time: 0,
    setup_duration: 0,
    execution_duration: 0,
    cleanup_duration: 0,
    ...queuedState(),
    tasks,
    ...(input.jobClusters ? { job_clusters: input.jobClusters } : {}),
    ...(input.jobParameters ? { job_parameters: input.jobParameters } : {}),
    ...(input.overridingParameters ? { overriding_parameters: input.overridingParameters } : {}),
    run_page_url: runPageUrl(host, workspaceId, jobId, runId),
    settings: input.settings,
    ...(input.idempotencyToken !== undefined ? { idempotency_token: input.idempotencyToken } : {}),
  };
}

/**
 * The job parameters of a run: the job's definitions with their defaults, each with the value
 * run-now gave it. Values for names the job does not define are kept as given.
 */
export function resolveJobParameters(
  definitions: JobSettings['parameters'],
  values: Record<string, string> | undefined,
): JobParameterValue[] | undefined {
  if (!definitions?.length && !values) return undefined;
  const given = { ...values };
  const resolved: JobParameterValue[] = (definitions ?? []).map((definition) => {
    const value = given[definition.name];
    delete given[definition.name];
    return { name: definition.name, default: definition.default, value: value ?? definition.default };
  });
  for (const [name, value] of Object.entries(given)) resolved.push({ name, value });
  return resolved;
}

const CANCELED_MESSAGE = 'Run cancelled.';

/**
 * A run canceled before it started: it and every task not yet finished end TERMINATED with
 * result CANCELED, as when a user cancels a queued run on Databricks.
 */
export function cancelQueuedRun(run: RunRecord, now: number, userName: string): RunRecord {
  const message = `${CANCELED_MESSAGE} Canceled by ${userName} while queued.`;
  const canceled = (): { state: RunState; status: RunStatus } => ({
    state: {
      life_cycle_state: 'TERMINATED',
      result_state: 'CANCELED',
      state_message: message,
      user_cancelled_or_timedout: true,
    },
    status: { state: 'TERMINATED', termination_details: { code: 'USER_CANCELED', type: 'SUCCESS', message } },
  });
  const queued = Math.max(0, now - run.start_time);
  const { cancel_requested: _requested, ...rest } = run;
  return {
    ...rest,
    ...canceled(),
    end_time: now,
    run_duration: queued,
    queue_duration: queued,
    tasks: run.tasks.map((task) =>
      isTerminal(task.state.life_cycle_state) ? task : { ...task, ...canceled(), end_time: now },
    ),
  };
}
