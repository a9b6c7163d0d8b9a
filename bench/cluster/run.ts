/**
 * bench/cluster: the cluster operator's latencies and memory, each beside a baseline from the
 * same run.
 *   - create → RUNNING of a driver + 4 workers, beside 5 bare pods (the same spec) created
 *     through the apiserver at once and run by the instance agent to Ready: the operator's
 *     overhead over the scheduler and the agent.
 *   - scale-up reaction: demand written to Redis → the new worker Ready, beside one bare pod
 *     created → Ready. The operator polls demand at its default (1 s).
 *   - operator RSS with 50 clusters of a driver and no workers, beside the same operator with
 *     none. Their pods are left Pending by a node selector that matches no Node: 50 drivers of
 *     2 cores would not fit the shared nodes, and other people's pods must still run.
 * It runs an operator of its own (a shard, pods running brickyard/sleeper), as the integration
 * test does, compiled from dist/ when that exists (make restart builds it; the RSS figure is
 * meaningless under tsx). Usage: source .brickyard/env && npm run bench:cluster -- [--runs 5]
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ClusterResource } from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { API_VERSION, clusterDemandKey } from '@brickyard/common/vocabulary';
import { CoreV1Api, CustomObjectsApi, type V1Pod } from '@kubernetes/client-node';
import { ClusterType } from '../../operator/src/cluster/cluster-type.js';
import { desiredPod } from '../../operator/src/cluster/desired.js';
import { workerSlot } from '../../operator/src/cluster/naming.js';
import { DEFAULT_CLUSTER_SETTINGS } from '../../operator/src/cluster/settings.js';
import { cleanUp } from '../support/cleanup.js';
import {
  COMPILED_OPERATOR,
  clusterPods,
  createShardWorkspace,
  isReady,
  median,
  newWorkspaceId,
  OperatorProcess,
  operatorKubeconfig,
  readCluster,
  releaseLease,
  removeWorkspace,
  sleep,
  waitFor,
  waitForClusterStates,
} from './harness.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const RUNS = Math.max(1, Number(values.runs));
const CLUSTERS_FOR_MEMORY = 50;
const POLL_MS = 5;

const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const core = admin.makeApiClient(CoreV1Api);
const redis = createRedisConnection(env.redisUrl);
const shard = `bench-${randomUUID().slice(0, 8)}`;
const workspaceId = newWorkspaceId();
const kubeconfig = await operatorKubeconfig(admin);
const compiled = existsSync(COMPILED_OPERATOR);
const baseEnv = {
  BRICKYARD_RUNTIME_IMAGE: 'brickyard/sleeper',
  BRICKYARD_AUTOSCALE_IDLE_MS: '300',
  LOG_LEVEL: 'warn',
};
let operator: OperatorProcess | undefined;
let namespace = '';
let sequence = 0;

function clusterBody(spec: Partial<ClusterResource['spec']>): ClusterResource {
  sequence++;
  return {
    apiVersion: API_VERSION,
    kind: 'Cluster',
    metadata: { name: `0301-000000-${shard.slice(6)}-${sequence}`, namespace },
    spec: {
      sparkVersion: '19.3.x-no-spark-scala2.13',
      nodeTypeId: 'm5d.large',
      desiredState: 'RUNNING',
      restartGeneration: 0,
      ...spec,
    },
  };
}

async function createCluster(spec: Partial<ClusterResource['spec']>): Promise<string> {
  const body = clusterBody(spec);
  await customObjects.createNamespacedCustomObject({ ...ClusterType, namespace, body });
  return body.metadata.name ?? '';
}

async function deleteCluster(name: string): Promise<void> {
  await customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace, name });
  await waitFor(`${name} to be gone`, 60_000, async () =>
    (await readCluster(admin, namespace, name)) ? undefined : true,
  );
}

async function waitForState(name: string, state: string): Promise<void> {
  await waitFor(
    `${name} to be ${state}`,
    30_000,
    async () => ((await readCluster(admin, namespace, name))?.status?.state === state ? true : undefined),
    POLL_MS,
  );
}

/** Bare pods of a worker's spec (same image, requests, node selector, envFrom), made directly. */
async function barePodsToReady(count: number): Promise<number> {
  const template = desiredPod(clusterBody({}), workerSlot('bare', 0), {
    workspaceId,
    settings: { ...DEFAULT_CLUSTER_SETTINGS, runtimeImage: 'brickyard/sleeper' },
  }) as V1Pod;
  const names = Array.from({ length: count }, (_, i) => `bare-${shard}-${sequence}-${i}`);
  sequence++;
  const started = performance.now();
  await Promise.all(
    names.map((name) =>
      core.createNamespacedPod({
        namespace,
        body: { ...template, metadata: { name, namespace } },
      }),
    ),
  );
  await waitFor(
    'bare pods to be Ready',
    30_000,
    async () => {
      const pods = await Promise.all(names.map((name) => core.readNamespacedPod({ name, namespace })));
      return pods.every(isReady) ? true : undefined;
    },
    POLL_MS,
  );
  const elapsed = performance.now() - started;
  await Promise.all(names.map((name) => core.deleteNamespacedPod({ name, namespace })));
  await waitFor('bare pods to be gone', 30_000, async () => {
    const listed = await core.listNamespacedPod({ namespace });
    return listed.items.some((pod) => names.includes(pod.metadata?.name ?? '')) ? undefined : true;
  });
  return elapsed;
}

