import { execFile } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { promisify } from 'node:util';
import type { WorkspaceResource } from '@brickyard/common/crd';
import { loadKubeConfig } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import {
  API_VERSION,
  GROUP,
  SHARD_LABEL,
  SYSTEM_NAMESPACE,
  VERSION,
  workspaceNamespace,
  workspaceResourceName,
} from '@brickyard/common/vocabulary';
import {
  AppsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type V1Pod,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor, eventually } from '../integration/support/api-client.js';

/**
 * The chart installed into the local platform for real: helm install with the local values file
 * (the platform's Redis and S3), every Brickyard pod Running and Ready under the instance agent, a
 * cluster and a job run to SUCCESS through the installed API, helm upgrade rolling only the
 * Deployment whose value changed, and helm uninstall leaving no pods, Services or finalizers.
 * The installation serves its own shard of Workspaces, beside the platform's own services.
 */

const run = promisify(execFile);
const RELEASE = 'brickyard-e2e';
const SHARD = 'helm-e2e';
const S3_SECRET = 'brickyard-e2e-s3';
const INSTANCE = `app.kubernetes.io/instance=${RELEASE}`;
const platform = readPlatformEnv();
const kubeConfig = loadKubeConfig(platform.kubeconfig);
const core = kubeConfig.makeApiClient(CoreV1Api);
const apps = kubeConfig.makeApiClient(AppsV1Api);
const customObjects = kubeConfig.makeApiClient(CustomObjectsApi);
const coordination = kubeConfig.makeApiClient(CoordinationV1Api);
const accountId = required('DATABRICKS_ACCOUNT_ID');
const accountToken = required('BRICKYARD_ACCOUNT_TOKEN');
const workspaceId = randomInt(1, 9) * 1e14 + randomInt(0, 1e14);

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run 'make up' and 'source .brickyard/env'`);
  return value;
}

async function helm(...args: string[]): Promise<string> {
  const { stdout } = await run('deploy/local/helm.sh', [...args, '--namespace', SYSTEM_NAMESPACE], {
    env: { ...process.env, KUBECONFIG: platform.kubeconfig },
    maxBuffer: 16 * 1024 * 1024,
  });
  return stdout;
}

const installArgs = (...extra: string[]) => [
  RELEASE,
  'charts/brickyard',
  '-f',
  'deploy/local/helm-values.yaml',
  '--set',
  `s3.bucket=${platform.s3.bucket}`,
  '--set',
  `accountId=${accountId}`,
  '--wait',
  '--timeout',
  '3m',
  ...extra,
];

/** What a Brickyard pod's /readyz says of it (role, identity, ...), on its port named http. */
async function readinessOf(pod: V1Pod): Promise<{ role?: string; identity?: string }> {
  const port = pod.spec?.containers[0]?.ports?.find((p) => p.name === 'http')?.containerPort;
  const response = await fetch(`http://${pod.status?.podIP}:${port}/readyz`);
  return (await response.json()) as { role?: string; identity?: string };
}

const releasePods = async (): Promise<V1Pod[]> =>
  (await core.listNamespacedPod({ namespace: SYSTEM_NAMESPACE, labelSelector: INSTANCE })).items;

const isReady = (pod: V1Pod) =>
  pod.status?.phase === 'Running' &&
  pod.status.conditions?.some((condition) => condition.type === 'Ready' && condition.status === 'True');

const component = (pod: V1Pod) => pod.metadata?.labels?.['app.kubernetes.io/component'];

/** The installed API, reached on its pod's own address (no kube-proxy on the local platform). */
async function installedApiUrl(): Promise<string> {
  const pod = (await releasePods()).find((candidate) => component(candidate) === 'api' && isReady(candidate));
  if (!pod?.status?.podIP) throw new Error('no ready API pod');
  const port = pod.spec?.containers[0]?.ports?.find((p) => p.name === 'http')?.containerPort ?? 8080;
  return `http://${pod.status.podIP}:${port}`;
}

async function deploymentGenerations(): Promise<Record<string, number>> {
  const deployments = await apps.listNamespacedDeployment({
    namespace: SYSTEM_NAMESPACE,
    labelSelector: INSTANCE,
  });
  return Object.fromEntries(
    deployments.items.map((d) => [
      d.metadata?.labels?.['app.kubernetes.io/component'] ?? '',
      d.metadata?.generation ?? 0,
    ]),
  );
}

/** The shard's Workspaces, deleted while the installed operator can still release their finalizers. */
async function removeShardWorkspaces(): Promise<void> {
  const labelSelector = `${SHARD_LABEL}=${SHARD}`;
  const list = async () =>
    (
      (await customObjects.listClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'workspaces',
        labelSelector,
      })) as {
        items: WorkspaceResource[];
      }
    ).items;
  for (const workspace of await list()) {
    await customObjects
      .deleteClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'workspaces',
        name: workspace.metadata.name ?? '',
      })
      .catch(() => undefined);
  }
  await eventually(async () => ((await list()).length === 0 ? true : undefined), 90_000);
}

