import { createHash } from 'node:crypto';
import {
  attributeProblems,
  buildClusterResource,
  type ClusterAttributes,
  DEFAULT_NODE_TYPE_ID,
  DEFAULT_SPARK_VERSION,
} from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import type { RunRecord, RunTaskRecord } from '@brickyard/common/runs';
import { GROUP } from '@brickyard/common/vocabulary';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';

/**
 * Where a task runs: an existing cluster, or a job cluster the scheduler creates for the run (a
 * `job_clusters` entry shared by the tasks naming it, a task's own `new_cluster`, or, for a task
 * that names no compute at all (serverless on Databricks), a small single-node cluster of the run).
 * A sql_task runs on its SQL warehouse (`sql_task.warehouse_id`): on the warehouse's compute, the
 * Cluster the operator runs for it, which the scheduler never creates nor starts itself.
 * Condition tasks need no cluster: the scheduler evaluates them itself.
 */

/** Label of job clusters: the run they were made for (the vocabulary should carry it). */
export const RUN_ID_LABEL = `${GROUP}/run-id`;
/** Annotation of job clusters: which of the run's job clusters this is. */
export const JOB_CLUSTER_KEY_ANNOTATION = `${GROUP}/job-cluster-key`;

export type TaskCompute =
  | { kind: 'existing'; clusterId: string }
  | { kind: 'job'; key: string; clusterId: string; attributes: ClusterAttributes }
  | { kind: 'warehouse'; warehouseId: string; clusterId: string }
  | { kind: 'none' }
  | { kind: 'invalid'; message: string };

const SERVERLESS_KEY = 'serverless';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The id of one of a run's job clusters: the Databricks form `MMDD-HHMMSS-xxxxxxxx` from the run's
 * start and a hash of run and key, so that creating it again after a crash finds the first one.
 */
export function jobClusterId(run: Pick<RunRecord, 'run_id' | 'start_time'>, key: string): string {
  const at = new Date(run.start_time);
  const two = (value: number) => String(value).padStart(2, '0');
  const date = `${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())}`;
  const time = `${two(at.getUTCHours())}${two(at.getUTCMinutes())}${two(at.getUTCSeconds())}`;
  const digest = createHash('sha256').update(`${run.run_id}/${key}`).digest();
  const suffix = [...digest.subarray(0, 8)].map((byte) => ALPHABET[byte % ALPHABET.length]).join('');
  return `${date}-${time}-${suffix}`;
}

/** A job cluster, or why its attributes cannot make one (the checks clusters/create makes). */
function jobCompute(
  run: Pick<RunRecord, 'run_id' | 'start_time'>,
  key: string,
  attributes: ClusterAttributes,
): TaskCompute {
  // Job clusters end with their run, never by inactivity: that setting is dropped, not checked.
  const { autotermination_minutes: _never, ...checked } = attributes;
  const problems = attributeProblems(checked);
  if (problems.length > 0)
    return { kind: 'invalid', message: `Cluster validation error: ${problems.join('; ')}` };
  return { kind: 'job', key, clusterId: jobClusterId(run, key), attributes };
}

export function taskCompute(
  run: Pick<RunRecord, 'run_id' | 'start_time' | 'job_clusters'>,
  task: RunTaskRecord,
): TaskCompute {
  if (task.condition_task) return { kind: 'none' };
  const warehouseId = task.sql_task?.warehouse_id;
  if (warehouseId) return { kind: 'warehouse', warehouseId, clusterId: warehouseClusterId(warehouseId) };
  if (task.sql_task && !task.existing_cluster_id) {
    return { kind: 'invalid', message: `Task ${task.task_key}: sql_task.warehouse_id is required.` };
  }
  if (task.existing_cluster_id) return { kind: 'existing', clusterId: task.existing_cluster_id };
  if (task.job_cluster_key) {
    const definition = run.job_clusters?.find((cluster) => cluster.job_cluster_key === task.job_cluster_key);
    if (!definition) {
      return {
        kind: 'invalid',
        message: `Job cluster ${task.job_cluster_key} is not defined in job_clusters.`,
      };
    }
    return jobCompute(run, `job:${task.job_cluster_key}`, definition.new_cluster);
  }
  if (task.new_cluster) return jobCompute(run, `task:${task.task_key}`, task.new_cluster);
  return {
    kind: 'job',
    key: SERVERLESS_KEY,
    clusterId: jobClusterId(run, SERVERLESS_KEY),
    attributes: { spark_version: DEFAULT_SPARK_VERSION, node_type_id: DEFAULT_NODE_TYPE_ID, num_workers: 0 },
  };
}

function jobClusterName(run: Pick<RunRecord, 'run_id' | 'job_id'>, key: string): string {
  const base = run.job_id === undefined ? `run-${run.run_id}` : `job-${run.job_id}-run-${run.run_id}`;
  const suffix = key === SERVERLESS_KEY ? '' : `-${key.slice(key.indexOf(':') + 1)}`;
  return `${base}${suffix}`.slice(0, 100);
}

/**
 * The Cluster resource of a run's job cluster: cluster_source JOB, labelled with the run, made by
 * the run's run-as user (whose grants the cluster's own Spark sessions carry).
 */
export function jobClusterResource(
  run: Pick<
    RunRecord,
    'run_id' | 'job_id' | 'workspace_id' | 'creator_user_name' | 'run_as_user_name' | 'start_time'
  >,
  compute: Extract<TaskCompute, { kind: 'job' }>,
): ClusterResource {
  // Job clusters end with their run, never by inactivity.
  const { autotermination_minutes: _never, ...attributes } = compute.attributes;
  return buildClusterResource({
    clusterId: compute.clusterId,
    workspaceId: run.workspace_id,
    attributes: { ...attributes, cluster_name: jobClusterName(run, compute.key) },
    source: 'JOB',
    creatorUserName: run.run_as_user_name ?? run.creator_user_name,
    labels: { [RUN_ID_LABEL]: String(run.run_id) },
    annotations: { [JOB_CLUSTER_KEY_ANNOTATION]: compute.key },
  });
}
