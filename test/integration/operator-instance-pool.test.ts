import { randomUUID } from 'node:crypto';
import type { ClusterResource, InstancePoolResource } from '@brickyard/common/crd';
import { loadKubeConfig, mergePatch } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { parsePoolAssignment, poolAssignmentKey } from '@brickyard/common/pool-assignment';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { API_VERSION, Labels, MANAGED_BY, PoolAnnotations } from '@brickyard/common/vocabulary';
import { CoreV1Api, CustomObjectsApi, type V1Pod } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createShardWorkspace,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  releaseLease,
  removeWorkspace,
  waitFor,
} from '../../bench/cluster/harness.js';
import { ClusterType } from '../../operator/src/cluster/cluster-type.js';
import { InstancePoolType } from '../../operator/src/instance-pool/pool-type.js';

/**
 * The instance pool controller and adoption by clusters against the real apiserver and instance
 * agent of `make up`, with an operator of its own (a shard, as operator-cluster.test.ts). Pods run
 * brickyard/sleeper, which serves no probes: idle pods stay unstarted and adopted ones unready, so
 * what is under test is the pods, their owners and labels, the stats and the assignments; the
 * runtime's side is the e2e test's (test/e2e/test_instance_pools.py). A "minute" is 300 ms.
 */

const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const core = admin.makeApiClient(CoreV1Api);
const shard = `itp-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
let namespace = '';
let kubeconfig: Awaited<ReturnType<typeof operatorKubeconfig>> | undefined;
let operator: OperatorProcess | undefined;
let redis: Redis;
let sequence = 0;

async function createPool(spec: Partial<InstancePoolResource['spec']>): Promise<string> {
  sequence++;
  const poolId = `0301-000000-pool-${shard.slice(4)}${sequence}`;
  const body: InstancePoolResource = {
    apiVersion: API_VERSION,
    kind: 'InstancePool',
    metadata: { name: poolId, namespace, labels: { [Labels.managedBy]: MANAGED_BY } },
    spec: {
      instancePoolName: `it ${poolId}`,
      nodeTypeId: 'm5d.large',
      creatorUserName: 'it@brickyard.dev',
      createdAtTimestamp: Date.now(),
      ...spec,
    },
  };
  await customObjects.createNamespacedCustomObject({ ...InstancePoolType, namespace, body });
  return poolId;
}

async function createCluster(spec: Partial<ClusterResource['spec']>): Promise<string> {
  sequence++;
  const clusterId = `0301-000000-${shard.slice(4)}c${sequence}`;
  const body: ClusterResource = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: clusterId, namespace },
    spec: {
      sparkVersion: '19.3.x-no-spark-scala2.13',
      nodeTypeId: 'm5d.large',
      desiredState: 'RUNNING',
      restartGeneration: 0,
      clusterSource: 'API',
      creatorUserName: 'it@brickyard.dev',
      ...spec,
    },
  };
  await customObjects.createNamespacedCustomObject({ ...ClusterType, namespace, body });
  return clusterId;
}

async function poolPods(poolId: string): Promise<V1Pod[]> {
  const listed = await core.listNamespacedPod({
    namespace,
    labelSelector: `${Labels.instancePoolId}=${poolId}`,
  });
  return listed.items.filter((pod) => !pod.metadata?.deletionTimestamp);
}

const isIdle = (pod: V1Pod) => pod.metadata?.labels?.[Labels.clusterId] === undefined;

async function waitForPods(
  poolId: string,
  what: string,
  accept: (pods: V1Pod[]) => boolean,
): Promise<V1Pod[]> {
  return waitFor(what, 30_000, async () => {
    const pods = await poolPods(poolId);
    return accept(pods) ? pods : undefined;
  });
}

beforeAll(async () => {
  redis = createRedisConnection(env.redisUrl);
  kubeconfig = await operatorKubeconfig(admin);
  operator = await OperatorProcess.start({
    kubeconfig: kubeconfig.path,
    shard,
    env: { BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper', BRICKYARD_AUTOTERMINATION_MINUTE_MS: '300' },
  });
  await operator.waitUntilLeading();
  namespace = await createShardWorkspace(admin, shard, workspaceId);
}, 90_000);

afterAll(async () => {
  await operator?.stop('SIGTERM');
  await removeWorkspace(admin, workspaceId);
  await releaseLease(admin, shard);
  redis.disconnect();
  await kubeconfig?.remove();
}, 90_000);

describe('the instance pool controller', () => {
  it('keeps the minimum of idle pods, owned by the pool, counted in its stats and metrics', async () => {
    const poolId = await createPool({ minIdleInstances: 2, maxCapacity: 3 });
    const pods = await waitForPods(
      poolId,
      'two idle pods',
      (found) => found.length === 2 && found.every(isIdle),
    );
    for (const pod of pods) {
      expect(pod.metadata?.name?.startsWith(`${poolId}-`)).toBe(true);
      expect(pod.metadata?.ownerReferences?.map((owner) => owner.name)).toEqual([poolId]);
      expect(pod.spec?.containers[0]?.startupProbe?.httpGet?.path).toBe('/startedz');
    }
    await waitFor('the stats', 10_000, async () => {
      const pool = (await customObjects.getNamespacedCustomObject({
        ...InstancePoolType,
        namespace,
        name: poolId,
      })) as InstancePoolResource;
      const stats = pool.status?.stats;
      // sleeper serves no /startedz: the pods never warm up, so they stay pending.
      return stats?.pendingIdleCount === 2 && stats.idleCount === 0 && stats.usedCount === 0
        ? true
        : undefined;
    });
    const metrics = await (await fetch(`http://127.0.0.1:${operator?.port}/metrics`)).text();
    expect(metrics).toContain(
      `brickyard_operator_instance_pool_instances{workspace_id="${workspaceId}",instance_pool_id="${poolId}",state="pending_idle"} 2`,
    );
  });

  it('ends idle pods beyond a lowered minimum once idle for idle_instance_autotermination_minutes', async () => {
    const poolId = await createPool({ minIdleInstances: 2, idleInstanceAutoterminationMinutes: 2 });
    await waitForPods(poolId, 'two idle pods', (found) => found.length === 2);
    await customObjects.patchNamespacedCustomObject(
      { ...InstancePoolType, namespace, name: poolId, body: { spec: { minIdleInstances: 0 } } },
      mergePatch,
    );
    await waitForPods(poolId, 'the idle pods to end', (found) => found.length === 0);
  });

  it('gives a cluster an idle pod for its driver, cold pods for the rest, resends its assignment, starts a new idle pod', async () => {
    const poolId = await createPool({ minIdleInstances: 1, maxCapacity: 3 });
    const [idle] = await waitForPods(poolId, 'an idle pod', (found) => found.length === 1);
    const clusterId = await createCluster({ numWorkers: 1, instancePoolId: poolId });
    const adopted = await waitFor('the idle pod to be adopted', 30_000, async () => {
      const pod = await core.readNamespacedPod({ namespace, name: idle?.metadata?.name ?? '' });
      return pod.metadata?.labels?.[Labels.clusterId] === clusterId ? pod : undefined;
    });
    expect(adopted.metadata?.labels?.[Labels.role]).toBe('driver');
    expect(adopted.metadata?.annotations?.[PoolAnnotations.slot]).toBe('driver');
    expect(adopted.metadata?.ownerReferences?.map((owner) => owner.name)).toEqual([clusterId]);
    const key = poolAssignmentKey(adopted.metadata?.uid ?? '');
    // Sent right after the pod is relabelled.
    const sent = await waitFor('the assignment', 10_000, async () => (await redis.get(key)) ?? undefined);
    const assignment = parsePoolAssignment(sent);
    expect(assignment?.env).toMatchObject({ BRICKYARD_CLUSTER_ID: clusterId, BRICKYARD_ROLE: 'driver' });

    // As if the operator had died between adopting the pod and sending its slot: it is sent again.
    await redis.del(key);
    await waitFor('the assignment to be sent again', 10_000, async () =>
      (await redis.exists(key)) ? true : undefined,
    );

    // The pool had one idle pod: the worker is a cold pod, the pool's too (it counts against
    // max_capacity), and the pool starts a new idle one in the room left.
    await waitFor('a cold worker of the pool and a new idle pod', 30_000, async () => {
      const pods = await poolPods(poolId);
      const worker = pods.find((pod) => pod.metadata?.name === `${clusterId}-worker-0`);
      return worker && pods.filter(isIdle).length === 1 ? true : undefined;
    });
    const full = await createCluster({ numWorkers: 0, instancePoolId: poolId });
    // Three of three: the pool starts no idle pod beyond its max_capacity.
    await waitFor('the pool at max_capacity', 30_000, async () => {
      const pods = await poolPods(poolId);
      return pods.length === 3 && pods.filter(isIdle).length === 0 ? true : undefined;
    });
    await customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace, name: full });
    await customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace, name: clusterId });
    await redis.del(key);
  });

  it('lets only one of two clusters adopt the last idle pod; the other starts a cold driver', async () => {
    const poolId = await createPool({ minIdleInstances: 1, maxCapacity: 1 });
    await waitForPods(poolId, 'an idle pod', (found) => found.length === 1);
    const clusters = await Promise.all([
      createCluster({ numWorkers: 0, instancePoolId: poolId }),
      createCluster({ numWorkers: 0, instancePoolId: poolId }),
    ]);
    const drivers = await waitFor('both drivers', 30_000, async () => {
      const listed = await core.listNamespacedPod({ namespace, labelSelector: Labels.clusterId });
      const found = clusters.map((id) =>
        listed.items.find(
          (pod) => pod.metadata?.labels?.[Labels.clusterId] === id && !pod.metadata.deletionTimestamp,
        ),
      );
      return found.every((pod) => pod !== undefined) ? (found as V1Pod[]) : undefined;
    });
    const adopted = drivers.filter((pod) => pod.metadata?.annotations?.[PoolAnnotations.slot] !== undefined);
    expect(adopted).toHaveLength(1);
    const cold = drivers.find((pod) => !adopted.includes(pod));
    expect(cold?.metadata?.name).toMatch(/-driver$/);
    for (const clusterId of clusters) {
      await customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace, name: clusterId });
    }
  });
});