beforeAll(async () => {
  // A release left by an interrupted earlier run would make the install fail.
  if ((await helm('list', '--short')).split('\n').includes(RELEASE)) {
    await removeShardWorkspaces().catch(() => undefined);
    await helm('uninstall', RELEASE, '--wait');
  }
  await core.deleteNamespacedSecret({ name: S3_SECRET, namespace: SYSTEM_NAMESPACE }).catch(() => undefined);
  await core.createNamespacedSecret({
    namespace: SYSTEM_NAMESPACE,
    body: {
      metadata: { name: S3_SECRET },
      stringData: {
        AWS_ACCESS_KEY_ID: platform.s3.accessKeyId,
        AWS_SECRET_ACCESS_KEY: platform.s3.secretAccessKey,
      },
    },
  });
  const workspace: WorkspaceResource = {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: { name: workspaceResourceName(workspaceId), labels: { [SHARD_LABEL]: SHARD } },
    spec: { workspaceId, workspaceName: 'helm e2e' },
  };
  await customObjects.createClusterCustomObject({
    group: GROUP,
    version: VERSION,
    plural: 'workspaces',
    body: workspace,
  });
}, 60_000);

afterAll(async () => {
  // Only after a failure is anything left: the last test uninstalls.
  if ((await helm('list', '--short')).split('\n').includes(RELEASE)) {
    await removeShardWorkspaces().catch(() => undefined);
    await helm('uninstall', RELEASE, '--wait').catch(() => undefined);
  }
  await core.deleteNamespacedSecret({ name: S3_SECRET, namespace: SYSTEM_NAMESPACE }).catch(() => undefined);
}, 180_000);

