import { JobSettings, type Task } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import {
  findDependencyCycle,
  isKnownTimeZone,
  mergeJobSettings,
  normalizeJobSettings,
  validateQuartzCron,
  validateTasks,
} from './job-settings-rules.js';

const notebook = (task_key: string, depends: string[] = [], extra: Partial<Task> = {}): Task => ({
  task_key,
  notebook_task: { notebook_path: `/Workspace/${task_key}` },
  ...(depends.length > 0 ? { depends_on: depends.map((key) => ({ task_key: key })) } : {}),
  ...extra,
});

const cluster = {
  job_cluster_key: 'shared',
  new_cluster: { spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
};
const FIELDS = new Set(Object.keys(JobSettings.properties));

function errorOf(action: () => unknown): DatabricksError {
  try {
    action();
  } catch (error) {
    if (error instanceof DatabricksError) return error;
    throw error;
  }
  throw new Error('expected a DatabricksError');
}

describe('validateTasks', () => {
  it.each<[string, Task[], { job_clusters?: (typeof cluster)[]; environments?: Record<string, unknown>[] }]>([
    ['a single notebook task', [notebook('a')], {}],
    [
      'a diamond of dependencies',
      [notebook('a'), notebook('b', ['a']), notebook('c', ['a']), notebook('d', ['b', 'c'])],
      {},
    ],
    [
      'a task on a defined job cluster',
      [notebook('a', [], { job_cluster_key: 'shared' })],
      { job_clusters: [cluster] },
    ],
    [
      'a task on a defined environment',
      [notebook('a', [], { environment_key: 'env' })],
      { environments: [{ environment_key: 'env' }] },
    ],
    [
      'a SQL task with one source',
      [{ task_key: 'q', sql_task: { warehouse_id: 'w', query: { query_id: '1' } } }],
      {},
    ],
    [
      'a SQL file task on a warehouse',
      [{ task_key: 'f', sql_task: { warehouse_id: 'w', file: { path: '/Users/a/q.sql' } } }],
      {},
    ],
  ])('accepts %s', (_case, tasks, context) => {
    expect(() => validateTasks(tasks, context)).not.toThrow();
  });

  it.each<[string, Task[], { job_clusters?: (typeof cluster)[] }, RegExp]>([
    ['repeated task keys', [notebook('a'), notebook('a')], {}, /task_key must be unique.*repeated: a/],
    [
      'a dependency on a missing task',
      [notebook('a', ['ghost'])],
      {},
      /Task a depends on ghost, which is not a task/,
    ],
    ['a task depending on itself', [notebook('a', ['a'])], {}, /cycle: a -> a/],
    [
      'a cycle of three tasks',
      [notebook('a', ['c']), notebook('b', ['a']), notebook('c', ['b'])],
      {},
      /cycle: a -> c -> b -> a/,
    ],
    ['a repeated dependency', [notebook('a'), notebook('b', ['a', 'a'])], {}, /depends on a more than once/],
    [
      'an undefined job cluster',
      [notebook('a', [], { job_cluster_key: 'nope' })],
      {},
      /job cluster nope, which is not defined/,
    ],
    [
      'two kinds of compute',
      [notebook('a', [], { existing_cluster_id: '0101-000000-abc', job_cluster_key: 'shared' })],
      { job_clusters: [cluster] },
      /only one of .*it sets existing_cluster_id, job_cluster_key/,
    ],
    ['no task type', [{ task_key: 'a' }], {}, /exactly one task type .*it sets none/],
    [
      'two task types',
      [notebook('a', [], { spark_python_task: { python_file: 'x.py' } })],
      {},
      /it sets notebook_task, spark_python_task/,
    ],
    [
      'an undefined environment',
      [notebook('a', [], { environment_key: 'env' })],
      {},
      /environment env, which is not defined/,
    ],
    [
      'repeated job cluster keys',
      [notebook('a')],
      { job_clusters: [cluster, cluster] },
      /job_cluster_key must be unique/,
    ],
    [
      'a SQL task without a source',
      [{ task_key: 'q', sql_task: { warehouse_id: 'w' } }],
      {},
      /exactly one of query, file/,
    ],
    [
      'a SQL task that names no warehouse',
      [{ task_key: 'q', sql_task: { file: { path: '/q.sql' } } }],
      {},
      /sql_task.warehouse_id is required/,
    ],
    [
      'a SQL task on a cluster',
      [
        {
          task_key: 'q',
          existing_cluster_id: 'c',
          sql_task: { warehouse_id: 'w', file: { path: '/q.sql' } },
        },
      ],
      {},
      /runs on its SQL warehouse .* cannot set existing_cluster_id/,
    ],
    [
      'a SQL dashboard task',
      [{ task_key: 'q', sql_task: { warehouse_id: 'w', dashboard: { dashboard_id: 'd' } } }],
      {},
      /sql_task.dashboard is not supported/,
    ],
    [
      'a SQL query task without a query id',
      [{ task_key: 'q', sql_task: { warehouse_id: 'w', query: {} } }],
      {},
      /sql_task.query.query_id is required/,
    ],
  ])('rejects %s with INVALID_PARAMETER_VALUE', (_case, tasks, context, message) => {
    const error = errorOf(() => validateTasks(tasks, context));
    expect(error.statusCode).toBe(400);
    expect(error.errorCode).toBe('INVALID_PARAMETER_VALUE');
    expect(error.message).toMatch(message);
  });
});

describe('findDependencyCycle', () => {
  it('finds no cycle in a chain', () => {
    expect(findDependencyCycle([notebook('a'), notebook('b', ['a']), notebook('c', ['b'])])).toBeUndefined();
  });

  it('finds a cycle that does not include the first task', () => {
    expect(
      findDependencyCycle([notebook('root'), notebook('x', ['root', 'y']), notebook('y', ['x'])]),
    ).toEqual(['x', 'y', 'x']);
  });
});

describe('validateQuartzCron', () => {
  it.each(['0 0 12 * * ?', '0 15 10 ? * MON-FRI', '0 0/5 14,18 * * ? 2030', '  0 0 0 L * ?  '])(
    'accepts %s',
    (cron) => {
      expect(() => validateQuartzCron(cron)).not.toThrow();
    },
  );

  it.each<[string, RegExp]>([
    ['0 12 * * *', /expected 6 or 7 fields.*got 5/],
    ['0 0 12 * * ? 2030 extra', /got 8/],
    ['0 0 12 * * *', /use '\?' in either the day-of-month or the day-of-week/],
    ['0 0 12 * * ?; rm', /unexpected characters/],
  ])('rejects %s', (cron, message) => {
    expect(() => validateQuartzCron(cron)).toThrow(message);
  });
});

describe('isKnownTimeZone', () => {
  it.each<[string, boolean]>([
    ['UTC', true],
    ['Europe/Paris', true],
    ['America/Los_Angeles', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
  ])('says %s is known: %s', (zone, known) => {
    expect(isKnownTimeZone(zone)).toBe(known);
  });
});

describe('normalizeJobSettings', () => {
  it('names a job Untitled and lets one run at a time by default', () => {
    expect(normalizeJobSettings({ tasks: [notebook('a')] })).toEqual({
      name: 'Untitled',
      max_concurrent_runs: 1,
      tasks: [notebook('a')],
    });
  });

  it('keeps the values it is given', () => {
    const settings = normalizeJobSettings({ name: 'nightly', max_concurrent_runs: 0 });
    expect(settings).toMatchObject({ name: 'nightly', max_concurrent_runs: 0 });
  });

  it.each<[string, JobSettings, RegExp]>([
    [
      'an unknown time zone',
      { schedule: { quartz_cron_expression: '0 0 1 * * ?', timezone_id: 'Nowhere/City' } },
      /Invalid timezone_id 'Nowhere\/City'/,
    ],
    [
      'a five-field cron',
      { schedule: { quartz_cron_expression: '0 1 * * *', timezone_id: 'UTC' } },
      /6 or 7 fields/,
    ],
    [
      'both a schedule and continuous',
      { schedule: { quartz_cron_expression: '0 0 1 * * ?', timezone_id: 'UTC' }, continuous: {} },
      /schedule or be continuous/,
    ],
    [
      'repeated parameter names',
      {
        parameters: [
          { name: 'p', default: '1' },
          { name: 'p', default: '2' },
        ],
      },
      /parameter names must be unique/,
    ],
    ['a cycle', { tasks: [notebook('a', ['b']), notebook('b', ['a'])] }, /cycle/],
  ])('rejects %s', (_case, settings, message) => {
    expect(() => normalizeJobSettings(settings)).toThrow(message);
  });
});

describe('mergeJobSettings', () => {
  const current: JobSettings = {
    name: 'etl',
    max_concurrent_runs: 1,
    tags: { team: 'data' },
    tasks: [notebook('extract'), notebook('load', ['extract'])],
    job_clusters: [cluster],
  };

  it.each<[string, JobSettings, string[], JobSettings]>([
    [
      'replaces top-level fields',
      { name: 'etl2', tags: { team: 'ml' } },
      [],
      { ...current, name: 'etl2', tags: { team: 'ml' } },
    ],
    [
      'replaces a task with the same key and appends new ones',
      { tasks: [notebook('load', [], { description: 'new' }), notebook('report', ['load'])] },
      [],
      {
        ...current,
        tasks: [
          notebook('extract'),
          notebook('load', [], { description: 'new' }),
          notebook('report', ['load']),
        ],
      },
    ],
    [
      'merges job clusters by key',
      { job_clusters: [{ ...cluster, new_cluster: { spark_version: '19.3.x-scala2.13' } }] },
      [],
      { ...current, job_clusters: [{ ...cluster, new_cluster: { spark_version: '19.3.x-scala2.13' } }] },
    ],
    ['removes a top-level field', {}, ['tags'], (({ tags: _tags, ...rest }) => rest)(current)],
    ['removes a task by key', {}, ['tasks/load'], { ...current, tasks: [notebook('extract')] }],
    ['removes a job cluster by key', {}, ['job_clusters/shared'], { ...current, job_clusters: [] }],
    [
      'removes before it applies new settings',
      { tasks: [notebook('load')] },
      ['tasks/load'],
      { ...current, tasks: [notebook('extract'), notebook('load')] },
    ],
  ])('%s', (_case, changes, remove, expected) => {
    expect(mergeJobSettings(current, changes, remove, FIELDS)).toEqual(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['an unknown field', ['colour'], /Cannot remove unknown field colour/],
    ['a missing task', ['tasks/ghost'], /Cannot remove task ghost: no such task/],
    ['a missing job cluster', ['job_clusters/ghost'], /no such job cluster/],
    ['a nested field', ['schedule/timezone_id'], /only top-level fields/],
  ])('refuses to remove %s', (_case, remove, message) => {
    expect(() => mergeJobSettings(current, {}, remove, FIELDS)).toThrow(message);
  });

  it('does not change the settings it merges into', () => {
    const before = structuredClone(current);
    mergeJobSettings(current, { tasks: [notebook('x')] }, ['tasks/load'], FIELDS);
    expect(current).toEqual(before);
  });
});
