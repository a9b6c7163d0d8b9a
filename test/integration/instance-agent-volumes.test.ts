import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadKubeConfig } from '@brickyard/common/kube';
import { CoreV1Api, type V1Container, type V1Pod, type V1Volume } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/free-port.js';
import { sourceEntry } from './support/source-entry.js';
import { waitFor } from './support/wait-for.js';

/**
 * Volumes under the instance agent, against the real apiserver and controller-manager: the agent
 * runs as a child process with Nodes of its own. A pod of three containers shares an emptyDir,
 * mounts a ConfigMap key by subPath, and reads the projected service account token that in-cluster
 * clients use (curl with the mounted CA, and @kubernetes/client-node's loadFromCluster) to ask the
 * apiserver who it is.
 */
const kubeConfig = loadKubeConfig(process.env.KUBECONFIG || undefined);
const core = kubeConfig.makeApiClient(CoreV1Api);
const repoRoot = resolve(import.meta.dirname, '../..');
const suffix = randomUUID().slice(0, 8);
const nodeNames = [`it-volumes-${suffix}-0`];
const namespace = `it-volumes-${suffix}`;
const workDir = mkdtempSync(join(tmpdir(), 'it-volumes-'));
const logDir = join(workDir, 'pod-logs');
const stateDir = join(workDir, 'state');
const configFile = join(workDir, 'instance-agent.yaml');
const agentLog = join(workDir, 'agent.log');
// Mount points are created on the host (one filesystem, own mount tables), so they are the test's.
const configPath = join(workDir, 'etc', 'app.yaml');
const sharedDir = join(workDir, 'shared');
const lateDir = join(workDir, 'late');
const liveDir = join(workDir, 'live');
const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

let agent: ChildProcess | undefined;

/** Waits for a condition of the agent's doing; a timeout points at the agent's log. */
function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 45_000): Promise<T> {
  return waitFor(what, probe, { timeoutMs, hint: `agent log: ${agentLog}` });
}

async function podWhere(name: string, test: (pod: V1Pod) => boolean): Promise<V1Pod> {
  return eventually(`pod ${name}`, async () => {
    const pod = await core.readNamespacedPod({ name, namespace });
    return test(pod) ? pod : undefined;
  });
}

const podLog = (pod: string, container: string): string =>
  readFileSync(join(logDir, `${namespace}_${pod}_${container}.log`), 'utf8');

/** The volume the ServiceAccount admission plugin adds to every pod (kube-api-access-*). */
const kubeApiAccess: V1Volume = {
  name: 'kube-api-access-it',
  projected: {
    defaultMode: 0o644,
    sources: [
      { serviceAccountToken: { path: 'token', expirationSeconds: 3607 } },
      { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
      { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
    ],
  },
};
const apiAccessMount = { name: kubeApiAccess.name, mountPath: SA_DIR, readOnly: true };

const READER = `
set -e
until [ -f ${sharedDir}/greeting ]; do sleep 0.1; done
echo "greeting=$(cat ${sharedDir}/greeting)"
echo "config=$(cat ${configPath})"
echo "namespace=$(cat ${SA_DIR}/namespace)"
touch ${SA_DIR}/x 2>/dev/null && echo token-dir=writable || echo token-dir=read-only
curl -sS --fail-with-body --cacert ${SA_DIR}/ca.crt -H "Authorization: Bearer $(cat ${SA_DIR}/token)" \\
  -H 'Content-Type: application/json' -X POST \\
  -d '{"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"}' \\
  "https://$KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT/apis/authentication.k8s.io/v1/selfsubjectreviews"
`;

const CLIENT = `
import { AuthenticationV1Api, KubeConfig } from '@kubernetes/client-node';
const kubeConfig = new KubeConfig();
kubeConfig.loadFromCluster();
const review = await kubeConfig.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
  body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
});
console.log('user=' + review.status.userInfo.username);
`;

function pinnedPod(name: string, volumes: V1Volume[], containers: V1Container[]): V1Pod {
  return {
    metadata: { name },
    spec: {
      restartPolicy: 'Never',
      serviceAccountName: 'it-reader',
      terminationGracePeriodSeconds: 5,
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: nodeNames }] },
            ],
          },
        },
      },
      volumes,
      containers,
    },
  };
}

