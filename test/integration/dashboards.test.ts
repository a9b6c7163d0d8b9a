import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  ALL,
  DEFAULT_INTERVALS,
  interpolate,
  panelQueries,
  parseLabelValuesQuery,
  templateVariables,
  type VariableValue,
} from '@brickyard/common/observability';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, eventually, readApiEnv } from './support/api-client.js';
import { Prometheus, readPrometheusUrl } from './support/prometheus.js';
import { type DedicatedWorkspace, dedicatedWorkspace } from './support/workspaces.js';

/**
 * Every panel of every dashboard in deploy/grafana shows data: after a small workload through the
 * REST API (an autoscaled cluster that grows under jobs, runs that succeed, one that fails, API
 * errors), each PromQL target, its variables filled in as Grafana would, is evaluated through the
 * platform's Prometheus, once with every variable at All and once at the workload's workspace
 * and cluster, and must return samples that are numbers.
 */

const DASHBOARDS = fileURLToPath(new URL('../../deploy/grafana/', import.meta.url));
const dashboardFiles = readdirSync(DASHBOARDS).filter((name) => name.endsWith('.json'));
/** How long the checks wait, after the workload, for Prometheus to see everything. */
const SETTLE_MS = 120_000;
/** The local Prometheus scrapes every target this often (deploy/prometheus/prometheus.yml.tmpl). */
const SCRAPE_INTERVAL_MS = 2_000;

const env = readApiEnv();
const prometheus = new Prometheus(readPrometheusUrl());
const suffix = randomUUID().slice(0, 8);
const folder = `/Shared/dashboards-${suffix}`;
let workspace: DedicatedWorkspace;
let api: ReturnType<typeof clientFor>;
let clusterId = '';
const jobIds: number[] = [];
let workloadStartedAt = 0;
let settleBy = 0;
/** The API error of the workload is a clusters/get of a cluster that does not exist. */
const ERROR_ROUTE = '/api/2.1/clusters/get';

const b64 = (text: string) => Buffer.from(text).toString('base64');

async function ok<T>(response: Promise<{ status: number; body: T }>): Promise<T> {
  const { status, body } = await response;
  if (status !== 200) throw new Error(`API answered ${status}: ${JSON.stringify(body)}`);
  return body;
}

async function putNotebook(name: string, ...cells: string[]): Promise<string> {
  const source = `# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`;
  const path = `${folder}/${name}`;
  await ok(
    api('POST', '/api/2.0/workspace/import', {
      body: { path, content: b64(source), format: 'SOURCE', language: 'PYTHON', overwrite: true },
    }),
  );
  return path;
}

async function putFile(name: string, text: string): Promise<string> {
  const path = `${folder}/${name}`;
  await ok(
    api('POST', '/api/2.0/workspace/import', {
      body: { path, content: b64(text), format: 'RAW', overwrite: true },
    }),
  );
  return path;
}

async function startCluster(): Promise<string> {
  const { cluster_id } = await ok(
    api<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: {
        cluster_name: `dashboards-${suffix}`,
        spark_version: '19.3.x-no-spark-scala2.13',
        autoscale: { min_workers: 1, max_workers: 2 },
        autotermination_minutes: 30,
      },
    }),
  );
  await eventually(async () => {
    const { state } = await ok(
      api<{ state: string }>('GET', '/api/2.1/clusters/get', { query: { cluster_id } }),
    );
    if (state === 'ERROR' || state === 'TERMINATED') throw new Error(`cluster ${cluster_id} went ${state}`);
    return state === 'RUNNING' ? true : undefined;
  }, 180_000);
  return cluster_id;
}

/** Runs a job to its end and returns its result state. */
async function runJob(name: string, tasks: Record<string, unknown>[]): Promise<string> {
  const onCluster = tasks.map((task) => ({ existing_cluster_id: clusterId, ...task }));
  const { job_id } = await ok(
    api<{ job_id: number }>('POST', '/api/2.2/jobs/create', { body: { name, tasks: onCluster } }),
  );
  jobIds.push(job_id);
  const { run_id } = await ok(api<{ run_id: number }>('POST', '/api/2.2/jobs/run-now', { body: { job_id } }));
  return eventually(async () => {
    const run = await ok(
      api<{ state: { life_cycle_state: string; result_state?: string } }>('GET', '/api/2.2/jobs/runs/get', {
        query: { run_id },
      }),
    );
    const { life_cycle_state, result_state } = run.state;
    return ['TERMINATED', 'INTERNAL_ERROR', 'SKIPPED'].includes(life_cycle_state)
      ? (result_state ?? life_cycle_state)
      : undefined;
  }, 180_000);
}

