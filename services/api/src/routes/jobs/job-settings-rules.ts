import { DEFAULT_MAX_CONCURRENT_RUNS } from '@brickyard/common/runs';
import type { JobSettings, Task } from '@brickyard/common/schema';
import { invalidParameter } from '../../errors/databricks-error.js';

/**
 * The checks Databricks makes on job settings and one-time run tasks beyond their JSON shape, and
 * the merge rules of jobs/update. Pure functions: every refusal is a 400 INVALID_PARAMETER_VALUE.
 */

const DEFAULT_JOB_NAME = 'Untitled';

/** The task kinds a task must pick exactly one of (those Brickyard models). */
const TASK_TYPES = [
  'notebook_task',
  'spark_python_task',
  'python_wheel_task',
  'spark_jar_task',
  'spark_submit_task',
  'sql_task',
  'condition_task',
  'for_each_task',
  'run_job_task',
  'pipeline_task',
  'dbt_task',
] as const satisfies readonly (keyof Task)[];

/** Where a task's compute comes from; at most one may be given (none means serverless). */
const COMPUTE_FIELDS = [
  'existing_cluster_id',
  'new_cluster',
  'job_cluster_key',
  'environment_key',
] as const satisfies readonly (keyof Task)[];

/** What tasks need from their surroundings: the job clusters and environments they may name. */
export interface TaskContext {
  job_clusters?: readonly { job_cluster_key: string }[] | undefined;
  environments?: readonly Record<string, unknown>[] | undefined;
}

function duplicates(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of keys) {
    if (seen.has(key)) repeated.add(key);
    seen.add(key);
  }
  return [...repeated];
}