describe('instance agent volumes', () => {
  beforeAll(async () => {
    const port = await freePort();
    writeFileSync(
      configFile,
      [
        `nodes: { count: 1, namePrefix: it-volumes-${suffix}-, capacity: { cpu: "4", memory: 8Gi, pods: "20" } }`,
        `podCidr: 127.${randomInt(64, 250)}.0.0/16`,
        `logDir: ${logDir}`,
        `stateDir: ${stateDir}`,
        'volumeResyncSeconds: 1',
        'restartBackoff: { initialSeconds: 1, maxSeconds: 2 }',
        'shutdownGraceSeconds: 5',
        '',
      ].join('\n'),
    );
    await core.createNamespace({ body: { metadata: { name: namespace } } });
    await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name: 'it-reader' } } });
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'app' }, data: { 'app.yaml': 'mode: fast', other: 'unused' } },
    });
    const log = openSync(agentLog, 'a');
    agent = spawn(
      process.execPath,
      [...sourceEntry('services/instance-agent/src/main.ts'), '--config', configFile],
      {
        cwd: repoRoot,
        env: { ...process.env, BRICKYARD_AGENT_PORT: String(port), LOG_LEVEL: 'debug' },
        stdio: ['ignore', log, log],
      },
    );
    await eventually('agent readiness', async () =>
      (await fetch(`http://127.0.0.1:${port}/readyz`)).ok ? true : undefined,
    );
  }, 90_000);

  afterAll(async () => {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
    await eventually('the test pods to be gone', async () => {
      const pods = await core.listNamespacedPod({ namespace });
      return pods.items.length === 0 ? true : undefined;
    }).catch(() => undefined);
    const child = agent;
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
    for (const name of nodeNames) await core.deleteNode({ name }).catch(() => undefined);
    // KEEP_AGENT_TEST_DIR=1 keeps the agent's log, the pod logs and the state dir.
    if (!process.env.KEEP_AGENT_TEST_DIR) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('mounts an emptyDir, a ConfigMap subPath and the service account token that authenticates as the SA', async () => {
    const shared = { name: 'shared', mountPath: sharedDir };
    await core.createNamespacedPod({
      namespace,
      body: pinnedPod(
        'reader',
        [kubeApiAccess, { name: 'config', configMap: { name: 'app' } }, { name: 'shared', emptyDir: {} }],
        [
          {
            name: 'writer',
            image: 'brickyard/shell',
            command: ['sh', '-c', `echo hello > ${sharedDir}/greeting`],
            volumeMounts: [shared],
          },
          {
            name: 'reader',
            image: 'brickyard/shell',
            command: ['sh', '-c', READER],
            volumeMounts: [
              shared,
              apiAccessMount,
              { name: 'config', mountPath: configPath, subPath: 'app.yaml' },
            ],
          },
          {
            name: 'client',
            image: 'brickyard/node',
            command: ['node', '--input-type=module', '-e', CLIENT],
            volumeMounts: [apiAccessMount],
          },
        ],
      ),
    });
    const pod = await podWhere('reader', (candidate) =>
      ['Succeeded', 'Failed'].includes(candidate.status?.phase ?? ''),
    );
    const user = `system:serviceaccount:${namespace}:it-reader`;
    const reader = podLog('reader', 'reader');
    expect(pod.status?.phase, `${reader}\n${podLog('reader', 'client')}`).toBe('Succeeded');
    expect(reader).toContain('greeting=hello\n');
    expect(reader).toContain('config=mode: fast\n');
    expect(reader).toContain(`namespace=${namespace}\n`);
    expect(reader).toContain('token-dir=read-only\n');
    expect(reader).toContain(`"username": "${user}"`);
    expect(podLog('reader', 'client')).toContain(`user=${user}`);
    // The volumes go with the finished pod.
    await eventually('the pod directory to be removed', async () =>
      existsSync(join(stateDir, 'pods', pod.metadata?.uid ?? '')) ? undefined : true,
    );
  });

  it('holds a pod whose ConfigMap is missing in ContainerCreating until it exists', async () => {
    await core.createNamespacedPod({
      namespace,
      body: pinnedPod(
        'late-config',
        [{ name: 'config', configMap: { name: 'late' } }],
        [
          {
            name: 'main',
            image: 'brickyard/shell',
            command: ['sh', '-c', `cat ${lateDir}/key`],
            volumeMounts: [{ name: 'config', mountPath: lateDir }],
          },
        ],
      ),
    });
    const waiting = await podWhere(
      'late-config',
      (pod) => pod.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating',
    );
    expect(waiting.status?.containerStatuses?.[0]?.state?.waiting?.message).toBe(
      'MountVolume.SetUp failed for volume "config" : configmap "late" not found',
    );
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'late' }, data: { key: 'v' } },
    });
    await podWhere('late-config', (pod) => pod.status?.phase === 'Succeeded');
    expect(podLog('late-config', 'main')).toBe('v');
  });

  it('brings ConfigMap changes into the volume of a running pod', async () => {
    await core.createNamespacedConfigMap({
      namespace,
      body: { metadata: { name: 'live' }, data: { key: 'old' } },
    });
    await core.createNamespacedPod({
      namespace,
      body: pinnedPod(
        'live-config',
        [{ name: 'config', configMap: { name: 'live' } }],
        [
          {
            name: 'main',
            image: 'brickyard/shell',
            command: [
              'sh',
              '-c',
              `until [ "$(cat ${liveDir}/key)" = new ]; do sleep 0.2; done; echo updated`,
            ],
            volumeMounts: [{ name: 'config', mountPath: liveDir }],
          },
        ],
      ),
    });
    await podWhere('live-config', (pod) => pod.status?.phase === 'Running');
    await core.replaceNamespacedConfigMap({
      name: 'live',
      namespace,
      body: { metadata: { name: 'live' }, data: { key: 'new' } },
    });
    await podWhere('live-config', (pod) => pod.status?.phase === 'Succeeded');
    expect(podLog('live-config', 'main')).toBe('updated\n');
  });
});