async function runWorkload(): Promise<void> {
  await ok(api('POST', '/api/2.0/workspace/mkdirs', { body: { path: folder } }));
  const sleep = await putNotebook('sleep', 'import time\ntime.sleep(8)', 'print("slept")');
  const fail = await putNotebook('fail', 'raise ValueError("this run fails on purpose")');
  const script = await putFile('hello.py', 'print("hello from spark_python_task")\n');
  const query = await putNotebook('answer', '%sql\nSELECT 42 AS answer');
  clusterId = await startCluster();
  // Five tasks at once on a cluster of one worker: demand beyond it makes the cluster grow to two.
  const succeeded = runJob(`dashboards-ok-${suffix}`, [
    ...['a', 'b', 'c'].map((key) => ({ task_key: `sleep_${key}`, notebook_task: { notebook_path: sleep } })),
    { task_key: 'python', spark_python_task: { python_file: script } },
    // A SQL cell on the cluster: a sql_task would run on a SQL warehouse instead.
    { task_key: 'sql', notebook_task: { notebook_path: query } },
  ]);
  const failed = runJob(`dashboards-fail-${suffix}`, [
    { task_key: 'fail', notebook_task: { notebook_path: fail } },
  ]);
  expect(await succeeded).toBe('SUCCESS');
  expect(await failed).toBe('FAILED');
  const getClusters = async () => {
    await ok(api('GET', ERROR_ROUTE, { query: { cluster_id: clusterId } }));
    const missing = await api('GET', ERROR_ROUTE, { query: { cluster_id: `missing-${suffix}` } });
    expect(missing.status).toBeGreaterThanOrEqual(400);
  };
  await getClusters();
  // Prometheus takes a series' first sample as its baseline: once the new series of this route
  // (the error's status code, say) have been scraped, the same calls again show as rates.
  await new Promise((resolve) => setTimeout(resolve, 3 * SCRAPE_INTERVAL_MS));
  await getClusters();
}

beforeAll(async () => {
  workspace = await dedicatedWorkspace(`dashboards-${suffix}`);
  api = clientFor(env.host, workspace.token);
  workloadStartedAt = Date.now();
  await runWorkload();
  settleBy = Date.now() + SETTLE_MS;
}, 480_000);

afterAll(async () => {
  if (!workspace) return;
  for (const job_id of jobIds) await api('POST', '/api/2.2/jobs/delete', { body: { job_id } });
  if (clusterId) await api('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } });
  await workspace.remove();
}, 60_000);

interface Check {
  what: string;
  expr: string;
}

/**
 * Each query variable set from label values, preferring the workload's workspace and cluster, so
 * panels that filter on them are checked against what the workload produced.
 */
async function selectedValues(
  dashboard: unknown,
  problems: string[],
): Promise<Record<string, VariableValue>> {
  const preferred: Record<string, string> = {
    workspace_id: String(workspace.workspaceId),
    cluster_id: clusterId,
    route: ERROR_ROUTE,
  };
  const variables = templateVariables(dashboard);
  const values: Record<string, VariableValue> = {};
  for (const variable of variables.filter((candidate) => candidate.type === 'query')) {
    const query = variable.query && parseLabelValuesQuery(variable.query);
    values[variable.name] = ALL;
    if (!query) {
      problems.push(`variable ${variable.name}: not a label_values query: ${variable.query}`);
      continue;
    }
    const match = query.match && interpolate(query.match, variables, { ...DEFAULT_INTERVALS, ...values });
    const options = await prometheus.labelValues(query.label, match);
    const wanted = preferred[variable.name];
    if (options.length === 0) problems.push(`variable ${variable.name}: no values for ${variable.query}`);
    else
      values[variable.name] = wanted !== undefined && options.includes(wanted) ? wanted : (options[0] ?? ALL);
  }
  return values;
}

/**
 * Rates and peaks over the time since the workload began: what a graph of the dashboard's range
 * shows, at one instant (runtime processes may have restarted since, leaving no recent samples).
 */
function intervals(): Record<string, string> {
  const seconds = Math.max(60, Math.ceil((Date.now() - workloadStartedAt) / 1000));
  return { __rate_interval: `${seconds}s` };
}

/** What is wrong with the dashboard now: variables without values, queries that fail or are empty. */
async function problemsOf(dashboard: unknown): Promise<string[]> {
  const problems: string[] = [];
  const selected = await selectedValues(dashboard, problems);
  const all = Object.fromEntries(Object.keys(selected).map((name) => [name, ALL]));
  const checks = new Map<string, Check>();
  for (const [pass, values] of [
    ['All', all],
    [JSON.stringify(selected), selected],
  ] as const) {
    for (const query of panelQueries(dashboard, { ...values, ...intervals() })) {
      if (!checks.has(query.expr))
        checks.set(query.expr, { what: `${query.panel} [${query.refId}] with ${pass}`, expr: query.expr });
    }
  }
  const outcomes = await Promise.all(
    [...checks.values()].map(async (check) => ({ check, outcome: await prometheus.query(check.expr) })),
  );
  for (const { check, outcome } of outcomes) {
    if (!outcome.ok) problems.push(`${check.what}: error ${outcome.error}\n      ${check.expr}`);
    else if (outcome.samples === 0) problems.push(`${check.what}: no data\n      ${check.expr}`);
    else if (outcome.numbers === 0) problems.push(`${check.what}: only NaN\n      ${check.expr}`);
  }
  return problems;
}

describe('the Grafana dashboards', () => {
  it.each(dashboardFiles)(
    'every panel of %s shows data after a workload',
    async (file) => {
      const dashboard: unknown = JSON.parse(readFileSync(`${DASHBOARDS}${file}`, 'utf8'));
      let problems = await problemsOf(dashboard);
      while (problems.length > 0 && Date.now() < settleBy) {
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        problems = await problemsOf(dashboard);
      }
      expect(problems, `${file}:\n  ${problems.join('\n  ')}`).toEqual([]);
    },
    SETTLE_MS + 60_000,
  );
});