describe('the Helm chart on the local platform', () => {
  let api: ReturnType<typeof clientFor>;
  let clusterId: string;

  it('installs, and every Brickyard pod runs and is ready under the instance agent', async () => {
    await helm('install', ...installArgs());
    const pods = await releasePods();
    expect(new Set(pods.map(component))).toEqual(new Set(['api', 'operator', 'scheduler']));
    expect(pods.filter((pod) => component(pod) === 'operator')).toHaveLength(2);
    for (const pod of pods) {
      expect(isReady(pod), `${pod.metadata?.name} is ${pod.status?.phase}`).toBe(true);
      expect(pod.spec?.nodeName).toMatch(/^brickyard-instance-/);
    }
    const base = await installedApiUrl();
    const call = clientFor(base, accountToken);
    api = (method, path, options = {}) =>
      call(method, path, {
        ...options,
        headers: { 'x-databricks-org-id': String(workspaceId), ...options.headers },
      });
  }, 240_000);

  it("provisions the shard's workspace and runs a cluster through the installed operator", async () => {
    const workspace = await eventually(async () => {
      const got = await api<{ workspace_status: string }>(
        'GET',
        `/api/2.0/accounts/${accountId}/workspaces/${workspaceId}`,
      );
      return got.body.workspace_status === 'RUNNING' ? got.body : undefined;
    }, 60_000);
    expect(workspace.workspace_status).toBe('RUNNING');
    const created = await api<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
      body: { cluster_name: 'helm-e2e', spark_version: '19.3.x-no-spark-scala2.13', num_workers: 1 },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    clusterId = created.body.cluster_id;
    await eventually(async () => {
      const got = await api<{ state: string }>('GET', '/api/2.1/clusters/get', {
        query: { cluster_id: clusterId },
      });
      return got.body.state === 'RUNNING' ? true : undefined;
    }, 90_000);
    // One of the installed operators leads the shard (the platform's operator never serves it).
    const lease = await coordination.readNamespacedLease({
      name: `brickyard-operator-${SHARD}`,
      namespace: SYSTEM_NAMESPACE,
    });
    const operators = (await releasePods()).filter((pod) => component(pod) === 'operator');
    const identities = await Promise.all(operators.map(async (pod) => (await readinessOf(pod)).identity));
    expect(identities).toContain(lease.spec?.holderIdentity);
    const clusterPods = await core.listNamespacedPod({ namespace: workspaceNamespace(workspaceId) });
    expect(clusterPods.items.filter(isReady)).toHaveLength(2);
  }, 150_000);

  it('runs a job to SUCCESS through the installed API and scheduler', async () => {
    const notebook = Buffer.from('# Databricks notebook source\nprint("hello from helm")\n').toString(
      'base64',
    );
    const imported = await api('POST', '/api/2.0/workspace/import', {
      body: {
        path: '/Shared/helm-e2e',
        format: 'SOURCE',
        language: 'PYTHON',
        content: notebook,
        overwrite: true,
      },
    });
    expect(imported.status, JSON.stringify(imported.body)).toBe(200);
    const job = await api<{ job_id: number }>('POST', '/api/2.2/jobs/create', {
      body: {
        name: 'helm-e2e',
        tasks: [
          {
            task_key: 'hello',
            existing_cluster_id: clusterId,
            notebook_task: { notebook_path: '/Shared/helm-e2e' },
          },
        ],
      },
    });
    expect(job.status, JSON.stringify(job.body)).toBe(200);
    const started = await api<{ run_id: number }>('POST', '/api/2.2/jobs/run-now', {
      body: { job_id: job.body.job_id },
    });
    expect(started.status).toBe(200);
    const finished = await eventually(async () => {
      const got = await api<{ state: { life_cycle_state: string; result_state?: string } }>(
        'GET',
        '/api/2.2/jobs/runs/get',
        {
          query: { run_id: started.body.run_id },
        },
      );
      return got.body.state.life_cycle_state === 'TERMINATED' ? got.body.state : undefined;
    }, 90_000);
    expect(finished.result_state).toBe('SUCCESS');
    // The installed scheduler ran it: the platform's scheduler does not serve this shard.
    const scheduler = (await releasePods()).find((pod) => component(pod) === 'scheduler');
    const port = scheduler?.spec?.containers[0]?.ports?.find((p) => p.name === 'http')?.containerPort;
    const metrics = await (await fetch(`http://${scheduler?.status?.podIP}:${port}/metrics`)).text();
    expect(metrics).toMatch(/^brickyard_scheduler_runs_finished_total\{result="SUCCESS"\} 1$/m);
  }, 150_000);

  it('rolls only the Deployment whose value changed on helm upgrade', async () => {
    const before = await deploymentGenerations();
    const apiPodsBefore = (await releasePods())
      .filter((pod) => component(pod) === 'api')
      .map((pod) => pod.metadata?.uid);
    await helm('upgrade', ...installArgs('--set', 'api.logLevel=debug'));
    const after = await deploymentGenerations();
    expect(after.api).toBe((before.api ?? 0) + 1);
    expect(after.operator).toBe(before.operator);
    expect(after.scheduler).toBe(before.scheduler);
    const apiPods = (await releasePods()).filter((pod) => component(pod) === 'api' && isReady(pod));
    expect(apiPods.length).toBeGreaterThan(0);
    expect(apiPods.some((pod) => apiPodsBefore.includes(pod.metadata?.uid))).toBe(false);
    const env = apiPods[0]?.spec?.containers[0]?.env?.find((variable) => variable.name === 'LOG_LEVEL');
    expect(env?.value).toBe('debug');
  }, 240_000);

  it('uninstalls, leaving no pods, Services or finalizers, and keeping the CRDs', async () => {
    api = clientFor(await installedApiUrl(), accountToken);
    const deleted = await api('DELETE', `/api/2.0/accounts/${accountId}/workspaces/${workspaceId}`);
    expect(deleted.status).toBe(200);
    await eventually(async () => {
      const workspaces = await customObjects.listClusterCustomObject({
        group: GROUP,
        version: VERSION,
        plural: 'workspaces',
        labelSelector: `${SHARD_LABEL}=${SHARD}`,
      });
      return (workspaces as { items: unknown[] }).items.length === 0 ? true : undefined;
    }, 90_000);
    await helm('uninstall', RELEASE, '--wait', '--timeout', '2m');
    await eventually(async () => ((await releasePods()).length === 0 ? true : undefined), 60_000);
    const services = await core.listNamespacedService({
      namespace: SYSTEM_NAMESPACE,
      labelSelector: INSTANCE,
    });
    expect(services.items).toEqual([]);
    const clusters = (await customObjects.listClusterCustomObject({
      group: GROUP,
      version: VERSION,
      plural: 'clusters',
    })) as {
      items: { metadata: { namespace?: string; finalizers?: string[] } }[];
    };
    expect(
      clusters.items.filter((cluster) => cluster.metadata.namespace === workspaceNamespace(workspaceId)),
    ).toEqual([]);
    const namespaces = await core.listNamespace();
    expect(namespaces.items.map((namespace) => namespace.metadata?.name)).not.toContain(
      workspaceNamespace(workspaceId),
    );
    const crds = await run(
      `${process.env.BRICKYARD_HOME ?? '.brickyard'}/bin/kubectl`,
      ['get', 'crd', '-o', 'name'],
      {
        env: { ...process.env, KUBECONFIG: platform.kubeconfig },
      },
    );
    expect(crds.stdout).toContain('clusters.brickyard.dev');
    expect(crds.stdout).toContain('workspaces.brickyard.dev');
  }, 240_000);
});
