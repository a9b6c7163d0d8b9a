import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import type { WorkspaceResource } from '@brickyard/common/crd';
import { isNotFound, kubeConfigWithToken, loadKubeConfig, mergePatch, timeMs } from '@brickyard/common/kube';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, workspaceStorageRoot } from '@brickyard/common/storage';
import {
  API_VERSION,
  Finalizers,
  GROUP,
  OPERATOR_NAME,
  SHARD_LABEL,
  SYSTEM_NAMESPACE,
  VERSION,
  workspaceNamespace,
  workspaceResourceName,
} from '@brickyard/common/vocabulary';
import {
  ApiextensionsV1Api,
  CoordinationV1Api,
  CoreV1Api,
  CustomObjectsApi,
  RbacAuthorizationV1Api,
} from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leaseName } from '../../operator/src/shard.js';
import { freePort } from './support/free-port.js';
import { sourceEntry } from './support/source-entry.js';

/**
 * The operator as it runs for real: two replicas as child processes, authenticated as the
 * brickyard-operator ServiceAccount (so deploy/rbac/operator.yaml is proven sufficient), against
 * the local apiserver and S3 store. They serve a shard of their own, so an operator already
 * running on the platform neither interferes nor is interfered with.
 */

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const env = readPlatformEnv();
const admin = loadKubeConfig(env.kubeconfig);
const customObjects = admin.makeApiClient(CustomObjectsApi);
const core = admin.makeApiClient(CoreV1Api);
const s3 = createS3Client(env.s3);
const shard = `it-${randomUUID().slice(0, 8)}`;
const lease = leaseName(shard);
const workspaceType = { group: GROUP, version: VERSION, plural: 'workspaces' };
const createdWorkspaces: { name: string; workspaceId: number }[] = [];
let scratch = '';
let operatorKubeconfig = '';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const run = promisify(execFile);

async function waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

interface ReadyBody {
  ready: boolean;
  role: 'candidate' | 'leader' | 'standby';
  identity: string;
}

class OperatorProcess {
  readonly output: string[] = [];
  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => this.output.push(...chunk.toString().split('\n').filter(Boolean));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
  }

  static async start(): Promise<OperatorProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, sourceEntry('operator/src/main.ts'), {
      cwd: repoRoot,
      env: {
        ...process.env,
        KUBECONFIG: operatorKubeconfig,
        BRICKYARD_OPERATOR_SHARD: shard,
        BRICKYARD_OPERATOR_PORT: String(port),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    return new OperatorProcess(child, port);
  }

  async readyz(): Promise<ReadyBody | undefined> {
    const response = await fetch(`http://127.0.0.1:${this.port}/readyz`).catch(() => undefined);
    return response ? ((await response.json()) as ReadyBody) : undefined;
  }

  async waitForRole(role: ReadyBody['role'], timeoutMs = 20_000): Promise<ReadyBody> {
    try {
      return await waitFor(`an operator that is a ready ${role}`, timeoutMs, async () => {
        const body = await this.readyz();
        return body?.ready && body.role === role ? body : undefined;
      });
    } catch (error) {
      throw new Error(`${(error as Error).message}; its log ends:\n${this.output.slice(-15).join('\n')}`);
    }
  }

  async reconciles(): Promise<number> {
    const text = await (await fetch(`http://127.0.0.1:${this.port}/metrics`)).text();
    const samples = text.split('\n').filter((line) => line.startsWith('brickyard_operator_reconcile_total{'));
    return samples.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
  }

  async stop(signal: NodeJS.Signals): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill(signal);
    await exited;
  }
}

/** A random 15-digit id (randomInt spans at most 2^48, so the leading digit is drawn apart). */
function newWorkspaceId(): number {
  return randomInt(1, 10) * 1e14 + randomInt(0, 1e14);
}

