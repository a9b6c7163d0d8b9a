import { loadKubeConfig } from '@brickyard/common/kube';
import { CoreV1Api, type V1Node } from '@kubernetes/client-node';
import { afterAll, describe, expect, it } from 'vitest';
import { clientFor, readApiEnv } from './support/api-client.js';
import { waitFor } from './support/wait-for.js';

/**
 * Instances as EC2 provides them: each cluster pod gets a Node of its own, of its node type,
 * launched by the instance agent when the pod needs one and ended once the pod is gone; a cluster
 * the host has no memory for fails at once with Databricks' termination reason.
 */
const env = readApiEnv();
const admin = clientFor(env.host, env.workspaceToken);
const core = loadKubeConfig(process.env.KUBECONFIG).makeApiClient(CoreV1Api);
const created: string[] = [];

interface Details {
  state: string;
  state_message?: string;
  termination_reason?: { code: string; type: string; parameters?: Record<string, string> };
}

async function createCluster(body: Record<string, unknown>): Promise<string> {
  const response = await admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: { spark_version: '19.3.x-no-spark-scala2.13', node_type_id: 'm5d.large', ...body },
  });
  expect(response.status).toBe(200);
  created.push(response.body.cluster_id);
  return response.body.cluster_id;
}

const details = async (clusterId: string) =>
  (await admin<Details>('GET', '/api/2.1/clusters/get', { query: { cluster_id: clusterId } })).body;

async function settled(clusterId: string): Promise<Details> {
  return waitFor(
    `cluster ${clusterId} to settle`,
    async () => {
      const cluster = await details(clusterId);
      return ['RUNNING', 'TERMINATED', 'ERROR'].includes(cluster.state) ? cluster : undefined;
    },
    { timeoutMs: 60_000 },
  );
}

async function nodesOf(clusterId: string): Promise<V1Node[]> {
  const pods = await core.listPodForAllNamespaces({ labelSelector: `brickyard.dev/cluster-id=${clusterId}` });
  return Promise.all(pods.items.map((pod) => core.readNode({ name: pod.spec?.nodeName ?? '' })));
}

afterAll(async () => {
  for (const clusterId of created.splice(0)) {
    await admin('POST', '/api/2.1/clusters/permanent-delete', { body: { cluster_id: clusterId } });
  }
});

describe('instances', () => {
  it('launches a Node of its node type for each cluster pod, beyond what fixed Nodes held', async () => {
    // Ten 1-worker clusters of 2-core instances: twenty pods, more than the two fixed 16-core
    // Nodes held (sixteen), and each on its own instance.
    const clusterIds = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        createCluster({ cluster_name: `instances-${i}`, num_workers: 1, driver_node_type_id: 'r5d.large' }),
      ),
    );
    for (const clusterId of clusterIds) expect((await settled(clusterId)).state).toBe('RUNNING');

    const nodes = (await Promise.all(clusterIds.map(nodesOf))).flat();
    expect(new Set(nodes.map((node) => node.metadata?.name)).size).toBe(20);
    for (const node of nodes) {
      expect(node.metadata?.name).toMatch(/^i-0[0-9a-f]{16}$/);
      expect(node.metadata?.labels?.['brickyard.dev/instance']).toBe('on-demand');
      expect(node.spec?.taints).toContainEqual({
        key: 'brickyard.dev/instance',
        value: 'cluster',
        effect: 'NoSchedule',
      });
    }
    const [driverNode] = await nodesOf(clusterIds[0] ?? '').then((all) =>
      all.filter((node) => node.metadata?.labels?.['node.kubernetes.io/instance-type'] === 'r5d.large'),
    );
    expect(driverNode?.status?.capacity).toMatchObject({ cpu: '2', memory: '16Gi' });
    expect(
      nodes.filter((node) => node.metadata?.labels?.['node.kubernetes.io/instance-type'] === 'm5d.large'),
    ).toHaveLength(10);
  }, 180_000);

  it('ends the instances of a terminated cluster', async () => {
    const clusterId = await createCluster({ cluster_name: 'instances-end', num_workers: 1 });
    expect((await settled(clusterId)).state).toBe('RUNNING');
    const names = (await nodesOf(clusterId)).map((node) => node.metadata?.name ?? '');
    await admin('POST', '/api/2.1/clusters/delete', { body: { cluster_id: clusterId } });
    await waitFor(
      `the instances ${names.join(', ')} to end`,
      async () => {
        const left = await core.listNode();
        return left.items.some((node) => names.includes(node.metadata?.name ?? '')) ? undefined : true;
      },
      { timeoutMs: 60_000 },
    );
  }, 90_000);

  it('fails a cluster the host has no memory for, with AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE', async () => {
    // A driver heap of 100 GiB is more than this machine has: the instance is never launched.
    const clusterId = await createCluster({
      cluster_name: 'instances-too-big',
      spark_version: '19.3.x-scala2.13',
      num_workers: 1,
      spark_conf: { 'spark.driver.memory': '100g' },
    });
    const cluster = await settled(clusterId);
    expect(cluster.state).toBe('TERMINATED');
    expect(cluster.termination_reason).toMatchObject({
      code: 'AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE',
      type: 'CLOUD_FAILURE',
      parameters: { aws_api_error_code: 'InsufficientInstanceCapacity' },
    });
    expect(cluster.state_message).toMatch(
      /sufficient capacity for m5d\.large instances: .* needs 102912 MiB/,
    );

    // It stays terminated; clusters/start tries again, and fails the same way.
    await admin('POST', '/api/2.1/clusters/start', { body: { cluster_id: clusterId } });
    await waitFor('the start to begin', async () =>
      (await details(clusterId)).state !== 'TERMINATED' ? true : undefined,
    );
    const again = await settled(clusterId);
    expect(again.state, again.state_message).toBe('TERMINATED');
    expect(again.termination_reason?.code).toBe('AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE');
  }, 90_000);

  it('fails a run whose job cluster cannot get its instances, with CLUSTER_ERROR', async () => {
    const submitted = await admin<{ run_id: number }>('POST', '/api/2.1/jobs/runs/submit', {
      body: {
        run_name: 'no capacity',
        tasks: [
          {
            task_key: 'main',
            new_cluster: {
              spark_version: '19.3.x-scala2.13',
              node_type_id: 'm5d.large',
              num_workers: 0,
              spark_conf: { 'spark.driver.memory': '100g' },
            },
            spark_python_task: { python_file: 'dbfs:/never-runs.py' },
          },
        ],
      },
    });
    expect(submitted.status).toBe(200);
    interface Run {
      state: { life_cycle_state: string; result_state?: string; state_message: string };
      tasks: { state: { state_message: string } }[];
    }
    const run = await waitFor(
      'the run to end',
      async () => {
        const got = await admin<Run>('GET', '/api/2.1/jobs/runs/get', {
          query: { run_id: submitted.body.run_id },
        });
        return ['TERMINATED', 'INTERNAL_ERROR'].includes(got.body.state.life_cycle_state)
          ? got.body
          : undefined;
      },
      { timeoutMs: 60_000 },
    );
    expect(run.state).toMatchObject({ life_cycle_state: 'INTERNAL_ERROR', result_state: 'FAILED' });
    expect(run.tasks[0]?.state.state_message).toMatch(
      /is in unexpected state Terminated: AWS_INSUFFICIENT_INSTANCE_CAPACITY_FAILURE\(CLOUD_FAILURE\)/,
    );
  }, 90_000);
});
