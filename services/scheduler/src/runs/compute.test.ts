import type { RunTaskRecord } from '@brickyard/common/runs';
import type { ClusterAttributes } from '@brickyard/common/schema';
import { describe, expect, it } from 'vitest';
import {
  JOB_CLUSTER_KEY_ANNOTATION,
  jobClusterId,
  jobClusterResource,
  RUN_ID_LABEL,
  taskCompute,
} from './compute.js';

describe('job cluster ids', () => {
  const run = { run_id: 123456789012345, start_time: Date.UTC(2026, 10, 24, 15, 4, 5) };

  it('have the Databricks form, dated by the run', () => {
    expect(jobClusterId(run, 'job:main')).toMatch(/^1124-150405-[a-z0-9]{8}$/);
  });

  it('are the same every time for a run and key, and differ between keys', () => {
    expect(jobClusterId(run, 'job:main')).toBe(jobClusterId(run, 'job:main'));
    expect(jobClusterId(run, 'job:main')).not.toBe(jobClusterId(run, 'job:other'));
    expect(jobClusterId(run, 'job:main')).not.toBe(jobClusterId({ ...run, run_id: 1 }, 'job:main'));
  });
});

const run = {
  run_id: 77,
  job_id: 5,
  workspace_id: 1234,
  creator_user_name: 'ada@example.com',
  run_as_user_name: 'etl@example.com',
  start_time: Date.UTC(2026, 2, 1, 10, 0, 0),
};
const task = (extra: Partial<RunTaskRecord>) =>
  ({ task_key: 'a', run_id: 78, attempt_number: 0, ...extra }) as RunTaskRecord;
const runtime = '19.3.x-no-spark-scala2.13';

describe('the compute of a task', () => {
  it.each<[string, ClusterAttributes, string | undefined]>([
    ['a fixed size', { spark_version: runtime, num_workers: 2 }, undefined],
    [
      'autoscale bounds in order',
      { spark_version: runtime, autoscale: { min_workers: 1, max_workers: 2 } },
      undefined,
    ],
    [
      'equal autoscale bounds',
      { spark_version: runtime, autoscale: { min_workers: 2, max_workers: 2 } },
      'Cluster validation error: autoscale.max_workers must be greater than autoscale.min_workers',
    ],
    [
      'both a size and autoscale',
      { spark_version: runtime, num_workers: 1, autoscale: { min_workers: 1, max_workers: 2 } },
      'Cluster validation error: Only one of num_workers or autoscale may be set',
    ],
    [
      'an unknown node type',
      { spark_version: runtime, node_type_id: 'z9.huge' },
      'Cluster validation error: Node type z9.huge is not supported; see /api/2.1/clusters/list-node-types',
    ],
    // Job clusters end with their run: their auto-termination is dropped, not checked.
    ['an auto-termination it ignores', { spark_version: runtime, autotermination_minutes: 5 }, undefined],
  ])('checks a new_cluster with %s as clusters/create does', (_case, attributes, invalid) => {
    const compute = taskCompute(run, task({ new_cluster: attributes }));
    if (invalid) expect(compute).toEqual({ kind: 'invalid', message: invalid });
    else expect(compute).toMatchObject({ kind: 'job', key: 'task:a', attributes });
  });

  it('checks a shared job cluster too', () => {
    const compute = taskCompute(
      { ...run, job_clusters: [{ job_cluster_key: 'main', new_cluster: { spark_version: '0.0.x-scala1' } }] },
      task({ job_cluster_key: 'main' }),
    );
    expect(compute).toMatchObject({ kind: 'invalid', message: /Invalid spark version 0.0.x-scala1/ });
  });
});

describe('the Cluster resource of a job cluster', () => {
  it('is built as clusters/create builds one, as a JOB cluster of the run, made by its run-as user, that never auto-terminates', () => {
    const compute = taskCompute(
      run,
      task({ new_cluster: { spark_version: runtime, num_workers: 1, autotermination_minutes: 30 } }),
    );
    if (compute.kind !== 'job') throw new Error('expected a job cluster');
    const resource = jobClusterResource(run, compute);
    expect(resource).toEqual({
      apiVersion: 'brickyard.dev/v1alpha1',
      kind: 'Cluster',
      metadata: {
        name: compute.clusterId,
        namespace: 'brickyard-ws-1234',
        labels: {
          'app.kubernetes.io/managed-by': 'brickyard',
          'brickyard.dev/workspace-id': '1234',
          'brickyard.dev/cluster-id': compute.clusterId,
          [RUN_ID_LABEL]: '77',
        },
        annotations: { [JOB_CLUSTER_KEY_ANNOTATION]: 'task:a' },
      },
      spec: {
        sparkVersion: runtime,
        numWorkers: 1,
        nodeTypeId: 'm5d.large',
        driverNodeTypeId: 'm5d.large',
        clusterName: 'job-5-run-77-a',
        desiredState: 'RUNNING',
        restartGeneration: 0,
        clusterSource: 'JOB',
        creatorUserName: 'etl@example.com',
      },
    });
  });
});