async function createToRunning(): Promise<number> {
  const started = performance.now();
  const name = await createCluster({ numWorkers: 4 });
  await waitForState(name, 'RUNNING');
  const elapsed = performance.now() - started;
  await deleteCluster(name);
  return elapsed;
}

async function scaleUpReactions(): Promise<number[]> {
  const name = await createCluster({ autoscale: { minWorkers: 1, maxWorkers: 2 } });
  const key = clusterDemandKey(name);
  const worker = `${name}-worker-1`;
  const reactions: number[] = [];
  try {
    await waitForState(name, 'RUNNING');
    for (let run = 0; run < RUNS; run++) {
      await sleep(Math.random() * 1_000);
      const started = performance.now();
      await redis.hset(key, { queued: '2', running: '0', updated_at: String(Date.now()) });
      await waitFor(
        'the new worker to be Ready',
        30_000,
        async () => {
          const pod = await core.readNamespacedPod({ name: worker, namespace }).catch(() => undefined);
          return pod && isReady(pod) ? true : undefined;
        },
        POLL_MS,
      );
      reactions.push(performance.now() - started);
      await redis.hset(key, { queued: '0', running: '0', updated_at: String(Date.now()) });
      await waitFor('the worker to go', 30_000, async () =>
        (await clusterPods(admin, namespace, name)).some((pod) => pod.metadata?.name === worker)
          ? undefined
          : true,
      );
    }
  } finally {
    await redis.del(key);
    await deleteCluster(name);
  }
  return reactions;
}

async function residentMiB(process: OperatorProcess): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 5; i++) {
    samples.push((await process.residentBytes()) / 2 ** 20);
    await sleep(1_000);
  }
  return median(samples);
}

async function memoryWithClusters(): Promise<{ idle: number; loaded: number }> {
  await operator?.stop('SIGTERM');
  operator = await OperatorProcess.start({
    kubeconfig: kubeconfig.path,
    shard,
    env: { ...baseEnv, BRICKYARD_NODE_SELECTOR: 'brickyard.dev/instance-agent=nowhere' },
    compiled,
  });
  await operator.waitUntilLeading();
  await sleep(3_000);
  const idle = await residentMiB(operator);
  const names: string[] = [];
  for (let i = 0; i < CLUSTERS_FOR_MEMORY; i += 10) {
    names.push(...(await Promise.all(Array.from({ length: 10 }, () => createCluster({ numWorkers: 0 })))));
  }
  await waitForClusterStates(admin, namespace, names, 'PENDING');
  await sleep(5_000);
  const loaded = await residentMiB(operator);
  await Promise.all(
    names.map((name) => customObjects.deleteNamespacedCustomObject({ ...ClusterType, namespace, name })),
  );
  return { idle, loaded };
}

const rows: [string, string, string, string][] = [];
try {
  console.log(
    `operator: ${compiled ? 'operator/dist/main.js' : 'operator/src/main.ts through tsx (no dist/)'}`,
  );
  operator = await OperatorProcess.start({ kubeconfig: kubeconfig.path, shard, env: baseEnv, compiled });
  await operator.waitUntilLeading();
  namespace = await createShardWorkspace(admin, shard, workspaceId);
  await barePodsToReady(1); // warm-up: first pod of the namespace, first Secret read

  const createRuns: number[] = [];
  const bareGroups: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    bareGroups.push(await barePodsToReady(5));
    createRuns.push(await createToRunning());
  }
  const bareSingles: number[] = [];
  for (let run = 0; run < RUNS; run++) bareSingles.push(await barePodsToReady(1));
  const reactions = await scaleUpReactions();
  const memory = await memoryWithClusters();

  const ms = (values: number[]) => `${median(values).toFixed(0)} ms`;
  rows.push(
    [
      'create → RUNNING (driver + 4 workers)',
      ms(createRuns),
      `${ms(bareGroups)} (5 bare pods → Ready)`,
      '≤ 3000 ms',
    ],
    [
      'scale-up: demand in Redis → new worker Ready',
      ms(reactions),
      `${ms(bareSingles)} (1 bare pod → Ready)`,
      '≤ 2000 ms',
    ],
    [
      `operator RSS with ${CLUSTERS_FOR_MEMORY} clusters`,
      `${memory.loaded.toFixed(1)} MiB`,
      `${memory.idle.toFixed(1)} MiB (no clusters)`,
      '',
    ],
  );
  const header: [string, string, string, string] = [
    'benchmark',
    `ours (median of ${RUNS})`,
    'baseline, same run',
    'target',
  ];
  const widths = header.map((cell, i) => Math.max(cell.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(
    `\nruns (ms): create ${createRuns.map((v) => v.toFixed(0)).join(', ')}; scale-up ${reactions.map((v) => v.toFixed(0)).join(', ')}`,
  );
} finally {
  await cleanUp([
    () => operator?.stop('SIGTERM'),
    () => removeWorkspace(admin, workspaceId),
    () => releaseLease(admin, shard),
    () => kubeconfig.remove(),
    () => redis.disconnect(),
  ]);
}