async function createWorkspace(
  workspaceId: number,
  options: { limits?: WorkspaceResource['spec']['limits']; name?: string } = {},
): Promise<string> {
  const name = options.name ?? workspaceResourceName(workspaceId);
  createdWorkspaces.push({ name, workspaceId });
  const body: WorkspaceResource = {
    apiVersion: API_VERSION,
    kind: 'Workspace',
    metadata: { name, labels: { [SHARD_LABEL]: shard } },
    spec: {
      workspaceId,
      workspaceName: `it ${workspaceId}`,
      ...(options.limits ? { limits: options.limits } : {}),
    },
  };
  await customObjects.createClusterCustomObject({ ...workspaceType, body });
  return name;
}

async function readWorkspace(name: string): Promise<WorkspaceResource | undefined> {
  try {
    return (await customObjects.getClusterCustomObject({ ...workspaceType, name })) as WorkspaceResource;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

async function waitForRunning(name: string): Promise<WorkspaceResource> {
  return waitFor(`workspace ${name} to be RUNNING`, 30_000, async () => {
    const workspace = await readWorkspace(name);
    return workspace?.status?.workspaceStatus === 'RUNNING' ? workspace : undefined;
  });
}

async function namespaceExists(name: string): Promise<boolean> {
  return core.readNamespace({ name }).then(
    () => true,
    (error: unknown) => {
      if (isNotFound(error)) return false;
      throw error;
    },
  );
}

async function storageKeys(workspaceId: number): Promise<string[]> {
  const listed = await s3.send(
    new ListObjectsV2Command({ Bucket: env.s3.bucket, Prefix: workspaceStorageRoot(workspaceId) }),
  );
  return (listed.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
}

async function deleteAndWaitUntilGone(name: string): Promise<void> {
  await customObjects.deleteClusterCustomObject({ ...workspaceType, name });
  await waitFor(`workspace ${name} to be gone`, 45_000, async () =>
    (await readWorkspace(name)) ? undefined : true,
  );
}

/** The Workspace CRD, applied from crds/ unless the platform has it already. */
async function ensureWorkspaceCrd(): Promise<void> {
  const crds = admin.makeApiClient(ApiextensionsV1Api);
  const name = `workspaces.${GROUP}`;
  const present = await crds.readCustomResourceDefinition({ name }).then(
    () => true,
    () => false,
  );
  if (!present) await run('kubectl', ['apply', '-f', join(repoRoot, 'crds')]);
  await waitFor('the Workspace CRD to be established', 30_000, async () => {
    const crd = await crds.readCustomResourceDefinition({ name });
    return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
      ? true
      : undefined;
  });
}

/** Leaves nothing behind, whether or not the tests (and the operators) got that far. */
async function removeLeftovers(): Promise<void> {
  for (const { name, workspaceId } of createdWorkspaces) {
    const workspace = await readWorkspace(name);
    if (workspace) {
      await customObjects.patchClusterCustomObject(
        { ...workspaceType, name, body: { metadata: { finalizers: null } } },
        mergePatch,
      );
      await customObjects.deleteClusterCustomObject({ ...workspaceType, name }).catch(() => undefined);
    }
    await core.deleteNamespace({ name: workspaceNamespace(workspaceId) }).catch(() => undefined);
    for (const Key of await storageKeys(workspaceId)) {
      await s3.send(new DeleteObjectCommand({ Bucket: env.s3.bucket, Key }));
    }
    await core.deleteCollectionNamespacedEvent({
      namespace: 'default',
      fieldSelector: `involvedObject.name=${name}`,
    });
  }
}

const operators: OperatorProcess[] = [];

beforeAll(async () => {
  await ensureWorkspaceCrd();
  await run('kubectl', ['apply', '-f', join(repoRoot, 'deploy/rbac/operator.yaml')]);
  const tokenRequest = await core.createNamespacedServiceAccountToken({
    name: OPERATOR_NAME,
    namespace: SYSTEM_NAMESPACE,
    body: { spec: { audiences: [], expirationSeconds: 3600 } },
  });
  const token = tokenRequest.status?.token;
  if (!token) throw new Error('the TokenRequest returned no token');
  scratch = await mkdtemp(join(tmpdir(), 'brickyard-operator-it-'));
  operatorKubeconfig = join(scratch, 'kubeconfig');
  await writeFile(operatorKubeconfig, kubeConfigWithToken(admin, token, OPERATOR_NAME).exportConfig(), {
    mode: 0o600,
  });
  operators.push(await OperatorProcess.start());
  await operators[0]?.waitForRole('leader');
  operators.push(await OperatorProcess.start());
  await operators[1]?.waitForRole('standby');
}, 90_000);

afterAll(async () => {
  await Promise.all(operators.map((operator) => operator.stop('SIGTERM')));
  await removeLeftovers();
  await admin
    .makeApiClient(CoordinationV1Api)
    .deleteNamespacedLease({ name: lease, namespace: SYSTEM_NAMESPACE })
    .catch(() => undefined);
  if (scratch) await rm(scratch, { recursive: true, force: true });
  s3.destroy();
}, 90_000);

describe('the workspace operator', () => {
  const workspaceId = newWorkspaceId();
  const namespace = workspaceNamespace(workspaceId);

  it('provisions a namespace, quota, runtime access and a storage root, then reports RUNNING', async () => {
    const name = await createWorkspace(workspaceId, {
      limits: { maxClusters: 3, maxCores: 8, maxMemoryMb: 3072 },
    });
    const workspace = await waitForRunning(name);

    expect(workspace.metadata.finalizers).toContain(Finalizers.workspace);
    expect(workspace.status).toMatchObject({
      namespace,
      storageRoot: `s3://${env.s3.bucket}/workspaces/${workspaceId}/`,
      observedGeneration: 1,
    });
    expect(workspace.status?.creationTime).toBeGreaterThan(0);
    const conditions = Object.fromEntries(
      (workspace.status?.conditions ?? []).map((c) => [c.type, c.status]),
    );
    expect(conditions).toEqual({ Ready: 'True', NamespaceReady: 'True', StorageReady: 'True' });

    const created = await core.readNamespace({ name: namespace });
    expect(created.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'brickyard',
      'brickyard.dev/workspace-id': String(workspaceId),
    });
    expect(created.metadata?.ownerReferences).toEqual([
      expect.objectContaining({ kind: 'Workspace', name, uid: workspace.metadata.uid, controller: true }),
    ]);
    const quota = await core.readNamespacedResourceQuota({ name: 'workspace-limits', namespace });
    expect(quota.spec?.hard).toEqual({
      'requests.cpu': '8',
      'requests.memory': '3Gi',
    });
    await core.readNamespacedServiceAccount({ name: 'brickyard-runtime', namespace });
    const rbac = admin.makeApiClient(RbacAuthorizationV1Api);
    const role = await rbac.readNamespacedRole({ name: 'brickyard-runtime', namespace });
    expect(role.rules?.map((rule) => [rule.resources, rule.verbs])).toEqual([
      [
        ['pods', 'configmaps'],
        ['get', 'list', 'watch'],
      ],
    ]);
    const binding = await rbac.readNamespacedRoleBinding({ name: 'brickyard-runtime', namespace });
    expect(binding.subjects).toEqual([
      expect.objectContaining({ kind: 'ServiceAccount', name: 'brickyard-runtime', namespace }),
    ]);
    await s3.send(
      new HeadObjectCommand({ Bucket: env.s3.bucket, Key: `workspaces/${workspaceId}/.brickyard-workspace` }),
    );

    const events = await core.listNamespacedEvent({
      namespace: 'default',
      fieldSelector: `involvedObject.name=${name}`,
    });
    expect(events.items.map((event) => event.reason)).toEqual(
      expect.arrayContaining(['CreatedNamespace', 'CreatedStorageRoot', 'WorkspaceRunning']),
    );
    expect(events.items.every((event) => event.reportingComponent === OPERATOR_NAME)).toBe(true);
    expect(await operators[1]?.reconciles()).toBe(0);
  });

  it('fails a second Workspace with the same id, and deleting it leaves the first one alone', async () => {
    const duplicate = await createWorkspace(workspaceId, {
      name: `${workspaceResourceName(workspaceId)}-again`,
    });
    const failed = await waitFor(`workspace ${duplicate} to be FAILED`, 30_000, async () => {
      const workspace = await readWorkspace(duplicate);
      return workspace?.status?.workspaceStatus === 'FAILED' ? workspace : undefined;
    });
    expect(failed.status?.workspaceStatusMessage).toContain(`Namespace ${namespace} already exists`);
    expect(failed.status?.conditions).toContainEqual(
      expect.objectContaining({ type: 'NamespaceReady', status: 'False', reason: 'NamespaceConflict' }),
    );

    await deleteAndWaitUntilGone(duplicate);

    expect(await namespaceExists(namespace)).toBe(true);
    expect(await storageKeys(workspaceId)).toContain(
      `${workspaceStorageRoot(workspaceId)}.brickyard-workspace`,
    );
  });

  it('deletes the namespace and every object of the storage root before releasing the finalizer', async () => {
    const Key = `${workspaceStorageRoot(workspaceId)}dbfs/FileStore/data.csv`;
    await s3.send(new PutObjectCommand({ Bucket: env.s3.bucket, Key, Body: 'a,b\n1,2\n' }));

    await deleteAndWaitUntilGone(workspaceResourceName(workspaceId));

    expect(await namespaceExists(namespace)).toBe(false);
    expect(await storageKeys(workspaceId)).toEqual([]);
  });

  it('fails over to the standby within the lease duration when the leader dies', async () => {
    const [leader, standby] = operators;
    if (!leader || !standby) throw new Error('both operators should be running');
    const coordination = admin.makeApiClient(CoordinationV1Api);
    const leaderIdentity = (await leader.readyz())?.identity;

    await leader.stop('SIGKILL');
    const killedAt = Date.now();
    const orphaned = await coordination.readNamespacedLease({ name: lease, namespace: SYSTEM_NAMESPACE });
    expect(orphaned.spec?.holderIdentity).toBe(leaderIdentity);
    const lastRenewal = timeMs(orphaned.spec?.renewTime) ?? 0;
    const promoted = await standby.waitForRole('leader', 20_000);

    const taken = await coordination.readNamespacedLease({ name: lease, namespace: SYSTEM_NAMESPACE });
    expect(taken.spec?.holderIdentity).toBe(promoted.identity);
    expect(taken.spec?.leaseTransitions).toBe((orphaned.spec?.leaseTransitions ?? 0) + 1);
    // The dead leader's lease was honoured to its end (15 s after its last renewal, which came
    // before its death), and taken over right then: within 15 s of the death, give or take the
    // few milliseconds of one Lease update.
    const takenOverAt = timeMs(taken.spec?.acquireTime) ?? Number.POSITIVE_INFINITY;
    expect(takenOverAt).toBeGreaterThanOrEqual(lastRenewal + 15_000);
    expect(takenOverAt - killedAt).toBeLessThanOrEqual(15_250);

    // The new leader reconciles, here adopting a namespace made by hand ahead of the Workspace.
    const next = newWorkspaceId();
    await core.createNamespace({ body: { metadata: { name: workspaceNamespace(next) } } });
    const name = await createWorkspace(next);
    const workspace = await waitForRunning(name);
    const adopted = await core.readNamespace({ name: workspaceNamespace(next) });
    expect(adopted.metadata?.ownerReferences?.map((owner) => owner.uid)).toEqual([workspace.metadata.uid]);
    await deleteAndWaitUntilGone(name);
    expect(await namespaceExists(workspaceNamespace(next))).toBe(false);
  }, 90_000);
});
