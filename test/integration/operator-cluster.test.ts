import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { restartRequested, startRequested, terminationRequested } from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { isNotFound, loadKubeConfig, mergePatch } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { API_VERSION, clusterDemandKey, Finalizers, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import { CoreV1Api, CustomObjectsApi, type V1Pod } from '@kubernetes/client-node';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPods,
  createShardWorkspace,
  isReady,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  readCluster,
  releaseLease,
  removeWorkspace,
  repoRoot,
  waitFor,
} from '../../bench/cluster/harness.js';
import { ClusterType } from '../../operator/src/cluster/cluster-type.js';

/**
 * The cluster controller against the real apiserver, kube-scheduler, controller-manager and the
 * instance agent of `make up`. The operator runs as a child process under the brickyard-operator
 * ServiceAccount with a shard of its own and a Workspace in that shard, so the platform's operator
 * leaves these clusters alone. Pods run brickyard/sleeper (`sleep`), and the timings are short:
 * an autotermination "minute" is 300 ms, idle workers go after 1.5 s.
 */

const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const core = admin.makeApiClient(CoreV1Api);
const run = promisify(execFile);
const shard = `itc-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
const OPERATOR_ENV = {
  BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper',
  BRICKYARD_AUTOSCALE_IDLE_MS: '1500',
  BRICKYARD_AUTOTERMINATION_MINUTE_MS: '300',
  BRICKYARD_DEMAND_POLL_MS: '250',
};
let namespace = '';
let kubeconfig: Awaited<ReturnType<typeof operatorKubeconfig>> | undefined;
let operator: OperatorProcess | undefined;
let redis: Redis;
const demandKeys: string[] = [];
const extraWorkspaces: { id: number; shard: string; operator?: OperatorProcess }[] = [];

let sequence = 0;
function newClusterId(): string {
  sequence++;
  return `0301-000000-${shard.slice(4)}${sequence}`;
}

/** A Cluster as clusters/create makes it. */
async function createCluster(spec: Partial<ClusterResource['spec']>, ns = namespace): Promise<string> {
  const clusterId = newClusterId();
  const body: ClusterResource = {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: {
      name: clusterId,
      namespace: ns,
      labels: {
        [Labels.managedBy]: MANAGED_BY,
        [Labels.workspaceId]: ns.replace('brickyard-ws-', ''),
        [Labels.clusterId]: clusterId,
      },
    },
    spec: {
      clusterName: `it ${clusterId}`,
      sparkVersion: '19.3.x-no-spark-scala2.13',
      nodeTypeId: 'm5d.large',
      driverNodeTypeId: 'm5d.large',
      desiredState: 'RUNNING',
      restartGeneration: 0,
      clusterSource: 'API',
      creatorUserName: 'it@brickyard.dev',
      ...spec,
    },
  };
  await customObjects.createNamespacedCustomObject({ ...ClusterType, namespace: ns, body });
  return clusterId;
}

async function getCluster(clusterId: string, ns = namespace): Promise<ClusterResource> {
  const cluster = await readCluster(admin, ns, clusterId);
  if (!cluster) throw new Error(`cluster ${clusterId} is gone`);
  return cluster;
}

/** A change to the spec, as the API makes it (clusters/resize, restart, delete, start...). */
async function patchSpec(
  clusterId: string,
  change: (spec: ClusterResource['spec']) => object,
): Promise<void> {
  const { spec } = await getCluster(clusterId);
  await customObjects.patchNamespacedCustomObject(
    { ...ClusterType, namespace, name: clusterId, body: { spec: change(spec) } },
    mergePatch,
  );
}

async function waitForCluster(
  clusterId: string,
  what: string,
  accept: (cluster: ClusterResource) => boolean,
  timeoutMs = 20_000,
  ns = namespace,
): Promise<ClusterResource> {
  let last: ClusterResource | undefined;
  try {
    return await waitFor(what, timeoutMs, async () => {
      last = await readCluster(admin, ns, clusterId);
      return last && accept(last) ? last : undefined;
    });
  } catch (error) {
    const status = JSON.stringify({ state: last?.status?.state, message: last?.status?.stateMessage });
    throw new Error(`${(error as Error).message}; the cluster is ${status}`);
  }
}

/** RUNNING with every worker of the target ready, and that many ready worker pods. */
async function waitForRunning(clusterId: string, workers: number, ns = namespace): Promise<ClusterResource> {
  const cluster = await waitForCluster(
    clusterId,
    `${clusterId} to be RUNNING with ${workers} workers`,
    (c) =>
      c.status?.state === 'RUNNING' &&
      c.status.readyWorkers === workers &&
      c.status.desiredWorkers === workers,
    20_000,
    ns,
  );
  await waitFor(`${workers} worker pods and nothing else`, 20_000, async () => {
    const pods = await clusterPods(admin, ns, clusterId);
    return pods.length === workers + 1 && pods.every(isReady) ? true : undefined;
  });
  return cluster;
}

const podNames = (pods: V1Pod[]) => pods.map((pod) => pod.metadata?.name ?? '').sort();
const eventTypes = (cluster: ClusterResource) => (cluster.status?.events ?? []).map((event) => event.type);
const expectedPods = (clusterId: string, workers: number) =>
  [`${clusterId}-driver`, ...Array.from({ length: workers }, (_, i) => `${clusterId}-worker-${i}`)].sort();

async function deleteAndWaitUntilGone(clusterId: string, ns = namespace): Promise<void> {
  await customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace: ns, name: clusterId });
  await waitFor(`${clusterId} to be gone`, 30_000, async () =>
    (await readCluster(admin, ns, clusterId)) ? undefined : true,
  );
}

async function setDemand(clusterId: string, queued: number, running: number): Promise<void> {
  const key = clusterDemandKey(clusterId);
  demandKeys.push(key);
  await redis.hset(key, { queued: String(queued), running: String(running), updated_at: String(Date.now()) });
}

async function startOperator(
  extraEnv: Record<string, string> = {},
  ofShard = shard,
): Promise<OperatorProcess> {
  if (!kubeconfig) throw new Error('no operator kubeconfig');
  const started = await OperatorProcess.start({
    kubeconfig: kubeconfig.path,
    shard: ofShard,
    env: { ...OPERATOR_ENV, ...extraEnv },
  });
  await started.waitUntilLeading();
  return started;
}

beforeAll(async () => {
  redis = createRedisConnection(env.redisUrl);
  kubeconfig = await operatorKubeconfig(admin);
  operator = await startOperator();
  namespace = await createShardWorkspace(admin, shard, workspaceId);
}, 90_000);

afterAll(async () => {
  await operator?.stop('SIGTERM');
  for (const extra of extraWorkspaces) await extra.operator?.stop('SIGTERM');
  await removeWorkspace(admin, workspaceId);
  await releaseLease(admin, shard);
  for (const extra of extraWorkspaces) {
    await removeWorkspace(admin, extra.id);
    await releaseLease(admin, extra.shard);
  }
  if (demandKeys.length > 0) await redis.del(...demandKeys);
  redis.disconnect();
  await kubeconfig?.remove();
}, 90_000);

describe('the cluster operator', () => {
  let clusterId = '';

  it('creates a driver and two workers and reports RUNNING, with the nodes in status', async () => {
    clusterId = await createCluster({ numWorkers: 2, sparkEnvVars: { PYSPARK_PYTHON: 'python3' } });
    const cluster = await waitForRunning(clusterId, 2);

    expect(cluster.metadata.finalizers).toContain(Finalizers.cluster);
    const pods = await clusterPods(admin, namespace, clusterId);
    expect(podNames(pods)).toEqual(expectedPods(clusterId, 2));
    const driver = pods.find((pod) => pod.metadata?.name === `${clusterId}-driver`) as V1Pod;
    expect(driver.metadata?.labels).toMatchObject({ [Labels.clusterId]: clusterId, [Labels.role]: 'driver' });
    expect(driver.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Cluster', uid: cluster.metadata.uid, controller: true }),
    ]);
    expect(driver.spec?.nodeSelector).toEqual({
      'brickyard.dev/instance-agent': 'true',
      'node.kubernetes.io/instance-type': 'm5d.large',
    });
    // An instance launched for it by the instance agent.
    expect(driver.spec?.nodeName).toMatch(/^i-0[0-9a-f]{16}$/);
    const container = driver.spec?.containers[0];
    expect(container?.resources?.requests).toEqual({ cpu: '2', memory: '8Gi' });
    expect(container?.env).toEqual(
      expect.arrayContaining([
        { name: 'BRICKYARD_CLUSTER_ID', value: clusterId },
        { name: 'BRICKYARD_WORKSPACE_ID', value: String(workspaceId) },
        { name: 'BRICKYARD_ROLE', value: 'driver' },
        { name: 'BRICKYARD_NODE_TYPE', value: 'm5d.large' },
        { name: 'PYSPARK_PYTHON', value: 'python3' },
      ]),
    );
    expect(container?.envFrom).toEqual([{ secretRef: { name: 'brickyard-runtime' } }]);
    const secret = await core.readNamespacedSecret({ name: 'brickyard-runtime', namespace });
    expect(Buffer.from(secret.data?.REDIS_URL ?? '', 'base64').toString()).toBe(env.redisUrl);
    expect(Object.keys(secret.data ?? {}).sort()).toEqual(
      [
        'AWS_ACCESS_KEY_ID',
        'AWS_ENDPOINT_URL_S3',
        'AWS_REGION',
        'AWS_SECRET_ACCESS_KEY',
        'BRICKYARD_API_URL',
        'BRICKYARD_BUCKET',
        'REDIS_URL',
      ].sort(),
    );
    const service = await core.readNamespacedService({ name: `${clusterId}-driver`, namespace });
    expect(service.spec?.clusterIP).toBe('None');

    expect(cluster.status).toMatchObject({
      state: 'RUNNING',
      desiredWorkers: 2,
      readyWorkers: 2,
      clusterCores: 6,
      clusterMemoryMb: 3 * 8192,
      observedRestartGeneration: 0,
      driver: {
        nodeId: `${clusterId}-driver`,
        instanceId: driver.metadata?.uid,
        privateIp: driver.status?.podIP,
      },
    });
    expect(driver.status?.podIP).toMatch(/^127\.32\./);
    expect(cluster.status?.executors).toHaveLength(2);
    expect(cluster.status?.startTime).toBeGreaterThan(0);
    expect(eventTypes(cluster)).toEqual(['CREATING', 'DRIVER_HEALTHY', 'RUNNING']);
    const events = await core.listNamespacedEvent({
      namespace,
      fieldSelector: `involvedObject.name=${clusterId}`,
    });
    expect(events.items.map((event) => event.reason)).toEqual(
      expect.arrayContaining(['CreatedPod', 'CreatedService', 'ClusterCreating', 'ClusterRunning']),
    );
  });

  it('resizes up (RESIZING, then UPSIZE_COMPLETED) and down, removing the highest workers', async () => {
    await patchSpec(clusterId, () => ({ numWorkers: 4 }));
    await waitForCluster(
      clusterId,
      'RESIZING',
      (c) => c.status?.state === 'RESIZING' || c.status?.readyWorkers === 4,
    );
    let cluster = await waitForRunning(clusterId, 4);
    expect(cluster.status?.events?.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'RESIZING',
        details: { current_num_workers: 2, target_num_workers: 4, cause: 'USER_REQUEST' },
      }),
      expect.objectContaining({
        type: 'UPSIZE_COMPLETED',
        details: { current_num_workers: 4, target_num_workers: 4, cause: 'USER_REQUEST' },
      }),
    ]);

    await patchSpec(clusterId, () => ({ numWorkers: 1 }));
    cluster = await waitForRunning(clusterId, 1);
    expect(podNames(await clusterPods(admin, namespace, clusterId))).toEqual(expectedPods(clusterId, 1));
    expect(eventTypes(cluster).at(-1)).toBe('RESIZING');
  });

  it('leaves a killed worker process to the instance agent: same pod, restarted, no NODES_LOST', async () => {
    const worker = await core.readNamespacedPod({ name: `${clusterId}-worker-0`, namespace });
    const containerId = worker.status?.containerStatuses?.[0]?.containerID ?? '';
    const pid = Number(/^brickyard:\/\/(\d+)$/.exec(containerId)?.[1]);
    expect(pid).toBeGreaterThan(0);
    const restarts = worker.status?.containerStatuses?.[0]?.restartCount ?? 0;

    process.kill(pid, 'SIGKILL');
    const restarted = await waitFor('the agent to restart the process', 20_000, async () => {
      const pod = await core.readNamespacedPod({ name: `${clusterId}-worker-0`, namespace });
      return (pod.status?.containerStatuses?.[0]?.restartCount ?? 0) > restarts && isReady(pod)
        ? pod
        : undefined;
    });
    expect(restarted.metadata?.uid).toBe(worker.metadata?.uid);
    const cluster = await waitForRunning(clusterId, 1);
    expect(eventTypes(cluster)).not.toContain('NODES_LOST');
  });

  it('replaces a pod deleted by hand, and reports NODES_LOST', async () => {
    const worker = await core.readNamespacedPod({ name: `${clusterId}-worker-0`, namespace });
    await core.deleteNamespacedPod({ name: `${clusterId}-worker-0`, namespace });
    await waitFor('a replacement pod', 20_000, async () => {
      const pod = await core.readNamespacedPod({ name: `${clusterId}-worker-0`, namespace });
      return pod.metadata?.uid !== worker.metadata?.uid && isReady(pod) ? pod : undefined;
    });
    const cluster = await waitForRunning(clusterId, 1);
    expect(cluster.status?.events).toContainEqual(
      expect.objectContaining({
        type: 'NODES_LOST',
        details: expect.objectContaining({
          node_id: `${clusterId}-worker-0`,
          instance_id: worker.metadata?.uid,
        }),
      }),
    );
    expect(cluster.status?.executors?.[0]?.instanceId).not.toBe(worker.metadata?.uid);
  });

  it('restarts: RESTARTING, every pod replaced, then RUNNING with lastRestartedTime', async () => {
    const before = await clusterPods(admin, namespace, clusterId);
    const requestedAt = Date.now();
    await patchSpec(clusterId, restartRequested);
    await waitForCluster(
      clusterId,
      'RESTARTING',
      (c) => c.status?.state === 'RESTARTING' || c.status?.observedRestartGeneration === 1,
    );
    const cluster = await waitForRunning(clusterId, 1);
    expect(cluster.status?.observedRestartGeneration).toBe(1);
    expect(cluster.status?.lastRestartedTime).toBeGreaterThanOrEqual(requestedAt - 1_000);
    expect(eventTypes(cluster).slice(-3)).toEqual(['RESTARTING', 'DRIVER_HEALTHY', 'RUNNING']);
    const after = await clusterPods(admin, namespace, clusterId);
    const oldUids = new Set(before.map((pod) => pod.metadata?.uid));
    expect(after.some((pod) => oldUids.has(pod.metadata?.uid))).toBe(false);
    expect(
      after.every((pod) => pod.metadata?.annotations?.['brickyard.dev/restart-generation'] === '1'),
    ).toBe(true);
  });

  it('terminates (USER_REQUEST): no pods, no Service; and starts again with a new startTime', async () => {
    const { status } = await getCluster(clusterId);
    await patchSpec(clusterId, terminationRequested);
    const terminated = await waitForCluster(clusterId, 'TERMINATED', (c) => c.status?.state === 'TERMINATED');
    expect(terminated.status).toMatchObject({
      terminationReason: { code: 'USER_REQUEST', type: 'SUCCESS' },
      readyWorkers: 0,
    });
    expect(terminated.status?.terminatedTime).toBeGreaterThan(0);
    expect(eventTypes(terminated).at(-1)).toBe('TERMINATING');
    expect(await clusterPods(admin, namespace, clusterId)).toEqual([]);
    await expect(core.readNamespacedService({ name: `${clusterId}-driver`, namespace })).rejects.toSatisfy(
      isNotFound,
    );

    // clusters/start: desiredState RUNNING and restartGeneration + 1 (cluster-spec's, as the API).
    await patchSpec(clusterId, startRequested);
    const started = await waitForRunning(clusterId, 1);
    expect(started.status?.startTime).toBeGreaterThan(status?.startTime ?? 0);
    expect(started.status?.terminationReason).toBeUndefined();
    expect(eventTypes(started).slice(-3)).toEqual(['STARTING', 'DRIVER_HEALTHY', 'RUNNING']);
  });

  it('leaves no pod, Service or finalizer behind a permanent delete', async () => {
    await deleteAndWaitUntilGone(clusterId);
    expect(await clusterPods(admin, namespace, clusterId)).toEqual([]);
    const services = await core.listNamespacedService({
      namespace,
      labelSelector: `${Labels.clusterId}=${clusterId}`,
    });
    expect(services.items).toEqual([]);
  });

  it('autoscales up when demand appears in Redis, and back down once it has been idle', async () => {
    const id = await createCluster({ autoscale: { minWorkers: 1, maxWorkers: 3 } });
    await waitForRunning(id, 1);
    // Polled four times a second, a steady cluster is not written to: its status is unchanged.
    const steady = (await getCluster(id)).metadata.resourceVersion;
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await getCluster(id)).metadata.resourceVersion).toBe(steady);

    await setDemand(id, 3, 0);
    let cluster = await waitForRunning(id, 3);
    expect(cluster.status?.events?.slice(-2)).toEqual([
      expect.objectContaining({
        type: 'RESIZING',
        details: { current_num_workers: 1, target_num_workers: 3, cause: 'AUTOSCALE' },
      }),
      expect.objectContaining({ type: 'UPSIZE_COMPLETED' }),
    ]);

    // Two tasks still run: the cluster keeps the workers they need through the idle timeout.
    await setDemand(id, 0, 2);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await getCluster(id)).status?.desiredWorkers).toBe(2);

    const idleAt = Date.now();
    await setDemand(id, 0, 0);
    cluster = await waitForRunning(id, 1);
    expect(Date.now() - idleAt).toBeGreaterThanOrEqual(1_500);
    expect(podNames(await clusterPods(admin, namespace, id))).toEqual(expectedPods(id, 1));
    expect(cluster.status?.lastActivityTime).toBeGreaterThan(0);
    await deleteAndWaitUntilGone(id);
  });

  it('terminates an idle cluster for INACTIVITY, keeps it off, and starts it on a new restartGeneration', async () => {
    const id = await createCluster({ numWorkers: 1, autoterminationMinutes: 10 });
    await waitForRunning(id, 1);
    const cluster = await waitForCluster(
      id,
      'auto-termination',
      (c) => c.status?.state === 'TERMINATED',
      15_000,
    );
    expect(cluster.status?.terminationReason).toEqual({
      code: 'INACTIVITY',
      type: 'SUCCESS',
      parameters: { inactivity_duration_min: '10' },
    });
    expect(cluster.spec.desiredState).toBe('RUNNING');
    expect(cluster.status?.stateMessage).toBe('Inactive cluster terminated (inactive for 10 minutes).');
    expect(await clusterPods(admin, namespace, id)).toEqual([]);
    const inactiveFor = (cluster.status?.terminatedTime ?? 0) - (cluster.status?.startTime ?? 0);
    expect(inactiveFor).toBeGreaterThanOrEqual(3_000);

    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect((await getCluster(id)).status?.state).toBe('TERMINATED');

    await patchSpec(id, restartRequested);
    await waitForRunning(id, 1);
    await deleteAndWaitUntilGone(id);
  });

  /**
   * The sample as written, but on the runtime without Spark: this operator's pods run the sleeper,
   * which never reports a Spark driver ready (test_spark_runtime.py applies a Spark Cluster).
   */
  async function applySample(): Promise<void> {
    const sample = await readFile(join(repoRoot, 'deploy/samples/cluster.yaml'), 'utf8');
    const withoutSpark = sample.replace(/sparkVersion: .*/, 'sparkVersion: 19.3.x-no-spark-scala2.13');
    expect(withoutSpark).not.toBe(sample);
    const file = join(await mkdtemp(join(tmpdir(), 'sample-')), 'cluster.yaml');
    await writeFile(file, withoutSpark);
    await run('kubectl', ['apply', '-n', namespace, '-f', file]);
  }

  it('runs deploy/samples/cluster.yaml applied with kubectl as it runs a cluster made by the API', async () => {
    const sample = '1124-000000-samples0';
    await applySample();
    const cluster = await waitForRunning(sample, 1);
    expect(cluster.metadata.finalizers).toContain(Finalizers.cluster);
    expect(cluster.status).toMatchObject({ desiredWorkers: 1, observedRestartGeneration: 0 });
    expect(eventTypes(cluster)).toEqual(['CREATING', 'DRIVER_HEALTHY', 'RUNNING']);
    await run('kubectl', ['delete', '-n', namespace, '-f', join(repoRoot, 'deploy/samples/cluster.yaml')]);
    expect(await readCluster(admin, namespace, sample)).toBeUndefined();
    expect(await clusterPods(admin, namespace, sample)).toEqual([]);
  });

  it('converges after the operator is killed in the middle of a scale-up: no duplicate, no orphan', async () => {
    const id = await createCluster({ numWorkers: 1 });
    const { metadata } = await waitForRunning(id, 1);
    await patchSpec(id, () => ({ numWorkers: 4 }));
    await waitFor(
      'the scale-up to begin',
      10_000,
      async () => {
        const pods = await clusterPods(admin, namespace, id);
        return pods.length > 2 ? true : undefined;
      },
      5,
    );
    await operator?.stop('SIGKILL');
    await releaseLease(admin, shard);
    operator = await startOperator();

    await waitForRunning(id, 4);
    const pods = await clusterPods(admin, namespace, id);
    expect(podNames(pods)).toEqual(expectedPods(id, 4));
    for (const pod of pods) {
      expect(pod.metadata?.ownerReferences?.map((owner) => owner.uid)).toEqual([metadata.uid]);
    }
    const orphans = await core.listNamespacedPod({ namespace, labelSelector: Labels.clusterId });
    const ofLiveClusters = await Promise.all(
      orphans.items.map(async (pod) =>
        readCluster(admin, namespace, pod.metadata?.labels?.[Labels.clusterId] ?? ''),
      ),
    );
    expect(ofLiveClusters.every((cluster) => cluster !== undefined)).toBe(true);
    await deleteAndWaitUntilGone(id);
  });

  it('shows at once why a pod cannot be scheduled, and goes to ERROR when it lasts', async () => {
    const otherShard = `${shard}-x`;
    const extra: (typeof extraWorkspaces)[number] = { id: newWorkspaceId(), shard: otherShard };
    extraWorkspaces.push(extra);
    extra.operator = await startOperator(
      {
        BRICKYARD_NODE_SELECTOR: 'brickyard.dev/instance-agent=nowhere',
        BRICKYARD_UNSCHEDULABLE_TIMEOUT_MS: '3000',
      },
      otherShard,
    );
    const ns = await createShardWorkspace(admin, otherShard, extra.id);
    const id = await createCluster({ numWorkers: 1 }, ns);
    const pending = await waitForCluster(
      id,
      'the scheduling failure in the message',
      (c) => c.status?.state === 'PENDING' && (c.status.stateMessage ?? '').includes('node'),
      10_000,
      ns,
    );
    expect(pending.status?.stateMessage).toMatch(/^Pod .* nodes are available/);
    const failed = await waitForCluster(id, 'ERROR', (c) => c.status?.state === 'ERROR', 15_000, ns);
    expect(failed.status?.stateMessage).toMatch(/could not be scheduled/);
    expect(failed.status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'DriverReady', status: 'False', reason: 'PodsUnschedulable' }),
    );
    await deleteAndWaitUntilGone(id, ns);
  });
});
