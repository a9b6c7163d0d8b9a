/**
 * A cluster operator of its own for the cluster integration test and benchmark: operator/main.ts
 * as a child process, authenticated as the brickyard-operator ServiceAccount (so
 * deploy/rbac/operator.yaml is proven sufficient) and serving a shard of its own, with a Workspace
 * in that shard. The platform's operator ignores the shard; this one ignores everything else.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ClusterResource, WorkspaceResource } from '@brickyard/common/crd';
import { isNotFound, kubeConfigWithToken, mergePatch } from '@brickyard/common/kube';
import {
  API_VERSION,
  GROUP,
  Labels,
  OPERATOR_NAME,
  SHARD_LABEL,
  SYSTEM_NAMESPACE,
  VERSION,
  workspaceNamespace,
  workspaceResourceName,
} from '@brickyard/common/vocabulary';
import {
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1Pod,
} from '@kubernetes/client-node';
import { ClusterType } from '../../operator/src/cluster/cluster-type.js';
import { leaseName } from '../../operator/src/shard.js';
import { freePort } from '../../test/integration/support/free-port.js';
import { sourceEntry } from '../../test/integration/support/source-entry.js';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
const workspaceType = { group: GROUP, version: VERSION, plural: 'workspaces' };

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` every `intervalMs` until it returns something other than undefined. */
export async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | undefined>,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    const value = await probe().catch((error: unknown) => {
      lastError = error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) {
      const cause = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${cause}`);
    }
    await sleep(intervalMs);
  }
}

/** A kubeconfig of the operator's ServiceAccount (after applying its RBAC), in a scratch directory. */
export async function operatorKubeconfig(
  admin: KubeConfig,
): Promise<{ path: string; remove: () => Promise<void> }> {
  await run('kubectl', ['apply', '-f', join(repoRoot, 'deploy/rbac/operator.yaml')]);
  const core = admin.makeApiClient(CoreV1Api);
  const tokenRequest = await core.createNamespacedServiceAccountToken({
    name: OPERATOR_NAME,
    namespace: SYSTEM_NAMESPACE,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = tokenRequest.status?.token;
  if (!token) throw new Error('the TokenRequest returned no token');
  const scratch = await mkdtemp(join(tmpdir(), 'brickyard-cluster-operator-'));
  const path = join(scratch, 'kubeconfig');
  await writeFile(path, kubeConfigWithToken(admin, token, OPERATOR_NAME).exportConfig(), { mode: 0o600 });
  return { path, remove: () => rm(scratch, { recursive: true, force: true }) };
}

export interface OperatorProcessOptions {
  kubeconfig: string;
  shard: string;
  /** Settings of the cluster controller (BRICKYARD_RUNTIME_IMAGE, timings...). */
  env: Record<string, string>;
  /**
   * Run operator/dist/main.js (as the platform does; build it first) instead of the sources
   * through tsx, whose compiler inflates the memory of the process.
   */
  compiled?: boolean;
}

export const COMPILED_OPERATOR = join(repoRoot, 'operator/dist/main.js');

export class OperatorProcess {
  readonly output: string[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString().split('\n').filter(Boolean));
      if (this.output.length > 5_000) this.output.splice(0, 1_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(options: OperatorProcessOptions): Promise<OperatorProcess> {
    const port = await freePort();
    const entry = options.compiled ? [COMPILED_OPERATOR] : sourceEntry('operator/src/main.ts');
    const child = spawn(process.execPath, entry, {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...options.env,
        KUBECONFIG: options.kubeconfig,
        BRICKYARD_OPERATOR_SHARD: options.shard,
        BRICKYARD_OPERATOR_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new OperatorProcess(child, port);
  }

  /** Resolves once it leads its shard and its controllers have synced. */
  async waitUntilLeading(timeoutMs = 30_000): Promise<void> {
    try {
      await waitFor('the operator to lead', timeoutMs, async () => {
        const response = await fetch(`http://127.0.0.1:${this.port}/readyz`);
        const body = (await response.json()) as { ready: boolean; role: string };
        return body.ready && body.role === 'leader' ? true : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; its log ends:\n${this.output.slice(-15).join('\n')}`);
    }
  }

  /** brickyard_operator_process_resident_memory_bytes from its /metrics. */
  async residentBytes(): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const line = text
      .split('\n')
      .find((row) => row.startsWith('brickyard_operator_process_resident_memory_bytes '));
    return Number(line?.split(' ')[1] ?? Number.NaN);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

/** Forgets the shard's leader Lease, so that a new operator leads at once (after a SIGKILL). */
export async function releaseLease(admin: KubeConfig, shard: string): Promise<void> {
  await admin
    .makeApiClient(CoordinationV1Api)
    .deleteNamespacedLease({ name: leaseName(shard), namespace: SYSTEM_NAMESPACE })
    .catch(() => undefined);
}

/** Resolves once every named Cluster of the namespace reports `state`. */
export async function waitForClusterStates(
  admin: KubeConfig,
  namespace: string,
  names: readonly string[],
  state: string,
  timeoutMs = 60_000,
): Promise<void> {
  await waitFor(
    `every cluster to be ${state}`,
    timeoutMs,
    async () => {
      const states = await Promise.all(
        names.map(async (name) => (await readCluster(admin, namespace, name))?.status?.state),
      );
      return states.every((reported) => reported === state) ? true : undefined;
    },
    200,
  );
}

/** A random 15-digit workspace id. */
export function newWorkspaceId(): number {
  return randomInt(1, 10) * 1e14 + randomInt(0, 1e14);
}

/** A Workspace in the shard; resolves with its namespace once the operator reports it RUNNING. */
export async function createShardWorkspace(
  admin: KubeConfig,
  shard: string,
  workspaceId: number,
): Promise<string> {
  const customObjects = admin.makeApiClient(CustomObjectsApi);
  const body: WorkspaceResource = {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: { name: workspaceResourceName(workspaceId), labels: { [SHARD_LABEL]: shard } },
    spec: { workspaceId, workspaceName: `cluster-${shard}` },
  };
  await customObjects.createClusterCustomObject({ ...workspaceType, body });
  await waitFor('the workspace to be RUNNING', 60_000, async () => {
    const workspace = (await customObjects.getClusterCustomObject({
      ...workspaceType,
      name: workspaceResourceName(workspaceId),
    })) as WorkspaceResource;
    return workspace.status?.workspaceStatus === 'RUNNING' ? true : undefined;
  });
  return workspaceNamespace(workspaceId);
}

/**
 * Removes a workspace and everything in it whatever state it is in: finalizers of its Clusters
 * and of itself are dropped, then the namespace and the Workspace are deleted.
 */
export async function removeWorkspace(admin: KubeConfig, workspaceId: number): Promise<void> {
  const customObjects = admin.makeApiClient(CustomObjectsApi);
  const core = admin.makeApiClient(CoreV1Api);
  const namespace = workspaceNamespace(workspaceId);
  const listed = (await customObjects
    .listNamespacedCustomObject({ ...ClusterType, namespace })
    .catch(() => ({ items: [] }))) as { items: ClusterResource[] };
  for (const cluster of listed.items) {
    await customObjects
      .patchNamespacedCustomObject(
        {
          ...ClusterType,
          namespace,
          name: cluster.metadata.name ?? '',
          body: { metadata: { finalizers: null } },
        },
        mergePatch,
      )
      .catch(() => undefined);
  }
  const name = workspaceResourceName(workspaceId);
  await customObjects
    .patchClusterCustomObject(
      { ...workspaceType, name, body: { metadata: { finalizers: null } } },
      mergePatch,
    )
    .catch(() => undefined);
  await customObjects.deleteClusterCustomObject({ ...workspaceType, name }).catch(() => undefined);
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
}

/** Reads a Cluster; undefined once it is gone. */
export async function readCluster(
  admin: KubeConfig,
  namespace: string,
  name: string,
): Promise<ClusterResource | undefined> {
  try {
    return (await admin
      .makeApiClient(CustomObjectsApi)
      .getNamespacedCustomObject({ ...ClusterType, namespace, name })) as ClusterResource;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** The pods the operator made for a cluster. */
export async function clusterPods(admin: KubeConfig, namespace: string, clusterId: string): Promise<V1Pod[]> {
  const listed = await admin
    .makeApiClient(CoreV1Api)
    .listNamespacedPod({ namespace, labelSelector: `${Labels.clusterId}=${clusterId}` });
  return listed.items;
}

export function isReady(pod: V1Pod): boolean {
  return (
    pod.status?.phase === 'Running' &&
    (pod.status.conditions ?? []).some(
      (condition) => condition.type === 'Ready' && condition.status === 'True',
    )
  );
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
