import { randomUUID } from 'node:crypto';
import type { ClusterResource, WarehouseResource } from '@brickyard/common/crd';
import { isNotFound, loadKubeConfig, mergePatch } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { API_VERSION, clusterDemandKey, Labels, MANAGED_BY } from '@brickyard/common/vocabulary';
import {
  warehouseClusterId,
  warehouseDeletionRequested,
  warehouseStartRequested,
  warehouseStopRequested,
} from '@brickyard/common/warehouse-spec';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clusterPods,
  createShardWorkspace,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  readCluster,
  releaseLease,
  removeWorkspace,
  waitFor,
} from '../../bench/cluster/harness.js';
import { WarehouseType } from '../../operator/src/warehouse/warehouse-type.js';
import { WarehouseActivity } from '../../services/api/src/store/warehouse-activity.js';

/**
 * The warehouse controller against the real apiserver, controller-manager and instance agent of
 * `make up`, with an operator of its own shard (as operator-cluster.test.ts). A warehouse's
 * Cluster runs the runtime without Spark on brickyard/sleeper pods, and an auto-stop "minute" is
 * 300 ms, so auto_stop_mins 10 stops an idle warehouse after 3 s.
 */

const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const shard = `itw-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
const OPERATOR_ENV = {
  BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper',
  BRICKYARD_WAREHOUSE_SPARK_VERSION: '19.3.x-no-spark-scala2.13',
  BRICKYARD_AUTOTERMINATION_MINUTE_MS: '300',
  BRICKYARD_DEMAND_POLL_MS: '250',
  BRICKYARD_DELETED_WAREHOUSE_RETENTION_MS: '1500',
};
let namespace = '';
let kubeconfig: Awaited<ReturnType<typeof operatorKubeconfig>> | undefined;
let operator: OperatorProcess | undefined;
const activity = new WarehouseActivity(env.redisUrl, pino({ level: 'silent' }));

const created: string[] = [];
/** A Warehouse as warehouses/create makes it; its id is 16 hex digits, as the API's. */
async function createWarehouse(spec: Partial<WarehouseResource['spec']> = {}): Promise<string> {
  const id = `${shard.slice(4)}${String(created.length + 1).padStart(8, '0')}`;
  created.push(id);
  const body: WarehouseResource = {
    apiVersion: API_VERSION,
    kind: 'Warehouse',
    metadata: {
      name: id,
      namespace,
      labels: {
        [Labels.managedBy]: MANAGED_BY,
        [Labels.workspaceId]: String(workspaceId),
        [Labels.warehouseId]: id,
      },
    },
    spec: {
      name: `it ${id}`,
      clusterSize: '2X-Small',
      minNumClusters: 1,
      maxNumClusters: 1,
      autoStopMins: 0,
      enablePhoton: true,
      enableServerlessCompute: false,
      warehouseType: 'PRO',
      creatorName: 'it@brickyard.dev',
      desiredState: 'RUNNING',
      startGeneration: 0,
      ...spec,
    },
  };
  await customObjects.createNamespacedCustomObject({ ...WarehouseType, namespace, body });
  return id;
}

async function readWarehouse(id: string): Promise<WarehouseResource | undefined> {
  try {
    return (await customObjects.getNamespacedCustomObject({
      ...WarehouseType,
      namespace,
      name: id,
    })) as WarehouseResource;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** A spec change, as the API makes it (warehouses/start, stop, delete). */
async function changeSpec(id: string, change: (spec: WarehouseResource['spec']) => object): Promise<void> {
  const warehouse = await readWarehouse(id);
  if (!warehouse) throw new Error(`warehouse ${id} is gone`);
  await customObjects.patchNamespacedCustomObject(
    { ...WarehouseType, namespace, name: id, body: { spec: change(warehouse.spec) } },
    mergePatch,
  );
}

async function waitForState(id: string, state: string, timeoutMs = 30_000): Promise<WarehouseResource> {
  let last: WarehouseResource | undefined;
  try {
    return await waitFor(`${id} to be ${state}`, timeoutMs, async () => {
      last = await readWarehouse(id);
      return last?.status?.state === state ? last : undefined;
    });
  } catch (error) {
    throw new Error(`${(error as Error).message}; the warehouse is ${JSON.stringify(last?.status)}`);
  }
}

async function compute(id: string): Promise<ClusterResource> {
  const cluster = await readCluster(admin, namespace, warehouseClusterId(id));
  if (!cluster) throw new Error(`the Cluster of ${id} is gone`);
  return cluster;
}

beforeAll(async () => {
  kubeconfig = await operatorKubeconfig(admin);
  operator = await OperatorProcess.start({ kubeconfig: kubeconfig.path, shard, env: OPERATOR_ENV });
  await operator.waitUntilLeading();
  namespace = await createShardWorkspace(admin, shard, workspaceId);
}, 90_000);

afterAll(async () => {
  await operator?.stop('SIGTERM');
  await removeWorkspace(admin, workspaceId);
  await releaseLease(admin, shard);
  const redis = createRedisConnection(env.redisUrl);
  if (created.length > 0) await redis.del(...created.map((id) => clusterDemandKey(warehouseClusterId(id))));
  redis.disconnect();
  activity.close();
  await kubeconfig?.remove();
}, 90_000);

describe('the warehouse operator', () => {
  let id = '';

  it("runs a warehouse on a Cluster it owns, of the size's workers, billed at the SQL rate", async () => {
    id = await createWarehouse({ clusterSize: 'Small' });
    const warehouse = await waitForState(id, 'RUNNING');
    expect(warehouse.status).toMatchObject({
      numClusters: 1,
      clusterId: warehouseClusterId(id),
      health: { status: 'HEALTHY' },
      observedGeneration: warehouse.metadata.generation,
    });
    const cluster = await compute(id);
    expect(cluster.metadata.labels).toMatchObject({ [Labels.warehouseId]: id });
    expect(cluster.metadata.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Warehouse', name: id, uid: warehouse.metadata.uid, controller: true }),
    ]);
    expect(cluster.spec).toMatchObject({ numWorkers: 2, clusterSource: 'SQL', autoterminationMinutes: 0 });
    expect(cluster.status).toMatchObject({ state: 'RUNNING', readyWorkers: 2 });
    expect(await clusterPods(admin, namespace, cluster.metadata.name ?? '')).toHaveLength(3);
    // Small is 12 DBU an hour, whatever the instances; PRO is $0.55 a DBU.
    expect(cluster.status?.usage).toMatchObject({
      workload: 'SQL_PRO',
      rate: { instances: 3, dbusPerHour: 12, dbuDollarsPerHour: 12 * 0.55 },
    });
  });

  it('stops (STOPPED, with no pods) and starts again, restarting the Cluster once', async () => {
    await changeSpec(id, warehouseStopRequested);
    await waitForState(id, 'STOPPED');
    expect((await compute(id)).status?.state).toBe('TERMINATED');
    await waitFor('no pods', 20_000, async () =>
      (await clusterPods(admin, namespace, warehouseClusterId(id))).length === 0 ? true : undefined,
    );

    await changeSpec(id, warehouseStartRequested);
    const started = await waitForState(id, 'RUNNING');
    expect(started.status?.numClusters).toBe(1);
    const cluster = await compute(id);
    expect(cluster.spec).toMatchObject({ desiredState: 'RUNNING', restartGeneration: 1 });
    expect(cluster.metadata.annotations?.['brickyard.dev/warehouse-start-generation']).toBe('1');
  });

  it('follows a resize without leaving RUNNING, and a Cluster deleted by hand is made again', async () => {
    await changeSpec(id, () => ({ clusterSize: '2X-Small' }));
    await waitFor('one worker', 20_000, async () => {
      const cluster = await compute(id);
      return cluster.status?.readyWorkers === 1 && cluster.status.usage?.rate.dbusPerHour === 4
        ? true
        : undefined;
    });
    expect((await readWarehouse(id))?.status?.state).toBe('RUNNING');

    const before = await compute(id);
    await customObjects.deleteNamespacedCustomObject({
      group: 'brickyard.dev',
      version: 'v1alpha1',
      plural: 'clusters',
      namespace,
      name: warehouseClusterId(id),
    });
    await waitFor('a new Cluster', 30_000, async () => {
      const cluster = await readCluster(admin, namespace, warehouseClusterId(id));
      return cluster && cluster.metadata.uid !== before.metadata.uid ? true : undefined;
    });
    await waitForState(id, 'RUNNING');
  });

  it('stops a warehouse idle for auto_stop_mins, and marking it active holds that off', async () => {
    const idle = await createWarehouse({ clusterSize: '2X-Small', autoStopMins: 10 });
    await waitForState(idle, 'RUNNING');
    // Ten "minutes" are 3 s: statements every second keep it running well past that.
    const busyUntil = Date.now() + 5_000;
    while (Date.now() < busyUntil) {
      await activity.markActive(idle);
      await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    expect((await readWarehouse(idle))?.status?.state).toBe('RUNNING');

    const stopped = await waitForState(idle, 'STOPPED', 20_000);
    expect(stopped.spec.desiredState).toBe('RUNNING');
    expect((await compute(idle)).status?.terminationReason?.code).toBe('INACTIVITY');
    expect(Date.now() - busyUntil).toBeGreaterThanOrEqual(1_500);

    // A start after an auto-stop (desiredState never left RUNNING) is a new start generation.
    await changeSpec(idle, warehouseStartRequested);
    await waitForState(idle, 'RUNNING');
    await changeSpec(idle, warehouseDeletionRequested);
    await waitForState(idle, 'DELETED');
  });

  it('deletes: DELETING while the Cluster goes, DELETED, then removed after the retention', async () => {
    await changeSpec(id, warehouseDeletionRequested);
    const deleted = await waitForState(id, 'DELETED');
    expect(deleted.status?.deletedTime).toBeGreaterThan(0);
    expect(await readCluster(admin, namespace, warehouseClusterId(id))).toBeUndefined();
    await waitFor('the warehouse to be removed', 20_000, async () =>
      (await readWarehouse(id)) === undefined ? true : undefined,
    );
  });

  it("takes a Warehouse's Cluster along when the Warehouse is deleted from Kubernetes", async () => {
    const gone = await createWarehouse({ desiredState: 'STOPPED' });
    await waitForState(gone, 'STOPPED');
    expect((await compute(gone)).spec.desiredState).toBe('TERMINATED');
    await customObjects.deleteNamespacedCustomObject({ ...WarehouseType, namespace, name: gone });
    await waitFor('the Cluster to be collected', 30_000, async () =>
      (await readCluster(admin, namespace, warehouseClusterId(gone))) === undefined ? true : undefined,
    );
  });
});
