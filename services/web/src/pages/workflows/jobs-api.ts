import { get, post } from '../../rest/client';

/** The Jobs API 2.2 shapes the Workflows pages read, and the calls that fetch them. */

export interface TaskDependency {
  task_key: string;
  /** A condition task's branch: "true" or "false". */
  outcome?: string;
}

export interface JobTask {
  task_key: string;
  description?: string;
  depends_on?: TaskDependency[];
  run_if?: string;
  existing_cluster_id?: string;
  job_cluster_key?: string;
  notebook_task?: { notebook_path: string; base_parameters?: Record<string, string> };
  spark_python_task?: { python_file: string; parameters?: string[] };
  sql_task?: { warehouse_id?: string; file?: { path: string } };
  /** In a run, `outcome` is what the condition evaluated to. */
  condition_task?: { op?: string; left?: string; right?: string; outcome?: string };
  run_job_task?: { job_id?: number };
  max_retries?: number;
  timeout_seconds?: number;
  disabled?: boolean;
}

interface CronSchedule {
  quartz_cron_expression: string;
  timezone_id: string;
  pause_status?: 'PAUSED' | 'UNPAUSED';
}

export interface JobSettings {
  name?: string;
  description?: string;
  tasks?: JobTask[];
  job_clusters?: { job_cluster_key: string; new_cluster: { spark_version?: string; num_workers?: number } }[];
  schedule?: CronSchedule;
  continuous?: { pause_status?: 'PAUSED' | 'UNPAUSED' };
  trigger?: { pause_status?: 'PAUSED' | 'UNPAUSED' };
  max_concurrent_runs?: number;
  timeout_seconds?: number;
  tags?: Record<string, string>;
  parameters?: { name: string; default: string }[];
  queue?: { enabled: boolean };
}

export interface Job {
  job_id: number;
  creator_user_name?: string;
  run_as_user_name?: string;
  created_time: number;
  settings: JobSettings;
}

export interface RunState {
  life_cycle_state: string;
  result_state?: string;
  state_message?: string;
  user_cancelled_or_timedout?: boolean;
}

/** Timing and state that a run and each of its task runs share. */
export interface RunTiming {
  run_id: number;
  attempt_number?: number;
  state: RunState;
  status?: { state: string; termination_details?: { code: string; type: string; message?: string } };
  /** Epoch ms; 0 until it starts. */
  start_time: number;
  /** Epoch ms; 0 until it ends. */
  end_time: number;
  setup_duration?: number;
  execution_duration?: number;
  cleanup_duration?: number;
  run_duration?: number;
  queue_duration?: number;
  cluster_instance?: { cluster_id?: string };
}

export type RunTask = JobTask & RunTiming;

export interface Run extends RunTiming {
  job_id?: number;
  number_in_job: number;
  run_name: string;
  run_type: string;
  trigger: string;
  creator_user_name?: string;
  job_parameters?: { name: string; default?: string; value?: string }[];
  overriding_parameters?: { notebook_params?: Record<string, string> };
  tasks?: RunTask[];
}

export interface RunOutput {
  notebook_output?: { result?: string; truncated?: boolean };
  sql_output?: unknown;
  error?: string;
  error_trace?: string;
  info?: string;
  logs?: string;
  logs_truncated?: boolean;
}

export interface Page {
  has_more: boolean;
  next_page_token?: string;
  prev_page_token?: string;
}

const JOBS = '/api/2.2/jobs';

/** A page of jobs, oldest first (the API's order); `name` keeps only jobs of exactly that name. */
export const listJobs = (pageToken: string | undefined, name: string | undefined) =>
  get<Page & { jobs?: Job[] }>(`${JOBS}/list`, { limit: 50, page_token: pageToken, name });

export const getJob = (jobId: number) => get<Job>(`${JOBS}/get`, { job_id: jobId });

export const deleteJob = (jobId: number) => post<Record<string, never>>(`${JOBS}/delete`, { job_id: jobId });

/** The API's most: 25 runs a page, newest first. */
export const listRuns = (jobId: number, limit: number, pageToken?: string) =>
  get<Page & { runs?: Run[] }>(`${JOBS}/runs/list`, { job_id: jobId, limit, page_token: pageToken });

export const getRun = (runId: number) => get<Run>(`${JOBS}/runs/get`, { run_id: runId });

/** The output of one task run (the id of the task's run, not of the job run). */
export const getTaskOutput = (taskRunId: number) =>
  get<RunOutput>(`${JOBS}/runs/get-output`, { run_id: taskRunId });

export const cancelRun = (runId: number) =>
  post<Record<string, never>>(`${JOBS}/runs/cancel`, { run_id: runId });

export interface RunNowRequest {
  job_id: number;
  job_parameters?: Record<string, string>;
  notebook_params?: Record<string, string>;
}

export const runNow = (request: RunNowRequest) =>
  post<{ run_id: number; number_in_job: number }>(`${JOBS}/run-now`, request);

/** Query keys, so a change (Run now, cancel, delete) can refresh what it affects. */
export const jobKeys = {
  list: (pageToken: string | undefined, name: string | undefined) =>
    ['jobs', 'list', pageToken ?? '', name ?? ''] as const,
  job: (jobId: number) => ['jobs', 'job', jobId] as const,
  runs: (jobId: number) => ['jobs', 'runs', jobId] as const,
  run: (runId: number) => ['jobs', 'run', runId] as const,
  output: (taskRunId: number) => ['jobs', 'output', taskRunId] as const,
};