/** The tasks on a dependency cycle, in an order that walks the cycle, or undefined when there is none. */
export function findDependencyCycle(
  tasks: readonly Pick<Task, 'task_key' | 'depends_on'>[],
): string[] | undefined {
  const edges = new Map(tasks.map((task) => [task.task_key, (task.depends_on ?? []).map((d) => d.task_key)]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];

  const visit = (key: string): string[] | undefined => {
    const seen = state.get(key);
    if (seen === 'done') return undefined;
    if (seen === 'visiting') return [...path.slice(path.indexOf(key)), key];
    state.set(key, 'visiting');
    path.push(key);
    for (const next of edges.get(key) ?? []) {
      if (!edges.has(next)) continue;
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    state.set(key, 'done');
    return undefined;
  };

  for (const task of tasks) {
    const cycle = visit(task.task_key);
    if (cycle) return cycle;
  }
  return undefined;
}

function validateTask(task: Task, context: TaskContext, jobClusterKeys: ReadonlySet<string>): void {
  const key = task.task_key;
  const types = TASK_TYPES.filter((type) => task[type] !== undefined);
  if (types.length !== 1) {
    throw invalidParameter(
      types.length === 0
        ? `Task ${key} must set exactly one task type (${TASK_TYPES.join(', ')}); it sets none`
        : `Task ${key} must set exactly one task type; it sets ${types.join(', ')}`,
    );
  }
  const compute = COMPUTE_FIELDS.filter((field) => task[field] !== undefined);
  if (compute.length > 1) {
    throw invalidParameter(
      `Task ${key} may set only one of ${COMPUTE_FIELDS.join(', ')}; it sets ${compute.join(', ')}`,
    );
  }
  if (task.job_cluster_key !== undefined && !jobClusterKeys.has(task.job_cluster_key)) {
    throw invalidParameter(
      `Task ${key} refers to job cluster ${task.job_cluster_key}, which is not defined in job_clusters`,
    );
  }
  if (task.environment_key !== undefined) {
    const known = (context.environments ?? []).some((env) => env.environment_key === task.environment_key);
    if (!known) {
      throw invalidParameter(
        `Task ${key} refers to environment ${task.environment_key}, which is not defined in environments`,
      );
    }
  }
  if (task.sql_task) validateSqlTask(key, task.sql_task, compute);
}

/**
 * A sql_task runs on the SQL warehouse it names, never on a cluster, and does one thing: a file
 * or a saved query (dashboards and alerts are Databricks SQL objects Brickyard does not have).
 */
function validateSqlTask(
  key: string,
  sqlTask: NonNullable<Task['sql_task']>,
  compute: readonly string[],
): void {
  const sources = (['query', 'file', 'dashboard', 'alert'] as const).filter((f) => sqlTask[f] !== undefined);
  if (sources.length !== 1) {
    throw invalidParameter(`Task ${key}: sql_task must set exactly one of query, file, dashboard, alert`);
  }
  if (!sqlTask.warehouse_id) {
    throw invalidParameter(
      `Task ${key}: sql_task.warehouse_id is required: a SQL task runs on a SQL warehouse`,
    );
  }
  if (compute.length > 0) {
    throw invalidParameter(
      `Task ${key}: a SQL task runs on its SQL warehouse (sql_task.warehouse_id) and cannot set ${compute.join(', ')}`,
    );
  }
  const [source] = sources;
  if (source === 'dashboard' || source === 'alert') {
    throw invalidParameter(
      `Task ${key}: sql_task.${source} is not supported by Brickyard; use sql_task.file or sql_task.query`,
    );
  }
  const queryId = sqlTask.query?.query_id;
  if (source === 'query' && (typeof queryId !== 'string' || queryId === '')) {
    throw invalidParameter(`Task ${key}: sql_task.query.query_id is required`);
  }
}

/**
 * The tasks of a job or a one-time run: unique keys, dependencies on tasks that exist and form no
 * cycle, exactly one task type, at most one kind of compute, and keys of job clusters and
 * environments that are defined.
 */
export function validateTasks(tasks: readonly Task[], context: TaskContext = {}): void {
  const clusterKeys = (context.job_clusters ?? []).map((cluster) => cluster.job_cluster_key);
  const repeatedClusters = duplicates(clusterKeys);
  if (repeatedClusters.length > 0) {
    throw invalidParameter(`job_cluster_key must be unique; repeated: ${repeatedClusters.join(', ')}`);
  }
  const repeatedTasks = duplicates(tasks.map((task) => task.task_key));
  if (repeatedTasks.length > 0) {
    throw invalidParameter(`task_key must be unique within a job; repeated: ${repeatedTasks.join(', ')}`);
  }
  const taskKeys = new Set(tasks.map((task) => task.task_key));
  const jobClusterKeys = new Set(clusterKeys);
  for (const task of tasks) {
    for (const dependency of task.depends_on ?? []) {
      if (!taskKeys.has(dependency.task_key)) {
        throw invalidParameter(
          `Task ${task.task_key} depends on ${dependency.task_key}, which is not a task of this job`,
        );
      }
    }
    const repeatedDependencies = duplicates((task.depends_on ?? []).map((dependency) => dependency.task_key));
    if (repeatedDependencies.length > 0) {
      throw invalidParameter(
        `Task ${task.task_key} depends on ${repeatedDependencies.join(', ')} more than once`,
      );
    }
    validateTask(task, context, jobClusterKeys);
  }
  const cycle = findDependencyCycle(tasks);
  if (cycle) throw invalidParameter(`The task dependencies form a cycle: ${cycle.join(' -> ')}`);
}

/** Characters Quartz accepts in a cron field (names of months and days, ranges, steps, L, W, #). */
const CRON_FIELD = /^[0-9A-Za-z*?,/#-]+$/;

/**
 * A Quartz cron expression: 6 or 7 fields (seconds first, year last and optional), and, as Quartz
 * requires, `?` in the day-of-month or the day-of-week field.
 */
export function validateQuartzCron(expression: string): void {
  const fields = expression.trim().split(/\s+/);
  if (fields.length < 6 || fields.length > 7) {
    throw invalidParameter(
      `Invalid quartz_cron_expression '${expression}': expected 6 or 7 fields (seconds minutes hours day-of-month month day-of-week [year]), got ${fields.length}`,
    );
  }
  const bad = fields.find((field) => !CRON_FIELD.test(field));
  if (bad !== undefined) {
    throw invalidParameter(
      `Invalid quartz_cron_expression '${expression}': unexpected characters in '${bad}'`,
    );
  }
  if (fields[3] !== '?' && fields[5] !== '?') {
    throw invalidParameter(
      `Invalid quartz_cron_expression '${expression}': use '?' in either the day-of-month or the day-of-week field`,
    );
  }
}

/** True for a time zone id the runtime knows (the IANA ids Java accepts, such as UTC or Europe/Paris). */
export function isKnownTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Checks job settings and returns them with Databricks' defaults filled in. */
export function normalizeJobSettings(settings: JobSettings): JobSettings {
  validateTasks(settings.tasks ?? [], settings);
  const { schedule } = settings;
  if (schedule) {
    validateQuartzCron(schedule.quartz_cron_expression);
    if (!isKnownTimeZone(schedule.timezone_id)) {
      throw invalidParameter(`Invalid timezone_id '${schedule.timezone_id}': not a known time zone`);
    }
  }
  if (settings.schedule && settings.continuous) {
    throw invalidParameter('A job may have a schedule or be continuous, not both');
  }
  const parameterNames = duplicates((settings.parameters ?? []).map((parameter) => parameter.name));
  if (parameterNames.length > 0) {
    throw invalidParameter(`Job parameter names must be unique; repeated: ${parameterNames.join(', ')}`);
  }
  return {
    ...settings,
    name: settings.name ?? DEFAULT_JOB_NAME,
    max_concurrent_runs: settings.max_concurrent_runs ?? DEFAULT_MAX_CONCURRENT_RUNS,
  };
}

function mergeByKey<T, K extends keyof T>(
  current: readonly T[] | undefined,
  changes: readonly T[],
  key: K,
): T[] {
  const merged = [...(current ?? [])];
  for (const change of changes) {
    const index = merged.findIndex((item) => item[key] === change[key]);
    if (index >= 0) merged[index] = change;
    else merged.push(change);
  }
  return merged;
}

/**
 * jobs/update: `fields_to_remove` first (top-level names, or `tasks/<task_key>` and
 * `job_clusters/<job_cluster_key>`), then `new_settings`, whose top-level fields replace the
 * current ones except tasks and job clusters, which merge by their keys. Not yet validated.
 */
export function mergeJobSettings(
  current: JobSettings,
  changes: JobSettings,
  fieldsToRemove: readonly string[],
  knownFields: ReadonlySet<string>,
): JobSettings {
  const result: Record<string, unknown> = { ...current };
  for (const field of fieldsToRemove) {
    const slash = field.indexOf('/');
    if (slash < 0) {
      if (!knownFields.has(field)) throw invalidParameter(`Cannot remove unknown field ${field}`);
      delete result[field];
      continue;
    }
    const collection = field.slice(0, slash);
    const key = field.slice(slash + 1);
    if (collection === 'tasks') {
      const tasks = (result.tasks as Task[] | undefined) ?? [];
      if (!tasks.some((task) => task.task_key === key))
        throw invalidParameter(`Cannot remove task ${key}: no such task`);
      result.tasks = tasks.filter((task) => task.task_key !== key);
    } else if (collection === 'job_clusters') {
      const clusters = (result.job_clusters as NonNullable<JobSettings['job_clusters']> | undefined) ?? [];
      if (!clusters.some((cluster) => cluster.job_cluster_key === key)) {
        throw invalidParameter(`Cannot remove job cluster ${key}: no such job cluster`);
      }
      result.job_clusters = clusters.filter((cluster) => cluster.job_cluster_key !== key);
    } else {
      throw invalidParameter(
        `Cannot remove ${field}: only top-level fields, tasks/<task_key> and job_clusters/<job_cluster_key> can be removed`,
      );
    }
  }
  for (const [field, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (field === 'tasks')
      result.tasks = mergeByKey(result.tasks as Task[] | undefined, value as Task[], 'task_key');
    else if (field === 'job_clusters') {
      result.job_clusters = mergeByKey(
        result.job_clusters as NonNullable<JobSettings['job_clusters']> | undefined,
        value as NonNullable<JobSettings['job_clusters']>,
        'job_cluster_key',
      );
    } else result[field] = value;
  }
  return result as JobSettings;
}
